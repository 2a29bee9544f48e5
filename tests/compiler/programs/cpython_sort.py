"""sorted() and list.sort() where the result depends on CPython's algorithm (issue 14): floats
with NaNs (which land where the exact comparisons put them), -0.0 against 0.0 (stability), and
objects whose __lt__ counts its calls, is inconsistent, raises midway or changes the list being
sorted. Lengths around minrun (63, 64, 65) and long partly sorted inputs take the galloping paths."""
from dataclasses import dataclass
from enum import IntEnum

from abi import export

LENGTHS = [0, 1, 2, 3, 63, 64, 65, 200, 1000]
calls = [0]


def next_seed(seed: int) -> int:
    return (seed * 1103515245 + 12345) % 2147483648


def float_at(seed: int, pattern: int, i: int, n: int) -> float:
    """Item i of a list of n: random, ascending or descending runs, many equal keys, sawtooth."""
    r = seed % 1000
    if r % 17 == 0:
        return float("nan")
    if r % 19 == 0:
        return -0.0 if r % 2 == 0 else 0.0
    if r % 23 == 0:
        return float("inf") if r % 2 == 0 else float("-inf")
    if pattern == 0:
        return (r % 200) / 8 - 12
    if pattern == 1:
        return float(i if r % 5 else n - i)
    if pattern == 2:
        return float(n - i)
    if pattern == 3:
        return float(r % 4)
    return float(i % 50 + (i // 50) % 3)


def floats(seed: int, pattern: int, n: int) -> list[float]:
    xs: list[float] = []
    for i in range(n):
        seed = next_seed(seed)
        xs.append(float_at(seed, pattern, i, n))
    return xs


def float_code(x: float) -> int:
    """Tells apart NaN, the infinities, -0.0 and 0.0, and the other items."""
    if x != x:
        return 1
    if x == float("inf") or x == float("-inf"):
        return 2 if x > 0 else 3
    if x == 0:
        return 4 if str(x) == "-0.0" else 5
    return int(x * 8) % 1000003 + 6


def digest(h: int, code: int) -> int:
    return (h * 1000033 + code) % 999999999989


def summary(h: int, xs: list[float]) -> int:
    """Where every item landed."""
    h = digest(h, len(xs))
    for x in xs:
        h = digest(h, float_code(x))
    return h


def text_digest(h: int, text: str) -> int:
    for c in text:
        h = digest(h, ord(c))
    return h


@export
def float_sorts(other: bool) -> int:
    seed = 77 if other else 4
    h = 0
    for n in LENGTHS:
        for pattern in range(5):
            xs = floats(seed + n, pattern, n)
            h = summary(h, sorted(xs))
            h = summary(h, sorted(xs, reverse=True))
            xs.sort(reverse=pattern % 2 == 0)
            h = summary(h, xs)
    return h


class Point:
    def __init__(self, score: float, name: str) -> None:
        self.score = score
        self.name = name


@export
def float_keys(other: bool) -> int:
    seed = 7 if other else 1234
    out: list[str] = []
    for n in LENGTHS:
        for pattern in range(5):
            xs = floats(seed % 100000 + 3 * n, pattern, n)
            points = [Point(x, str(i)) for i, x in enumerate(xs)]
            ranked = sorted(points, key=lambda p: p.score)
            out.append(",".join(p.name for p in ranked))
            points.sort(key=lambda p: p.score, reverse=True)
            out.append(",".join(p.name for p in points))
    return text_digest(0, "\n".join(out))


class Item:
    def __init__(self, v: int, tag: int) -> None:
        self.v = v
        self.tag = tag

    def __lt__(self, other: "Item") -> bool:
        calls[0] += 1
        return self.v < other.v


class Odd:
    """An inconsistent order: the answer depends on how many comparisons came before."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "Odd") -> bool:
        calls[0] += 1
        return (self.v * 7 + other.v * 13 + calls[0]) % 3 == 0


class Fragile:
    """Raises on the ``limit``-th comparison."""

    def __init__(self, v: int, limit: int) -> None:
        self.v = v
        self.limit = limit

    def __lt__(self, other: "Fragile") -> bool:
        calls[0] += 1
        if calls[0] == self.limit:
            raise ValueError(f"comparison {calls[0]}")
        return self.v < other.v


def items(seed: int, pattern: int, n: int) -> list[Item]:
    return [Item(int(x * 4) if x == x and abs(x) < 1e9 else i % 9, i)
            for i, x in enumerate(floats(seed, pattern, n))]


@export
def counted_lt(other: bool) -> int:
    seed = 99 if other else 5
    out: list[str] = []
    for n in LENGTHS:
        for pattern in range(5):
            xs = items(seed % 100000 + n, pattern, n)
            calls[0] = 0
            ys = sorted(xs, reverse=pattern == 4)
            out.append(f"{calls[0]}:{[p.tag for p in ys][::3]}")
            calls[0] = 0
            xs.sort(key=lambda p: Item(p.v // 2, 0))
            out.append(f"{calls[0]}:{[p.tag for p in xs][::3]}")
    return text_digest(0, "\n".join(out))


@export
def inconsistent_lt(other: bool) -> int:
    seed = 3 if other else 60
    out: list[str] = []
    for n in LENGTHS:
        xs = [Odd((seed + i * 31) % 97) for i in range(n)]
        calls[0] = seed % 5
        xs.sort()
        out.append(f"{calls[0]}:{[x.v for x in xs]}")
    return text_digest(0, "\n".join(out))


@export
def raising_lt(other: bool) -> int:
    seed = 11 if other else 0
    out: list[str] = []
    for n in (2, 5, 64, 65, 200):
        for limit in (1, 3, 40, 300, 900):
            xs = [Fragile((seed + i * 37) % 101 if i % 9 else i, limit) for i in range(n)]
            calls[0] = 0
            try:
                xs.sort(reverse=limit == 40)
                out.append(f"done {calls[0]}")
            except ValueError as e:
                out.append(f"{e}")
            out.append(str([x.v for x in xs]))
    return text_digest(0, "\n".join(out))


class Meddler:
    """Looks at the list being sorted, and grows it."""

    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "Meddler") -> bool:
        calls[0] += 1
        if calls[0] <= 5 and len(meddled) != 0:
            raise RuntimeError("the list is not empty during its sort")
        if calls[0] == 5:
            meddled.append(Meddler(-1))
        return self.v < other.v


meddled: list[Meddler] = []


@export
def modified_during_sort(n: int) -> int:
    meddled.clear()
    for i in range(n % 20):
        meddled.append(Meddler((i * 7) % 5))
    calls[0] = 0
    try:
        meddled.sort()
        result = "sorted"
    except ValueError as e:
        result = str(e)
    return text_digest(0, f"{result} {calls[0]} {[m.v for m in meddled]}")


@export
def float_tuple_keys(other: bool) -> int:
    """Keys (score, name): one NaN at most (two NaN scores would meet in ==, which raises
    ValueError here: CPython's answer depends on whether they are the same object)."""
    out: list[str] = []
    for n in LENGTHS:
        for pattern in range(5):
            xs = floats((99 if other else 8) + n, pattern, n)
            points = [Point(x if x == x or i == n // 2 else 0.5, str(i % 7)) for i, x in enumerate(xs)]
            ranked = sorted(points, key=lambda p: (p.score, p.name))
            out.append(",".join(p.name for p in ranked))
            pairs = [(p.score, p.name) for p in points]
            pairs.sort(reverse=True)
            out.append(str(pairs[::5]))
    return text_digest(0, "\n".join(out))


@export
def float_sort_seeded(seed: int) -> int:
    """One list per seed: its length up to 300, its pattern."""
    seed = seed % 1000003
    if seed < 0:
        seed = -seed
    xs = floats(seed, seed % 5, seed % 301)
    h = summary(0, sorted(xs))
    xs.sort(reverse=True)
    return summary(h, xs)


@dataclass(order=True)
class Reading:
    value: float
    label: str


class Level(IntEnum):
    LOW = 1
    HIGH = 5
    MID = 3


@export
def ordered_dataclass_floats(other: bool) -> int:
    """order=True compares the fields as tuples: (value, label), a NaN value at most once."""
    xs = floats(5 if other else 50, 0, 200)
    readings = [Reading(x if x == x or i == 100 else -1.5, str(i % 4)) for i, x in enumerate(xs)]
    ranked = sorted(readings)
    readings.sort(reverse=True)
    levels = sorted([Level.MID, Level.LOW, Level.HIGH, Level.LOW], reverse=other)
    return text_digest(0, str([r.label for r in ranked]) + str([r.label for r in readings]) + str(levels))


@export
def float_views(n: int) -> int:
    """sorted() of a dict's float values, of its items by value, of a tuple of floats, of a
    generator and a map; key=None is the plain order."""
    d = {"a": 2.5, "b": float("nan"), "c": -0.0, "d": 0.0, "e": float(n % 4)}
    text = str(sorted(d.values())) + str(sorted(d.items(), key=lambda kv: kv[1], reverse=True))
    text += str(sorted(tuple(d.values()))) + str(sorted(d.values(), reverse=True))
    text += str(sorted(x * 2 for x in d.values())) + str(sorted(map(float, ["1.5", "nan", "-0.0", "0"])))
    xs = list(d.values())
    xs.sort(key=None, reverse=True)
    ints = [3, 1, 2]
    ints.sort(key=None)
    text += str(sorted(xs, key=None)) + str(xs) + str(ints)
    return text_digest(0, text)


data: list[int] = []
seen: list[int] = []


def key_len(v: int) -> int:
    seen.append(len(data))
    return -v


def key_grow(v: int) -> int:
    if v == 3:
        data.append(100)
    return v % 4


def key_raise(v: int) -> int:
    if v == 5:
        raise KeyError("k")
    return -v


def key_float(v: int) -> float:
    seen.append(len(data))
    if v == 6:
        data.append(7)
    return v / 3


@export
def key_sees_empty_list(n: int) -> int:
    """list.sort(key=f): f sees the list empty; a change is dropped and raises ValueError after
    the sort; when f raises, the list keeps its items."""
    data.clear()
    seen.clear()
    for i in range(n % 12):
        data.append((i * 5) % 9)
    out = ""
    data.sort(key=key_len, reverse=n % 2 == 0)
    out += str(data) + str(seen)
    try:
        data.sort(key=key_grow)
        out += "ok"
    except ValueError as e:
        out += str(e)
    out += str(data)
    try:
        data.sort(key=key_raise)
    except KeyError:
        out += "raised"
    out += str(data)
    seen.clear()
    try:
        data.sort(key=key_float, reverse=True)
    except ValueError as e:
        out += str(e)
    return text_digest(0, out + str(data) + str(seen))


def grow_then_true() -> bool:
    data.append(-1)
    return True


@export
def sorted_copies_after_arguments(n: int) -> int:
    """sorted(xs, key=..., reverse=g()): the copy is made after g() ran."""
    data.clear()
    for i in range(n % 7):
        data.append(i * 3 % 5)
    ranked = sorted(data, key=lambda v: v / 2, reverse=grow_then_true())
    ints = sorted(data, key=lambda v: -v, reverse=grow_then_true())
    return text_digest(0, str(ranked) + str(ints) + str(data))
