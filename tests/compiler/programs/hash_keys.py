"""Issue 14: objects of a class that writes __hash__ and __eq__ as dict keys and set items. The
results fold in how often __eq__ and __hash__ ran (CPython's tables decide that, by their probe
sequences), the order a set iterates in, what a key mutated after insertion finds, and exceptions
raised inside __hash__/__eq__."""
from collections import Counter, defaultdict
from dataclasses import dataclass

from abi import export

eq_calls: list[int] = [0]
hash_calls: list[int] = [0]
fail_at: list[int] = [-1]  # __eq__ raises on its n-th call from now (-1: never)


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __eq__(self, other: "Point") -> bool:
        eq_calls[0] += 1
        if eq_calls[0] == fail_at[0]:
            raise ValueError("eq failed")
        return self.x == other.x and self.y == other.y

    def __hash__(self) -> int:
        hash_calls[0] += 1
        return (self.x * 7 + self.y) % 3

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"


class Labelled(Point):
    """Inherits __hash__ and __eq__: its objects key a dict[Point, ...] beside Points."""

    def __init__(self, x: int, y: int, label: str) -> None:
        super().__init__(x, y)
        self.label = label

    def __repr__(self) -> str:
        return f"Labelled({self.label!r})"


class Raw:
    """__hash__ returns what it was given: huge, negative and -1 (hash() gives -2) included."""

    def __init__(self, h: int) -> None:
        self.h = h

    def __eq__(self, other: "Raw") -> bool:
        eq_calls[0] += 1
        return self.h == other.h

    def __hash__(self) -> int:
        if self.h == 12345:
            raise KeyError("no hash")
        return self.h


