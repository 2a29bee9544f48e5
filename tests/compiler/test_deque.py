"""collections.deque (compiler/runtime/deques.py) against CPython's: generated runs of operations
(programs/deques.py ``model``: appends and pops at both ends, extend/extendleft (of itself too),
rotate, d[i], remove, count, in, copy, ==, reverse, clear, maxlen 0..6 or None, loops whose body
changes the deque), compared by the digest of every step's result, repr and error; and a global
deque of str kept across calls while each call leaves garbage (collections run between calls)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import compiled, load_python

PROGRAM = Path(__file__).resolve().parent / "programs" / "deques.py"
MODEL = load_python(PROGRAM).model  # keeps no state between calls


@settings(max_examples=100, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**31 - 2) | st.integers(0, 200))
def test_operations_as_cpython(seed: int) -> None:
    assert compiled(PROGRAM).call("model", seed).value == MODEL(seed), seed


def test_global_deque_survives_collections() -> None:
    churn = Path(__file__).resolve().parent / "programs_state" / "deque_churn.py"
    module = load_python(churn)
    store, instance = compiled(churn).instance()
    exports = instance.exports(store)
    for n in range(120):
        assert exports["churn"](store, n) == module.churn(n), n
