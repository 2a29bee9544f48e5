"""Property tests: random programs in the subset behave the same compiled and under CPython.

Hypothesis generates typed random expressions (int and bool, over literals and
the parameters, with every operator of the subset, comparisons and chains,
and/or, conditional expressions, unary operators, built-ins, calls, bytes
indexing and truthiness) and small statement programs (assignments, augmented
assignments, if/elif/else, bounded while and for-range loops with
break/continue/else, assert, early return). Each program is written to a file,
compiled once, instantiated once, and called with many random int64 argument
tuples. Expressions may pass through ``t(v)``, which appends to a global trace
``G``: after every call G must be the same in both, so operands are evaluated
in the same order and skipped alike (also up to the point of a raise / trap).

The oracle is CPython itself, running the same source with one change
(``int64_oracle.py``): every operation whose result can leave int64 raises
OverflowError the moment its result does not fit, which is exactly where the
compiled module traps. Where the checked run ends without an overflow, plain
CPython runs too and must agree, so the wrapping is itself checked.
"""
from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import INT64_MAX, CompiledProgram, Outcome, expected_wasm, outcome_of, trap_name
from int64_oracle import load
from samples import int64s

MAX_EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "28"))  # raise it for a longer bug hunt
SETTINGS = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LOOP_LIMIT = 6  # iterations after which every generated loop breaks

_WORKDIR = Path(tempfile.mkdtemp(prefix="pyprops_"))
atexit.register(shutil.rmtree, _WORKDIR, True)
_counter = itertools.count()


class Program:
    """One generated module: compiled and instantiated once, CPython namespaces loaded once."""

    def __init__(self, source: str):
        self.source = source
        path = _WORKDIR / f"prog{next(_counter)}.py"
        path.write_text(source)
        self.compiled = CompiledProgram(path)
        self.store, self.instance = self.compiled.instance()
        self.checked = load(source, checked=True)
        self.plain = load(source, checked=False)

    def wasm(self, name: str, args: tuple) -> Outcome:
        func = self.instance.exports(self.store)[name]
        try:
            return Outcome(func(self.store, *[int(a) for a in args]))
        except wasmtime.Trap as trap:
            return Outcome(error=trap_name(trap))

    def check(self, name: str, args: tuple) -> None:
        """Same outcome, and the same evaluation trace G (also up to a raise / trap)."""
        self.checked["G"] = self.plain["G"] = 0
        oracle = outcome_of(self.checked[name], args)
        trace = self.checked["G"]
        if oracle.error not in ("OverflowError", "NegativePowerError"):
            # Nothing left int64: plain CPython takes the very same path.
            plain = outcome_of(self.plain[name], args)
            assert (plain, self.plain["G"]) == (oracle, trace), \
                f"oracle {oracle} but CPython {plain} for {name}{args}\n{self.source}"
        self.wasm("reset", ())
        wasm = self.wasm(name, args)
        wasm_trace = self.wasm("trace", ())
        assert wasm == expected_wasm(oracle), \
            f"{name}{args}: CPython (int64-checked) {oracle}, wasm {wasm}\n--- program ---\n{self.source}"
        assert wasm_trace == Outcome(trace), \
            f"{name}{args}: evaluation trace G: CPython {trace}, wasm {wasm_trace}\n--- program ---\n{self.source}"


# -- generators -----------------------------------------------------------------

LITERALS = [0, 1, 2, 3, 5, 7, 10, 31, 32, 63, 64, 65, 100, 255, 1000, 2**31 - 1, 2**31, 2**32,
            3037000499, 3037000500, 2**62, INT64_MAX - 1, INT64_MAX]
INT_OPS = ["+", "-", "*", "//", "%", "**", "<<", ">>", "&", "|", "^"]
AUG_OPS = [op + "=" for op in INT_OPS]
CMP_OPS = ["<", "<=", ">", ">=", "==", "!="]

literals = st.one_of(st.integers(0, 12), st.sampled_from(LITERALS), st.integers(0, INT64_MAX)).map(str)
small_literals = st.integers(0, 70).map(str)


