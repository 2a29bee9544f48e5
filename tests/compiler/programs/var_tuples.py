"""Tuples of any length (``tuple[T, ...]``, held as lists): ``tuple(xs)``, loops, ``len``, ``in``,
indexing and slicing with CPython's IndexError, ``+``, ``*``, ``index``/``count``, ``==``/``<``,
repr/str (``(1,)``), a fixed tuple where one is expected."""
from dataclasses import dataclass

from abi import export

WORDS = ["alpha", "beta", "", "gamma", "beta"]


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


def first_n(n: int) -> tuple[int, ...]:
    return tuple([i * i for i in range(n % 6)])


@export
def from_range(n: int) -> int:
    t = tuple(range(n % 7, -3, -2))
    return text_hash(repr(t) + repr(tuple(range(0))))


def total(t: tuple[int, ...]) -> int:
    s = 0
    for x in t:
        s += x
    return s


@export
def from_list(n: int) -> int:
    t = first_n(n)
    return total(t) * 10 + len(t)


@export
def from_str_and_dict(n: int) -> int:
    chars = tuple(WORDS[n % len(WORDS)])
    keys = tuple({"k" + str(i): i for i in range(n % 4)})
    views = tuple({"a": n % 7, "b": 2}.values())
    return text_hash(repr(chars) + str(keys) + f"{views}")


@export
def reprs(n: int) -> int:
    one: tuple[int, ...] = (n % 9,)
    none: tuple[str, ...] = ()
    words = tuple(WORDS[: n % 6])
    floats: tuple[float, ...] = (0.5, n % 3 / 4)
    return text_hash(repr(one) + str(none) + repr(words) + str(floats) + str(first_n(n)))


@export
def indexing(n: int) -> int:
    t = first_n(n)
    try:
        return t[n % 8 - 4] * 100 + t[-1]
    except IndexError as err:
        return text_hash(str(err))


@export
def slicing(n: int) -> int:
    t = first_n(n % 6 + 3)
    head = t[: n % 4]
    odd = t[1::2]
    back = t[::-1]
    return text_hash(repr(head) + repr(odd) + repr(back) + repr(t[5:]))


@export
def membership_and_search(n: int) -> int:
    t = tuple(WORDS)
    found = ("beta" in t) + 2 * ("delta" not in t) + 4 * (str(n % 3) in t)
    try:
        where = t.index(WORDS[n % 5]) * 10 + first_n(n).index(n % 5)
    except ValueError as err:
        where = text_hash(str(err))
    return found * 10000000 + where * 100 + t.count("beta") * 10 + first_n(n).count(0)


@export
def concat_and_repeat(n: int) -> int:
    a = first_n(n)
    b: tuple[int, ...] = (7, 8)
    c = a + b
    d = b * (n % 3)
    e = a + (n % 10,)
    c += (1, 2)
    return text_hash(repr(c) + repr(d) + repr(e) + repr(2 * b))


@export
def comparisons(n: int) -> int:
    a = first_n(n)
    b = first_n(n % 6 + 1)
    c = tuple(["b", "a"][: n % 3])
    d: tuple[str, ...] = ("b",)
    flags = [a == b, a != b, a < b, a <= b, a > b, a >= b, c < d, c == d, a == first_n(n)]
    result = 0
    for f in flags:
        result = result * 2 + int(f)
    return result


@export
def fixed_converted(n: int) -> int:
    pair = (n % 4, 5)
    t: tuple[int, ...] = pair
    return total(pair) * 100 + total(t) * 10 + len(t) + total((1, 2, 3))


@export
def truth_and_list(n: int) -> int:
    t = first_n(n)
    as_list = list(t)
    as_list.append(1)  # a copy: the tuple does not change
    kind = 1 if isinstance(t, tuple) else 0
    return (1 if t else 0) * 1000 + len(as_list) * 10 + len(t) + kind * 100000 + len(type(t).__name__) * 10000


@export
def affixes(n: int) -> int:
    prefixes = tuple(["al", "ga", "x"])
    word = WORDS[n % len(WORDS)]
    return int(word.startswith(prefixes)) * 10 + int(word.endswith(tuple(["ta", "a"])))


@export
def comprehension_and_tuple_of_tuple(n: int) -> int:
    t = first_n(n)
    same = tuple(t)
    doubled = tuple([x * 2 for x in t])
    pairs = [i * 10 + x for i, x in enumerate(t)]
    return text_hash(repr(same) + repr(doubled) + repr(pairs) + str(same == t))


class Route:
    def __init__(self, hops: tuple[str, ...]) -> None:
        self.hops = hops


@export
def unpack_and_hold(n: int) -> int:
    routes = [Route(tuple(WORDS[: n % 4])), Route(("x", "y"))]
    held: dict[str, tuple[str, ...]] = {"r": routes[0].hops}
    try:
        a, b = held["r"]
        return text_hash(a + "/" + b + repr(routes[1].hops))
    except ValueError as err:
        return text_hash(str(err))


# -- starred assignment: first, *rest = parts ------------------------------------------------
@export
def star_first_rest(n: int) -> int:
    parts = WORDS[: n % 6]
    try:
        first, *rest = parts
        return text_hash(first + repr(rest))
    except ValueError as err:
        return text_hash(str(err))


