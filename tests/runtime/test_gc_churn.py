"""A compiled program keeps state across thousands of exports, through many collections, and
gives CPython's results at every call (tests/runtime/programs/gc_churn.py)."""
from __future__ import annotations

from pathlib import Path

import wasmtime

from compiler import compile_file
from containers import load_differential

PROGRAM = Path(__file__).parent / "programs" / "gc_churn.py"
CALLS = 4000


def test_state_survives_collections_and_matches_cpython():
    python = load_differential().load_python(PROGRAM)
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, compile_file(PROGRAM)), [])
    exports = instance.exports(store)
    step, pages = exports["step"], []
    for i in range(CALLS):
        assert step(store, i) == python.step(i), f"call {i}"
        if i % 500 == 499:
            pages.append(exports["memory"].size(store))
    # the live set is bounded, so memory settles (it grows while the free lists warm up) and stays
    assert pages[-1] == pages[len(pages) // 2] <= 12, pages