@dataclass
class Env:
    ints: tuple[str, ...]
    bools: tuple[str, ...] = ()
    helper: bool = False  # may call h(int, int) -> int
    trace: bool = True  # may call t(int) -> int, which records the evaluation order in G
    data: bool = False  # may use the bytes constants B and E
    names: list = field(default_factory=lambda: [0])  # fresh-name counter (shared)

    def fresh(self, stem: str) -> str:
        self.names[0] += 1
        return f"{stem}{self.names[0]}"


@st.composite
def int_expr(draw, env: Env, depth: int) -> str:
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        if env.ints and draw(st.booleans()):
            return draw(st.sampled_from(env.ints))
        return draw(literals)
    sub = lambda: draw(int_expr(env, depth - 1))  # noqa: E731
    kinds = ["binop", "binop", "binop", "unary", "ifexp", "boolop", "builtin", "from_bool", "bool_operand"]
    if env.helper:
        kinds.append("call")
    if env.data:
        kinds.append("bytes")
    if env.trace:
        kinds.append("trace")
    kind = draw(st.sampled_from(kinds))
    if kind == "trace":
        return f"t({sub()})"
    if kind == "binop":
        op = draw(st.sampled_from(INT_OPS))
        right = draw(small_literals) if op in ("**", "<<", ">>") and draw(st.booleans()) else sub()
        if op == "**" and not right.isdigit():
            right = f"({right} % 70)"  # an exponent that may be negative is a compile error
        return f"({sub()} {op} {right})"
    if kind == "unary":
        return f"({draw(st.sampled_from(['-', '+', '~']))}{sub()})"
    if kind == "ifexp":
        return f"({sub()} if {draw(condition(env, depth - 1))} else {sub()})"
    if kind == "boolop":
        operands = [sub() for _ in range(draw(st.integers(2, 3)))]
        return "(" + f" {draw(st.sampled_from(['and', 'or']))} ".join(operands) + ")"
    if kind == "builtin":
        name = draw(st.sampled_from(["abs", "min", "max", "int"]))
        if name in ("abs", "int"):
            return f"{name}({sub()})"
        return f"{name}({', '.join(sub() for _ in range(draw(st.integers(2, 3))))})"
    if kind == "from_bool":
        return f"int({draw(bool_expr(env, depth - 1))})"
    if kind == "bool_operand":  # a bool in arithmetic is 0/1
        op = draw(st.sampled_from(["+", "-", "*", "&", "|", "^", "//", "%"]))
        b = draw(bool_expr(env, depth - 1))
        return f"({b} {op} {sub()})" if draw(st.booleans()) else f"({sub()} {op} {b})"
    if kind == "bytes":  # the module's bytes constants (see EXPR_TEMPLATE)
        name = draw(st.sampled_from(["B", "E"]))
        return f"len({name})" if draw(st.integers(0, 3)) == 0 else f"{name}[{sub()}]"
    return f"h({sub()}, {sub()})"


@st.composite
def bool_expr(draw, env: Env, depth: int) -> str:
    if depth <= 0 or draw(st.integers(0, 5)) == 0:
        if env.bools and draw(st.booleans()):
            return draw(st.sampled_from(env.bools))
        return draw(st.sampled_from(["True", "False"]))
    kinds = ["compare", "compare", "chain", "not", "boolop", "bool", "bitwise", "ifexp", "compare_bools"]
    if env.data:
        kinds.append("bytes")
    kind = draw(st.sampled_from(kinds))
    ints = lambda: draw(int_expr(env, depth - 1))  # noqa: E731
    bools = lambda: draw(bool_expr(env, depth - 1))  # noqa: E731
    if kind == "compare":
        return f"({ints()} {draw(st.sampled_from(CMP_OPS))} {ints()})"
    if kind == "chain":
        parts = [ints()]
        for _ in range(draw(st.integers(2, 3))):
            parts += [draw(st.sampled_from(CMP_OPS)), ints()]
        return "(" + " ".join(parts) + ")"
    if kind == "compare_bools":
        return f"({bools()} {draw(st.sampled_from(CMP_OPS))} {bools() if draw(st.booleans()) else ints()})"
    if kind == "not":
        return f"(not {draw(condition(env, depth - 1))})"
    if kind == "boolop":
        operands = [bools() for _ in range(draw(st.integers(2, 3)))]
        return "(" + f" {draw(st.sampled_from(['and', 'or']))} ".join(operands) + ")"
    if kind == "bool":
        return f"bool({draw(condition(env, depth - 1))})"
    if kind == "bitwise":
        return f"({bools()} {draw(st.sampled_from(['&', '|', '^']))} {bools()})"
    if kind == "bytes":  # truthiness of a bytes constant, maybe chosen at run time
        chosen = f"(B if {draw(condition(env, depth - 1))} else E)" if draw(st.booleans()) else draw(
            st.sampled_from(["B", "E"]))
        return f"(not {chosen})" if draw(st.booleans()) else f"bool({chosen})"
    return f"({bools()} if {draw(condition(env, depth - 1))} else {bools()})"


