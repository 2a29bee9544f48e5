"""Wrapping arithmetic intrinsics: the compiled instruction and the CPython implementation agree,
and both are int64 two's-complement arithmetic."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abi import intrinsics as I
from containers import load_differential

PROGRAM = Path(__file__).parent / "programs" / "wrapping.py"
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
EDGES = [0, 1, -1, 2, -2, 255, 0xFFFFFFFF, 1 << 32, 1 << 62, INT64_MAX, INT64_MIN, INT64_MIN + 1]
INT64 = st.one_of(st.sampled_from(EDGES), st.integers(INT64_MIN, INT64_MAX))
EXPORTS = ["add", "sub", "mul", "shift_right_unsigned", "below_unsigned", "low32_product",
           "trailing_zeros", "unsigned_division"]


def signed(x: int) -> int:
    x &= (1 << 64) - 1
    return x - (1 << 64) if x >> 63 else x


@pytest.mark.parametrize("name", EXPORTS)
def test_edges_compiled_match_cpython(name):
    same = load_differential().assert_same
    for a in EDGES:
        for b in EDGES:
            same(PROGRAM, name, a, b % 64 if name == "shift_right_unsigned" else b)


@given(INT64, INT64)
@settings(max_examples=300, deadline=None)
def test_cpython_semantics_are_int64(a, b):
    assert I.wrap_add(a, b) == signed(a + b)
    assert I.wrap_sub(a, b) == signed(a - b)
    assert I.wrap_mul(a, b) == signed(a * b)
    assert I.lt_u(a, b) == ((a % (1 << 64)) < (b % (1 << 64)))
    assert I.shr_u(a, b) == signed((a % (1 << 64)) >> (b % 64))
    if b != 0:
        assert I.div_u(a, b) == signed((a % (1 << 64)) // (b % (1 << 64)))
        assert I.rem_u(a, b) == signed((a % (1 << 64)) % (b % (1 << 64)))
    assert I.ctz(a) == next((k for k in range(64) if a >> k & 1), 64)
    assert I.wrap_mul(a & 0xFFFFFFFF, b & 0xFFFFFFFF) & 0xFFFFFFFF == ((a & 0xFFFFFFFF) * (b & 0xFFFFFFFF)) % (1 << 32)


@given(st.sampled_from(EXPORTS), INT64, INT64)
@settings(max_examples=60, deadline=None)
def test_random_compiled_match_cpython(name, a, b):
    load_differential().assert_same(PROGRAM, name, a, b)
