"""Property tests: the str/bytes/int methods of issue 14 give CPython's results and messages.

One module (``MODULE``) is compiled once. Its exports build the texts under test one character
(or byte) at a time, optionally repeat them into huge texts, and ``call(k, a, b)`` applies method
number ``k`` with int arguments ``a``/``b``, returning a digest of the result, or of the message
of the ValueError/TypeError/OverflowError it raised. Hypothesis draws the texts (ASCII, the
tricky characters of ``samples.texts``, any code point but surrogates, empty, thousands of
characters long) and the arguments; each case runs under CPython and in wasmtime and the
outcomes must be equal (an uncaught exception: the same exception name as the trap).
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler import CompileError, compile_file
from differential import INT64_MAX, INT64_MIN, CompiledProgram, Outcome, expected_wasm, load_python, trap_name
from samples import texts

MAX_EXAMPLES = int(os.environ.get("TEXT_METHOD_EXAMPLES", "60"))
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

MODULE = '''from abi import export

T = ""
U = ""
B = b""
C = b""


def digest(s: str) -> int:
    h = len(s) + 1
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def bdigest(b: bytes) -> int:
    h = len(b) + 2
    for c in b:
        h = (h * 1000003 + c) & 0xFFFFFFFFFF
    return h


def parts(items: list[str]) -> int:
    h = len(items)
    for item in items:
        h = (h * 31 + digest(item)) & 0xFFFFFFFFFF
    return h


def bparts(items: list[bytes]) -> int:
    h = len(items) + 5
    for item in items:
        h = (h * 31 + bdigest(item)) & 0xFFFFFFFFFF
    return h


@export
def reset() -> int:
    global T, U, B, C
    T = ""
    U = ""
    B = b""
    C = b""
    return 0


@export
def push(which: int, c: int) -> int:
    global T, U, B, C
    if which == 0:
        T = T + chr(c)
    elif which == 1:
        U = U + chr(c)
    elif which == 2:
        B = B + bytes([c])
    else:
        C = C + bytes([c])
    return 0


@export
def grow(n: int) -> int:
    global T, B
    T = T * n
    B = B * n
    return 0


def str_method(k: int, a: int, b: int) -> int:
    if k == 0:
        p = T.partition(U)
        return digest(p[0]) + 3 * digest(p[1]) + 5 * digest(p[2])
    if k == 1:
        p = T.rpartition(U)
        return digest(p[0]) + 3 * digest(p[1]) + 5 * digest(p[2])
    if k == 2:
        return parts(T.rsplit(U, a))
    if k == 3:
        return parts(T.rsplit(None, a))
    if k == 4:
        return parts(T.splitlines(a % 2 == 1))
    if k == 5:
        return T.count(U, a, b)
    if k == 6:
        return T.count(U) + 1000 * T.count(U, a)
    if k == 7:
        return int(T.startswith(U, a, b)) + 2 * int(T.endswith(U, a, b)) + 4 * int(T.endswith(U, None, b))
    if k == 8:
        return int(T.startswith((U, T[:1], "x"), a)) + 2 * int(T.endswith(("é", U), a, b))
    if k == 9:
        return digest(T.removeprefix(U)) + 3 * digest(T.removesuffix(U))
    if k == 10:
        return digest(T.center(a, U)) + 3 * digest(T.ljust(a, U)) + 5 * digest(T.rjust(a, U))
    if k == 11:
        return digest(T.center(a)) + 3 * digest(T.ljust(a)) + 5 * digest(T.rjust(a)) + 7 * digest(T.zfill(a))
    if k == 12:
        return digest(T.expandtabs(a))
    if k == 13:
        return (int(T.isalnum()) + 2 * int(T.isalpha()) + 4 * int(T.isascii()) + 8 * int(T.isupper())
                + 16 * int(T.islower()) + 32 * int(T.istitle()) + 64 * int(T.isdecimal())
                + 128 * int(T.isnumeric()) + 256 * int(T.isprintable()) + 512 * int(T.isidentifier()))
    if k == 14:
        return digest(T.title()) + 3 * digest(T.capitalize())
    if k == 15:
        return digest(T.swapcase()) + 3 * digest(T.casefold())
    return -1


def bytes_method(k: int, a: int, b: int) -> int:
    if k == 20:
        p = B.partition(C)
        q = B.rpartition(C)
        return bdigest(p[0]) + 3 * bdigest(p[1]) + 5 * bdigest(p[2]) + 7 * bdigest(q[0]) + 11 * bdigest(q[2])
    if k == 21:
        return bparts(B.rsplit(C, a)) + 3 * bparts(B.rsplit(maxsplit=a))
    if k == 22:
        return bparts(B.splitlines(a % 2 == 1))
    if k == 23:
        return B.count(C, a, b) + 1000 * B.count(C)
    if k == 24:
        return int(B.startswith((C, b"a"), a, b)) + 2 * int(B.endswith(C, a)) + 4 * int(B.startswith(C, None, b))
    if k == 25:
        return bdigest(B.removeprefix(C)) + 3 * bdigest(B.removesuffix(C))
    if k == 26:
        return bdigest(B.center(a, C)) + 3 * bdigest(B.ljust(a, C)) + 5 * bdigest(B.rjust(a, C))
    if k == 27:
        return bdigest(B.center(a)) + 3 * bdigest(B.zfill(a))
    if k == 28:
        return bdigest(B.expandtabs(a))
    if k == 29:
        return (int(B.isalnum()) + 2 * int(B.isalpha()) + 4 * int(B.isascii()) + 8 * int(B.isupper())
                + 16 * int(B.islower()) + 32 * int(B.istitle()))
    if k == 30:
        return bdigest(B.title()) + 3 * bdigest(B.capitalize()) + 5 * bdigest(B.swapcase())
    if k == 31:
        return digest(B.hex()) + 3 * digest(B.hex(U, a))
    if k == 32:
        return bdigest(bytes.fromhex(T))
    if k == 33:
        return a.bit_length() * 1000 + a.bit_count()
    if k == 34:
        return bdigest(a.to_bytes(b, "little", signed=True)) + 3 * bdigest(a.to_bytes(b, "big"))
    if k == 35:  # at most 7 bytes unsigned: an int beyond int64 would be an uncaught OverflowError
        return int.from_bytes(B[:8 - b % 2], "little" if a % 2 == 0 else "big", signed=b % 2 == 0)
    return -1


@export
def call(k: int, a: int, b: int) -> int:
    try:
        if k < 20:
            return str_method(k, a, b)
        return bytes_method(k, a, b)
    except ValueError as err:
        return -1 - digest(str(err))
    except TypeError as err:
        return -2 - 3 * digest(str(err))
    except OverflowError as err:
        return -3 - 5 * digest(str(err))
'''
STR_METHODS = range(0, 16)
BYTES_METHODS = range(20, 36)

_WORKDIR = Path(tempfile.mkdtemp(prefix="textmethods_"))
atexit.register(shutil.rmtree, _WORKDIR, True)


class Both:
    """The module compiled (one instance, state built by the exports) and under CPython."""

    def __init__(self) -> None:
        path = _WORKDIR / "text_methods_module.py"
        path.write_text(MODULE, encoding="utf-8")
        self.store, self.instance = CompiledProgram(path).instance()
        self.python = load_python(path)

    def wasm(self, name: str, *args: int) -> Outcome:
        try:
            return Outcome(self.instance.exports(self.store)[name](self.store, *args))
        except wasmtime.Trap as trap:
            return Outcome(error=trap_name(trap))

    def cpython(self, name: str, *args: int) -> Outcome:
        try:
            return expected_wasm(Outcome(getattr(self.python, name)(*args)))
        except Exception as err:  # noqa: BLE001 - the exception's name is the outcome
            return Outcome(error=type(err).__name__)

    def load(self, text: str, other: str, blob: bytes, other_blob: bytes, repeat: int) -> None:
        for name, args in [("reset", ())] + [("push", (i, ord(c))) for i, s in enumerate((text, other))
                                             for c in s] + [("push", (i + 2, c)) for i, b in
                                                            enumerate((blob, other_blob)) for c in b]:
            assert self.wasm(name, *args) == self.cpython(name, *args)
        if repeat > 1:
            assert self.wasm("grow", repeat) == self.cpython("grow", repeat)

    def check(self, k: int, a: int, b: int) -> None:
        python, wasm = self.cpython("call", k, a, b), self.wasm("call", k, a, b)
        assert wasm == python, f"method {k}({a}, {b}): CPython {python}, wasm {wasm}"


@pytest.fixture(scope="module")
def both() -> Both:
    return Both()


characters = st.characters(blacklist_categories=("Cs",))
any_text = st.one_of(texts, st.text(characters, max_size=12), st.text(characters, max_size=3))
short_text = st.one_of(st.sampled_from(["", " ", ",", "a", "é", "Σ", "\r\n", "ab", "😀", "-", ":"]), any_text)
any_bytes = st.one_of(st.binary(max_size=12), st.sampled_from([b"", b"a", b" x\ty\n", b"-12", b"aBc dEf"]),
                      texts.map(lambda s: s.encode()))
short_bytes = st.one_of(st.sampled_from([b"", b" ", b",", b"a", b"\xff", b"\r\n", b"ab"]), st.binary(max_size=3))
# Counts, bounds and widths; sizes CPython refuses at once (never ones it would spend gigabytes on).
small = st.integers(-12, 40)
ints = st.one_of(small, small, st.sampled_from([INT64_MIN, -2**31 - 1, -2**31, 2**31 - 1, 2**31, 2**62,
                                                INT64_MAX - 33, INT64_MAX - 32, INT64_MAX]))
SIZES = {10, 11, 12, 26, 27, 28, 34}  # methods whose int argument is a result size or tab size
HEX_TEXTS = st.one_of(st.text(alphabet="0123456789abcdefABCDEF \t\n\x0b\x0c\x1c", max_size=10),
                      st.text(alphabet="0123456789aF é", max_size=6))


def argument(k: int, value: int) -> int:
    """Keep CPython from building a result of gigabytes: sizes in 2**31..2**62 become small."""
    if k in SIZES and 200 < value < 2**62 and not (k in (12, 28) and value >= 2**31):
        return value % 200
    return value


@SETTINGS
@given(text=any_text, other=short_text, blob=any_bytes, other_blob=short_bytes,
       repeat=st.sampled_from([1, 1, 1, 2, 700]),
       arguments=st.lists(st.tuples(ints, ints), min_size=2, max_size=4))
def test_text_methods_match_cpython(both: Both, text: str, other: str, blob: bytes, other_blob: bytes,
                                    repeat: int, arguments: list[tuple[int, int]]) -> None:
    both.load(text, other, blob, other_blob, repeat)
    for a, b in arguments:
        for k in list(STR_METHODS) + list(BYTES_METHODS):
            both.check(k, argument(k, a), argument(k, b) if k != 34 else b % 12 - 1)


@SETTINGS
@given(hex_text=HEX_TEXTS, a=ints, b=ints)
def test_fromhex_and_ints_match_cpython(both: Both, hex_text: str, a: int, b: int) -> None:
    both.load(hex_text, "", a.to_bytes(8, "little", signed=True), b"", 1)
    for k in (32, 33, 35):
        both.check(k, a, b)
    both.check(34, a, argument(34, b))


# -- what CPython refuses at the call is a compile error here ---------------------------------
REFUSED = [
    ("s.find(sub='a')", "find() takes no keyword arguments"),
    ("s.startswith(prefix='a')", "startswith() takes no keyword arguments"),
    ("s.center(width=3)", "center() takes no keyword arguments"),
    ("s.partition(sep=',')", "partition() takes no keyword arguments"),
    ("s.replace('a', 'b', count=1)", "replace() takes no keyword arguments"),
    ("len(bytes.fromhex(string=s))", "fromhex() takes no keyword arguments"),
    ("len((1).to_bytes(2, 'big', True))", "to_bytes() takes at most 2 positional arguments"),
    ("int.from_bytes(b'', 'big', True)", "from_bytes() takes at most 2 positional arguments"),
    ("len(b'a'.hex(b':'))", "argument 'sep' of hex()"),
    ("b'abc'.count(97)", "argument 'sub' of count()"),
    ("s.translate(s)", "a translate() table of type str is not supported"),
    ("len(b'ab'.casefold())", "bytes has no method 'casefold'"),
]


@pytest.mark.parametrize("expression,message", REFUSED, ids=[m for _, m in REFUSED])
def test_calls_cpython_refuses_are_compile_errors(tmp_path: Path, expression: str, message: str) -> None:
    source = f"PREFIXES = ('a', 'b')\n\n\ndef f(s: str) -> int:\n    return int({expression})\n"
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    assert message in str(info.value)
    if "arguments" in message:  # and CPython does raise TypeError there
        with pytest.raises(TypeError):
            namespace: dict = {}
            exec(source, namespace)
            namespace["f"]("a,b")


def test_supported_forms_compile(tmp_path: Path) -> None:
    """Keywords where CPython takes them, and the receivers ``int``/``bytes`` unless shadowed."""
    path = tmp_path / "prog.py"
    path.write_text("def f(s: str, b: bytes, x: int) -> int:\n"
                    "    n = len(s.rsplit(sep=',', maxsplit=1)) + len(s.splitlines(keepends=True))\n"
                    "    n += len(s.expandtabs(tabsize=4)) + len(b.hex(sep=':', bytes_per_sep=2))\n"
                    "    n += len(x.to_bytes(length=8, byteorder='little', signed=True))\n"
                    "    return n + int.from_bytes(bytes=b, byteorder='big', signed=False)\n")
    compile_file(path)


FORMAT_REFUSED = [
    ('"{} {}".format(s)', "replacement index 1 out of range"),
    ('"{0} {}".format(s, s)', "cannot switch between automatic field numbering"),
    ('"{!x}".format(s)', "unknown conversion specifier x"),
    ('"{a.b}".format(s)', "the field '{a.b}' is not supported"),
    ('"{:{w}}".format(s, w=3)', "nested fields in a format spec"),
    ('"{1}{0}".format(g(), g())', "arguments to be constants or local variables"),
    ('"{}".format(g(), g())', "arguments to be constants or local variables"),
    ('"{".format(s)', "Single '{' encountered"),
    ('"{x}".format(s)', "no argument 'x'"),
    ('s.format(s)', "str has no method 'format'"),
]


@pytest.mark.parametrize("expression,message", FORMAT_REFUSED, ids=[e for e, _ in FORMAT_REFUSED])
def test_str_format_refusals(tmp_path: Path, expression: str, message: str) -> None:
    """What CPython raises when the call runs, or where an f-string would evaluate in another order."""
    path = tmp_path / "prog.py"
    path.write_text(f'def g() -> str:\n    return "a"\n\n\ndef f(s: str) -> str:\n    return {expression}\n')
    with pytest.raises(CompileError) as info:
        compile_file(path)
    assert message in str(info.value)
