"""compiler/runtime/sets.py, set_table.py and set_algebra.py under CPython (emulated memory), against
CPython's own sets: after every random operation the iteration order must agree, and so must the
hidden state that decides later orders (fill, mask and pop's finger, read from the PySetObject)."""
from __future__ import annotations

import ctypes
import random
import types

import pytest

from abi.intrinsics import load_u32
from compiler.runtime import set_algebra as A
from compiler.runtime import set_table, sets
from containers import make_dict, make_list, read_list, reset_heap

# The set runtime's functions by name, whichever of its modules holds them.
S = types.SimpleNamespace(**{n: v for m in (set_table, sets) for n, v in vars(m).items() if not n.startswith("__")})

P = 2**61 - 1
POOL = [0, 1, -1, -2, P, P + 1, 2**62, -(2**63), 2**63 - 1, 8, 16, 32, 64, P - 1, -P]


@pytest.fixture(autouse=True)
def fresh_heap():
    reset_heap()
    yield


def cpython_state(s: set) -> tuple[int, int, int]:
    """(fill, mask, finger) of a CPython 3.11 set: PyObject header, then fill, used, mask, table,
    hash, finger as Py_ssize_t / pointers."""
    field = lambda offset: ctypes.c_ssize_t.from_address(id(s) + offset).value  # noqa: E731
    assert field(24) == len(s), "not CPython 3.11's PySetObject layout"
    return field(16), field(32), field(56)


def runtime_state(s: int) -> tuple[int, int, int]:
    return load_u32(s + S.SET_FILL), load_u32(s + S.SET_MASK), load_u32(s + S.SET_FINGER)


def item(rng: random.Random) -> int:
    return rng.choice(POOL) if rng.random() < 0.3 else rng.randrange(-40, 200)


def apply(op: int, py: list, rt: list, a: int, b: int, xs: list[int], x: int) -> None:
    """One operation on CPython's sets (py) and the runtime's (rt), a and b naming which."""
    if op == 0:
        for v in xs:
            py[a].add(v)
            S.set_add(rt[a], v)
    elif op == 1:
        for v in [x] + xs[:3]:
            py[a].discard(v)
            S.set_discard(rt[a], v)
    elif op == 2 and py[a]:
        assert py[a].pop() == S.set_pop(rt[a])
    elif op in BINARY:
        name, method = BINARY[op]
        py[a] = method(py[a], py[b])
        rt[a] = getattr(A, name)(rt[a], rt[b])
    elif op in IN_PLACE:
        name, method = IN_PLACE[op]
        method(py[a], py[b])
        getattr(A, name)(rt[a], rt[b])
    elif op in WITH_LIST:
        name, method = WITH_LIST[op]
        method(py[a], xs)
        getattr(S if name == "set_update_list" else A, name)(rt[a], make_list(xs))
    elif op == 15:
        py[a], rt[a] = set(xs), S.set_from_list(0, make_list(xs))
    elif op == 16:
        keys = dict.fromkeys(xs)
        py[a], rt[a] = set(keys), S.set_new(0)
        S.set_update_dict(rt[a], make_dict({k: 0 for k in keys}))
    elif op == 17:
        py[a], rt[a] = py[a].copy(), S.set_copy(rt[a])
    elif op == 18:
        py[a].clear()
        S.set_clear(rt[a])


BINARY = {3: ("set_union", set.__or__), 4: ("set_intersection", set.__and__),
          5: ("set_difference", set.__sub__), 6: ("set_symmetric_difference", set.__xor__)}
IN_PLACE = {7: ("set_update", set.update), 8: ("set_intersection_update", set.intersection_update),
            9: ("set_difference_update", set.difference_update),
            10: ("set_symmetric_difference_update", set.symmetric_difference_update)}
WITH_LIST = {11: ("set_update_list", set.update), 12: ("set_difference_update_list", set.difference_update),
             13: ("set_symmetric_difference_update_list", set.symmetric_difference_update),
             14: ("set_intersection_update_list", set.intersection_update)}


@pytest.mark.parametrize("seed", range(20))
def test_runtime_sets_match_cpython(seed: int) -> None:
    rng = random.Random(seed)
    py: list[set] = [set(), set()]
    rt = [S.set_new(0), S.set_new(0)]
    for step in range(60):
        op = rng.randrange(19)
        a = rng.randrange(2)
        b = 1 - a if rng.random() < 0.9 else a  # sometimes a set with itself
        xs = [item(rng) for _ in range(rng.randrange(12))]
        apply(op, py, rt, a, b, xs, item(rng))
        for i in (0, 1):
            assert read_list(S.set_to_list(rt[i])) == list(py[i]), (step, op)
            assert runtime_state(rt[i]) == cpython_state(py[i]), (step, op)
        assert A.set_eq(rt[0], rt[1]) == (py[0] == py[1])
        assert A.set_issubset(rt[0], rt[1]) == (py[0] <= py[1])
        assert A.set_isdisjoint(rt[0], rt[1]) == py[0].isdisjoint(py[1])


def test_hash_of_ints_is_cpythons() -> None:
    for v in POOL + [-3, 2**63 - 2, -(2**63) + 1, 12345678901234567, -P - 1, 2 * P]:
        assert S.hash_int(v) == hash(v), v