@export
def star_middle(n: int) -> int:
    t = first_n(n)
    try:
        a, *middle, z = t
        *init, last = (n % 5, 3, 4)
        head, *tail = init
        return text_hash(f"{a} {middle} {z} {init} {last} {head} {tail}")
    except ValueError as err:
        return text_hash(str(err))


@export
def star_in_loop(n: int) -> int:
    rows = [[1, n % 7, 3], [4], [n % 3, 5]]
    total = 0
    for key, *values in rows:
        total = total * 10 + key + len(values) * 100
        values.append(key)  # a new list each time
    firsts = sum([key * 10 + len(values) for key, *values in rows])
    return total + len(rows[0]) * 1000000 + firsts * 100000000


# -- *args parameters and * in calls ------------------------------------------------------------
def joined(sep: str, *parts: str) -> str:
    return sep.join(parts) + repr(parts)


def scaled(k: int, *values: int, offset: int = 0) -> int:
    s = offset
    for v in values:
        s = s * 7 + v * k
    return s * 10 + len(values)


def triple(a: int, b: int, c: int) -> int:
    return a * 100 + b * 10 + c


def at_least_two(a: int, b: int, *more: int) -> int:
    return a * 1000 + b * 100 + len(more) * 10 + total(more)


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def spread(self, *deltas: int) -> int:
        return self.x * 10 + self.y + total(deltas)


@export
def varargs_calls(n: int) -> int:
    words = WORDS[: n % 4]
    text = joined("-") + joined("+", "a") + joined(",", "a", "b", str(n % 10)) + joined("/", *words)
    return text_hash(text) + scaled(n % 5) + scaled(2, 1, 2, 3, offset=n % 3)


@export
def star_into_varargs(n: int) -> int:
    xs = [i for i in range(n % 5)]
    t = first_n(n)
    return scaled(3, *xs) * 3 + scaled(1, 9, *t, 8, *xs) + Point(1, 2).spread(*xs, 4) + Point(3, 4).spread()


@export
def star_into_fixed(n: int) -> int:
    xs = [i + 1 for i in range(n % 5)]
    try:
        return triple(*xs) + 1000000
    except TypeError as err:
        return text_hash(str(err))


@export
def star_after_explicit(n: int) -> int:
    xs = [i + 1 for i in range(n % 4)]
    try:
        return triple(7, *xs) + 1000000
    except TypeError as err:
        return text_hash(str(err))


@export
def star_into_fixed_and_varargs(n: int) -> int:
    xs = tuple([i + 1 for i in range(n % 5)])
    try:
        return at_least_two(*xs) + 1000000
    except TypeError as err:
        return text_hash(str(err))


@export
def star_into_constructor(n: int) -> int:
    xs = [i + 3 for i in range(n % 4)]
    try:
        p = Point(*xs)
        return p.x * 10 + p.y
    except TypeError as err:
        return text_hash(str(err))


@export
def star_of_fixed_tuple(n: int) -> int:
    pair = (n % 7, 2)
    return triple(1, *pair) + at_least_two(*pair) + scaled(2, *pair)


@dataclass
class Size:
    width: int
    height: int


class Failure(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(f"code {code}")
        self.code = code


@export
def star_into_dataclass_and_exception(n: int) -> int:
    xs = [i + 2 for i in range(n % 4)]
    s = Size(0, 0)
    try:
        s = Size(*xs)
        raise Failure(*xs[:1])
    except TypeError as err:
        return text_hash(str(err))
    except Failure as err:
        return err.code * 1000 + s.width * 10 + s.height


@export
def star_in_combined_loops(n: int) -> int:
    total = 0
    for k, *v in {"a": "x", "bc": "y"}.items():
        total = total * 10 + len(v) + len(k)
    for i, *w in enumerate([5, 6, n % 3]):
        total = total * 10 + len(w) + i + w[0]
    sizes = [len(z) * 10 + i for i, *z in zip([1, 2], [3, n % 4])]
    return total * 1000 + sizes[0] * 100 + sizes[1]


def maybe_pair(n: int) -> tuple[int, int] | None:
    return (n % 5, 2) if n % 3 != 0 else None


@export
def optional_var_tuples(n: int) -> int:
    pair = (1, n % 5)
    x: tuple[int, ...] | None = pair
    y: tuple[int, ...] | None = (3,)
    if n % 2 == 0:
        x = None
    found = maybe_pair(n)
    if found is not None:
        y = found
    return (len(x) * 100 + x[1] if x is not None else 0) + (total(y) * 1000 if y is not None else 0)


@export
def reducers(n: int) -> int:
    t = tuple([i % 4 for i in range(n % 6)])
    e: tuple[int, ...] = ()
    s = tuple("abc"[: n % 4])
    ordered = sorted(t, reverse=True)
    extremes = (min(t) * 10 + max(t)) if t else -1
    return (sum(t) * 1000 + int(any(t)) * 100 + int(all(t)) * 10 + int(any(e)) + len("".join(s)) * 100000
            + text_hash(repr(ordered) + repr(t) + sorted(tuple(WORDS))[n % 5]) * 1000000 + extremes)


NAMES: tuple[str, ...] = ("a", "bb")
PAIR = ("x", "yyy")


def width(t: tuple[str, ...]) -> int:
    return sum([len(s) for s in t])


@export
def globals_converted(n: int) -> int:
    return width(NAMES) * 1000 + width(PAIR) * 100 + width(NAMES + PAIR) * 10 + len(NAMES[n % 2])
