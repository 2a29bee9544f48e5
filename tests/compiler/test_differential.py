"""Differential tests: every exported function of every program in ``programs/``
runs under CPython and compiled in wasmtime over a grid of edge-case arguments,
and the outcomes must agree (``differential.assert_same``'s rule; ``check_cases``
applies it with one CPython import per function instead of one per call).

Exports are discovered from each file's AST (functions decorated ``@export``)
with their parameter annotations (``int`` or ``bool``). Int parameters get
edge values (0, +-1, +-2**31, int64 limits, shift counts around 64, ...) in
combinations capped per function; bool parameters get both values.
"""
from __future__ import annotations

import ast
import itertools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import wasmtime

from compiler import CompileError
from differential import (INT64_MAX, INT64_MIN, Outcome, assert_same, compiled, expected_wasm, export,
                          load_python, trap_name)

PROGRAMS = Path(__file__).resolve().parent / "programs"

# Every int parameter sees these values (one-parameter functions get all of them).
EDGE_INTS = [
    0, 1, -1, 2, -2, 3, -3, 7, 10, -10, 13, 31, 32, 63, 64, -64, 65, 1000,
    2**31 - 1, 2**31, -2**31, -2**31 - 1, 2**32, -2**32,
    3037000499, 3037000500, -3037000500,  # around sqrt(2**63)
    2**62, -2**62, INT64_MAX - 1, INT64_MAX, INT64_MIN + 1, INT64_MIN,
]
# Pairs: the full product of these, plus (x, x), (x, -x), (x, 1) and (x, -1) for every edge value.
# (-2, 3, 13, 65, 2**32 and INT64_MAX - 1 meet every edge value in the extras below instead.)
PAIR_INTS = [
    0, 1, -1, 2, -7, 63, 64, -64, 2**31, -2**31, 3037000500, -3037000500,
    2**62, INT64_MAX, INT64_MIN + 1, INT64_MIN,
]
# Triples: the full product of these, plus a seeded sample of triples of pair values.
TRIPLE_INTS = [0, 1, -1, 2, -3, 7, 64, -2**32, INT64_MAX, INT64_MIN]
TRIPLE_SAMPLE = 150


@dataclass(frozen=True)
class Export:
    path: Path
    name: str
    params: tuple[str, ...]  # "int" or "bool" per parameter

    @property
    def id(self) -> str:
        return f"{self.path.name}::{self.name}"