class Tag:
    """__hash__ without __eq__: keys compare by identity."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        return self.n % 4


def reset() -> None:
    eq_calls[0] = 0
    hash_calls[0] = 0
    fail_at[0] = -1


def digest(xs: list[int]) -> int:
    h = 0
    for x in xs:
        h = (h * 1000003 + x % 2147483647) % 2147483647
    return h


def counts() -> int:
    return eq_calls[0] * 1000 + hash_calls[0]


@export
def colliding_dict() -> int:
    reset()
    d: dict[Point, int] = {}
    for i in range(12):
        d[Point(i, i % 4)] = i
    out = [counts()]
    for i in range(14):
        out.append(d.get(Point(i, i % 4), -1))
    out.append(counts())
    for i in range(0, 12, 3):
        out.append(d.pop(Point(i, i % 4), -5))
    out.append(counts())
    d[Point(3, 3)] = 99  # into a deleted slot of its probe sequence, as CPython's find_empty_slot
    out.append(d.setdefault(Point(3, 3), 7))
    out.append(d.setdefault(Point(30, 3), 8))
    out.append(counts())
    out += [p.x * 10 + p.y for p in d]
    out += [v for v in d.values()]
    return digest(out)


@export
def membership_counts() -> int:
    reset()
    points = [Point(i, 0) for i in range(9)]
    d: dict[Point, int] = {}
    for p in points:
        d[p] = p.x
    out = [counts()]
    for p in points:  # the same objects: found by identity, no __eq__
        out.append(int(p in d))
    out.append(counts())
    for i in range(11):  # equal objects: __eq__ on every stored key of the same hash before them
        out.append(int(Point(i, 0) in d))
        out.append(counts())
    out += [int(Point(3, 0) in d.keys()), int(Point(30, 0) not in d.keys()), counts()]  # as `in d`
    return digest(out)


@export
def subscript_and_delete() -> int:
    reset()
    d: dict[Point, str] = {Point(1, 2): "a", Point(2, 1): "b", Labelled(1, 2, "c"): "c"}
    out = [len(d), counts()]
    d[Point(2, 1)] = "B"
    out.append(ord(d[Point(2, 1)][0]))
    del d[Point(1, 2)]
    out.append(len(d))
    out.append(counts())
    try:
        del d[Point(5, 5)]
    except KeyError as e:
        out.append(len(str(e)))
    try:
        out.append(len(d[Labelled(9, 9, "zz")]))
    except KeyError as e:
        out.append(len(str(e)) * 100)
    try:
        d.pop(Point(0, 0))
    except KeyError as e:
        out.append(len(str(e)) * 7)
    e2: dict[Point, str] = {}
    try:
        e2.pop(Point(0, 0))  # an empty dict: KeyError without calling __hash__
    except KeyError:
        out.append(counts())
    out.append(len(e2.pop(Point(0, 0), "xyz")))
    out.append(counts())
    return digest(out)


@export
def missing_key_message() -> int:
    d: dict[Point, int] = {Point(1, 1): 1}
    try:
        return d[Labelled(4, 5, "four")]
    except KeyError as e:
        return digest([ord(c) for c in str(e)])


@export
def mutated_key() -> int:
    reset()
    p = Point(1, 1)
    q = Point(2, 2)
    d: dict[Point, int] = {p: 10, q: 20}
    p.x = 5  # its hash changes: the entry keeps the old one
    out = [int(p in d), d.get(Point(1, 1), -1), d.get(Point(5, 1), -2), len(d), counts()]
    p.x = 1
    out += [int(p in d), d.get(Point(1, 1), -3), counts()]
    q.y = 3  # hash 2*7+3 = 17 % 3 = 2, was 16 % 3 = 1: identity still finds q on its new probe path?
    out += [int(q in d), counts()]
    s: set[Point] = {p, q}
    q.y = 2
    out += [int(q in s), int(Point(2, 3) in s), len(s), counts()]
    return digest(out)


@export
def raw_hashes() -> int:
    reset()
    values = [-1, -2, 2**62, -2**62, 2**61 - 1, 2**61, 9223372036854775807, -9223372036854775807, 0, 8, 16, 1 << 40, -9]
    out = [hash(Raw(v)) for v in values]
    s: set[Raw] = set()
    for v in values:
        s.add(Raw(v))
    out += [r.h % 1000 for r in s]
    out.append(len(s))
    d: dict[Raw, int] = {}
    for v in values:
        d[Raw(v)] = v % 97
    out += [d.get(Raw(v), -1) for v in values]
    out.append(eq_calls[0])
    return digest(out)


@export
def set_order_and_algebra() -> int:
    reset()
    a: set[Point] = set()
    for i in [5, 17, 2, 40, 3, 9, 11, 2, 5, 100, 64, 8, 1]:
        a.add(Point(i, i % 5))
    b = {Point(i, i % 5) for i in range(0, 20, 3)}
    out = [p.x for p in a] + [p.x for p in b] + [counts()]
    out += [p.x for p in a | b] + [counts()]
    out += [p.x for p in a & b] + [counts()]
    out += [p.x for p in a - b] + [counts()]
    out += [p.x for p in b - a] + [counts()]
    a.discard(Point(17, 2))
    a.discard(Point(18, 3))
    a.remove(Point(40, 0))
    out += [p.x for p in a] + [counts()]
    f = frozenset(b)
    out += [int(Point(9, 4) in f), int(Point(9, 3) in f), len(f), counts()]
    out += [p.x for p in sorted(a, key=lambda p: p.x)]
    return digest(out)


@export
def set_remove_missing() -> int:
    s: set[Point] = {Point(1, 1)}
    try:
        s.remove(Labelled(0, 0, "gone"))
        return -1
    except KeyError as e:
        return digest([ord(c) for c in str(e)])


@export
def eq_raises() -> int:
    reset()
    d: dict[Point, int] = {}
    for i in range(6):
        d[Point(i, 0)] = i
    out = [counts()]
    fail_at[0] = eq_calls[0] + 2
    try:
        d[Point(9, 0)] = 9
        out.append(1)
    except ValueError as e:
        out.append(len(str(e)))
    out += [len(d), counts()]
    s = {Point(i, 0) for i in range(6)}
    fail_at[0] = eq_calls[0] + 1
    try:
        out.append(int(Point(3, 0) in s))
    except ValueError:
        out.append(-1)
    out += [len(s), counts()]
    return digest(out)


@export
def hash_raises() -> int:
    reset()
    d: dict[Raw, int] = {Raw(1): 1}
    out: list[int] = []
    try:
        d[Raw(12345)] = 2
    except KeyError as e:
        out.append(len(str(e)))
    try:
        out.append(int(Raw(12345) in d))
    except KeyError:
        out.append(-7)
    s: set[Raw] = set()
    try:
        s.add(Raw(12345))
    except KeyError:
        out.append(-8)
    out += [len(d), len(s), eq_calls[0]]
    return digest(out)


@export
def subclass_keys() -> int:
    reset()
    d: dict[Point, int] = {}
    d[Point(1, 1)] = 1
    d[Labelled(1, 1, "one")] = 2  # equal to Point(1, 1): replaces its value, keeps the key
    d[Labelled(2, 2, "two")] = 3
    out = [len(d), d[Point(1, 1)], d[Point(2, 2)], counts()]
    out += [len(repr(k)) for k in d]
    return digest(out)


@export
def identity_hash_keys() -> int:
    tags = [Tag(i) for i in range(10)]
    d: dict[Tag, int] = {}
    for t in tags:
        d[t] = t.n
    s = set(tags)
    out = [d.get(tags[3], -1), int(Tag(3) in d), len(d), len(s), int(tags[7] in s)]
    out += [t.n for t in s]
    return digest(out)


@export
def comprehension_and_grow() -> int:
    reset()
    d = {Point(i, i % 3): i for i in range(40)}
    out = [len(d), counts()]
    for i in range(0, 40, 2):
        del d[Point(i, i % 3)]
    out.append(counts())
    for i in range(40, 60):
        d[Point(i, 0)] = i
    out.append(counts())
    out += [k.x for k in d]
    out += [d.get(Point(i, i % 3), -1) for i in range(0, 60, 7)]
    out.append(counts())
    d.clear()
    d[Point(1, 1)] = 1
    out += [len(d), counts()]
    big = {Point(0, 0): 0, Point(1, 0): 1, Point(2, 0): 2, Point(3, 0): 3, Point(4, 0): 4, Point(5, 0): 5,
           Point(6, 0): 6, Point(7, 0): 7}
    out += [len(big), counts(), big.get(Point(7, 0), -1), counts()]
    return digest(out)


@export
def dict_to_set() -> int:
    reset()
    d: dict[Point, int] = {Point(i, 1): i for i in range(7)}
    first = Point(0, 1)
    for k in d:
        if k == first:
            k.y = 2  # mutated: set(d) takes the dict's stored hashes, as CPython
    out = [counts()]
    s = set(d)
    out += [p.x * 10 + p.y for p in s] + [counts()]
    return digest(out)


@export
def set_xor_pop_and_lists() -> int:
    reset()
    a = set([Point(i, i % 2) for i in range(8)])
    b = {Point(i, i % 2) for i in range(4, 12)}
    out = [p.x for p in a ^ b] + [counts()]
    out += [a.pop().x, a.pop().x, len(a), counts()]
    a.update([Point(20, 0), Point(1, 1)])
    out += [p.x for p in a] + [counts()]
    return digest(out)


class Greedy:
    """An __eq__ that empties the dict it is compared in: CPython's lookup starts again."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __eq__(self, other: "Greedy") -> bool:
        eq_calls[0] += 1
        if len(shared) > 3:
            shared.clear()
            shared[Greedy(100)] = 100
        return self.n == other.n

    def __hash__(self) -> int:
        return 0


