"""Issue 14's mutations: ``del name``, ``del items[i:j:k]``, slice assignment of lists (any step,
from the list itself too), ``list * n``, ``dict | dict`` and ``dict |= dict`` (the same object,
aliases see it), and ordering of lists and tuples."""
from abi import export

WORDS = ["", "a", "é", "ΟΔΟΣ", "😀x", "zz"]
BOUNDS = [0, 1, 2, -1, -2, 3, 5, 9, -9, 100, -100]


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


def fold(items: list[int]) -> int:
    h = len(items)
    for x in items:
        h = mix(h, x + 1000)
    return h


@export
def delete_slices(n: int) -> int:
    h = 0
    step = [1, 2, -1, -2, 3, 0, -3][n % 7]
    for a in BOUNDS:
        for b in BOUNDS:
            items = [0, 1, 2, 3, 4, 5, 6]
            try:
                del items[a:b:step]
                h = mix(h, fold(items))
            except ValueError as err:
                h = mix(h, len(str(err)))
    return h


@export
def delete_open_slices(n: int) -> int:
    a = BOUNDS[n % len(BOUNDS)]
    x = list(range(6))
    y = list(range(6))
    z = list(range(6))
    w = ["p", "q", "r", "s"]
    del x[a:]
    del y[:a]
    del z[::a % 3 + 1]
    del w[a::-1]
    return mix(mix(fold(x), fold(y)), fold(z) + len(w))


@export
def assign_slices(n: int) -> int:
    h = 0
    sources: list[list[int]] = [[], [7], [7, 8], [7, 8, 9, 10]]
    source = sources[n % 4]
    for a in BOUNDS:
        for b in BOUNDS:
            items = [0, 1, 2, 3, 4]
            items[a:b] = source
            h = mix(h, fold(items))
    return h


@export
def assign_extended(n: int) -> int:
    h = 0
    step = [2, -1, -2, 3, 0][n % 5]
    for a in BOUNDS:
        items = [0, 1, 2, 3, 4, 5]
        try:
            items[a::step] = [9, 8, 7]
            h = mix(h, fold(items))
        except ValueError as err:
            h = mix(h, len(str(err)) * 7 + ord(str(err)[-1]))
    return h


@export
def assign_from_itself(n: int) -> int:
    items = [1, 2, 3, 4]
    alias = items
    items[n % 3:] = items
    other = ["a", "b", "c"]
    other[::-1] = other
    return mix(fold(alias), len(other[0]) + ord(other[0]))


@export
def delete_variable(n: int) -> int:
    x = n % 100
    y = x * 2
    del x
    x = 5
    del y
    return x + n % 7


@export
def repeat_lists(n: int) -> int:
    k = n % 6 - 2
    a = [1, 2] * k
    b = k * ["é"]
    c = [[0]] * 2
    c[0].append(k)  # both items are the same list
    return mix(mix(fold(a), len(b)), len(c[1]))


@export
def dict_union(n: int) -> int:
    a = {"x": 1, "y": n % 10}
    b = {"y": 20, "é": 3}
    c = a | b
    alias = a
    a |= {"z": 4, "x": -1}
    h = len(c) * 10 + len(a) + len(alias)
    for k, v in c.items():
        h = mix(mix(h, len(k) + ord(k[0])), v)
    for k, v in alias.items():
        h = mix(mix(h, ord(k[0])), v)
    return h


@export
def ordering(n: int) -> int:
    lists: list[list[int]] = [[], [1], [1, 2], [2], [1, -1], [n % 3]]
    h = 0
    for p in lists:
        for q in lists:
            h = mix(h, int(p < q) + 2 * int(p > q) + 4 * int(p <= q) + 8 * int(p >= q))
    pairs = [(1, "a"), (1, "b"), (0, "é"), (n % 2, "")]
    for s in pairs:
        for t in pairs:
            h = mix(h, int(s < t) + 2 * int(s >= t))
    texts = [WORDS, WORDS[1:], ["a", "b"]]
    for u in texts:
        for v in texts:
            h = mix(h, int(u < v) + 2 * int(u > v))
    return h


@export
def assign_empty_slices(n: int) -> int:
    """xs[i:j] = [] (the empty list typed by the target), on a local and a field-free list."""
    xs = list(range(8))
    xs[n % 5:] = []
    words = ["a", "b", "c"]
    words[:n % 4] = []
    words[1:1] = []
    return mix(mix(len(xs), sum(xs)), len(words)) + len("".join(words))


def pair(n: int) -> list[int]:
    return [n, -n]


@export
def assign_slices_from_expressions(n: int) -> int:
    """xs[i:j:k] = <an expression that is not a name> (a call, a slice, a sum, a chained target):
    the module was invalid wasm (the value was converted to the item type)."""
    xs = list(range(8))
    xs[1:3] = pair(n % 1000)
    xs[n % 4:] = xs[::-1] + pair(3)
    words = ["a", "bc", "d"]
    words[::2] = words[1:] if n % 2 else ["x", "y"]
    fs = [0.5, 1.5]
    fs[:1] = [n % 7 / 2, 2.5]
    kept = xs[2:4] = pair(n % 9)
    h = mix(len(xs), sum(xs))
    for w in words:
        h = mix(h, len(w) + ord(w[0]))
    return mix(mix(h, int(sum(fs, 0.0) * 2)), sum(kept))


@export
def popitem_without_collections(n: int) -> int:
    """d.popitem() in a program that imports nothing from collections (an internal compiler error:
    its runtime helper was loaded only with such an import); KeyError once empty, as CPython."""
    d = {"a": 1, "b": n % 100, "c": 3}
    del d["c"]
    d["z"] = 26
    k, v = d.popitem()
    h = mix(len(k) + ord(k[0]), v)
    while d:
        h = mix(h, d.popitem()[1])
    if n % 3 == 0:
        d.popitem()
    return h
