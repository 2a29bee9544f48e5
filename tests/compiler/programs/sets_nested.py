"""Sets inside other values: lists and tuples of sets (== and in), fields, dataclass fields with
default_factory=set, dict values with |= and -=, T | None, chained subset comparisons,
type(s).__name__; sets of tuples (tuples of ints iterate in CPython's order: its tuple hash)."""
from dataclasses import dataclass, field

from abi import export


class C:
    def __init__(self) -> None:
        self.s: set[int] = set()


@dataclass
class Data:
    name: str
    seen: set[str] = field(default_factory=set)
    frozen: frozenset[int] = field(default_factory=frozenset)


def opt(n: int) -> set[int] | None:
    if n % 2 == 0:
        return None
    return {n % 10, 3}


@export
def lists_of_sets(n: int) -> int:
    a = [{1, 2}, {n % 5}]
    b = [{2, 1}, {n % 5}]
    c = [{1, 2}, {n % 3}]
    return int(a == b) + 2 * int(a == c) + 4 * int({n % 5} in a) + 8 * int({7} in a)


@export
def tuples_with_sets(n: int) -> int:
    a = (1, {n % 4})
    b = (1, {n % 3})
    return int(a == b) + 2 * int(a != b)


@export
def fields_and_dicts(n: int) -> int:
    c = C()
    c.s.add(n % 7)
    c.s |= {2, 3}
    d: dict[int, set[int]] = {1: {5}}
    d[1] |= {n % 9}
    d[1] -= {5}
    total = 0
    for x in d[1]:
        total = total * 10 + x
    return len(c.s) * 1000 + total


@export
def optionals(n: int) -> int:
    s = opt(n)
    if s is None:
        return -1
    if s:
        return len(s) + sum_of(s)
    return 0


def sum_of(s: set[int]) -> int:
    t = 0
    for x in s:
        t = t * 7 + x
    return t


@export
def chains(n: int) -> int:
    a = {1}
    b = {1, n % 4}
    c = {1, 2, 3}
    return int(a <= b < c) + 2 * int(a < b <= c) + 4 * int(c > b >= a)


@export
def factories(n: int) -> int:
    d = Data("x")
    d.seen.add(str(n))
    e = Data("z")
    return len(d.seen) * 100 + len(e.seen) * 10 + len(d.frozen) + int(d == e) * 1000 + int(d.seen == e.seen) * 7


@export
def type_names(n: int) -> int:
    s = {n}
    f = frozenset(s)
    return len(type(s).__name__) * 10 + len(type(f).__name__)


def pair_digest(s: set[tuple[int, int]]) -> int:
    total = 0
    for a, b in s:
        total = (total * 131 + a * 17 + b + 3) % 1000000007
    return total


@export
def tuple_literals(n: int) -> int:
    s = {(1, 2), (3, 4), (5, 6), (-1, -2), (0, 0), (7, 9), (2, 1)}  # folded to a constant by CPython
    t = {(n % 3, 1), (2, n % 5), (1, 2)}
    return pair_digest(s) * 7 + pair_digest(t) + 3 * int(str(t) == f"{t}") + len(str(s))


@export
def tuple_algebra(n: int) -> int:
    a = {(i % 4, i % 3) for i in range(n % 20 + 5)}
    b = set([(i % 3, i % 4) for i in range(9)])
    r = pair_digest(a | b) + pair_digest(a & b) * 3 + pair_digest(a - b) * 5 + pair_digest(a ^ b) * 7
    return r % 1000000007 + int(a <= b) + 2 * int(a & b <= a) + 4 * int(a == b) + 8 * int(a | b >= b)


@export
def tuple_methods(n: int) -> int:
    a: set[tuple[int, int]] = set()
    a.update([(1, 2), (n % 7, 3)], {(4, 5)})
    c = a.copy()
    c.intersection_update({(1, 2), (4, 5)})
    d = a.union([(9, 9)]).difference({(1, 2)})
    x = a.pop()
    e = a.symmetric_difference(d)
    a.difference_update([(4, 5)])
    a.symmetric_difference_update({(8, 8)})
    f = frozenset(a)
    return (pair_digest(a) + pair_digest(c) * 3 + pair_digest(d) * 5 + pair_digest(e) * 7 + x[0] * 11 + x[1]
            + int(a.isdisjoint(c)) + int(f.issubset(a)) * 2 + int(a.issuperset([(8, 8)])) * 4 + len(f))


@export
def tuple_pops_and_collisions(n: int) -> int:
    s = {(i * (n % 11) % 11, -i) for i in range(15)}
    total = 0
    while s:
        a, b = s.pop()
        total = (total * 37 + a * 3 + b + 100) % 1000000007
        if len(s) == 7:
            s.add((100, n % 5))
            s.discard((100, n % 5))
    single: set[tuple[int]] = set()
    for i in range(40):  # items equal modulo 2**61 - 1 and in the low bits
        single.add(((i % 3) * 2305843009213693951 + i * 8 + n % 5,))
        if i % 3 == 0:
            single.discard(((i * 7) % 1000003,))
    for (v,) in single:
        total = (total * 31 + v) % 1000000007
    return total


@export
def tuples_of_text(n: int) -> int:
    """str and bytes items: CPython's order changes per process, so only sorted orders are compared."""
    s = {(str(i % 4), i % 3) for i in range(n % 9 + 3)}
    total = 0
    for w, k in sorted(s):
        total = total * 10 + int(w) * 3 + k
    m: set[tuple[bool, bytes, str, int]] = {(n % 2 == 0, b"x", "y", n % 3), (True, b"x", "y", 0)}
    m.add((False, b"", "", -1))
    m.discard((False, b"", "", -1))
    d = {"a": n % 4, "b": 2, "c": n % 4}
    items = set(d.items())
    return (total * 100 + int(min(s)[0]) * 10 + int(max(s)[0]) + len(m) * 7 + len(items) * 3
            + int((True, b"x", "y", 0) in m) + 2 * int(("a", n % 4) in items) + 4 * int([{(1, "a")}] == [{(1, "a")}]))