def discover(path: Path) -> list[Export]:
    """Functions decorated ``@export`` at module level, with their parameter types."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        if not any(isinstance(d, ast.Name) and d.id == "export" for d in node.decorator_list):
            continue
        kinds = []
        for arg in node.args.args:
            assert isinstance(arg.annotation, ast.Name) and arg.annotation.id in ("int", "bool"), \
                f"{path.name}:{node.name}: exported parameters must be int or bool"
            kinds.append(arg.annotation.id)
        found.append(Export(path, node.name, tuple(kinds)))
    return found


PROGRAM_FILES = sorted(PROGRAMS.glob("*.py")) + sorted((PROGRAMS.parent / "programs_exc").glob("*.py"))
EXPORTS = [e for path in PROGRAM_FILES for e in discover(path)]


def int_tuples(count: int) -> list[tuple[int, ...]]:
    if count == 0:
        return [()]
    if count == 1:
        return [(v,) for v in EDGE_INTS]
    if count == 2:
        pairs = list(itertools.product(PAIR_INTS, repeat=2))
        for v in EDGE_INTS:
            pairs += [(v, v), (v, -v), (-v, v), (v, 1), (v, -1), (1, v), (-1, v), (v, 0), (0, v)]
        return [p for p in dict.fromkeys(pairs) if all(INT64_MIN <= x <= INT64_MAX for x in p)]
    triples = list(itertools.product(TRIPLE_INTS, repeat=count))
    rng = random.Random(count)  # the same sample on every run
    triples += [tuple(rng.choice(PAIR_INTS) for _ in range(count)) for _ in range(TRIPLE_SAMPLE)]
    return list(dict.fromkeys(triples))


def argument_tuples(params: tuple[str, ...]) -> list[tuple]:
    int_positions = [i for i, kind in enumerate(params) if kind == "int"]
    bool_positions = [i for i, kind in enumerate(params) if kind == "bool"]
    result = []
    for ints in int_tuples(len(int_positions)):
        for bools in itertools.product((False, True), repeat=len(bool_positions)):
            args: list = [None] * len(params)
            for i, v in zip(int_positions, ints):
                args[i] = v
            for i, v in zip(bool_positions, bools):
                args[i] = v
            result.append(tuple(args))
    return result


# Arguments for which CPython would build an astronomically large int (a ** huge,
# x << huge: minutes of work or MemoryError). The exact outcome is known without
# running CPython: the result cannot fit in int64, so the module must trap.
OVERFLOW = Outcome(error="OverflowError")


ANALYTIC: dict[str, Callable[..., Outcome | None]] = {
    "shifts_bitwise.py::lshift": lambda a, n: OVERFLOW if a != 0 and n >= 64 else None,
    "shifts_bitwise.py::one_shl": lambda n: OVERFLOW if n >= 64 else None,
    "shifts_bitwise.py::minus_one_shl": lambda n: OVERFLOW if n >= 64 else None,
}

def wasm_args(args: tuple) -> list[int]:
    return [int(a) for a in args]


class FreshPython:
    """One CPython import of a program whose globals are reset before every call.

    Equivalent to ``differential.run_python`` (which re-imports the file for
    every call, ~1 ms each): the corpus' globals hold only ints, bools and
    bytes, so restoring the module dict's initial values restores the state.
    """

    def __init__(self, path: Path):
        self.module = load_python(path)
        self.initial = dict(vars(self.module))

    def call(self, name: str, args: tuple) -> Outcome:
        vars(self.module).update(self.initial)
        return python_outcome(self.module, name, args)


def check_cases(export: Export, cases: list[tuple]) -> None:
    """Run every case; fail with all mismatches listed (not just the first).

    Each case is ``differential.assert_same``: CPython's outcome (fresh globals)
    against a fresh wasm instance's, through ``expected_wasm``.
    """
    analytic = ANALYTIC.get(export.id)
    program = compiled(export.path)
    python = FreshPython(export.path)
    failures = []
    for args in cases:
        expected = analytic(*args) if analytic else None
        described = f"analytic {expected}"
        if expected is None:
            outcome = python.call(export.name, args)
            expected, described = expected_wasm(outcome), f"CPython {outcome}"
        wasm = program.call(export.name, *wasm_args(args))
        if wasm != expected:
            failures.append(f"{export.id}{args}: {described}, wasm {wasm}")
    assert not failures, f"{len(failures)} of {len(cases)} cases differ:\n" + "\n".join(failures[:25])


@pytest.mark.parametrize("export", EXPORTS, ids=[e.id for e in EXPORTS])
def test_export_matches_cpython(export: Export) -> None:
    check_cases(export, argument_tuples(export.params))


@pytest.mark.parametrize("path", PROGRAM_FILES, ids=[p.name for p in PROGRAM_FILES])
def test_spot_check_with_assert_same(path: Path) -> None:
    """A few cases per export through ``differential.assert_same`` itself (fresh
    import per call), which ``check_cases`` reproduces faster."""
    for export in discover(path):
        cases = argument_tuples(export.params)
        for args in cases[::max(1, len(cases) // 4)]:
            if ANALYTIC.get(export.id, lambda *a: None)(*args) is None:
                assert_same(path, export.name, *args)


@pytest.mark.parametrize("path", PROGRAM_FILES, ids=[p.name for p in PROGRAM_FILES])
def test_exports_match_compiled_module(path: Path) -> None:
    """The wasm module exports exactly the @export functions, with the declared arity."""
    expected = {e.name: len(e.params) for e in discover(path)}
    assert expected, f"{path.name} exports nothing"
    module = compiled(path).module
    actual = {x.name: len(x.type.params) for x in module.exports if isinstance(x.type, wasmtime.FuncType)}
    assert actual == expected


def test_corpus_is_large_enough() -> None:
    assert len(PROGRAM_FILES) >= 9
    assert len(EXPORTS) >= 200


# -- state across calls of one instance -----------------------------------------
# Each sequence runs against ONE CPython module and ONE wasm instance; globals
# must evolve the same way in both, also across a call that raised / trapped.
# (A sequence ends at an int64 overflow: there CPython stores the big value
# while the module traps before storing, and the states legitimately part.)

SEQUENCES: dict[str, list[list[tuple]]] = {
    "globals_calls.py": [
        [("step", 1), ("step", 5), ("get_counter",), ("step", -10), ("get_counter",)],
        [("step", INT64_MAX), ("get_counter",), ("step", -1), ("step", 1), ("get_counter",), ("step", 1)],
        [("step", INT64_MIN), ("get_counter",), ("step", 1), ("reset",), ("get_counter",), ("step", -3),
         ("step", INT64_MIN)],
        [("toggle",), ("toggle",), ("toggle",), ("reset",), ("toggle",)],
        [("bump_then_check", 1), ("bump_then_check", -1), ("bump_then_check", 5), ("get_counter",)],
        [("step_twice", 7), ("step_twice", -3), ("get_counter",), ("step_twice", 2**62)],
        [("global_loop_variable", 7), ("get_counter",), ("global_loop_variable", 10), ("get_counter",)],
        [("counter_loop", 25), ("get_counter",), ("step", 1), ("local_shadows_global", 41)],
        [("flag_flip", 5), ("toggle",), ("flag_flip", 4), ("toggle",)],
    ],
    "bytes_ops.py": [
        [("global_bytes", False, 1), ("global_bytes", True, 2), ("global_bytes", False, 7),
         ("global_bytes", False, 100), ("global_bytes", True, -1)],
        [("global_bytes", True, 0), ("global_bytes", False, 3), ("global_bytes", True, 11)],
    ],
}


def python_outcome(module, name: str, args: tuple) -> Outcome:
    try:
        return Outcome(getattr(module, name)(*args))
    except Exception as err:
        return Outcome(error=type(err).__name__)


def wasm_outcome(store, instance, name: str, args: tuple) -> Outcome:
    try:
        return Outcome(export(store, instance, name)(store, *wasm_args(args)))
    except wasmtime.Trap as trap:
        return Outcome(error=trap_name(trap))


SEQUENCE_CASES = [(name, i, seq) for name, seqs in SEQUENCES.items() for i, seq in enumerate(seqs)]


@pytest.mark.parametrize("file,index,sequence", SEQUENCE_CASES,
                         ids=[f"{name}::sequence{i}" for name, i, _ in SEQUENCE_CASES])
def test_state_persists_across_calls(file: str, index: int, sequence: list[tuple]) -> None:
    path = PROGRAMS / file
    module = load_python(path)
    store, instance = compiled(path).instance()
    seen = []
    for name, *args in sequence:
        python = python_outcome(module, name, tuple(args))
        wasm = wasm_outcome(store, instance, name, tuple(args))
        seen.append((name, tuple(args), python, wasm))
        assert wasm == expected_wasm(python), \
            f"{file} call #{len(seen)} {name}{tuple(args)}: CPython {python}, wasm {wasm}; calls so far: {seen}"
    # The sequence really exercised state: some call's result differs from a fresh instance's.
    assert any(compiled(path).call(name, *wasm_args(args)) != wasm for name, args, _, wasm in seen), \
        f"{file} sequence {index} does not depend on state kept between calls"


# -- regressions: bugs this suite found at 1ec4331 (fixed in fcd7b0e) ---------------
# Each was first kept as an xfail(strict=True) reproducer; they pass since the
# compiler fixes, and must keep passing.

def write_program(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "repro.py"
    path.write_text("from abi import export\n\n" + source)
    return path


def run_python_outcome(path: Path, name: str, *args: object) -> Outcome:
    return python_outcome(load_python(path), name, args)


def test_regression_zero_to_negative_power(tmp_path: Path) -> None:
    """Was: ``0 ** -1`` trapped NegativePowerError; CPython raises ZeroDivisionError."""
    path = write_program(tmp_path, "@export\ndef f(a: int) -> int:\n    return 0 ** -1 + a\n")
    assert run_python_outcome(path, "f", 1) == Outcome(error="ZeroDivisionError")
    assert compiled(path).call("f", 1) == Outcome(error="ZeroDivisionError")


@pytest.mark.parametrize("source", [
    "MIN = -9223372036854775808\n\n@export\ndef f() -> int:\n    return MIN\n",
    "@export\ndef f() -> int:\n    return -9223372036854775808\n",
    "@export\ndef f() -> int:\n    x = 5\n    x = -9223372036854775808 + x\n    return x - 5\n",
], ids=["module-constant", "in-function", "in-expression"])
def test_regression_int64_min_literal(tmp_path: Path, source: str) -> None:
    """Was: rejected with 'does not fit in a 64-bit int' (the check saw 2**63 before the minus)."""
    path = write_program(tmp_path, source)
    assert compiled(path).call("f") == Outcome(INT64_MIN)


def test_int64_min_literal_negated_overflows(tmp_path: Path) -> None:
    path = write_program(tmp_path, "@export\ndef f() -> int:\n    return --9223372036854775808\n")
    assert run_python_outcome(path, "f") == Outcome(2**63)
    assert compiled(path).call("f") == Outcome(error="OverflowError")


@pytest.mark.parametrize("source", [
    "@export\ndef f(a: int, b: int) -> int:\n    min = 3\n    return min(a, b)\n",
    "@export\ndef f(len: int) -> int:\n    return len(b'abc')\n",
    "@export\ndef f(a: int) -> int:\n    abs = a\n    return abs(a)\n",
    "@export\ndef f(a: int) -> int:\n    int = a\n    return int(a)\n",
], ids=["local-min", "param-len", "local-abs", "local-int"])
def test_regression_shadowed_builtin_is_not_called(tmp_path: Path, source: str) -> None:
    """Was: a local named like a built-in was still called as the built-in (CPython: TypeError)."""
    path = write_program(tmp_path, source)
    args = (1,) * source.split("(", 1)[1].split(")", 1)[0].count(":")
    assert run_python_outcome(path, "f", *args).error == "TypeError"
    with pytest.raises(CompileError) as err:
        compiled(path)
    assert "internal compiler error" not in str(err.value)


@pytest.mark.parametrize("constant", ["1 << (1 << 62)", "2 ** (1 << 40)", "(-3) ** (1 << 62)"])
def test_regression_huge_constant_folding(tmp_path: Path, constant: str) -> None:
    """Was: 'internal compiler error: MemoryError', or no end at all (CPython building the big int)."""
    path = write_program(tmp_path, f"X = {constant}\n\n@export\ndef f() -> int:\n    return 0\n")
    with pytest.raises(CompileError) as err:
        compiled(path)
    assert "internal compiler error" not in str(err.value)
    assert "64-bit" in str(err.value)
