"""Constructs of the ordinary-filter corpus (tests/corpus/filters/): a field typed from a set
operation on a module constant (``self.removed = ALWAYS | other.extra``), ``{x!r}`` of a
``str | None`` and ``{xs}`` of a list (CPython's list repr); ``x in obj`` by ``__contains__``; an
Any's items and iteration in a program with a dataclass; sorted()/sort()/min()/max() of tuples
without a key, list.extend() of a dict view and urlencode() of pairs (query_rewrite.py)."""
import json
from dataclasses import dataclass
from urllib.parse import urlencode

from abi import export

ALWAYS = frozenset({"server", "x-powered-by"})
TEXTS = ["", "a", "it's", 'say "hi"', "é\n", "\x00"]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


class Extra:
    def __init__(self, n: int) -> None:
        self.extra: frozenset[str] = frozenset(TEXTS[: n % 7])


class Scrub:
    def __init__(self, root: Extra) -> None:
        self.removed = ALWAYS | root.extra
        self.common = ALWAYS & root.extra
        self.rest = root.extra - ALWAYS


@export
def field_from_set_union(n: int) -> int:
    scrub = Scrub(Extra(n))
    return len(scrub.removed) * 100 + len(scrub.common) * 10 + len(scrub.rest) + ("a" in scrub.removed) * 1000


def maybe(n: int) -> str | None:
    return None if n % 3 == 0 else TEXTS[n % len(TEXTS)]


@export
def repr_of_optional_str(n: int) -> int:
    agent = maybe(n)
    return digest(f"blocked {agent!r}|{agent!r:>12}|{agent=}")


@export
def repr_of_lists(n: int) -> int:
    words = TEXTS[: n % 7]
    numbers = [n, n % 5 - 3, 0][: n % 4]
    flags = [n % 2 == 0, True]
    return digest(f"{words} {numbers!r} {flags} {sorted(ALWAYS | frozenset(words))} {words!s:>40}")


class Span:
    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    def __contains__(self, item: int) -> bool:
        return self.low <= item < self.high


class OddSpan(Span):
    def __contains__(self, item: int) -> bool:
        return self.low <= item < self.high and item % 2 == 1


@dataclass(frozen=True)
class Mask:
    base: int
    bits: int

    def __contains__(self, address: int) -> bool:
        return address >> self.bits == self.base >> self.bits


def span(n: int) -> Span:
    return OddSpan(-5, 50) if n % 2 else Span(0, 10)


@export
def membership_by_contains(n: int) -> int:
    spans = [span(n), span(n % 10 + 1)]
    mask = Mask(n % 64, 3)
    found = sum(1 for s in spans if n % 100 in s) + (n % 100 in mask)
    missing = sum(1 for s in spans if n % 7 not in s) + (n % 7 not in mask)
    flag = n % 3 in spans[0]
    return found * 100 + missing * 10 + (1 if flag else 0) + (1000 if any(n % 9 in s for s in spans) else 0)


@export
def held_items_beside_a_dataclass(n: int) -> int:
    """A dataclass defines __eq__: an Any's items by int or str key and its iteration still call no
    method of it, so they are decided on what the Any holds."""
    config = json.loads('{"allow": [1, 2, "x"], "n": %d, "deep": {"k": [true]}}' % (n % 1000))
    total = 0
    for item in config["allow"]:
        total = total * 3 + len(str(item))
    masks = [Mask(config["n"], b) for b in range(3)]
    return total + config["n"] * 10 + len(config["deep"]["k"]) + len(masks)


def pairs(n: int) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    n = n % 1000
    for i in range(n % 9 + 3):
        out.append((chr(97 + (i * 7 + n) % 4), (i * 5 + n) % 3))
    return out


@export
def sorted_tuples(n: int) -> int:
    xs = pairs(n)
    s = sorted(xs)
    r = sorted(xs, reverse=n % 2 == 0)
    xs.sort()
    text = repr(s) + repr(r) + repr(xs) + repr(min(xs)) + repr(max(pairs(n)))
    d = {"b": 2, "a": 1, "c": n % 4}
    text += repr(sorted(d.items())) + repr(max(d.items()))
    trip: list[tuple[int, bool, bytes]] = [(n % 2, True, b"x"), (n % 2, False, b"y"), (0, True, b"a")]
    trip.sort(reverse=True)
    text += repr(trip)
    return len(text) * 1000 + sum(ord(c) * (i % 7 + 1) for i, c in enumerate(text)) % 997


@export
def extend_by_views(n: int) -> int:
    d = {"b": n % 5, "a": 1}
    pairs: list[tuple[str, int]] = [("z", 0)]
    pairs.extend(d.items())
    keys = ["k"]
    keys.extend(d.keys())
    values: list[int] = []
    values.extend(d.values())
    text = repr(sorted(pairs)) + repr(keys) + repr(values)
    return len(text) * 1000 + sum(ord(c) * (i % 7 + 1) for i, c in enumerate(text)) % 997


@export
def urlencode_pairs(n: int) -> int:
    from_pairs = urlencode(sorted([("b", "x y"), ("a", str(n % 7)), ("a", "&")]))
    from_dict = urlencode({"q": "1+1", "n": str(n)})
    text = from_pairs + "|" + from_dict
    return len(text) * 1000 + sum(ord(c) * (i % 7 + 1) for i, c in enumerate(text)) % 997
