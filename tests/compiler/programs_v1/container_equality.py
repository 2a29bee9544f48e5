"""Equality and order of compound items (issue 11): == on lists of tuples, lists, dataclasses and
optionals; in, count, index and remove on lists of tuples and of objects (with and without __eq__,
identity first, item on the left); tuple ordering at the first unequal item."""
from dataclasses import dataclass

from abi import export


@dataclass
class P:
    x: int
    name: str = "p"


class Plain:
    def __init__(self, v: int) -> None:
        self.v = v


class Fussy:
    """__eq__ that counts its calls: CPython skips it for identical objects."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __eq__(self, other: "Fussy") -> bool:
        CALLS.append(self.v)
        return self.v == other.v


CALLS: list[int] = []


@export
def list_equality(a: int, b: int) -> int:
    x, y = a % 3, b % 3
    score = 0
    score += 1 if [(1, x)] == [(1, y)] else 0
    score += 2 if [[x, 1], []] == [[y, 1], []] else 0
    score += 4 if [P(x)] == [P(y)] else 0
    score += 8 if [P(x, "a")] != [P(x, "b")] else 0
    opts: list[int | None] = [x, None]
    others: list[int | None] = [y, None]
    score += 16 if opts == others else 0
    score += 32 if [[(x, "s")]] == [[(y, "s")]] else 0
    score += 64 if [(1, 2)] == [(1, 2), (3, 4)] else 0
    return score


@export
def search_tuples(a: int, b: int) -> int:
    pairs = [(1, 2), (a % 4, b % 4), (3, 3)]
    hits = pairs.count((1, 2)) * 100 + (10 if (a % 4, b % 4) in pairs else 0)
    position = pairs.index((a % 4, b % 4))
    pairs.remove((1, 2))
    return hits + position * 1000 + len(pairs) + (1 if (9, 9) not in pairs else 0) * 7


@export
def search_objects(a: int, b: int) -> int:
    CALLS.clear()
    items = [Fussy(1), Fussy(a % 3), Fussy(b % 3)]
    kept = items[1]
    found = items.index(Fussy(b % 3)) * 100 + items.count(kept) * 10 + (1 if kept in items else 0)
    plain = [Plain(1), Plain(2)]
    same = plain[1]
    found += 1000 * (plain.index(same) + (5 if Plain(2) in plain else 0))
    points = [P(1), P(a % 2)]
    points.remove(P(a % 2))
    trace = 0
    for v in CALLS:
        trace = trace * 10 + v
    return found + len(points) * 100000 + trace * 1000000


@export
def tuple_order(a: int, b: int) -> int:
    x, y = a % 3, b % 3
    score = 0
    score += 1 if (1, x) < (1, y) else 0
    score += 2 if (x, "b") <= (y, "a") else 0
    score += 4 if (x, y, 1) > (y, x, 0) else 0
    score += 8 if (x, 2.5) >= (x, 2.5) else 0
    score += 16 if ((x, 1), "z") < ((x, 2), "a") else 0
    score += 32 if (x, [1, y]) < (x, [1, x]) else 0
    return score
