"""struct (compiler/stdlib/struct.py) against CPython's: generated formats (every supported code,
byte order, count, alignment, bad characters) and values (limits of each size, wrong types,
floats that round or overflow as singles) through calcsize, pack and unpack_from; struct_calls.py
checks the calls a program writes (``import struct``), constant formats rewritten at compile time."""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python, trap_name  # noqa: E402

PROGRAM = Path(__file__).with_name("struct_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
CODES = "xcbB?hHiIlLqQfdse"
INT64 = (-(1 << 63), (1 << 63) - 1)
ITEM = st.tuples(st.sampled_from(["", "", "", "0", "1", "2", "3", "10"]), st.sampled_from(CODES))
FORMATS = st.tuples(st.sampled_from(["", "@", "=", "<", ">", "!"]), st.lists(ITEM, max_size=6),
                    st.sampled_from(["", "", "", "", " ", "z", "3", "<", "\x00", " 2", "e"])).map(
    lambda t: t[0] + "".join(count + code for count, code in t[1]) + t[2])
LIMITS = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
          2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, *INT64]
INTS = st.sampled_from(LIMITS) | st.integers(*INT64)
FLOATS = st.floats() | st.sampled_from([3.4028235677973366e38, 3.4028235e38, 3.4028236e38, 1e-45, 7e-46,
                                        7.006492321624086e-46, 1.1754942e-38, -0.0, 0.1, 1 / 3, 65504.0, 65519.99,
                                        65520.0, 2 ** -24, 2 ** -25, 3 * 2 ** -26, 2 ** -14 - 2 ** -25, 6.1e-5])
VALUE = st.one_of(INTS.map(lambda n: ("int", n)), FLOATS.map(lambda x: ("float", x)),
                  st.binary(max_size=5).map(lambda b: ("bytes", b)),
                  st.sampled_from([("other", 2), ("other", 3), ("other", 4), ("other", 5)]))


class Sides:
    def __init__(self):
        store, instance = compiled(PROGRAM).instance()
        self.store, self.exports = store, instance.exports(store)
        module = load_python(PROGRAM)
        module.calcsize, module.error = struct.calcsize, struct.error
        module.pack_values = lambda fmt, values: struct.pack(fmt, *values)
        module.unpacked_text = unpacked_text
        self.module = module

    def wasm(self, fmt: str, values: list, op: int, data: bytes, offset: int) -> str:
        call = self.exports
        self.write(fmt.encode())
        call["set_format"](self.store)
        for kind, value in values:
            if kind == "int":
                call["add_int"](self.store, value)
            elif kind == "float":
                call["add_float"](self.store, value)
            elif kind == "bytes":
                self.write(value)
                call["add_other"](self.store, 1)
            else:
                call["add_other"](self.store, value)
        self.write(data)
        try:
            call["run"](self.store, op, offset)
        except wasmtime.Trap as trap:
            return "trap " + trap_name(trap)
        start = call["out_ptr"](self.store)
        return call["memory"].read(self.store, start, start + call["out_len"](self.store)).decode()

    def write(self, data: bytes) -> None:
        start = self.exports["input_buffer"](self.store, len(data))
        if data:  # wasmtime refuses even an empty write at the memory's end, where an empty buffer may be
            self.exports["memory"].write(self.store, data, start)

    def cpython(self, fmt: str, values: list, op: int, data: bytes, offset: int) -> str:
        others = {1: None, 2: True, 3: False, 4: None, 5: "s"}
        self.module.FORMAT = fmt
        self.module.VALUES = [v if k != "other" else others[v] for k, v in values]
        self.module.INPUT = data
        try:
            self.module.run(op, offset)
        except NotImplementedError:
            return "trap NotImplementedError"
        return self.module.OUT.decode()


def unpacked_text(fmt: str, buffer: bytes, offset: int) -> str:
    values = struct.unpack_from(fmt, buffer, offset)
    if any(type(v) is int and not INT64[0] <= v <= INT64[1] for v in values):
        raise OverflowError("beyond int64")  # the subset's ints; ours raises it too
    texts = [str(v) for v in values if type(v) is int] + ["|"] + [str(v) for v in values if type(v) is float]
    texts += ["|"] + [str(v) for v in values if type(v) is bool] + ["|"] + [v.hex() for v in values if type(v) is bytes]
    return " ".join(texts)


@pytest.fixture(scope="module")
def sides():
    return Sides()


