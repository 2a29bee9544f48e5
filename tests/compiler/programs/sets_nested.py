"""Sets inside other values: lists and tuples of sets (== and in), fields, dataclass fields with
default_factory=set, dict values with |= and -=, T | None, chained subset comparisons,
type(s).__name__."""
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
