"""Property tests: random STRING expressions behave the same compiled and under CPython.

Hypothesis writes modules whose exports evaluate random, typed compositions of
the str operations of the subset (concatenation, repetition, indexing, slicing
with any step, upper/lower/strip/lstrip/rstrip with and without chars, replace,
split with and without sep/maxsplit, join, find/rfind/index, startswith/
endswith, isdigit/isspace, ``in``, len, ord, comparisons, f-strings with
width/align/fill specs, ``str(int)``, ``int(str)``) over random text that mixes
ASCII with é, ß, Σ (final sigma), İ, ligatures, emoji, combining marks,
Unicode digits and every kind of whitespace. Two int parameters ``a``/``b``
feed indices, bounds and counts.

A str result leaves the module through globals: the export stores it in ``R``
and its UTF-8 in ``E``, and ``out_len``/``out_byte``/``out_chars`` read them
back, so the comparison is exact (bytes and code-point length). Where CPython
raises, the module must trap (any exception counts as equal to any trap); the
oracle is CPython with int64 overflow checks (``int64_oracle.py``), so an
intermediate int beyond 64 bits counts as a raise, as in the module.
The run is derandomized: CI sees the same examples every time; set
STRING_PROPERTY_EXAMPLES higher for a longer bug hunt.
"""
from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import CompiledProgram, Outcome, expected_wasm, trap_name
from int64_oracle import load
from samples import INT_SPECS, STR_SPECS, texts

MAX_EXAMPLES = int(os.environ.get("STRING_PROPERTY_EXAMPLES", "16"))
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_WORKDIR = Path(tempfile.mkdtemp(prefix="strprops_"))
atexit.register(shutil.rmtree, _WORKDIR, True)
_counter = itertools.count()

# -- text -------------------------------------------------------------------------------

SMALL = [str(n) for n in range(-3, 10)]


@dataclass(frozen=True)
class Env:
    texts: tuple[str, ...] = ("T0", "T1", "T2", "T3")
    quotes: bool = True  # string literals allowed (not inside f-string fields: no backslashes there in 3.11)

    def bare(self) -> "Env":
        return Env(self.texts, quotes=False)


@st.composite
def str_leaf(draw, env: Env) -> str:
    if env.quotes and draw(st.integers(0, 2)) == 0:
        return repr(draw(texts))
    return draw(st.sampled_from(env.texts))


@st.composite
def int_leaf(draw, env: Env) -> str:
    return draw(st.sampled_from(["a", "b", "a", "b"] + SMALL))


@st.composite
def str_expr(draw, env: Env, depth: int) -> str:
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        return draw(str_leaf(env))
    s = lambda: draw(str_expr(env, depth - 1))  # noqa: E731
    i = lambda: draw(int_expr(env, depth - 1))  # noqa: E731
    kinds = ["concat", "concat", "repeat", "index", "slice", "slice", "case", "strip", "strip_chars", "replace",
             "join", "str_int", "ifexp", "split_item"]
    kind = draw(st.sampled_from(kinds + ["fstring"] if env.quotes else kinds))  # no f-string in an f-string
    if kind == "concat":
        return f"({s()} + {s()})"
    if kind == "repeat":
        return f"({s()} * {draw(st.sampled_from(['-1', '0', '1', '2', '3', '(a % 3)']))})"
    if kind == "index":
        return f"{s()}[{i()}]"
    if kind == "slice":
        return f"{s()}[{draw(slice_part(env, depth))}:{draw(slice_part(env, depth))}{draw(step())}]"
    if kind == "case":
        return f"{s()}.{draw(st.sampled_from(['upper', 'lower']))}()"
    if kind == "strip":
        return f"{s()}.{draw(st.sampled_from(['strip', 'lstrip', 'rstrip']))}()"
    if kind == "strip_chars":
        chars = s() if draw(st.booleans()) else "None"
        return f"{s()}.{draw(st.sampled_from(['strip', 'lstrip', 'rstrip']))}({chars})"
    if kind == "replace":
        count = f", {draw(st.sampled_from(['-1', '0', '1', '2', 'a']))}" if draw(st.booleans()) else ""
        return f"{s()}.replace({s()}, {s()}{count})"
    if kind == "join":
        return f"{s()}.join({draw(list_expr(env, depth - 1))})"
    if kind == "fstring":
        return draw(fstring(env, depth - 1))
    if kind == "str_int":
        return f"str({i()})"
    if kind == "ifexp":
        return f"({s()} if {draw(bool_expr(env, depth - 1))} else {s()})"
    return f"{draw(list_expr(env, depth - 1))}[{i()}]"