shared: dict[Greedy, int] = {}


@export
def eq_mutates_dict() -> int:
    reset()
    shared.clear()
    for i in range(5):
        shared[Greedy(i)] = i
    out = [len(shared), eq_calls[0], shared.get(Greedy(100), -1), eq_calls[0]]
    out += [g.n for g in shared]
    return digest(out)


@export
def copies_and_merges() -> int:
    reset()
    d: dict[Point, int] = {}
    for i in range(10):
        d[Point(i, i % 2)] = i
    for i in range(0, 10, 4):
        del d[Point(i, i % 2)]
    out = [counts()]
    c = d.copy()  # deleted slots kept (a clone) or compacted (a merge): CPython's rule
    out += [len(c), c.get(Point(5, 1), -1), counts()]
    for i in range(1, 10, 2):
        d.pop(Point(i, 1), 0)
    c2 = d.copy()
    out += [len(c2), c2.get(Point(6, 0), -1), counts()]
    e = {Point(i, i % 2): -i for i in range(6, 14)}
    out.append(counts())
    f = d | e
    out += [len(f), counts()] + [k.x for k in f] + [f.get(Point(7, 1), 99)]
    d |= e
    out += [len(d), counts()]
    d.update({Point(50, 0): 50, Point(2, 0): 2})
    out += [len(d), counts()] + [v for v in d.values()]
    g = dict(e)
    out += [len(g), counts(), g.get(Point(13, 1), 0), counts()]
    empty: dict[Point, int] = {}
    out += [len(empty.copy()), len(dict(empty)), len(empty | e), counts()]
    return digest(out)


@export
def counter_and_defaultdict() -> int:
    reset()
    groups: defaultdict[Point, list[int]] = defaultdict(list)
    for i in range(11):
        groups[Point(i % 5, 0)].append(i)
    out = [len(groups), counts()] + [len(v) for v in groups.values()]
    totals: defaultdict[Point, int] = defaultdict(int)
    for i in range(9):
        totals[Point(i % 4, 1)] += i
    out += [totals[Point(3, 1)], counts()]
    c = Counter([Point(i % 4, i % 2) for i in range(13)])
    out.append(counts())
    c.update([Point(1, 1), Point(9, 9)])
    c[Point(2, 0)] += 5
    out += [c[Point(1, 1)], c[Point(7, 7)], len(c), counts()]
    out += [p.x * 10 + n for p, n in c.most_common(3)]
    return digest(out)


