"""sorted / list.sort / min / max with key=, reverse= and default=: stable order, the first of
equal keys, keys raising, empty iterables with and without a default."""
from dataclasses import dataclass
from typing import Callable

from abi import export


class Job:
    def __init__(self, name: str, cost: int, weight: float) -> None:
        self.name = name
        self.cost = cost
        self.weight = weight


WORDS = ["pear", "Fig", "apple", "kiwi", "Banana", "date", "fig", "plum", "cherry", "Apple"]
CALLS = [0]


def last_char(s: str) -> str:
    return s[-1]


def digit_sum(n: int) -> int:
    CALLS[0] += 1
    total = 0
    n = abs(n)
    while n > 0:
        total += n % 10
        n //= 10
    return total


def parse(s: str) -> int:
    return int(s)


def numbers(n: int) -> list[int]:
    out = []
    x = n % 1000 + 7
    for i in range(40):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 200 - 100)
    return out


def encode(words: list[str]) -> int:
    h = 0
    for w in words:
        for c in w:
            h = (h * 31 + ord(c)) % 1000000007
        h = (h * 31 + 7) % 1000000007
    return h


def encode_ints(xs: list[int]) -> int:
    h = 0
    for x in xs:
        h = (h * 131 + x + 1000) % 1000000007
    return h


@export
def sort_by_len(n: int) -> int:
    words = WORDS[n % 3:]
    return encode(sorted(words, key=len)) + encode(sorted(words, key=len, reverse=n % 2 == 0))


@export
def sort_by_lambda(n: int) -> int:
    xs = numbers(n)
    a = sorted(xs, key=lambda x: x % 7)
    b = sorted(xs, key=lambda x: -abs(x), reverse=True)
    return encode_ints(a) * 3 + encode_ints(b)


@export
def sort_by_function(n: int) -> int:
    CALLS[0] = 0
    xs = numbers(n)
    xs.sort(key=digit_sum, reverse=n % 2 == 1)
    return encode_ints(xs) + CALLS[0]


@export
def sort_methods(n: int) -> int:
    words = WORDS[: n % 10 + 1]
    return encode(sorted(words, key=str.lower)) + encode(sorted(words, key=last_char, reverse=True))


@export
def sort_objects(n: int) -> int:
    jobs = [Job(w, len(w) * (i % 3), i / 3) for i, w in enumerate(WORDS)]
    jobs.sort(key=lambda j: j.cost)
    names = [j.name for j in jobs]
    ranked = sorted(jobs, key=lambda j: j.name.lower(), reverse=n % 2 == 0)
    return encode(names) + encode([j.name for j in ranked])


@export
def sort_items(n: int) -> int:
    counts = {"a": 3, "b": 1, "c": 3, "d": n % 5, "e": 2}
    pairs = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    return encode([k for k, v in pairs])


@export
def key_raises(n: int) -> int:
    texts = ["3", "1", "x" if n % 2 == 0 else "2", "0"]
    try:
        texts.sort(key=parse)
    except ValueError:
        return encode(texts) + 1
    return encode(texts)


@export
def key_raises_uncaught(n: int) -> int:
    texts = ["3", "1", "x" if n % 3 == 0 else "2"]
    return encode(sorted(texts, key=parse))


@export
def extremes(n: int) -> int:
    xs = numbers(n)
    lo = min(xs, key=lambda x: x % 10)
    hi = max(xs, key=digit_sum)
    words = WORDS[n % 4:]
    return lo * 1000 + hi + len(min(words, key=len)) * 7 + len(max(words, key=len)) + \
        encode([max(words, key=str.lower), min(words, key=last_char)])


@export
def extremes_first_of_equals(n: int) -> int:
    words = ["bb", "aa", "cc", "dd" if n % 2 else "a"]
    return encode([min(words, key=len), max(words, key=len), max("xy", "ab", "zz", key=len)])


@export
def extremes_default(n: int) -> int:
    xs = numbers(n)[: n % 3]
    empty: list[str] = []
    a = min(xs, default=-1)
    b = max(xs, key=lambda x: -x, default=99)
    c = max(empty, default="none")
    d = min(xs, default=None)
    return a * 1000 + b + len(c) + (0 if d is None else d * 7)


@export
def extremes_empty(n: int) -> int:
    xs = numbers(n)[: n % 2]
    return max(xs, key=lambda x: x % 5)


@export
def float_keys(n: int) -> int:
    jobs = [Job(w, i, (i * 37 % 11) / 4) for i, w in enumerate(WORDS[: n % 9 + 1])]
    best = max(jobs, key=lambda j: j.weight)
    worst = min(jobs, key=lambda j: j.weight)
    return best.cost * 100 + worst.cost


@export
def tuple_keys(n: int) -> int:
    words = WORDS[n % 4:] + ["kiwi", "fig"]
    a = sorted(words, key=lambda w: (len(w), w.lower()))
    b = sorted(words, key=lambda w: (w[0].lower(), -len(w)), reverse=n % 2 == 0)
    pairs = [(w, i % 3) for i, w in enumerate(words)]
    pairs.sort(key=lambda p: (p[1], len(p[0])), reverse=n % 3 == 0)
    lo = min(words, key=lambda w: (len(w), w[-1]))
    hi = max(words, key=lambda w: (len(w) % 3, w[0] == "f"))
    empty = max(words[:n % 2], key=lambda w: (len(w), w), default="none")
    return encode(a) + encode(b) * 3 + encode([p[0] for p in pairs]) * 7 + encode([lo, hi, empty]) * 11


def word_len(w: str) -> int:
    return len(w)


def rank_by(words: list[str], key: Callable[[str], int], reverse: bool) -> list[str]:
    return sorted(words, key=key, reverse=reverse)


@export
def key_values(n: int) -> int:
    words = WORDS[n % 5:]
    k = n % 4
    by_len = rank_by(words, word_len, n % 2 == 0)
    by_char = rank_by(words, lambda w: ord(w[k % len(w)]), False)
    score: Callable[[str], int] = lambda w: len(w) % 3
    return encode(by_len) + encode(by_char) * 3 + len(max(words, key=score)) * 7


@dataclass(order=True)
class Version:
    major: int
    minor: int
    tag: str = ""


@export
def implied_keys(a: int) -> int:
    """What sorts without a key= through an implied one: bytes and bools (their own order), the
    objects of an order=True dataclass (the tuple of their fields: equal ones keep their order),
    and min/max of floats (nan where CPython's loop keeps it)."""
    vs = [Version(a % 3, 1), Version(1, a % 2, "b"), Version(1, a % 2), Version(0, 9), Version(a % 3, 1)]
    kept = list(vs)
    kept.sort(reverse=a % 2 == 0)
    ranked = sorted(vs, reverse=a % 4 == 1)
    order = [vs.index(v) for v in ranked] + [vs.index(v) for v in kept] + [vs.index(min(vs)), vs.index(max(vs))]
    blobs = [b"b", str(a % 10).encode(), b"", b"ab"]
    blobs.sort()
    flags = sorted([a % 2 == 0, True, False], reverse=True)
    floats = [a % 1000 / 7, float("nan") if a % 5 == 0 else 0.5, -(a % 999) / 3]
    t = 0
    for i in order + [len(b) for b in blobs] + [int(f) for f in flags]:
        t = t * 7 + i
    nobody: list[Version] = []
    t += len(repr(min(nobody, default=None))) + len(repr(max(vs[:a % 3], default=vs[0])))
    return t % 1000000007 + int(min(floats) * 1000) % 997 + int(max(floats) * 1000) % 991 + len(min(blobs))
