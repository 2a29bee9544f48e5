"""compiler/passes/propagate.py and passes/dce.py: what they remove, folding that agrees with wasm,
and programs whose copies, constants and dead code they touch still matching CPython."""
from pathlib import Path

import pytest
import wasmtime

from compiler import ir
from compiler.frontend import load
from compiler.lower import to_ir
from compiler.passes import dce, propagate
from compiler.sema import check, declare
from compiler.wasm.emit import emit_module
from differential import INT64_MAX, INT64_MIN, assert_same

PROGRAM = Path(__file__).parent / "programs_passes" / "propagate_cases.py"
EDGES = [0, 1, -1, 2, 5, 99, 100, 101, 255, -256, 1 << 31, -(1 << 31), 1 << 32, INT64_MAX, INT64_MIN,
         INT64_MAX - 10, INT64_MIN + 1]
ENGINE = wasmtime.Engine()


def lowered(path: Path) -> ir.Module:
    return to_ir.run(check.run(declare.run(load.run(path))))


@pytest.mark.parametrize("name", ["stale_copy", "copies_in_a_loop", "branch_copies", "chained", "constants",
                                  "dead_code", "source_rebound_in_the_loop"])
def test_programs_match_cpython(name: str) -> None:
    for a in EDGES:
        for b in EDGES[::2]:
            assert_same(PROGRAM, name, a, b)


def test_comparison_temporaries_and_the_final_return_go(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text("from abi import export\n@export\ndef f(x: int, y: int) -> int:\n"
                    "    if x < y:\n        return 1\n    return 2\n")
    fn = lowered(path).functions["prog.f"]
    assert any(name.startswith("tmp.") for name, _ in fn.locals) and fn.body[-2:] == [("return",), ("unreachable",)]
    module = ir.Module(functions={fn.symbol: fn})
    propagate.run(module)
    dce.run(module)
    assert fn.locals == [] and ir.validate(module) == []
    assert fn.body == [("local.get", "x"), ("local.get", "y"), ("i64.lt_s",), ("if", fn.body[3][1], None),
                       ("i64.const", 1), ("return",), ("end",), ("i64.const", 2)]


def test_a_copy_whose_source_changes_is_kept() -> None:
    body = [("local.get", "x"), ("local.set", "t"), ("i64.const", 9), ("local.set", "x"), ("local.get", "t")]
    fn = ir.Function("f", [("x", "i64")], ["i64"], [("t", "i64")], list(body))
    propagate.propagate(fn)
    assert fn.body == body


def test_a_write_in_one_arm_does_not_dominate_a_read_after_it() -> None:
    body = [("local.get", "c"), ("if", "L", None), ("i64.const", 7), ("local.set", "t"), ("end",),
            ("local.get", "t")]
    fn = ir.Function("f", [("c", "i32")], ["i64"], [("t", "i64")], list(body))
    propagate.propagate(fn)
    assert fn.body == body  # t is 0 when c is false


def test_locals_only_written_become_drops_and_set_get_becomes_tee() -> None:
    fn = ir.Function("f", [("x", "i64")], ["i64"], [("dead", "i64"), ("t", "i64")], [
        ("local.get", "x"), ("i64.const", 3), ("i64.mul",), ("local.set", "dead"),
        ("local.get", "x"), ("i64.const", 5), ("i64.add",), ("local.set", "t"), ("local.get", "t"),
        ("local.get", "t"), ("i64.mul",)])
    module = ir.Module(functions={"f": fn})
    propagate.run(module)
    dce.run(module)
    assert fn.locals == [("t", "i64")]
    assert ("local.tee", "t") in fn.body and ("drop",) in fn.body


I64 = [0, 1, -1, 2, 3, 5, -5, 63, 64, 65, 1 << 32, INT64_MAX, INT64_MIN, INT64_MIN + 1, 0x5555_5555_5555_5555]
I32 = [0, 1, -1, 2, 5, -5, 31, 32, 33, (1 << 31) - 1, -(1 << 31), 0x5555_5555]


@pytest.mark.parametrize("kind", ["i64", "i32"])
def test_folding_agrees_with_wasm(kind: str) -> None:
    """Each folded binary instruction, next to the instruction itself run by wasmtime."""
    names = sorted(propagate.BINARY_FOLDS)
    functions = {name: ir.Function(name, [("a", kind), ("b", kind)], ["i32" if name in propagate.COMPARE else kind],
                                   [], [("local.get", "a"), ("local.get", "b"), (f"{kind}.{name}",)], export=name)
                 for name in names}
    store = wasmtime.Store(ENGINE)
    exports = wasmtime.Instance(store, wasmtime.Module(ENGINE, emit_module(ir.Module(functions=functions))),
                                []).exports(store)
    values = I64 if kind == "i64" else I32
    for name in names:
        for a in values:
            for b in values:
                folded = propagate._binary(kind, name, a, b)
                try:
                    expected = exports[name](store, a, b)
                except wasmtime.Trap:
                    assert folded is None, (name, a, b)
                    continue
                assert folded is not None and folded[1] == expected, (name, a, b, folded, expected)


def test_fold_replaces_constant_arithmetic_and_leaves_traps() -> None:
    fn = ir.Function("f", [], ["i64"], [], [("i64.const", INT64_MAX), ("i64.const", 1), ("i64.add",),
                                             ("i64.const", 0), ("i64.div_s",)])
    propagate.propagate(fn)
    assert fn.body == [("i64.const", INT64_MIN), ("i64.const", 0), ("i64.div_s",)]


def test_dead_code_and_constant_conditions_go() -> None:
    fn = ir.Function("f", [("x", "i64")], ["i64"], [("unused", "i32")], [
        ("i32.const", 0), ("if", "never", None), ("i64.const", 1), ("return",), ("end",),
        ("i32.const", 1), ("if", "always", "i64"), ("local.get", "x"), ("else",), ("i64.const", 2), ("end",),
        ("return",), ("local.get", "x"), ("drop",)])
    module = ir.Module(functions={"f": fn})
    dce.run(module)
    assert fn.body == [("local.get", "x")] and fn.locals == []