@st.composite
def slice_part(draw, env: Env, depth: int) -> str:
    return draw(st.one_of(st.just(""), int_leaf(env), int_expr(env, depth - 1)))


@st.composite
def step(draw) -> str:
    return draw(st.sampled_from(["", "", ":", ":1", ":2", ":-1", ":-2", ":3", ":-3", ":0", ":b"]))


@st.composite
def list_expr(draw, env: Env, depth: int) -> str:
    s = lambda: draw(str_expr(env, depth - 1))  # noqa: E731
    kind = draw(st.sampled_from(["split", "split_sep", "split_max", "literal"]))
    if kind == "split":
        return f"{s()}.split()"
    if kind == "split_sep":
        return f"{s()}.split({s()})"
    if kind == "split_max":
        sep = s() if draw(st.booleans()) else "None"
        return f"{s()}.split({sep}, {draw(st.sampled_from(['-1', '0', '1', '2', 'a']))})"
    return "[" + ", ".join(s() for _ in range(draw(st.integers(1, 3)))) + "]"


@st.composite
def fstring(draw, env: Env, depth: int) -> str:
    inner = env.bare()
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            parts.append(f"{{{draw(str_expr(inner, depth))}:{draw(st.sampled_from(STR_SPECS))}}}")
        else:
            parts.append(f"{{{draw(int_expr(inner, depth))}:{draw(st.sampled_from(INT_SPECS))}}}")
        parts.append(draw(st.sampled_from(["", "|", " = ", "é"])))
    return 'f"' + "".join(parts).replace(":}", "}") + '"'


@st.composite
def int_expr(draw, env: Env, depth: int) -> str:
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return draw(int_leaf(env))
    s = lambda: draw(str_expr(env, depth - 1))  # noqa: E731
    i = lambda: draw(int_expr(env, depth - 1))  # noqa: E731
    kind = draw(st.sampled_from(["len", "len", "find", "find_range", "index", "len_list", "ord",
                                 "int_of", "int_of_digits", "arith", "ifexp"]))
    if kind == "len":
        return f"len({s()})"
    if kind == "find":
        return f"{s()}.{draw(st.sampled_from(['find', 'rfind']))}({s()})"
    if kind == "find_range":
        bounds = f"{i()}" if draw(st.booleans()) else f"{i()}, {i()}"
        return f"{s()}.{draw(st.sampled_from(['find', 'rfind']))}({s()}, {bounds})"
    if kind == "index":
        return f"{s()}.{draw(st.sampled_from(['index', 'rindex']))}({s()})"
    if kind == "len_list":
        return f"len({draw(list_expr(env, depth - 1))})"
    if kind == "ord":
        return f"ord({s()}[{i()}])"
    if kind == "int_of":
        return f"int({s()})"
    if kind == "int_of_digits":  # mostly valid: CPython's spellings of ints
        return f"int({draw(digit_text(env, depth - 1))})"
    if kind == "arith":
        return f"({i()} {draw(st.sampled_from(['+', '-', '*']))} {i()})"
    return f"({i()} if {draw(bool_expr(env, depth - 1))} else {i()})"


@st.composite
def digit_text(draw, env: Env, depth: int) -> str:
    if env.quotes and draw(st.booleans()):
        body = draw(st.text(alphabet="0123456789\u0663\uff15", min_size=1, max_size=6))
        pad = draw(st.sampled_from(["", " ", "\t", "\u3000"]))
        return repr(pad + draw(st.sampled_from(["", "-", "+"])) + body + pad)
    return f"str({draw(int_expr(env, depth))})" + draw(st.sampled_from(["", " * 2", ".strip()"]))


