"""Random tapes of set operations on int items (programs_sets/set_machine.py), run under CPython
and compiled: the iteration orders after every step must agree, since the runtime reproduces
CPython's set hash table (collisions of -1 and -2 and of ints equal modulo 2**61 - 1, dummies,
resizes, pop's finger). One compiled module; a fresh instance per tape."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import compiled, load_python

MACHINE = Path(__file__).resolve().parent / "programs_sets" / "set_machine.py"
P = 2**61 - 1
EDGES = [0, 1, -1, -2, -3, P, P + 1, 2 * P, -P, -P - 1, 2**62, 2**63 - 1, -2**63, 8, 16, 32, 64, 256, -8]
ITEMS = st.one_of(st.integers(0, 63), st.integers(-40, 200), st.sampled_from(EDGES), st.integers(-2**63, 2**63 - 1))
# Each tape draws its items from a small pool, mostly adding and discarding them: keys that
# collide, dummies on their probe chains, and re-adds that reuse the last dummy, as CPython does.
OPS = st.one_of(st.sampled_from([0, 0, 0, 2, 2, 3]), st.integers(0, 29))
TAPES = st.lists(ITEMS, min_size=1, max_size=12).flatmap(
    lambda pool: st.lists(st.tuples(OPS, st.sampled_from(pool)), max_size=80))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TAPES)
def test_set_operations_keep_cpython_order(tape: list[tuple[int, int]]) -> None:
    module = load_python(MACHINE)
    store, instance = compiled(MACHINE).instance()
    exports = instance.exports(store)
    for op, arg in tape:
        module.push(op, arg)
        exports["push"](store, op, arg)
    assert exports["run"](store) == module.run(), tape


def test_global_sets_survive_collections() -> None:
    """Items kept in global sets while every call leaves garbage: collections run between calls
    (the test fails if the GC does not trace the str items of a set)."""
    program = MACHINE.parent / "set_churn.py"
    module = load_python(program)
    store, instance = compiled(program).instance()
    exports = instance.exports(store)
    for n in range(120):
        assert exports["churn"](store, n) == module.churn(n)
    assert exports["digest"](store) == module.digest()
