"""uuid (compiler/stdlib/uuid.py) against CPython's: UUID(hex) parsing (valid and invalid, int()'s
full syntax), its properties, str, ordering, uuid3/uuid5 on generated text; uuid4 by its form, its
version and variant bits and uniqueness (random on both sides), with random_get from the host."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import _ENGINE, compiled, load_python  # noqa: E402

PROGRAM = Path(__file__).with_name("uuid_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES * 2, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
HEX = "0123456789abcdefABCDEF"
ODD = ["-", "{", "}", "urn:", "uuid:", "_", "__", "+", "0x", "0X", " ", "\t", "\x1c", "\xa0", "\u2003", "\u0663",
       "\U0001d7d8", "\u0e59", "g", "é", "\x00", "'", "\\", "\u00b2"]
TEXT = st.lists(st.sampled_from(list(HEX)) | st.sampled_from(ODD), min_size=28, max_size=36).map("".join)
CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def with_random_get(program: Path):
    """An instance of the compiled ``program`` whose WASI random_get is os.urandom (as Envoy's
    RAND_bytes); ``state["calls"]`` counts the calls."""
    store = wasmtime.Store(_ENGINE)
    linker = wasmtime.Linker(store.engine)
    state = {"calls": 0}

    def random_get(buf: int, size: int) -> int:
        state["memory"].write(store, os.urandom(size), buf)
        state["calls"] += 1
        return 0
    i32 = wasmtime.ValType.i32()
    linker.define_func("wasi_snapshot_preview1", "random_get", wasmtime.FuncType([i32, i32], [i32]), random_get)
    exports = linker.instantiate(store, compiled(program).module).exports(store)
    state["memory"] = exports["memory"]
    return store, exports, state


def read_out(store, exports) -> str:
    start = exports["out_ptr"](store)
    return exports["memory"].read(store, start, start + exports["out_len"](store)).decode()


@pytest.fixture(scope="module")
def sides():
    store, exports, state = with_random_get(PROGRAM)

    def wasm(op: int, text: str) -> str:
        data = text.encode()
        exports["memory"].write(store, data, exports["input_buffer"](store, len(data)))
        exports["run"](store, op)
        return read_out(store, exports)
    module = load_python(PROGRAM)

    def cpython(op: int, text: str) -> str:
        module.INPUT = text.encode()
        module.run(op)
        return module.OUT.decode()
    return wasm, cpython, state


VALID = ["123E4567-E89B-12D3-A456-426614174000", "{12345678-1234-5678-1234-567812345678}",
         "urn:uuid:12345678-1234-5678-1234-567812345678", "0x" + "f" * 30, "+" + "0" * 31, " " + "a" * 30 + "\n",
         "0x_" + "1_2" * 9 + "3", "\u0663" * 32, "\U0001d7d8" * 32, "\xa0" + "1" * 31, "00000000-0000-0000-c000-000000000000",
         "00000000-0000-0000-e000-000000000000", "00000000-0000-5000-4000-000000000000"]
INVALID = ["", "123", "g" * 32, "1__2" + "0" * 28, "_" + "1" * 31, "1" * 31 + "_", "0x_" + "_" * 29, "\x1c" + "1" * 31,
           "+-" + "1" * 30, "é" * 32, "\u00b2" * 32, "'\\" * 16, "\x00" * 32, "\U000e0000" * 32, "0x" + " " * 30]


@pytest.mark.parametrize("text", VALID + INVALID)
def test_examples(sides, text):
    wasm, cpython, _ = sides
    for op in (0, 1, 2):
        assert wasm(op, text) == cpython(op, text), (op, text)


@SETTINGS
@given(text=TEXT)
@example(text="0" * 32)
def test_parsing_as_cpython(sides, text):
    wasm, cpython, _ = sides
    assert wasm(0, text) == cpython(0, text), text
    assert wasm(2, text) == cpython(2, text), text


def test_constants(sides):
    wasm, cpython, _ = sides
    assert wasm(4, "") == cpython(4, "")


def test_uuid4_form_bits_and_uniqueness(sides):
    wasm, cpython, state = sides
    calls = state["calls"]
    seen = set()
    for _ in range(50):
        for out in (wasm(3, ""), cpython(3, "")):
            parts = out.split(" ")
            (text, hex_, urn, version), variant, (raw, same) = parts[:4], " ".join(parts[4:-2]), parts[-2:]
            assert CANONICAL.fullmatch(text), out
            assert (hex_, urn, version, same) == (text.replace("-", ""), "urn:uuid:" + text, "4", "False")
            assert (variant, raw) == ("specified in RFC 4122", hex_), out
            assert text not in seen
            seen.add(text)
    assert state["calls"] == calls + 100  # two uuid4() per run, each from the host's random_get


FILTER = Path(__file__).with_name("uuid_filter.py")


def test_filter_in_the_emulator_with_a_seeded_host():
    """The emulator's random_get reads Host.random: the same seed gives the same ids."""
    from abi.emulator import Plugin
    from abi.emulator.host import Host
    from compiler import compile_file
    wasm = compile_file(FILTER)

    def ids(seed: int, runner) -> list[str]:
        plugin = runner(Host(random_seed=seed))
        answers = [plugin.http_request({":path": "/"}) for _ in range(3)]
        answers.append(plugin.http_request({":path": "/", "x-request-id": "urn:uuid:123E4567-E89B-12D3-A456-426614174000"}))
        return [a.forwarded_request_headers["x-request-id"] for a in answers]
    compiled_run = ids(1, lambda host: Plugin.wasm(wasm, host=host))
    assert compiled_run == ids(1, lambda host: Plugin.wasm(wasm, host=host)) != ids(2, lambda host: Plugin.wasm(wasm, host=host))
    assert all(CANONICAL.fullmatch(i) for i in compiled_run[:3]) and len(set(compiled_run)) == 4
    cpython_run = ids(1, lambda host: Plugin.cpython(str(FILTER), host=host))  # CPython's uuid: os.urandom
    assert all(CANONICAL.fullmatch(i) for i in cpython_run[:3])
    assert compiled_run[3] == cpython_run[3] == "123e4567-e89b-12d3-a456-426614174000"
