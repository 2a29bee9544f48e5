"""compiler/passes/ranges.py: what it changes, and that the result still matches CPython."""
from pathlib import Path

import pytest

from compiler import ir, pipeline
from compiler.frontend import load
from compiler.lower import to_ir
from compiler.passes import propagate, ranges
from compiler.sema import check, declare
from differential import INT64_MAX, INT64_MIN, assert_same

PROGRAM = Path(__file__).parent / "programs_passes" / "range_edges.py"
EDGES = [0, 1, -1, 7, 255, 256, 4095, 4096, 65535, 1 << 20, -(1 << 20), INT64_MAX, INT64_MIN, INT64_MAX - 2,
         INT64_MIN + 2, 123456789, INT64_MAX - 5, INT64_MAX - 4, INT64_MIN + 7, INT64_MIN + 6, INT64_MAX // 3,
         INT64_MAX // 3 + 1, INT64_MIN // 3, INT64_MIN // 3 - 1]


def lowered(path: Path) -> ir.Module:
    return to_ir.run(check.run(declare.run(load.run(path))))


def calls(fn: ir.Function, symbol: str) -> int:
    return sum(1 for instr in fn.body if instr == ("call", symbol))


@pytest.mark.parametrize("name", ["masked_products", "byte_sums", "near_the_top", "counters",
                                  "division_and_modulo", "shifts", "negation_and_abs", "constant_operands",
                                  "reassigned_parameters", "decided_comparisons"])
def test_range_edges_match_cpython(name: str) -> None:
    for a in EDGES:
        for b in (EDGES[::3] if name != "constant_operands" else range(4)):
            assert_same(PROGRAM, name, a, b)


@pytest.mark.parametrize("op", ["rt.add", "rt.sub", "rt.mul"])
@pytest.mark.parametrize("c", [1, 2, 3, 7, -1, -2, -7, 1 << 32, -(1 << 32), INT64_MAX, INT64_MIN, INT64_MIN + 1])
def test_constant_operand_bounds_are_exact(op: str, c: int) -> None:
    """[lo, hi] is exactly the set of x for which x op c fits in int64."""
    if op == "rt.mul" and c == 0:
        return
    lo, hi = ranges.CONSTANT_CHECKS[op](c)
    lo, hi = max(lo, INT64_MIN), min(hi, INT64_MAX)
    apply = {"rt.add": lambda x: x + c, "rt.sub": lambda x: x - c, "rt.mul": lambda x: x * c}[op]
    for x in {lo - 1, lo, lo + 1, hi - 1, hi, hi + 1, 0, INT64_MIN, INT64_MAX}:
        if INT64_MIN <= x <= INT64_MAX:
            assert (INT64_MIN <= apply(x) <= INT64_MAX) == (lo <= x <= hi), (op, c, x)


def test_provably_small_arithmetic_loses_its_checks(tmp_path: Path) -> None:
    path = tmp_path / "small.py"
    path.write_text("from abi import export\n"
                    "def f(data: bytes, x: int) -> int:\n"
                    "    return data[0] + data[1] * 3 + (x & 255) * (x & 15) + len(data) - 1\n"
                    "def g(x: int, y: int) -> int:\n    return x + y\n"
                    "@export\ndef main(x: int) -> int:\n    return f(b'ab', x) + g(x, x)\n")
    module = lowered(path)
    f, g = module.functions[f"{path.stem}.f"], module.functions[f"{path.stem}.g"]
    before = {op: calls(f, op) for op in ("rt.add", "rt.mul", "rt.sub")}
    assert before == {"rt.add": 3, "rt.mul": 2, "rt.sub": 1}
    ranges.run(module)
    assert {op: calls(f, op) for op in ("rt.add", "rt.mul", "rt.sub")} == {"rt.add": 0, "rt.mul": 0, "rt.sub": 0}
    assert calls(g, "rt.add") == 1  # two unknown parameters: the check stays
    assert ir.validate(module) == []


def test_counter_steps_are_plain_but_parameters_keep_checks(tmp_path: Path) -> None:
    path = tmp_path / "loops.py"
    path.write_text("from abi import export\n@export\n"
                    "def f(n: int) -> int:\n    i = 0\n    while i < n:\n        i += 1\n    return i - n\n")
    module = lowered(path)
    ranges.run(module)
    fn = module.functions[f"{path.stem}.f"]
    assert calls(fn, "rt.add") == 0  # the counter: bounded by the time it takes to count
    assert calls(fn, "rt.sub") == 1  # n is anything the caller passes


def test_comparisons_the_intervals_decide_become_constants(tmp_path: Path) -> None:
    path = tmp_path / "compare.py"
    path.write_text("from abi import export\n@export\n"
                    "def f(x: int) -> int:\n    b = x & 255\n"
                    "    return (b > 255) + (b >= 0) * 2 + (b > 7) * 4 + (x > 255) * 8 + (not b) * 16\n")
    module = propagate.run(lowered(path))  # the comparisons' constant operands in place, as inline leaves them
    fn = module.functions[f"{path.stem}.f"]
    compares = {"i64.gt_s", "i64.ge_s", "i64.eq"}  # not b: b == 0
    assert sum(1 for instr in fn.body if instr[0] in compares) == 5
    ranges.run(module)
    # b > 255 and b >= 0 decided (0, 1); b > 7, x > 255 and not b depend on x
    assert sum(1 for instr in fn.body if instr[0] in compares) == 3
    assert ir.validate(module) == []


@pytest.mark.parametrize("source", ["filter/main.py", "tests/sdk/filters/header_rewrite.py"])
def test_modules_stay_valid_after_the_pass(source: str) -> None:
    root = Path(__file__).resolve().parents[2]
    module = lowered(root / source)
    ranges.run(module)
    assert ir.validate(module) == []


def test_build_prints_the_ir_after_each_pass_and_after_one() -> None:
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    every = subprocess.run([sys.executable, "build.py", str(PROGRAM), "--ir"], cwd=root,
                           capture_output=True, text=True, check=True).stdout
    headers = [line for line in every.splitlines() if line.startswith(";; ---- after")]
    assert headers == [f";; ---- after {name} ----" for name in pipeline.pass_names()]
    assert "ranges" in pipeline.pass_names() and headers[0] == ";; ---- after lower ----"
    lowered_text = every.split(";; ---- after ")[1]
    ranged_text = every.split(";; ---- after ranges ----")[1].split(";; ---- after ")[0]
    assert lowered_text.count("call $rt.mul") > ranged_text.count("call $rt.mul")
    one = subprocess.run([sys.executable, "build.py", str(PROGRAM), "--ir", "ranges"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    assert one.startswith(";; ---- after ranges ----\n(module") and one.count(";; ---- after") == 1
