"""compiler/passes/booleans.py: and/or of comparisons without a branch, the patterns it leaves
alone, and programs full of both still matching CPython."""
from pathlib import Path

import pytest

from compiler import ir
from compiler.passes import booleans
from differential import INT64_MAX, INT64_MIN, assert_same

PROGRAM = Path(__file__).parent / "programs_passes" / "boolean_cases.py"
EDGES = [0, 1, -1, 2, 100, 255, 256, INT64_MAX, INT64_MIN]
LEFT = [("local.get", "a"), ("i64.const", 0), ("i64.gt_s",), ("local.tee", "t")]
RIGHT = [("local.get", "b"), ("i64.const", 1), ("i64.eq",)]


def run(body: list) -> ir.Function:
    fn = ir.Function("f", [("a", "i64"), ("b", "i64")], ["i32"], [("t", "i32")], list(body))
    module = booleans.run(ir.Module(functions={"f": fn}))
    assert ir.validate(module) == []
    return fn


@pytest.mark.parametrize("arms, op", [
    ([("local.get", "t"), ("else",), *RIGHT], "i32.or"),
    ([*RIGHT, ("else",), ("local.get", "t")], "i32.and"),
])
def test_each_rewrite(arms: list, op: str) -> None:
    fn = run([*LEFT, ("if", "L", "i32"), *arms, ("end",)])
    assert fn.body == [*LEFT[:3], *RIGHT, (op,)] and fn.locals == []


@pytest.mark.parametrize("body", [
    [*LEFT, ("if", "L", "i32"), ("local.get", "t"), ("else",), ("local.get", "b"), ("call", "g"), ("end",)],
    [*LEFT, ("if", "L", "i32"), ("local.get", "t"), ("else",), ("local.get", "a"), ("local.get", "b"),
     ("i64.div_s",), ("i64.eqz",), ("end",)],                                        # may trap
    [*LEFT, ("if", "L", "i32"), ("local.get", "t"), ("else",), ("i32.const", 8), ("i32.load", 0),
     ("end",)],                                                                      # reads memory
    [*LEFT, ("if", "L", "i32"), ("local.get", "t"), ("else",), ("local.get", "b"), ("i32.wrap_i64",),
     ("end",)],                                                                      # not 0 or 1
    [("local.get", "a"), ("i32.wrap_i64",), ("local.tee", "t"), ("if", "L", "i32"), ("local.get", "t"),
     ("else",), *RIGHT, ("end",)],                                                   # left not 0 or 1
])
def test_what_is_left_alone(body: list) -> None:
    fn = ir.Function("f", [("a", "i64"), ("b", "i64")], ["i32"], [("t", "i32")], list(body))
    assert booleans.rewrite(fn) == body


@pytest.mark.parametrize("name", ["plain", "guarded"])
def test_programs_match_cpython(name: str) -> None:
    for a in EDGES:
        for b in EDGES[::2]:
            assert_same(PROGRAM, name, a, b)
