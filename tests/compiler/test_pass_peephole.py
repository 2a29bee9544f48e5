"""compiler/passes/peephole.py: each rewrite on its own, its absence where the pattern is not
whole, and programs full of the patterns still matching CPython."""
from pathlib import Path

import pytest

from compiler import ir
from compiler.passes import peephole
from differential import INT64_MAX, INT64_MIN, assert_same

PROGRAM = Path(__file__).parent / "programs_passes" / "peephole_cases.py"
EDGES = [0, 1, -1, 255, 256, -256, 1 << 32, INT64_MAX, INT64_MIN]


@pytest.mark.parametrize("before, after", [
    ([("local.get", "p"), ("i64.extend_i32_u",), ("i32.wrap_i64",)], [("local.get", "p")]),
    ([("local.get", "p"), ("i64.extend_i32_s",), ("i32.wrap_i64",)], [("local.get", "p")]),
    ([("local.get", "p"), ("i64.load", 16), ("i32.wrap_i64",)], [("local.get", "p"), ("i32.load", 16)]),
    ([("local.get", "p"), ("i64.load32_u", 8), ("i32.wrap_i64",)], [("local.get", "p"), ("i32.load", 8)]),
    ([("local.get", "x"), ("i64.const", 0), ("i64.eq",)], [("local.get", "x"), ("i64.eqz",)]),
    ([("local.get", "x"), ("i64.const", 0), ("i64.ne",)], [("local.get", "x"), ("i64.eqz",), ("i32.eqz",)]),
    ([("local.get", "x"), ("i64.const", 0), ("i64.ne",), ("i32.eqz",), ("if", "L", None), ("end",)],
     [("local.get", "x"), ("i64.eqz",), ("if", "L", None), ("end",)]),  # rewrites cascade
    ([("local.get", "p"), ("i32.eqz",), ("i32.eqz",), ("br_if", "B")], [("local.get", "p"), ("br_if", "B")]),
    ([("i64.const", 1), ("local.set", "x"), ("local.get", "x")], [("i64.const", 1), ("local.tee", "x")]),
    ([("local.get", "c"), ("i32.eqz",), ("if", "L", "i64"), ("block", "B", None), ("end",), ("i64.const", 1),
      ("else",), ("i64.const", 2), ("end",)],
     [("local.get", "c"), ("if", "L", "i64"), ("i64.const", 2), ("else",), ("block", "B", None), ("end",),
      ("i64.const", 1), ("end",)]),  # arms swapped, a nested block kept whole
    ([("local.get", "c"), ("i32.eqz",), ("if", "L", None), ("call", "f"), ("end",)],
     [("local.get", "c"), ("if", "L", None), ("else",), ("call", "f"), ("end",)]),
])
def test_each_rewrite(before: list, after: list) -> None:
    assert peephole.simplify(list(before)) == after


@pytest.mark.parametrize("body", [
    [("local.get", "x"), ("i64.const", 1), ("i64.eq",)],                      # not a zero
    [("local.get", "p"), ("i32.eqz",), ("i32.eqz",), ("local.set", "b")],      # a value kept: 0 or 1
    [("local.get", "x"), ("i32.wrap_i64",), ("i64.extend_i32_u",)],            # drops the high half
    [("i64.const", 1), ("local.set", "x"), ("local.get", "y")],
    [("local.get", "p"), ("i64.load8_u", 0), ("i32.wrap_i64",)],               # not one of the loads
])
def test_what_is_left_alone(body: list) -> None:
    assert peephole.simplify(list(body)) == body


def test_a_module_stays_valid() -> None:
    fn = ir.Function("f", [("x", "i64")], ["i32"], [("t", "i64")],
                     [("local.get", "x"), ("local.set", "t"), ("local.get", "t"), ("i64.const", 0), ("i64.ne",)])
    module = peephole.run(ir.Module(functions={"f": fn}))
    assert ir.validate(module) == [] and fn.body == [("local.get", "x"), ("local.tee", "t"), ("i64.eqz",),
                                                      ("i32.eqz",)]


@pytest.mark.parametrize("name", ["fields", "zero_tests", "text_lengths"])
def test_programs_match_cpython(name: str) -> None:
    for a in EDGES:
        for b in EDGES[::2]:
            assert_same(PROGRAM, name, a, b)
