"""compiler/passes/pack.py: long i64 constants read from immutable globals, locals grouped by
type; the same instructions (fuel) in fewer bytes, and programs still matching CPython."""
import copy
from pathlib import Path

import pytest

from compiler import compile_file, ir, pipeline
from compiler.passes import pack
from compiler.wasm.emit import emit_module
from differential import INT64_MAX, INT64_MIN, assert_same

ROOT = Path(__file__).resolve().parents[2]
RANGES = Path(__file__).parent / "programs_passes" / "range_edges.py"


def after(path: Path, name: str) -> ir.Module:
    seen: dict[str, ir.Module] = {}

    def observe(pass_name: str, module: ir.Module) -> None:
        if pass_name == name:
            seen["m"] = copy.deepcopy(module)  # later passes change the module in place
    pipeline.compile_to_ir(path, observe=observe)
    return seen["m"]


def test_saving_counts_both_sides() -> None:
    assert pack.saving(1, 1000) < 0  # a one-byte constant: a global read is no shorter
    assert pack.saving(INT64_MAX - 1, 1) < 0  # one use: the global entry costs more
    assert pack.saving(INT64_MAX - 1, 2) == 2 * 9 - 14


def test_repeated_long_constants_become_globals_and_locals_are_grouped(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text("from abi import export\n@export\ndef f(a: int, b: int, c: int) -> int:\n"
                    "    x = a + 1\n    y = b + 1\n    z = c + 1\n    s = 'q' * x\n    return x + y + z + len(s)\n")
    module = pipeline.compile_to_ir(path)
    assert ir.validate(module) == []
    fn = module.functions["prog.f"]
    bound = f"{pack.PREFIX}{INT64_MAX - 1}"  # the `+ 1` overflow checks' bound
    assert ("global.get", bound) in fn.body and ("i64.const", INT64_MAX - 1) not in fn.body
    assert module.globals[bound] == ir.Global(bound, "i64", False, INT64_MAX - 1)
    for f in module.functions.values():
        types = [t for _, t in f.locals]
        assert types == sorted(types, key=types.index), f"{f.symbol}: locals of one type not together"


@pytest.mark.parametrize("source", [ROOT / "filter" / "main.py", RANGES])
def test_the_same_instructions_in_fewer_bytes(source: Path) -> None:
    names = pipeline.pass_names()
    before = after(source, names[names.index("pack") - 1])  # the IR pack is given
    counts = {s: len(f.body) for s, f in before.functions.items()}
    size_before = len(emit_module(before))
    packed = pack.run(before)
    assert ir.validate(packed) == []
    assert {s: len(f.body) for s, f in packed.functions.items()} == counts
    assert len(emit_module(packed)) < size_before
    assert compile_file(source) == emit_module(packed)


@pytest.mark.parametrize("a", [0, 1, -1, INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1, 1 << 40])
def test_range_programs_still_match_cpython(a: int) -> None:
    for name in ("near_the_top", "counters", "negation_and_abs", "constant_operands", "shifts"):
        for b in (0, 1, -1, 63, INT64_MAX):
            assert_same(RANGES, name, a, b)
