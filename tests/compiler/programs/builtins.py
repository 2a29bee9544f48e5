"""Built-ins: abs, min, max, int, bool, len."""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1

trace = 0


def note(v: int, tag: int) -> int:
    global trace
    trace = trace * 5 + tag
    return v


@export
def abs_(a: int) -> int:
    return abs(a)


@export
def abs_bool(p: bool) -> int:
    return abs(p) + abs(-p) * 2


@export
def abs_diff(a: int, b: int) -> int:
    return abs(a - b)


@export
def min2(a: int, b: int) -> int:
    return min(a, b)


@export
def max2(a: int, b: int) -> int:
    return max(a, b)


@export
def min3(a: int, b: int, c: int) -> int:
    return min(a, b, c)


@export
def max3(a: int, b: int, c: int) -> int:
    return max(a, b, c)


@export
def min_max_many(a: int, b: int) -> int:
    return max(a, b, 0, -5, 17) % 1000 * 1000 + min(b, 3, a, -a if a != INT64_MIN else 0, 9) % 1000


@export
def clamp(a: int, lo: int, hi: int) -> int:
    return max(lo, min(a, hi))


@export
def min_max_trace(a: int, b: int, c: int) -> int:
    global trace
    trace = 0
    r = min(note(a, 1), note(b, 2), note(c, 3))
    s = max(note(c, 4), note(a, 1))
    return trace * 4 + int(r == a) * 2 + int(s == c)


@export
def int_of(a: int, p: bool) -> int:
    return int(a) ^ int(p) + int(True) * 2 + int(False)


@export
def bool_of(a: int, p: bool) -> int:
    return int(bool(a)) + int(bool(p)) * 2 + int(bool(a > 3)) * 4 + int(bool(0)) * 8 + int(bool(b"x")) * 16


@export
def bool_of_bool(p: bool) -> bool:
    return bool(p)


@export
def int_of_compare(a: int, b: int) -> int:
    return int(a < b) - int(a > b)


@export
def len_values() -> int:
    return len(b"") + len(b"a") * 10 + len(b"\x00\x00\x00") * 100


@export
def nested_builtins(a: int, b: int) -> int:
    return max(min(abs(a % 1000 - 500), abs(b % 1000 - 500)), int(a > b), len(b"xy"))
