"""compiler/passes/inline.py: what it inlines and keeps, and that inlined code still matches CPython."""
from pathlib import Path

import pytest
import wasmtime

from compiler import ir
from compiler.frontend import load
from compiler.lower import to_ir
from compiler.passes import inline, ranges
from compiler.sema import check, declare
from compiler.wasm.emit import emit_module, reachable
from differential import INT64_MAX, INT64_MIN, CompiledProgram, expected_wasm, run_python

PROGRAM = Path(__file__).parent / "programs_passes" / "inline_cases.py"
EDGES = [0, 1, -1, 2, 3, 7, 8, 255, 256, 1000, 1001, -1000, -1001, 1 << 20, INT64_MAX, INT64_MIN,
         INT64_MAX - 1, INT64_MIN + 1, 0x5555, -0x5556]
EXPORTS = ["clamps", "bits", "triangles_in_a_loop", "edges", "branches", "writes_parameter", "nested_calls"]


def lowered(path: Path) -> ir.Module:
    return to_ir.run(check.run(declare.run(load.run(path))))


def calls(module: ir.Module, symbol: str) -> int:
    """Calls of ``symbol`` in the functions an export reaches (the ones inlining works on), except on
    the way of a raise (the exception's construction and the uncaught-exception report)."""
    raising = frozenset({"rt.throw", *(s for s in module.functions if s.startswith("compiler.runtime.exceptions."))})
    live = [module.functions[s] for s in reachable(module, raising) if s in module.functions]
    return sum(instr == ("call", symbol) for fn in live for instr in fn.body)


def write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "prog.py"
    path.write_text("from abi import export\n" + source)
    return path


def test_small_runtime_helpers_are_inlined_and_their_copies_removed(tmp_path: Path) -> None:
    module = lowered(write(tmp_path, "@export\ndef f(x: int) -> int:\n    data = b'abc' * (x & 3)\n"
                                     "    return data[x & 1]\n"))
    assert calls(module, "compiler.runtime.strings.byte_len") >= 1
    inline.run(module, frozenset(ranges.CHECKED))
    assert calls(module, "compiler.runtime.strings.byte_len") == 0
    assert "compiler.runtime.strings.byte_len" not in module.functions
    assert ir.validate(module) == []


def test_checked_helpers_recursion_and_exports_stay(tmp_path: Path) -> None:
    module = lowered(write(tmp_path, "def down(n: int) -> int:\n    if n <= 0:\n        return 0\n"
                                     "    return down(n - 1)\n@export\ndef f(x: int) -> int:\n    return down(x) + x\n"
                                     "@export\ndef g(x: int) -> int:\n    return f(x)\n"))
    inline.run(module, frozenset(ranges.CHECKED))
    assert calls(module, "prog.down") == 2  # the recursive call and f's call
    assert calls(module, "rt.add") == 1 and calls(module, "rt.sub") == 1  # ranges.py still sees them
    assert module.functions["prog.f"].export == "f"
    assert ir.validate(module) == []


def test_program_functions_that_may_trap_keep_their_frames(tmp_path: Path) -> None:
    module = lowered(write(tmp_path, "def mask(x: int) -> int:\n    return x & 255\n"
                                     "def inc(x: int) -> int:\n    return x + 1\n"
                                     "@export\ndef f(x: int) -> int:\n    return inc(mask(x))\n"))
    inline.run(module, frozenset(ranges.CHECKED))
    assert calls(module, "prog.mask") == 0  # cannot trap: never in a backtrace
    assert calls(module, "prog.inc") == 1  # may raise OverflowError: its name stays in the backtrace


def test_ranges_still_knows_the_result_of_an_inlined_body(tmp_path: Path, monkeypatch) -> None:
    """The body's value leaves its block at an early return's br or at its end: ranges.py joins both,
    as it joined the function's returns before the call was inlined."""
    monkeypatch.setattr(inline, "USER_SIZE", 100)
    module = lowered(write(tmp_path, "def low(x: int) -> int:\n    if x < 0:\n        return 0\n"
                                     "    return x & 255\n@export\ndef f(x: int) -> int:\n    return low(x) * 1000\n"))
    inline.run(module, frozenset(ranges.CHECKED))
    assert calls(module, "prog.low") == 0 and calls(module, "rt.mul") == 1
    ranges.run(module)
    assert calls(module, "rt.mul") == 0


GET = "compiler.runtime.get"


