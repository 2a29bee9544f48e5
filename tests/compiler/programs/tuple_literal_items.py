"""A tuple literal where only its items matter: ``x in ("POST", "PUT")``, ``not in``, and
``for b in (1, 2)`` (a loop and a comprehension), its items evaluated in order once, as CPython."""
from abi import export

METHODS = ["GET", "POST", "PUT", "DELETE", "", "post"]
CALLS: list[int] = []


def noted(n: int) -> int:
    CALLS.append(n)
    return n


@export
def method_in_tuple(n: int) -> int:
    method = METHODS[n % len(METHODS)]
    return (1 if method in ("POST", "PUT") else 0) + (2 if method not in ("GET", "HEAD", "") else 0)


@export
def int_in_tuple(n: int) -> bool:
    return n % 7 in (1, 3, 5)


@export
def items_evaluated_in_order(n: int) -> int:
    CALLS.clear()
    found = noted(n % 5) in (noted(1), noted(2), noted(3))
    total = 0
    for c in CALLS:
        total = total * 10 + c
    return total * 2 + (1 if found else 0)


@export
def loop_over_tuple(n: int) -> int:
    total = 0
    for b in (1, 2, n % 100):
        total = total * 1000 + b
    return total


@export
def comprehension_over_tuple(n: int) -> int:
    names = [s.upper() for s in ("a", "bc", METHODS[n % len(METHODS)]) if s]
    return len(names) * 100 + len("".join(names))


@export
def pairs_in_tuple(n: int) -> int:
    total = 0
    for k, v in (("a", 1), ("bb", n % 50)):
        total += len(k) * v
    return total


def pair_of(a: int) -> tuple[int, int]:
    return (a, a + 1)


@export
def tuples_as_sequences(a: int) -> int:
    t = (a % 100, 2, 3)
    s = 0
    for x in t:
        s += x
    s += len(t) + len(pair_of(a % 10)) + len((a, "x"))
    s += int(2 in t) + int(a in pair_of(a % 10)) + int(7 not in t)
    s += t.index(2) + t.count(3) + pair_of(4).index(5)
    u = t[1:] + t[::-1] + t[-2:]
    s += u[0] + u[-1] + len(u) + len(t[a % 3:])
    v = pair_of(a % 7) + ("z",)
    s += len(v[2]) + v[1]
    s += sum([x * 2 for x in pair_of(3)])
    for c in ("a", "b"):
        s += len(c)
    return s


@export
def tuple_index_missing(n: int) -> int:
    """A fixed-size tuple's index() of a missing item raises CPython's tuple message, not a list's."""
    t = (n % 5, 3, 4)
    try:
        return t.index(n % 7)
    except ValueError as e:
        return -len(str(e)) * 1000 - sum(ord(c) for c in str(e)) % 997


def index_between(t: tuple[str, ...], x: str, start: int, stop: int) -> int:
    try:
        return t.index(x, start) * 100 + t.index(x, start, stop)
    except ValueError as e:
        return -len(str(e)) * 1000 - sum(ord(c) for c in str(e)) % 997


@export
def tuple_index_bounds(n: int) -> int:
    """t.index(x, start) / t.index(x, start, stop), bounds clipped as a slice's, on fixed and var tuples."""
    fixed = (n % 3, 1, 2, n % 3, 1)
    words = tuple(["a", "b", "a", "c", "a"][: n % 6])
    s = fixed.index(1, n % 4) * 7 + fixed.index(n % 3, -2)
    bounds = [-9, -3, -1, 0, 1, 2, 4, 5, 9]
    for start in bounds:
        for stop in bounds:
            s = (s * 31 + index_between(words, "a", start, stop) + index_between(words, "c", start, stop)) % 1000003
    return s


def list_index_between(xs: list[str], x: str, start: int, stop: int) -> int:
    try:
        return xs.index(x, start) * 100 + xs.index(x, start, stop)
    except ValueError as e:
        return -len(str(e)) * 1000 - sum(ord(c) for c in str(e)) % 997


@export
def list_index_bounds(n: int) -> int:
    """xs.index(x, start) / xs.index(x, start, stop) on lists, bounds clipped as a slice's."""
    words = ["a", "b", "a", "c", "é"][: n % 6]
    nums = [n % 3, 1, 2, n % 3, 1]
    s = nums.index(1, n % 4) * 7 + nums.index(n % 3, -2)
    bounds = [-9, -3, -1, 0, 1, 2, 4, 5, 9]
    for start in bounds:
        for stop in bounds:
            s = (s * 31 + list_index_between(words, "a", start, stop) + list_index_between(words, "é", start, stop)) % 1000003
    return s
