"""math (compiler/stdlib/math.py) against CPython's: floor, ceil, trunc, fabs, isnan, isinf,
isfinite and the constants, on generated floats (infinities, NaN, -0.0, subnormals, halves)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python  # noqa: E402

PROGRAM = Path(__file__).with_name("math_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
# Beyond int64 CPython's floor() returns a big int, which the subset's ints cannot hold.
IN_INT64 = st.floats(min_value=-9.2e18, max_value=9.2e18) | st.integers(-10 ** 6, 10 ** 6).map(lambda n: n / 4)
FLOATS = IN_INT64 | st.sampled_from([float("inf"), float("-inf"), float("nan"), -0.0, 5e-324, -5e-324])


@pytest.fixture(scope="module")
def sides():
    store, instance = compiled(PROGRAM).instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def wasm(op: int, x: float) -> str:
        exports["run"](store, op, x)
        start = exports["out_ptr"](store)
        return memory.read(store, start, start + exports["out_len"](store)).decode()
    module = load_python(PROGRAM)

    def cpython(op: int, x: float) -> str:
        module.run(op, x)
        return module.OUT.decode()
    return wasm, cpython


@pytest.fixture(scope="module")
def int_sides():
    store, instance = compiled(PROGRAM).instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def wasm(op: int, a: int, b: int) -> str:
        exports["run_int"](store, op, a, b)
        start = exports["out_ptr"](store)
        return memory.read(store, start, start + exports["out_len"](store)).decode()
    module = load_python(PROGRAM)

    def cpython(op: int, a: int, b: int) -> str:
        module.run_int(op, a, b)
        return module.OUT.decode()
    return wasm, cpython


INTS = st.integers(-40, 70) | st.integers(-2 ** 63 + 1, 2 ** 63 - 1) | st.sampled_from([0, 1, 2 ** 62, 2 ** 63 - 1])


@pytest.mark.parametrize("op", range(7))
@settings(SETTINGS, max_examples=EXAMPLES // 5)
@given(a=INTS, b=INTS)
@example(a=2 ** 63 - 1, b=0)
@example(a=66, b=33)
@example(a=20, b=20)
@example(a=-2 ** 63, b=6)
def test_integer_functions_as_cpython(int_sides, op, a, b):
    """Where CPython's answer fits in int64, ours is the same; where it does not, ours raises
    OverflowError (a big int in CPython)."""
    wasm, cpython = int_sides
    if op in (3, 4, 5):  # CPython's big ints would take forever
        a, b = (a % 250 if a > 250 else a), (b % 250 if b > 250 else b)
    ours = wasm(op, a, b)
    theirs = cpython(op, a, b)
    if ours.startswith("OverflowError") and not theirs.startswith("ValueError"):
        assert any(abs(int(v)) >= 2 ** 63 for v in theirs.split() if v.lstrip("-").isdigit()), (op, a, b, theirs)
    else:
        assert ours == theirs, (op, a, b)


@pytest.mark.parametrize("op", range(6))
@SETTINGS
@given(x=FLOATS)
@example(x=float("inf"))
@example(x=float("nan"))
@example(x=-2.5)
@example(x=-0.0)
def test_same_as_cpython(sides, op, x):
    wasm, cpython = sides
    assert wasm(op, x) == cpython(op, x), (op, x)


def test_floor_beyond_int64_is_overflow(sides):
    """CPython gives a big int, the subset its int64 trap: an error, never a different value."""
    wasm, _ = sides
    assert wasm(0, 1e300).startswith("OverflowError")