def argument_module(clobber: bool) -> ir.Module:
    """``main`` passes ``x`` and a constant to ``get``; with ``clobber`` it writes ``x`` between
    pushing it and the call, so the pushed value is not what ``x`` holds at the call."""
    get = ir.Function(GET, [("p", "i64"), ("q", "i64")], ["i64"], [], [
        ("local.get", "p"), ("local.get", "q"), ("i64.mul",), ("local.get", "p"), ("i64.sub",)])
    write = [("i64.const", 100), ("local.set", "x")] if clobber else []
    main = ir.Function("main", [("x", "i64")], ["i64"], [], [
        ("local.get", "x"), *write, ("i64.const", 5), ("call", GET), ("local.get", "x"), ("i64.add",)],
        export="main")
    return ir.Module(functions={GET: get, "main": main})


@pytest.mark.parametrize("clobber", [False, True])
def test_arguments_move_into_the_body_unless_written_before_the_call(clobber: bool) -> None:
    before = [run_main(argument_module(clobber), n) for n in (0, 3, -7)]
    module = inline.run(argument_module(clobber))
    main = module.functions["main"]
    assert calls(module, GET) == 0 and ir.validate(module) == []
    assert [name for name, _ in main.locals] == (["p@i1"] if clobber else [])
    assert [run_main(module, n) for n in (0, 3, -7)] == before
    assert before == ([4 * n + 100 for n in (0, 3, -7)] if clobber else [5 * n for n in (0, 3, -7)])


@pytest.fixture(scope="module")
def everything_inlined() -> CompiledProgram:
    """inline_cases.py with every non-recursive function inlined wherever it is called (compiled
    once for the module: the settings hold while it compiles; running it needs none)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(inline, "USER_FRAMES", False)
        monkeypatch.setattr(inline, "USER_SIZE", 1000)
        module = lowered(PROGRAM)
        inline.run(module, frozenset(ranges.CHECKED))
        for helper in ("clamp", "first_set_bit", "triangle", "add_one", "pick", "twice_then_add"):
            assert calls(module, f"{PROGRAM.stem}.{helper}") == 0, helper
        return CompiledProgram(PROGRAM)


@pytest.mark.parametrize("name", EXPORTS)
def test_inlined_program_functions_match_cpython(everything_inlined: CompiledProgram, name: str) -> None:
    for a in EDGES:
        for b in EDGES[::2]:
            python = run_python(PROGRAM, name, a, b)
            wasm = everything_inlined.call(name, a, b)
            assert wasm == expected_wasm(python), f"{name}({a}, {b}): CPython {python}, wasm {wasm}"


BUMP = "compiler.runtime.bump"


def counter_module() -> ir.Module:
    """``bump`` reads its local before writing it (wasm zeroes it on entry); ``main`` calls it in a
    loop: inlined there, the local must be zeroed before each copy of the body runs."""
    bump = ir.Function(BUMP, [("step", "i64")], ["i64"], [("count", "i64")], [
        ("local.get", "count"), ("local.get", "step"), ("i64.add",), ("local.tee", "count"),
        ("local.get", "step"), ("i64.gt_s",), ("if", "early", None), ("local.get", "count"),
        ("return",), ("end",), ("i64.const", -1)])
    main = ir.Function("main", [("n", "i64")], ["i64"], [("sum", "i64")], [
        ("block", "out", None), ("loop", "again", None),
        ("local.get", "n"), ("i64.eqz",), ("br_if", "out"),
        ("local.get", "sum"), ("i64.const", 5), ("call", BUMP), ("i64.add",), ("local.set", "sum"),
        ("local.get", "n"), ("i64.const", 1), ("i64.sub",), ("local.set", "n"), ("br", "again"),
        ("end",), ("end",), ("local.get", "sum")], export="main")
    return ir.Module(functions={BUMP: bump, "main": main})


def run_main(module: ir.Module, n: int) -> int:
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, emit_module(module)), [])
    return instance.exports(store)["main"](store, n)


def test_locals_read_before_written_are_zeroed_when_inlined_in_a_loop() -> None:
    before = [run_main(counter_module(), n) for n in range(4)]
    module = inline.run(counter_module())
    assert calls(module, BUMP) == 0 and BUMP not in module.functions
    assert ir.validate(module) == []
    assert ("i64.const", 0) in module.functions["main"].body  # the zeroing
    assert [run_main(module, n) for n in range(4)] == before == [0, -1, -2, -3]
