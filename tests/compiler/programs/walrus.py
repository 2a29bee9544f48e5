"""The walrus operator of issue 14: in if/while conditions and comprehension conditions, with
CPython's scoping (inside a comprehension it binds in the enclosing function), narrowing
through ``(m := ...) is not None``, and its value stored with the name's declared type."""
from abi import export

WORDS = ["", "a", "bb", "é", "ΟΔΟΣ", "😀x", "zz"]


def lookup(d: dict[str, int], k: str) -> int | None:
    return d.get(k)


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


@export
def in_if(n: int) -> int:
    d = {"a": 1, "b": n % 5}
    total = 0
    if (m := lookup(d, "b")) is not None and m > 1:
        total += m * 10
    if (size := len(WORDS[n % 7])) > 1:
        total += size
    return total * 100 + size


@export
def in_while(n: int) -> int:
    i = 0
    steps = 0
    while (j := i * 3 + n % 4) < 20:
        i += 1
        steps = mix(steps, j)
    return steps * 100 + j


@export
def in_comprehension(n: int) -> int:
    last = y = k = -1
    ys = [y for x in range(6) if (y := (x * (n % 11)) % 7) > 2]
    if ys:
        last = y  # the walrus bound the function's y
    counts = {w: k for w in WORDS if (k := len(w)) != 1}
    h = mix(len(ys), last)
    for w in counts:
        h = mix(h, counts[w])
    return mix(h, k)  # k holds the last word's length


@export
def value_of_expression(n: int) -> int:
    a = (b := n % 100) + 1
    t = 0
    c = [(t := v) * 2 for v in [b, a]]
    return a * 10000 + b * 100 + c[1] + t


@export
def optional_target(n: int) -> int:
    box: int | None = None
    if n % 2 == 0 and (box := n % 9) > 3:
        return 2000
    if box is None:
        return -1
    return box + 1000


@export
def raises_in_condition(n: int) -> int:
    items = [3, 1, 4]
    try:
        if (v := items[n % 5]) > 2:
            return v
        return -v
    except IndexError:
        return -100


@export
def text_target(n: int) -> int:
    found = u = ""
    for w in WORDS:
        if (u := w.upper()) != w and len(found := found + u) > n % 6:
            break
    return len(found) * 10 + len(u)


@export
def walrus_in_a_shown_comprehension(n: int) -> int:
    """A walrus in a comprehension's condition, the comprehension inside str()/repr() (which the
    compiler wraps in comprehensions of its own): not CPython's 'comprehension iterable' error."""
    words = ["a", "bb", "ccc", str(n % 100)]
    last = 0
    text = str([(w, last) for w in words if (last := len(w)) > 1]) + repr([w for w in words if (k := w)])
    return len(text) * 1000 + sum(ord(c) for c in text) % 997 + last
