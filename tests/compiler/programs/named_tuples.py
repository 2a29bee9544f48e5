"""typing.NamedTuple classes: construction by position and keyword with defaults, fields read by
name and by constant index, unpacking (assignment, for loops, comprehensions), ==/!= between two
of a class, len(), repr/str (CPython's P(x=1, y='a')), _replace(), _fields, methods and
isinstance(p, tuple)."""
from typing import NamedTuple, Optional

from abi import export

WORDS = ["", "a", "it's", "é€"]


class Point(NamedTuple):
    x: int
    y: int = 0

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> "Point":
        return self._replace(x=self.x + dx)


class Entry(NamedTuple):
    name: str
    at: Point
    weight: float = 1.5
    note: Optional[str] = None
    LIMIT = 3  # a class constant, not a field


def word(n: int) -> str:
    return WORDS[n % len(WORDS)]


def digest(text: str) -> int:
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


def entry(n: int) -> Entry:
    return Entry(word(n), Point(n % 7, y=-(n % 3)), note=word(n % 5 + 1) if n % 2 else None)


@export
def construct_and_read(n: int) -> int:
    p = Point(n % 100)
    q = Point(y=n % 5, x=2)
    e = entry(n % 50)
    total = p.x + p.y * 10 + q[0] * 100 + q[-1] * 1000 + e.at.x + e[1][1] + len(e.name) + Entry.LIMIT
    total += len(p) * 7 + len(entry(n % 9)) + e.LIMIT
    if e.note is not None:
        total += len(e.note) * 3
    return total + int(e.weight * 2)


@export
def unpack(n: int) -> int:
    a, b = Point(n % 11, n % 13)
    name, at, weight, note = entry(n % 40)
    points = [Point(i, i * i % 7) for i in range(n % 6)]
    total = a * 3 + b + len(name) + at.x + int(weight)
    for x, y in points:
        total += x * y
    total += sum(x - y for x, y in points)
    return total + (0 if note is None else len(note))


@export
def equality(n: int) -> int:
    p, q = Point(n % 3, 1), Point(1, 1)
    same = Entry("a", p) == Entry("a", Point(n % 3, 1))
    flags = [p == q, p != q, same, Entry("a", p, 2.0) != Entry("a", p), q in [Point(0), Point(1, 1)],
             isinstance(p, tuple)]
    return sum(1 << i for i, f in enumerate(flags) if f)


@export
def reprs(n: int) -> int:
    p = Point(n % 9, -3)
    e = entry(n % 30)
    text = (repr(p) + str(e) + f"{p}|{e!r}" + repr([p, Point(0)]) + repr({word(n): e}) + repr((p, e.at))
            + repr(Point._fields) + repr(e._fields) + type(e).__name__)
    return digest(text)


@export
def replace_and_methods(n: int) -> int:
    p = Point(n % 20, 4)
    moved = p.moved(n % 3)
    e = entry(n % 12)
    renamed = e._replace(note="n", name=word(n % 5 + 2))
    deeper = entry(n % 5)._replace(at=moved)
    text = repr(moved) + repr(renamed) + repr(deeper) + repr(p) + str(p.norm1() + moved.norm1())
    return digest(text)


class Pair(NamedTuple):
    first: Point
    label: str


@export
def nested_unpack(n: int) -> int:
    points = [Point(i, i * (n % 7) % 7) for i in range(4)]
    pairs = [Pair(p, word(p.y)) for p in points]
    by_y = {y: x for x, y in points}
    text = repr(by_y) + repr([x for x, _ in points])
    for i, ((x, y), label) in enumerate(pairs):
        text += f"{i}{x}{y}{label}"
    (u, v), w = pairs[n % 4]
    return digest(text + f"{u}{v}{w}" + repr(pairs[n % 4]))
