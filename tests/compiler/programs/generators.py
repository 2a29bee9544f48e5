"""Generator expressions of issue 14, with CPython's lazy order: any/all stop at the deciding
item, side effects of the element and condition expressions interleave with the consumer's
work (a for body, extend's appends), exceptions raised inside the generator surface at the
item that raises, the first iterable is evaluated when the generator is made; sum() of ints,
bools and floats with start=."""
from typing import Callable

from abi import export

WORDS = ["", "a", "bb", "é", "ΟΔΟΣ", "😀x", "zz", "a1", "9"]


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


def digest(log: list[int]) -> int:
    h = len(log)
    for v in log:
        h = mix(h, v)
    return h


def noted(log: list[int], v: int) -> int:
    log.append(v)
    return v


def span(n: int) -> list[int]:
    return [(n >> k) % 11 - 4 for k in range(n % 7)]


@export
def any_all(n: int) -> int:
    log: list[int] = []
    xs = span(n)
    a = any(noted(log, x) > 2 for x in xs)
    b = all(noted(log, x * 2) < 5 for x in xs if x != 0)
    none: list[int] = []
    c = any(x > 0 for x in none)
    d = all(x > 0 for x in none)
    e = any(w for w in WORDS[n % 3:])
    f = all(xs)
    return digest(log) * 64 + a * 32 + b * 16 + c * 8 + d * 4 + e * 2 + f


@export
def sum_ints(n: int) -> int:
    log: list[int] = []
    xs = span(n)
    total = sum(noted(log, x * x) for x in xs)
    evens = sum(1 for x in xs if x % 2 == 0)
    flags = sum(w.isalpha() for w in WORDS)
    start = n % 1000
    shifted = sum((x for x in xs), start)
    keyword = sum(xs, start=start)
    return mix(digest(log), total + evens * 7 + flags * 13 + shifted + keyword)


@export
def sum_overflow(n: int) -> int:
    return sum(v for v in [n, n, 1])


@export
def sum_floats(n: int) -> int:
    xs = [0.1 * x for x in span(n)]
    total = sum(xs, 0.0)
    more = sum((x / 3 for x in xs if x > 0), 1.5)
    mixed = sum((x for x in range(n % 9)), 0.25)
    return int(total * 1e6) + int(more * 1e6) * 3 + int(mixed * 8)


@export
def for_loop_interleaves(n: int) -> int:
    log: list[int] = []
    xs = span(n)
    for v in (noted(log, x + 100) for x in xs if noted(log, x) != 1):
        log.append(v * 2)
        if v == 103:
            break
        if v % 2 == 0:
            continue
        log.append(-1)
    else:
        log.append(999)
    return digest(log)


@export
def for_sees_mutation(n: int) -> int:
    xs = span(n)
    seen: list[int] = []
    for v in (x * 10 for x in xs):
        seen.append(v)
        if len(xs) < 8:
            xs.append(len(xs))
    return digest(seen)


@export
def first_iterable_eager(n: int) -> int:
    xs = span(n)
    ys = [1, 2]
    gen_total = 0
    for v in (x + y for x in xs for y in ys):
        gen_total = mix(gen_total, v)
        ys = [7]  # the inner iterable is read again for each x: [7] from the second x on
        xs = [0]  # the first iterable was taken when the generator was made
    return gen_total


