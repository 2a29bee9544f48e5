"""compiler/passes/escape.py: which objects it keeps in locals and which escape, the IR it leaves, and
programs whose objects it removes (or must keep) still matching CPython."""
import ast
from pathlib import Path

import pytest
import wasmtime

from compiler import ir, pipeline
from compiler.passes import escape
from differential import INT64_MAX, INT64_MIN, Outcome, expected_wasm, export, run_python, trap_name

PROGRAM = Path(__file__).parent / "programs_passes" / "escape_cases.py"
ALLOC = escape.ALLOC
NEW = [("i64.const", 16), ("i64.const", 9), ("call", ALLOC), ("i32.wrap_i64",)]  # a 2-slot record
USE = "use"
ENGINE = wasmtime.Engine()


def module_of(body: list[tuple], params=(("x", "i64"),), results=("i64",), locals_=(("p", "i32"),),
              globals_=()) -> ir.Module:
    alloc = ir.Function(ALLOC, [("payload", "i64"), ("kind", "i64")], ["i64"], [], [("i64.const", 64)])
    use = ir.Function(USE, [("object", "i32")], [], [], [])
    main = ir.Function("main", list(params), list(results), list(locals_), list(body), export="main")
    module = ir.Module(functions={ALLOC: alloc, USE: use, "main": main})
    for name in globals_:
        module.globals[name] = ir.Global(name, "i32", True, 0)
    return module


def after(module: ir.Module) -> list[tuple]:
    escape.run(module)
    assert ir.validate(module) == []
    return module.functions["main"].body


def allocates(body: list[tuple]) -> bool:
    return ("call", ALLOC) in body


FILLED = [*NEW, ("local.tee", "p"), ("local.get", "x"), ("i64.store", 8),
          ("local.get", "p"), ("i64.const", 3), ("i64.store", 16)]


def test_a_record_whose_fields_are_read_becomes_locals() -> None:
    body = after(module_of([*FILLED, ("local.get", "p"), ("i64.load", 8), ("local.get", "p"), ("i64.load", 16),
                            ("i64.add",)]))
    assert body == [("local.get", "x"), ("i64.const", 3), ("i64.add",)]


def test_a_tuple_returned_by_an_inlined_helper_becomes_locals() -> None:
    """The shape passes/inline.py leaves: the object leaves the inlined body as its block's result."""
    helper = [("block", "inline@i1", "i32"), *NEW, ("local.tee", "tmp"), ("local.get", "x"), ("i64.store", 8),
              ("local.get", "tmp"), ("i64.const", 5), ("i64.store", 16), ("local.get", "tmp"), ("end",)]
    body = after(module_of([*helper, ("local.tee", "p"), ("i64.extend_i32_u",), ("i32.wrap_i64",), ("i64.load", 8),
                            ("local.get", "p"), ("i64.load", 16), ("i64.mul",)],
                           locals_=[("p", "i32"), ("tmp", "i32")]))
    assert not allocates(body)
    assert body[-3:] == [("local.get", "x"), ("i64.const", 5), ("i64.mul",)]


def test_a_slot_read_before_any_store_reads_zero_and_is_zeroed_in_a_loop() -> None:
    loop = [("loop", "again", None), *NEW, ("local.tee", "p"), ("local.get", "p"), ("i64.load", 8),
            ("i64.const", 1), ("i64.add",), ("i64.store", 8), ("local.get", "p"), ("i64.load", 8),
            ("local.get", "x"), ("i64.add",), ("local.tee", "x"), ("i64.const", 10), ("i64.lt_s",),
            ("br_if", "again"), ("end",), ("local.get", "x")]
    body = after(module_of(loop))
    # the slot is zeroed as each iteration allocates, so it reads 0 + 1 every time (propagate folds it)
    assert body == [("loop", "again", None), ("i64.const", 1), ("local.get", "x"), ("i64.add",),
                    ("local.tee", "x"), ("i64.const", 10), ("i64.lt_s",), ("br_if", "again"), ("end",),
                    ("local.get", "x")]


def either(first: list[tuple]) -> list[tuple]:
    """``(x, 1) if x == 0 else (2, x)``: one value that is either of two objects."""
    return [("local.get", "x"), ("i64.eqz",), ("if", "pick", "i32"), *NEW, ("local.tee", "a"), ("local.get", "x"),
            ("i64.store", 8), ("local.get", "a"), ("i64.const", 1), ("i64.store", 16), ("local.get", "a"), ("else",),
            *NEW, ("local.tee", "b"), ("i64.const", 2), ("i64.store", 8), ("local.get", "b"), ("local.get", "x"),
            ("i64.store", 16), ("local.get", "b"), ("end",), ("local.tee", "p"), ("i64.load", 8), *first,
            ("local.get", "p"), ("i64.load", 16), ("i64.sub",)]


def test_either_of_two_objects_shares_one_set_of_locals() -> None:
    module = module_of(either([]), locals_=[("p", "i32"), ("a", "i32"), ("b", "i32")])
    body = after(module)
    assert not allocates(body)
    assert sorted(name for name, _ in module.functions["main"].locals if name.startswith("field.")) == \
        ["field.5.16", "field.5.8"]