def same(sides, fmt, values, op, data=b"", offset=0):
    wasm, cpython = sides.wasm(fmt, values, op, data, offset), sides.cpython(fmt, values, op, data, offset)
    if op == 2 and wasm.startswith("OverflowError"):
        wasm = wasm[:13]  # beyond int64: only the class is ours to match
    if op == 2 and cpython.startswith("OverflowError"):
        cpython = cpython[:13]
    assert wasm == cpython, (fmt, values, data, offset)


@SETTINGS
@given(fmt=FORMATS)
@example(fmt="99999999999999999999i")
@example(fmt="@bq0i")
def test_calcsize(sides, fmt):
    same(sides, fmt, [], 0)


def values_for(fmt: str):
    """Values of the right kinds for ``fmt`` (when CPython parses it), else any, one sometimes wrong."""
    try:
        count = len(struct.unpack(fmt, bytes(struct.calcsize(fmt))))
    except (struct.error, ValueError):
        return st.lists(VALUE, max_size=3)
    return st.lists(VALUE, min_size=count, max_size=count) | st.lists(VALUE, max_size=count + 1)


@SETTINGS
@given(data=st.data(), fmt=FORMATS)
def test_pack(sides, data, fmt):
    same(sides, fmt, data.draw(values_for(fmt)), 1)


@SETTINGS
@given(fmt=FORMATS, data=st.binary(max_size=40), offset=st.integers(-45, 45))
def test_unpack_from(sides, fmt, data, offset):
    same(sides, fmt, [], 2, data, offset)


@pytest.mark.parametrize("fmt,values", [
    ("<f", [("float", 3.4028235677973366e38)]), ("<f", [("float", 3.4028236e38)]), ("f", [("float", 1e300)]),
    ("<f", [("float", float("nan"))]), (">f", [("float", -float("inf"))]), ("!f", [("float", 7.006492321624087e-46)]),
    ("<d", [("int", -5)]), ("<f", [("other", 2)]), ("?", [("bytes", b"")]), ("?", [("other", 5)]),
    ("3s", [("bytes", b"abcdef")]), ("5s", [("bytes", b"ab")]), ("c", [("bytes", b"ab")]), ("c", [("bytes", b"a")]),
    (">Q", [("int", -1)]), ("<Q", [("int", -1)]), ("@L", [("int", -1)]), ("@l", [("int", INT64[0])]),
    ("bhilqBHILQ", [("int", 1)] * 10), ("@bq0i", [("int", 1), ("int", 2)]), ("i", [("float", 1.0)]),
    ("<e", [("float", 65520.0)]), (">e", [("float", -65504.0)]), ("@be", [("int", 1), ("float", float("nan"))]),
    ("!e", [("float", -float("nan"))]), ("<e", [("float", 2 ** -25)]), ("<e", [("float", 3 * 2 ** -26)]),
    ("<e", [("float", 1e300)]), ("e", [("float", -float("inf"))]), ("<3e", [("int", 7), ("other", 2), ("float", 0.1)]),
])
def test_pack_examples(sides, fmt, values):
    same(sides, fmt, values, 1)


CALLS = Path(__file__).with_name("struct_calls.py")


@pytest.fixture(scope="module")
def calls():
    store, instance = compiled(CALLS).instance()
    exports = instance.exports(store)
    module = load_python(CALLS)

    def both(name: str, *args) -> tuple[str, str]:
        try:
            exports[name](store, *args)
            start = exports["out_ptr"](store)
            wasm = exports["memory"].read(store, start, start + exports["out_len"](store)).decode()
        except wasmtime.Trap as trap:
            wasm = "trap " + trap_name(trap)
        getattr(module, name)(*args)
        return wasm, module.OUT.decode()
    return both


@SETTINGS
@given(version=st.integers(-1, 256), length=st.integers(-1, 1 << 20) | st.sampled_from([65535, 65536, 1 << 31]),
       ratio=FLOATS)
def test_program_calls(calls, version, length, ratio):
    wasm, cpython = calls("run", version, length, ratio)
    assert wasm == cpython


def test_program_errors(calls):
    for size in (0, 3, 4, 5):
        wasm, cpython = calls("short_buffer", size)
        assert wasm == cpython
    assert calls("short_buffer", 3)[0] == "struct.error: unpack requires a buffer of 4 bytes"
    assert calls("bad_count") == ("struct.error: pack expected 2 items for packing (got 1)",) * 2