@st.composite
def bool_expr(draw, env: Env, depth: int) -> str:
    s = lambda: draw(str_expr(env, max(depth - 1, 0)))  # noqa: E731
    kind = draw(st.sampled_from(["in", "not_in", "starts", "ends", "compare", "compare", "is", "truth", "and_or"]))
    if kind == "in":
        return f"({s()} in {s()})"
    if kind == "not_in":
        return f"({s()} not in {s()})"
    if kind == "starts":
        return f"{s()}.startswith({s()})"
    if kind == "ends":
        return f"{s()}.endswith({s()})"
    if kind == "compare":
        return f"({s()} {draw(st.sampled_from(['<', '<=', '>', '>=', '==', '!=']))} {s()})"
    if kind == "is":
        return f"{s()}.{draw(st.sampled_from(['isdigit', 'isspace']))}()"
    if kind == "truth":
        return f"{draw(st.sampled_from(['not ', 'bool']))}({s()})"
    if depth <= 0:
        return f"({s()} == {s()})"
    op = draw(st.sampled_from(["and", "or"]))
    return f"({draw(bool_expr(env, depth - 1))} {op} {draw(bool_expr(env, depth - 1))})"


# -- the module ----------------------------------------------------------------------------

HEADER = '''from abi import export

T0 = {t0!r}
T1 = {t1!r}
T2 = {t2!r}
T3 = {t3!r}
R = ""
E = b""


def keep(s: str) -> int:
    global R, E
    R = s
    E = s.encode()
    return 0


@export
def out_len() -> int:
    return len(E)


@export
def out_byte(i: int) -> int:
    return E[i]


@export
def out_chars() -> int:
    return len(R)
'''
EXPORT = "\n\n@export\ndef {name}(a: int, b: int) -> {result}:\n    return {body}\n"
COUNTS = {"s": 3, "i": 2, "b": 2}  # exports per module, by kind


@st.composite
def string_programs(draw) -> tuple[str, list[str]]:
    env = Env()
    source = HEADER.format(**{f"t{n}": draw(texts) for n in range(4)})
    names = []
    for kind, count in COUNTS.items():
        for n in range(count):
            name = f"{kind}{n}"
            if kind == "s":
                body, result = f"keep({draw(str_expr(env, 4))})", "int"
            elif kind == "i":
                body, result = draw(int_expr(env, 4)), "int"
            else:
                body, result = draw(bool_expr(env, 3)), "bool"
            source += EXPORT.format(name=name, result=result, body=body)
            names.append(name)
    return source, names


class StringProgram:
    """One generated module: compiled and instantiated once, and its CPython namespace."""

    def __init__(self, source: str):
        self.source = source
        path = _WORKDIR / f"strprog{next(_counter)}.py"
        path.write_text(source, encoding="utf-8")
        self.store, self.instance = CompiledProgram(path).instance()
        self.python = load(source, checked=True)  # an int beyond int64 raises where the module traps

    def call_wasm(self, name: str, *args: int) -> Outcome:
        try:
            return Outcome(self.instance.exports(self.store)[name](self.store, *args))
        except wasmtime.Trap as trap:
            return Outcome(error=trap_name(trap))

    def wasm(self, name: str, args: tuple[int, int]) -> Outcome:
        outcome = self.call_wasm(name, *args)
        if outcome.error is not None or not name.startswith("s"):
            return outcome
        data = bytes(self.call_wasm("out_byte", i).value for i in range(self.call_wasm("out_len").value))
        return Outcome((data.decode("utf-8"), self.call_wasm("out_chars").value))

    def cpython(self, name: str, args: tuple[int, int]) -> Outcome:
        try:
            value = self.python[name](*args)
        except Exception as err:  # the program's own exception is the outcome
            return Outcome(error=type(err).__name__)
        if name.startswith("s"):
            return Outcome((self.python["R"], len(self.python["R"])))
        return expected_wasm(Outcome(value))

    def check(self, name: str, args: tuple[int, int]) -> None:
        python, wasm = self.cpython(name, args), self.wasm(name, args)
        if python.error is not None and wasm.error is not None:
            return  # CPython raised and the module trapped: the same outcome for a filter
        assert wasm == python, f"{name}{args}: CPython {python}, wasm {wasm}\n--- program ---\n{self.source}"


small_ints = st.one_of(st.integers(-10, 12), st.sampled_from([-(2 ** 62), 2 ** 62, 100, -100]))


@SETTINGS
@given(program=string_programs(), argument_list=st.lists(st.tuples(small_ints, small_ints), min_size=3, max_size=5))
def test_random_string_expressions_match_cpython(program: tuple[str, list[str]],
                                                 argument_list: list[tuple[int, int]]) -> None:
    source, names = program
    compiled = StringProgram(source)
    for args in argument_list:
        for name in names:
            compiled.check(name, args)