ESCAPES = {
    "stored as a value": [*FILLED, ("local.get", "x"), ("i32.wrap_i64",), ("local.get", "p"), ("i32.store", 8),
                          ("i64.const", 0)],
    "passed to a call": [*FILLED, ("local.get", "p"), ("call", USE), ("i64.const", 0)],
    "compared": [*FILLED, ("local.get", "p"), ("local.get", "p"), ("i32.eq",), ("i64.extend_i32_u",)],
    "written to a global": [*FILLED, ("local.get", "p"), ("global.set", "g"), ("i64.const", 0)],
    "returned": [*FILLED, ("local.get", "p"), ("i64.extend_i32_u",), ("return",)],
    "on one branch": [*FILLED, ("local.get", "x"), ("i64.eqz",), ("if", "then", None), ("local.get", "p"),
                      ("call", USE), ("end",), ("local.get", "p"), ("i64.load", 8)],
    "read at another width": [*FILLED, ("local.get", "p"), ("i32.load", 8), ("i64.extend_i32_u",)],
    "read past its payload": [*FILLED, ("local.get", "p"), ("i64.load", 24)],
    "read at a variable address": [*FILLED, ("local.get", "p"), ("i32.const", 8), ("i32.add",), ("i64.load", 0)],
    "a parameter holds it": [*NEW, ("local.set", "q"), ("local.get", "q"), ("i64.load", 8)],
    "a local that holds another value too": [*FILLED, ("local.get", "x"), ("i64.eqz",), ("if", "then", None),
                                             ("i32.const", 0), ("local.set", "p"), ("end",), ("local.get", "p"),
                                             ("i64.load", 8)],
    "an older one in use after the next allocation": [
        ("loop", "again", None), ("local.get", "old"), ("i64.load", 8), ("drop",), *FILLED, ("local.get", "p"),
        ("local.set", "old"), ("local.get", "x"), ("i32.wrap_i64",), ("br_if", "again"), ("end",), ("i64.const", 0)],
    "an older one on the stack at the next allocation": [
        ("loop", "again", None), ("local.get", "x"), ("i64.eqz",), ("if", "first", None), *FILLED, ("end",),
        ("local.get", "p"), ("local.get", "x"), ("i64.const", 1), ("i64.sub",), ("local.tee", "x"), ("i64.eqz",),
        ("br_if", "again"), ("drop",), ("end",), ("i64.const", 0)],
    "either of two objects, one of them on the stack as the other is made": [
        *FILLED, ("block", "pick", "i32"), ("local.get", "p"), *NEW, ("local.tee", "old"), ("i64.const", 5),
        ("i64.store", 8), ("local.get", "x"), ("i32.wrap_i64",), ("br_if", "pick"), ("drop",), ("local.get", "old"),
        ("end",), ("i64.load", 8)],
    "either of two objects, one of them read after the other is made": [
        *NEW, ("local.tee", "p"), ("local.get", "x"), ("i64.store", 8), *NEW, ("local.tee", "old"),
        ("local.get", "x"), ("i64.store", 8), ("local.get", "x"), ("i64.eqz",), ("if", "pick", "i32"),
        ("local.get", "p"), ("else",), ("local.get", "old"), ("end",), ("i64.load", 8), ("local.get", "p"),
        ("i64.load", 8), ("i64.add",)],
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_an_object_that_escapes_keeps_its_allocation(case: str) -> None:
    module = module_of(ESCAPES[case], params=[("x", "i64"), ("q", "i32")],
                       locals_=[("p", "i32"), ("old", "i32")], globals_=["g"])
    before = list(module.functions["main"].body)
    assert after(module) == before


# -- compiled programs ------------------------------------------------------------------------------
KEPT_IN_LOCALS = ["record_fields", "fields_written_later", "mixed_field_types", "tuple_fields", "per_iteration",
                  "pair_per_iteration", "raised_between", "uncaught_between", "overflow_of_a_field", "raised_in_a_loop",
                  "either_tuple"]
KEPT_IN_MEMORY = {  # allocations left (into_a_container: the list too)
    "replaced_by_a_new_one": 2, "outer_holds_inner": 1, "into_a_field": 1, "into_a_container": 2,
    "into_a_global": 1, "escapes_on_one_branch": 1, "passed_returned_compared": 1, "both_alive": 2}
EDGES_A = [0, 1, -1, 7, 13, 255, INT64_MAX, INT64_MIN]
EDGES_B = [0, 2, -5, INT64_MAX]


@pytest.fixture(scope="module")
def program() -> tuple[dict, dict, wasmtime.Module]:
    """escape_cases.py compiled once: allocations per export's function before and after the pass."""
    counts: dict[str, dict[str, int]] = {}

    def observe(name: str, module: ir.Module) -> None:
        if name in ("inline", "escape"):
            counts[name] = {s.rsplit(".", 1)[-1]: fn.body.count(("call", ALLOC)) for s, fn in module.functions.items()
                            if s.startswith(PROGRAM.stem) or ".escape_cases." in s}
    wasm = pipeline.compile_file_observed(PROGRAM, observe)
    return counts["inline"], counts["escape"], wasmtime.Module(ENGINE, wasm)


def test_objects_that_stay_in_the_function_are_removed(program) -> None:
    before, now, _ = program
    for name in KEPT_IN_LOCALS:
        assert before[name] >= 1 and now[name] == 0, name
    for name, kept in KEPT_IN_MEMORY.items():
        assert now[name] == kept, name


def exports() -> list[str]:
    tree = ast.parse(PROGRAM.read_text())
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.decorator_list]


@pytest.mark.parametrize("name", exports())
def test_programs_match_cpython(program, name: str) -> None:
    module = program[2]
    for a in EDGES_A:
        for b in EDGES_B:
            store = wasmtime.Store(ENGINE)
            func = export(store, wasmtime.Instance(store, module, []), name)
            try:
                wasm = Outcome(func(store, a, b))
            except wasmtime.Trap as trap:
                wasm = Outcome(error=trap_name(trap))
            python = run_python(PROGRAM, name, a, b)
            assert wasm == expected_wasm(python), f"{name}({a}, {b}): CPython {python}, wasm {wasm}"


def test_every_export_is_listed() -> None:
    assert sorted(exports()) == sorted(KEPT_IN_LOCALS + list(KEPT_IN_MEMORY))