def condition(env: Env, depth: int) -> st.SearchStrategy[str]:
    """A truth test: an int (non-zero) or a bool."""
    return st.one_of(bool_expr(env, depth), int_expr(env, depth))


argument_lists = st.lists(st.tuples(int64s, int64s, int64s), min_size=6, max_size=12)

def prelude(data: bytes) -> str:
    """What every generated module starts with: bytes constants and the trace G."""
    return f'''from abi import export

B = {data!r}
E = b""
G = 0


def t(v: int) -> int:
    global G
    G = (G * 5 + v % 5 + 1) % 1000000007
    return v


@export
def reset() -> None:
    global G
    G = 0


@export
def trace() -> int:
    return G
'''


EXPR_TEMPLATE = '''{prelude}

def h(a: int, b: int) -> int:
    return {helper}


@export
def f(a: int, b: int, c: int) -> int:
    return {int_body}


@export
def g(a: int, b: int, c: int) -> bool:
    return {bool_body}
'''


@st.composite
def expression_programs(draw) -> str:
    helper = draw(int_expr(Env(("a", "b")), 3))
    env = Env(("a", "b", "c"), helper=True, data=True)
    return EXPR_TEMPLATE.format(prelude=prelude(draw(st.binary(max_size=8))), helper=helper,
                                int_body=draw(int_expr(env, 5)), bool_body=draw(bool_expr(env, 5)))


# -- statement programs ----------------------------------------------------------

@dataclass
class Scope:
    env: Env
    in_loop: bool = False

    def with_int(self, name: str) -> "Scope":
        return Scope(replace(self.env, ints=self.env.ints + (name,)), in_loop=True)


def indent(lines: list[str]) -> list[str]:
    return ["    " + line for line in lines]


