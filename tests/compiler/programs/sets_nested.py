"""Sets inside other values: lists and tuples of sets (== and in), fields, dataclass fields with
default_factory=set, dict values with |= and -=, T | None, chained subset comparisons,
type(s).__name__; sets of tuples (tuples of ints iterate in CPython's order: its tuple hash), of Enum
and IntEnum members, of frozen dataclass objects and of objects compared by identity."""
from dataclasses import dataclass, field
from enum import Enum, IntEnum

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


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Level(IntEnum):
    LOW = 1
    MID = 2305843009213693952
    HIGH = -1
    TOP = 9


@dataclass(frozen=True)
class Point:
    x: int
    y: int


@dataclass(frozen=True)
class Tag:
    name: str
    n: int


class Node:
    def __init__(self, n: int) -> None:
        self.n = n


@export
def enum_members(n: int) -> int:
    """Plain Enum members hash as their names (randomised str hashes): only a sorted order is compared."""
    s = {Color.RED, Color.BLUE}
    if n % 2:
        s.add(Color.GREEN)
    s.discard(Color.RED)
    total = 0
    for c in sorted(s, key=lambda c: c.value):
        total = total * 10 + c.value
    shown = 0
    try:
        s.remove(Color.RED)
    except KeyError as e:
        shown = len(str(e))
    return total * 1000 + shown * 10 + len(s) + 100 * int(Color.BLUE in s)


@export
def int_enum_members(n: int) -> int:
    s: set[Level] = set()
    for lv in [Level.TOP, Level.HIGH, Level.MID, Level.LOW]:
        if n % 3 != lv.value % 3:
            s.add(lv)
    total = 0
    for lv in s:  # CPython's order: an IntEnum member hashes as its value
        total = total * 7 + lv.value % 1000
    t = frozenset([Level.LOW, Level.TOP])
    return total * 100 + len(s | t) * 10 + int(t <= s) + len(str(s))


@export
def frozen_records(n: int) -> int:
    s = {Point(i % 4, (i * 3) % 5) for i in range(n % 13 + 3)}
    s.discard(Point(0, 0))
    total = 0
    for p in s:  # CPython's order: hashed as the tuple of the fields
        total = (total * 31 + p.x * 5 + p.y) % 1000000007
    q = s.pop()
    u = {Tag("a", 1), Tag("b", n % 3), Tag("a", 1)}
    return total * 10 + q.x + len(u) * 1000 + int(Tag("b", n % 3) in u) + int(Point(1, 3) in s) * 7 + len(str(s)) * 3


@export
def identity_objects(n: int) -> int:
    nodes = [Node(i) for i in range(6)]
    seen: set[Node] = set()
    for x in nodes:
        if x.n % 2 == n % 2:
            seen.add(x)
    seen.add(nodes[0])
    seen.discard(nodes[1])
    other = {nodes[0], nodes[5]}
    both = seen & other
    count = 0
    for x in nodes:  # the list's order, not the set's
        if x in seen:
            count = count * 10 + x.n + 1
    return (count * 100 + len(seen) * 10 + len(both) + 1000000 * int(Node(0) in seen)
            + 10000000 * int(seen | other == other | seen) + 100000000 * int(both <= seen))


@export
def tuple_removes(n: int) -> int:
    """remove() of a missing tuple: KeyError's str() is the tuple's repr."""
    s = {(1, "a", b"x\\n", True), (n % 3, "it's", b"", False)}
    s.remove((1, "a", b"x\\n", True))
    texts = ""
    for probe in [(n % 5, "it's", b"q'", False), (-7, "\\u00e9\\n", b"\\xff", True)]:
        try:
            s.remove(probe)
        except KeyError as e:
            texts += str(e) + "|"
    one: set[tuple[int]] = {(n % 4,)}
    try:
        one.remove((9,))
    except KeyError as e:
        texts += str(e)
    h = 0
    for ch in texts:
        h = (h * 33 + ord(ch)) % 1000000007
    return h * 10 + len(s) + len(one)
