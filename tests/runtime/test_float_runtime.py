"""compiler/runtime/floats.py and float_arith.py under CPython, checked against CPython's own float
operations.

The module is plain subset code (lists and ints), so it runs here unchanged;
tests/compiler/test_floats.py checks the compiled module against CPython too.
"""
from __future__ import annotations

import math
import struct

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compiler.runtime import float_arith as A
from compiler.runtime import floats as F

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FINITE = st.floats(allow_nan=False, allow_infinity=False)
ANY = st.floats()
INT64 = st.integers(-(1 << 63), (1 << 63) - 1)


def to_int(limbs: list[int]) -> int:
    return sum(limb << (32 * i) for i, limb in enumerate(limbs))


def same_float(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)


# -- big integers -------------------------------------------------------------------------
@given(st.integers(0, (1 << 63) - 1), st.integers(1, (1 << 31) - 1), st.integers(0, 200))
def test_big_arithmetic(v, k, n):
    a = F.big_from(v)
    assert to_int(a) == v and (not a or a[-1] != 0)
    F.big_mul_small(a, k)
    assert to_int(a) == v * k
    F.big_shift(a, n)
    assert to_int(a) == v * k << n
    F.big_mul_pow10(a, n)
    big = v * k * 2**n * 10**n
    assert to_int(a) == big
    b = F.big_from(v)
    assert F.big_compare(a, b) == (big > v) - (big < v)
    assert to_int(F.big_add(a, b)) == big + v
    F.big_sub(a, b)
    assert to_int(a) == big - v and (not a or a[-1] != 0)


def test_decimal_exponent_estimate_is_exact_or_one_low():
    for e in range(-1074, 972):
        for m in (1, 2**52, 2**53 - 1):
            x = m * 2.0**e if -1074 <= e else 0.0
            if x == 0.0 or math.isinf(x):
                continue
            k = F.decimal_exponent_estimate(m, e)
            exact = len(str(m * 2**e if e >= 0 else (m * 10**1100) >> -e)) - (0 if e >= 0 else 1100)
            assert k in (exact, exact - 1), (m, e)


# -- text ------------------------------------------------------------------------------------
@SETTINGS
@given(ANY)
@example(5e-324)
@example(1e16)
@example(9999999999999998.0)
@example(2.0**-1022)
@example(1.7976931348623157e308)
def test_repr_matches_cpython(x):
    assert F.float_repr(x) == repr(x)


@pytest.mark.parametrize("k", range(-1074, 1024, 7))
def test_repr_of_powers_of_two(k):
    """Powers of two are nearer their lower neighbour: the asymmetric case of the shortest search."""
    x = 2.0**k
    assert F.float_repr(x) == repr(x) and F.float_repr(-x) == repr(-x)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e30, max_value=1e30), st.integers(0, 25))
@example(0.125, 2)
@example(2.675, 2)
@example(-0.0, 0)
@example(0.5, 0)
@example(1.5, 0)
@example(-0.0005, 3)
def test_fixed_matches_cpython(x, precision):
    assert F.float_fixed(x, precision) == format(x, f".{precision}f")


@pytest.mark.parametrize("x", [5e-324, 1e308, -1.7976931348623157e308, 2.2250738585072014e-308, math.inf,
                               -math.inf, math.nan, 1e22, 123456789012345678901234567890.0])
@pytest.mark.parametrize("precision", [0, 2, 6, 30, 330])
def test_fixed_extremes(x, precision):
    assert F.float_fixed(x, precision) == format(x, f".{precision}f")


# -- arithmetic --------------------------------------------------------------------------------
@SETTINGS
@given(ANY, ANY)
@example(-5.0, math.inf)
@example(5e-324, 1e-300)
@example(1e308, 5e-324)
@example(-4.0, 2.0)
def test_fmod_matches_c(x, y):
    if y == 0.0:
        return
    assert same_float(A.float_fmod(x, y), math.fmod(x, y)) if not math.isinf(x) else math.isnan(A.float_fmod(x, y))


def python_outcome(call):
    try:
        return call(), None
    except ZeroDivisionError:
        return None, ZeroDivisionError


@SETTINGS
@given(ANY, ANY)
@example(-5.0, math.inf)
@example(5.0, -math.inf)
@example(-0.0, 3.0)
@example(0.0, -3.0)
@example(1.0, 0.0)
@example(math.inf, 2.0)
@example(0.7, 0.1)
def test_mod_and_floordiv_match_cpython(x, y):
    for runtime, python in ((A.float_mod, lambda: x % y), (A.float_floordiv, lambda: x // y)):
        expected, error = python_outcome(python)
        got, got_error = python_outcome(lambda: runtime(x, y))
        assert got_error == error
        if error is None:
            assert same_float(got, expected), (runtime.__name__, x, y, got, expected)


@given(INT64, ANY)
@example(2**53 + 1, 2.0**53)
@example((1 << 63) - 1, 2.0**63)
@example(-(1 << 63), -(2.0**63))
@example(3, 3.5)
def test_int_float_comparison_is_exact(i, f):
    expected = 2 if math.isnan(f) else (i > f) - (i < f)
    assert A.compare_int_float(i, f) == expected


@SETTINGS
@given(INT64, INT64)
@example((1 << 63) - 1, 3)
@example(-(1 << 63), 3)
@example(-(1 << 63), -(1 << 63))
@example(5, -(1 << 63))
@example(0, -(1 << 60))
@example(2**53 + 1, 1)
def test_int_true_divide_is_correctly_rounded(a, b):
    if b == 0:
        with pytest.raises(ZeroDivisionError):
            A.int_true_divide(a, b)
        return
    assert same_float(A.int_true_divide(a, b), a / b)


def test_division_by_zero_messages():
    for runtime, python, args in ((A.float_mod, lambda x, y: x % y, (1.0, 0.0)),
                                  (A.float_floordiv, lambda x, y: x // y, (-1.0, -0.0)),
                                  (A.int_true_divide, lambda x, y: x / y, (1, 0))):
        with pytest.raises(ZeroDivisionError) as got:
            runtime(*args)
        with pytest.raises(ZeroDivisionError) as expected:
            python(*args)
        assert str(got.value) == str(expected.value)