@st.composite
def block(draw, scope: Scope, depth: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        lines += draw(statement(scope, depth))
    return lines


@st.composite
def statement(draw, scope: Scope, depth: int) -> list[str]:
    env = scope.env
    kinds = ["assign", "assign", "aug", "aug", "bool_assign", "pass"]
    if depth > 0:
        kinds += ["if", "if", "while", "for"]
    if scope.in_loop:
        kinds += ["break", "continue"]
    kinds += ["return", "assert"]
    kind = draw(st.sampled_from(kinds))
    iexpr = lambda: draw(int_expr(env, 3))  # noqa: E731
    cond = lambda: draw(condition(env, 2))  # noqa: E731
    if kind == "assign":
        targets = draw(st.lists(st.sampled_from(["x", "y"]), min_size=1, max_size=2, unique=True))
        return [" = ".join(targets) + f" = {iexpr()}"]
    if kind == "aug":
        op = draw(st.sampled_from(AUG_OPS))
        value = draw(small_literals) if op in ("**=", "<<=", ">>=") and draw(st.booleans()) else iexpr()
        if op == "**=" and not value.isdigit():
            value = f"({value} % 70)"  # an exponent that may be negative is a compile error
        return [f"{draw(st.sampled_from(['x', 'y']))} {op} {value}"]
    if kind == "bool_assign":
        if draw(st.booleans()):
            return [f"flag = {draw(bool_expr(env, 2))}"]
        return [f"flag {draw(st.sampled_from(['&=', '|=', '^=']))} {draw(bool_expr(env, 2))}"]
    if kind == "pass":
        return ["pass"]
    if kind in ("break", "continue"):
        return [kind]
    if kind == "return":
        return [f"return {iexpr()}"]
    if kind == "assert":
        return [f"assert {cond()}"]
    if kind == "if":
        lines = [f"if {cond()}:", *indent(draw(block(scope, depth - 1)))]
        for _ in range(draw(st.integers(0, 2))):
            lines += [f"elif {cond()}:", *indent(draw(block(scope, depth - 1)))]
        if draw(st.booleans()):
            lines += ["else:", *indent(draw(block(scope, depth - 1)))]
        return lines
    guard = env.fresh("n")
    bounded = [f"{guard} += 1", f"if {guard} > {LOOP_LIMIT}:", "    break"]
    if kind == "while":
        head, inner = f"while {cond()}:", Scope(env, in_loop=True)
    else:
        variable = env.fresh("i")
        args = ", ".join(draw(int_expr(env, 2)) for _ in range(draw(st.integers(1, 3))))
        head, inner = f"for {variable} in range({args}):", scope.with_int(variable)
    lines = [f"{guard} = 0", head, *indent(bounded + draw(block(inner, depth - 1)))]
    if draw(st.booleans()):
        lines += ["else:", *indent(draw(block(scope, depth - 1)))]
    return lines


@st.composite
def statement_programs(draw) -> str:
    params = Env(("a", "b", "c"), ("p",), data=True)
    setup = [f"x = {draw(int_expr(params, 2))}", f"y = {draw(int_expr(params, 2))}",
             f"flag = {draw(bool_expr(params, 2))}"]
    env = Env(("a", "b", "c", "x", "y"), ("p", "flag"), data=True)
    body = setup + draw(block(Scope(env), 3)) + [f"return {draw(int_expr(env, 3))}"]
    return (prelude(draw(st.binary(max_size=8))) + "\n\n@export\ndef f(a: int, b: int, c: int, p: bool) -> int:\n"
            + "\n".join(indent(body)) + "\n")


# -- properties -------------------------------------------------------------------

@SETTINGS
@given(source=expression_programs(), argument_list=argument_lists)
def test_random_expressions_match_cpython(source: str, argument_list: list[tuple[int, int, int]]) -> None:
    program = Program(source)
    for args in argument_list:
        program.check("f", args)
        program.check("g", args)


@SETTINGS
@given(source=statement_programs(), argument_list=argument_lists, flags=st.lists(st.booleans(), min_size=12, max_size=12))
def test_random_statement_programs_match_cpython(source: str, argument_list: list[tuple[int, int, int]],
                                                 flags: list[bool]) -> None:
    program = Program(source)
    for args, p in zip(argument_list, flags):
        program.check("f", (*args, p))


@SETTINGS
@given(op=st.sampled_from(INT_OPS), a=int64s, b=int64s)
def test_single_operator_matches_cpython(op: str, a: int, b: int) -> None:
    """Each operator alone, on edge-biased int64 operands (one module per operator)."""
    program = _operator_program(op)
    program.check("f", (a, b, 0))
    program.check("f", (b, a, 0))


_OPERATOR_PROGRAMS: dict[str, Program] = {}


def _operator_program(op: str) -> Program:
    if op not in _OPERATOR_PROGRAMS:
        right = "(b & 127)" if op == "**" else "b"  # an exponent that may be negative is a compile error
        _OPERATOR_PROGRAMS[op] = Program(EXPR_TEMPLATE.format(prelude=prelude(b""), helper="a",
                                                              int_body=f"a {op} {right}",
                                                              bool_body=f"(a {op} {right}) < c"))
    return _OPERATOR_PROGRAMS[op]


# -- the oracle itself ------------------------------------------------------------

def test_oracle_catches_intermediate_overflow() -> None:
    """``(a + b) - b`` fits in CPython but not in int64 arithmetic: the oracle must say so."""
    program = Program(EXPR_TEMPLATE.format(prelude=prelude(b""), helper="a", int_body="(a + b) - b", bool_body="a < b"))
    assert outcome_of(program.plain["f"], (INT64_MAX, 1, 0)) == Outcome(INT64_MAX)
    assert outcome_of(program.checked["f"], (INT64_MAX, 1, 0)) == Outcome(error="OverflowError")
    program.check("f", (INT64_MAX, 1, 0))
