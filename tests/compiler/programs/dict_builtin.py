"""The ``dict(...)`` built-in: ``dict()``, ``dict(a=1, b=2)``, a copy of a dict (its order; the
copy is a new dict), a list of (key, value) pairs (a later key wins), and what is done with the
result (``get``, ``[]`` with CPython's KeyError); arguments evaluated in order."""
from collections import Counter, defaultdict

from abi import export

CALLS: list[int] = []


def noted(n: int) -> int:
    CALLS.append(n)
    return n


@export
def from_pairs(n: int) -> int:
    pairs = [("b", 2), ("a", n % 100), ("b", 5)]
    d = dict(pairs)
    total = 0
    for k, v in d.items():
        total = total * 1000 + len(k) * 100 + v
    return total


@export
def header_lookup(n: int) -> int:
    headers: list[tuple[str, str]] = [(":status", str(200 + n % 3)), ("content-type", "json")]
    response = dict(headers)
    return int(response.get(":status", "0")) * 10 + len(response.get("missing", ""))


@export
def copy_is_new(n: int) -> int:
    original = {"x": 1, "y": n % 50}
    copy = dict(original)
    copy["z"] = 3
    original["x"] = 9
    return len(original) * 10000 + len(copy) * 1000 + copy["x"] * 100 + copy["y"]


@export
def keywords(n: int) -> int:
    CALLS.clear()
    d = dict(a=noted(n % 10), b=noted(2), c=noted(3))
    order = 0
    for c in CALLS:
        order = order * 10 + c
    return order * 1000 + d["a"] * 100 + d["b"] * 10 + d["c"]


@export
def empty_then_filled(n: int) -> int:
    d: dict[int, str] = dict()
    for i in range(n % 5):
        d[i] = str(i)
    return len(d)


@export
def missing_key_raises(n: int) -> int:
    d = dict([(1, "a"), (2, "b")])
    return len(d[n % 4])


@export
def dict_fromkeys(a: int) -> int:
    xs = ["b", "a", "b", str(a % 3)]
    zero = 0
    d = dict.fromkeys(xs)
    e = dict.fromkeys(xs, zero)
    g = dict.fromkeys(range(a % 5), "x")
    return len(d) * 100 + len(list(d)) + sum(e.values()) + len(g) + len("".join(list(dict.fromkeys("hello"))))


@export
def dict_with_keywords(n: int) -> int:
    """dict(m, k=v) and d.update(k=v) / d.update(other, k=v): the keywords update after the rest."""
    base = {"a": n % 10, "b": 2}
    made = dict(base, b=n % 7, c=3)
    pairs = [("p", 1), ("b", n % 5)]
    listed = dict(pairs, q=2, p=n % 3)
    base.update(b=5, d=n % 11)
    other = {"x": 0}
    other.update({"y": 1, "x": 4}, x=n % 13, z=2)
    text = repr(made) + repr(listed) + repr(base) + repr(other)
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def popitem_order(n: int) -> int:
    """d.popitem(): the last key inserted, after deletions and re-insertions; draining the dict,
    then CPython's KeyError text."""
    d: dict[int, int] = {}
    for i in range(n % 40):
        d[i * 7 % 13 + i] = i
    if n % 3 == 0 and d:
        del d[list(d)[0]]
    d[-1] = 99
    total = 0
    while d:
        k, v = d.popitem()
        total = (total * 31 + k * 7 + v) % 1000003
        if k % 5 == 0:
            d[k - 1000] = v  # re-inserted after slots were forgotten
            d.pop(k - 1000)
    try:
        d.popitem()
    except KeyError as e:
        total += len(str(e))
    return total


@export
def popitem_kinds(n: int) -> int:
    names: dict[str, list[int]] = {"a": [1], "b": [n % 7]}
    key, items = names.popitem()
    counts = Counter(["x", "y", "x"][: n % 4])
    groups: defaultdict[str, int] = defaultdict(int)
    groups["g"] += n % 5
    out = len(key) + len(items) + groups.popitem()[1]
    if counts:
        word, count = counts.popitem()
        out += len(word) * 10 + count
    return out