@export
def raises_inside(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    try:
        for v in (100 // x for x in xs):
            log.append(v)
    except ZeroDivisionError:
        log.append(-5)
    try:
        if any(noted(log, 10 // (x + 1)) > 50 for x in xs):
            log.append(-6)
    except ZeroDivisionError:
        log.append(-7)
    return digest(log)


@export
def raises_uncaught(n: int) -> int:
    xs = span(n)
    return sum(10 // x for x in xs)


@export
def drained_consumers(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    a = list(noted(log, x) for x in xs if x > -3)
    b = sorted(x * 3 % 7 for x in xs)
    c = set(x % 3 for x in xs)
    d = ",".join(str(x) for x in xs if x)
    e = max((abs(x) for x in xs), default=-1)
    f = min((x for x in xs), key=lambda v: (v * v, v), default=99)
    g = max(w for w in WORDS if len(w) == n % 3)
    h = sorted((w for w in WORDS), key=len, reverse=True)
    return mix(mix(digest(log), digest(a) + digest(b) + len(c) * 5), len(d) + e * 3 + f * 7 + len(g) + len(h[0]))


@export
def min_empty(n: int) -> int:
    return min(x for x in span(n) if x > 100)


@export
def extend_sees_growth(n: int) -> int:
    xs = span(n)
    xs.extend(len(xs) for _ in range(3))
    ys = [1]
    ys.extend(y * 2 for y in span(n // 2) if y > 0)
    return digest(xs) * 7 + digest(ys)


@export
def nested(n: int) -> int:
    xs = span(n)
    inner = sum(sum(y for y in range(x)) for x in xs if x > 0)
    pairs = [a * b for a in (x + 1 for x in xs) for b in (y for y in xs if y < a)]
    flag = any(all(c != "z" for c in w) for w in WORDS[: n % 9])
    return mix(inner, digest(pairs)) * 2 + flag


@export
def enumerated(n: int) -> int:
    log: list[int] = []
    start = n % 5
    for i, v in enumerate(noted(log, x) for x in span(n)):
        log.append(i * 100)
        if v > 3:
            break
    for i, pair in enumerate((x, x * x) for x in span(n // 3)):
        log.append(i + pair[1])
    for i, v in enumerate((x for x in span(n)), start):
        log.append(i - v)
    return digest(log)


@export
def scoping(n: int) -> int:
    x = n % 100
    total = sum(x * 2 for x in span(n))  # the generator's x is its own
    found = any(x == 3 for x in span(n))
    return total * 1000 + x * 2 + found


@export
def empty_inputs(n: int) -> int:
    none: list[int] = []
    a = sum(x for x in none)
    b = sum((x for x in none), n % 7)
    b2 = sum((x for x in span(n)), 5)
    c = list(x for x in none)
    d = "".join(w for w in WORDS if len(w) > 10)
    fallback = n % 3
    e = max((x for x in none), default=fallback)
    count = 0
    for _ in (x for x in none):
        count += 1
    return a + b * 10 + b2 * 3 + len(c) * 100 + len(d) * 1000 + e * 10000 + count


@export
def other_iterables(n: int) -> int:
    s = {1, 5, n % 9}
    a = sum(s) + sum(x for x in s if x > 1)
    b = b"-".join(bytes([65 + x]) for x in range(n % 4))
    c = 0
    for p, q in ((x, x * 2) for x in range(3)):
        c += p * q
    d = [v + 1 for v in (x * 3 for x in range(n % 5))]
    e = sum(1 for _ in "abc") + sum(x for x in range(4) if x)
    g = all(c.isdigit() for c in str(n))
    h = max((w for w in ["a", "bb", "c"]), key=len)
    k = sorted(set(x % 4 for x in range(n % 10)))
    return a + len(b) * 10 + c * 100 + sum(d) + e * 7 + g + len(h) * 3 + sum(k)


@export
def zipped(n: int) -> int:
    log: list[int] = []
    xs = span(n)
    names = "abcdefgh"[: n % 9]
    for v, c in zip((noted(log, x * 2) for x in xs if noted(log, x) != 0), names):
        log.append(ord(c) + v)
    else:
        log.append(-1)
    for c, v in zip(names, (noted(log, x + 50) for x in xs)):
        log.append(ord(c) - v)
        if v == 53:
            break
    else:
        log.append(-2)
    for pair in zip((x for x in range(n % 4)), b"xyz"):
        log.append(pair[0] * pair[1])
    return digest(log)


class Box:
    def __init__(self, xs: list[int]) -> None:
        self.xs = xs

    def total(self) -> int:
        return sum(x for x in self.xs if x > 0)

    @property
    def biggest(self) -> int:
        return max((x for x in self.xs), default=0)


@export
def in_contexts(n: int) -> int:
    xs = [n % 7, n % 5 - 2, 3]
    total: Callable[[list[int]], int] = lambda ys: sum(y * 2 for y in ys)
    k = 10

    def inner() -> int:
        return sum(x + k for x in xs)
    log: list[int] = []
    try:
        for v in (x * 3 for x in xs):
            try:
                if v > 5:
                    break
                log.append(v)
            finally:
                log.append(-1)
    finally:
        log.append(-9)
    b = Box(xs)
    return total(xs) * 1000 + inner() * 100 + len(log) * 10 + b.total() + b.biggest + sum(log)


@export
def tuple_and_dict_of_generators(a: int) -> int:
    """tuple(gen) and dict(gen of pairs): the list comprehension they drain, as CPython does."""
    words = ["a", str(a % 10), "bb", str(a % 3)]
    t = tuple(len(w) * 10 + i for i, w in enumerate(words) if w)
    d = dict((w, i) for i, w in enumerate(words))
    m = tuple(map(len, words))
    text = repr(t) + repr(d) + repr(m) + repr(tuple(x for x in range(a % 4)))
    return len(text) * 1000 + sum(ord(c) for c in text) % 997
