"""Compiled vs CPython: the runtime's short paths for subscripts, bytes(list), searches and
UTF-8 decoding (tests/runtime/programs/indexing.py), at the edges and at random."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from containers import load_differential

PROGRAM = Path(__file__).parent / "programs" / "indexing.py"
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
EDGES = [0, 1, -1, 2, -2, 5, -5, 63, -63, 64, -64, 255, 256, -256, 1 << 32, -(1 << 32),
         INT64_MAX, INT64_MIN, INT64_MIN + 1, INT64_MAX - 1]
EXPORTS = ["bytes_at", "list_at", "list_store", "bytes_from", "search", "decode"]
SIZES = [0, 1, 2, 5, 63]


@pytest.mark.parametrize("name", EXPORTS)
def test_edges(name):
    same = load_differential().assert_same
    for a in EDGES:
        for b in SIZES + EDGES[:8]:
            same(PROGRAM, name, a, b)


@given(st.sampled_from(EXPORTS), st.integers(-200, 200), st.integers(INT64_MIN, INT64_MAX))
@settings(max_examples=150, deadline=None)
def test_random(name, a, b):
    load_differential().assert_same(PROGRAM, name, a, b)