@export
def dict_equality() -> int:
    reset()
    a = {Point(i, i % 2): i for i in range(8)}
    b = {Point(i, i % 2): i for i in range(7, -1, -1)}
    out = [counts(), int(a == b), counts(), int(a != b), counts(), int(a == a), counts()]
    b[Point(3, 1)] = 30
    out += [int(a == b), counts()]
    del b[Point(3, 1)]
    out += [int(a == b), counts()]
    return digest(out)


@export
def popitem_then_insert() -> int:
    reset()
    d = {Point(i, 0): i for i in range(5)}  # a full 8-slot table: 5 entries
    out: list[int] = []
    k, v = d.popitem()
    out += [k.x, v, len(d), counts()]
    d[Point(9, 0)] = 9  # the popped slot stays unusable: CPython resizes here
    d[Point(10, 0)] = 10
    out += [len(d), counts()] + [p.x for p in d]
    while len(d) > 0:
        k, v = d.popitem()
        out.append(k.x)
    try:
        d.popitem()
    except KeyError as e:
        out.append(len(str(e)))
    d[Point(1, 1)] = 1
    out += [len(d), counts()]
    return digest(out)


def seen(p: Point) -> Point:
    """The key, after noting how often __hash__/__eq__ ran so far."""
    marks.append(counts())
    return p


marks: list[int] = []


@export
def display_evaluation_order() -> int:
    reset()
    marks.clear()
    d = {seen(Point(1, 0)): counts(), seen(Point(4, 0)): counts(), seen(Point(7, 0)): counts()}  # BUILD_MAP 3
    out = [v for v in d.values()] + [counts()]
    big = {seen(Point(i, 0)): counts() for i in range(3)}  # a comprehension: one item at a time
    out += [v for v in big.values()] + [counts()]
    sixteen = {seen(Point(0, 0)): 0, seen(Point(3, 0)): 1, seen(Point(6, 0)): 2, seen(Point(9, 0)): 3,
               seen(Point(12, 0)): 4, seen(Point(15, 0)): 5, seen(Point(18, 0)): 6, seen(Point(21, 0)): 7,
               seen(Point(24, 0)): 8, seen(Point(27, 0)): 9, seen(Point(30, 0)): 10, seen(Point(33, 0)): 11,
               seen(Point(36, 0)): 12, seen(Point(39, 0)): 13, seen(Point(42, 0)): 14, seen(Point(45, 0)): 15}
    out += [len(sixteen), counts()]
    fifteen = {seen(Point(0, 0)): 0, seen(Point(3, 0)): 1, seen(Point(6, 0)): 2, seen(Point(9, 0)): 3,
               seen(Point(12, 0)): 4, seen(Point(15, 0)): 5, seen(Point(18, 0)): 6, seen(Point(21, 0)): 7,
               seen(Point(24, 0)): 8, seen(Point(27, 0)): 9, seen(Point(30, 0)): 10, seen(Point(33, 0)): 11,
               seen(Point(36, 0)): 12, seen(Point(39, 0)): 13, seen(Point(42, 0)): 14}
    out += [len(fifteen), counts(), fifteen.get(Point(42, 0), -1), counts()]
    s = {seen(Point(2, 0)), seen(Point(5, 0)), seen(Point(2, 0))}  # BUILD_SET 3
    out += [len(s), counts()] + marks
    return digest(out)


@export
def counter_merges_and_deletes() -> int:
    reset()
    a = Counter([Point(i % 5, 0) for i in range(12)])
    b = Counter([Point(i % 3, 0) for i in range(7)])
    out = [counts()]
    a.update(b)
    out += [len(a), a[Point(1, 0)], counts()]
    c: Counter[Point] = Counter()
    c.update(b)  # an empty Counter: dict.update, the stored hashes
    out += [len(c), c[Point(2, 0)], counts()]
    del a[Point(4, 0)]
    del a[Point(40, 0)]  # missing: nothing, no KeyError
    out += [len(a), counts()] + [p.x * 10 + n for p, n in a.items()]
    return digest(out)



@dataclass(eq=False)
class Cell:
    """A dataclass with eq=False keeps its written __hash__ (and compares by identity)."""

    row: int
    col: int

    def __hash__(self) -> int:
        hash_calls[0] += 1
        return self.row * 3 + self.col


@export
def dataclass_keys() -> int:
    reset()
    cells = [Cell(r, c) for r in range(3) for c in range(4)]
    s = set(cells)
    d = {cell: cell.row for cell in cells}
    out = [len(s), len(d), int(Cell(1, 1) in s), int(cells[5] in s), d.get(cells[7], -1), counts()]
    return digest(out + [c.row * 10 + c.col for c in s])
