"""Comprehensions of issue 14: dict comprehensions, several 'for' clauses, nested
comprehensions, with CPython's scoping (the loop variables do not leak; the first iterable is
evaluated in the enclosing scope) and exceptions raised inside them."""
from abi import export

WORDS = ["", "a", "bb", "é", "ΟΔΟΣ", "😀x", "a", "zz"]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


def rows_of(n: int) -> list[list[int]]:
    return [[(n % 7 + i * j) % 7 - 3 for j in range(i)] for i in range(5)]


@export
def flatten(n: int) -> int:
    rows = rows_of(n)
    flat = [x for row in rows for x in row if x]
    h = len(flat)
    for x in flat:
        h = mix(h, x + 10)
    return h


@export
def nested_lists(n: int) -> int:
    rows = rows_of(n)
    copies = [[y * 2 for y in r if y != 0] for r in rows if r]
    h = len(copies)
    for r in copies:
        h = mix(h, len(r))
        for y in r:
            h = mix(h, y + 100)
    return h


@export
def pairs_with_filters(n: int) -> int:
    k = n % 5
    found = [(i, j) for i in range(k) if i % 2 == 0 for j in range(i, 4) if (i + j) % 3 != 1]
    h = len(found)
    for i, j in found:
        h = mix(h, i * 10 + j)
    return h


@export
def dict_of_words(n: int) -> int:
    shift = n % 3
    lengths = {w: len(w) + shift for w in WORDS if w}
    h = len(lengths)
    for w, v in lengths.items():
        h = mix(mix(h, digest(w)), v)
    return h


@export
def dict_from_pairs(n: int) -> int:
    pairs = [(i % 4, n % (i + 2)) for i in range(6)]
    last = {k: v for k, v in pairs if v >= 0}
    squares = {i: i * i for i in range(n % 9 - 4)}
    h = len(last) * 100 + len(squares)
    for k in last:
        h = mix(h, k * 1000 + last[k])
    for k, v in squares.items():
        h = mix(h, k + v)
    return h


@export
def dict_of_lists(n: int) -> int:
    groups = {w: [c for c in w if c != "a"] for w in WORDS}
    inverse = {len(v): k for k, v in groups.items()}
    h = len(groups) + n % 2
    for k, v in inverse.items():
        h = mix(mix(h, k), digest(v))
    return h


@export
def no_leak(n: int) -> int:
    x = n % 1000
    doubled = [x * 2 for x in range(3)]
    keys = {x: x for x in "ab"}
    outer = [x for x in [x, x + 1]]  # the first iterable reads the enclosing x
    return mix(mix(x, len(doubled) + len(keys)), outer[1] - outer[0] + doubled[2])


@export
def shadowing(n: int) -> int:
    i = n % 10
    grid = [[i * 10 + j for j in range(i)] for i in range(3)]
    total = 0
    for row in grid:
        for v in row:
            total += v
    return total * 1000 + i


def checked(v: int) -> int:
    if v < 0:
        raise ValueError(f"negative: {v}")
    return v


@export
def raises_inside(n: int) -> int:
    values = [n % 5 - 2, 3, n % 3]
    try:
        got = [checked(v) for v in values]
        return len(got)
    except ValueError as err:
        return digest(str(err))


@export
def dict_raises_inside(n: int) -> int:
    d = {"a": 1, "b": 2}
    keys = ["a", "b", "c" if n % 2 else "a"]
    try:
        return len({k: d[k] for k in keys})
    except KeyError:
        return -1


@export
def index_error_inside(n: int) -> int:
    items = [1, 2, 3]
    picked = [items[i] for i in range(n % 5)]
    return len(picked)


@export
def overflow_inside(n: int) -> int:
    big = [n * k for k in range(3)]
    return big[2]  # beyond int64: OverflowError, as the expected CPython result


@export
def in_condition(n: int) -> int:
    words = [w for w in WORDS if w and w[0] in "aéz"]
    return len(words) * 10 + len([c for w in words for c in w if c != "z"]) + n % 2


TABLE = {i: i * 3 for i in range(4)}


@export
def global_comprehension(n: int) -> int:
    return TABLE.get(n % 6, -1)
