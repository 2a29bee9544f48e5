"""Helpers for compiler/passes/inline.py to inline (the tests lift its size limits): early returns,
loops, nested branches, locals that count from zero, calls inside loops, arguments at int64's edges."""
from abi import export

BIG = 9223372036854775807


def clamp(x: int, lo: int, hi: int) -> int:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def first_set_bit(x: int) -> int:
    """An early return from inside a loop."""
    i = 0
    while i < 64:
        if (x >> i) & 1:
            return i
        i += 1
    return -1


def triangle(n: int) -> int:
    """Locals that count up from zero: inlined into a loop, they must start again each call."""
    total = 0
    k = 0
    while k < n:
        total += k
        k += 1
    return total


def add_one(x: int) -> int:
    return x + 1


def pick(a: int, b: int) -> int:
    if a > 0:
        if b > 0:
            return a - b
        for i in range(4):
            if i == b + 3:
                return i * 100
        return 7
    elif a == 0:
        return b
    return -a


def twice_then_add(x: int, y: int) -> int:
    x = x * 2  # the callee writes its parameter: the argument must not be substituted
    return x + y


@export
def clamps(a: int, b: int) -> int:
    c = clamp(a, -1000, 1000)
    d = clamp(b, 0, 255)
    return c * 1000 + d + clamp(a & 7, 2, 5)


@export
def bits(a: int, b: int) -> int:
    return first_set_bit(a) * 100 + first_set_bit(b & 0xFFFF)


@export
def triangles_in_a_loop(a: int, b: int) -> int:
    total = 0
    for i in range(a & 15):
        total += triangle(i + (b & 3))
    return total


@export
def edges(a: int, b: int) -> int:
    """add_one at int64's top: the inlined body keeps its overflow check."""
    if b & 1:
        return add_one(a)
    return add_one(BIG - (b & 6))


@export
def branches(a: int, b: int) -> int:
    return pick(a & 0xFF, (b & 7) - 3) + pick(-(a & 3), b & 0xFF) * 1000


@export
def writes_parameter(a: int, b: int) -> int:
    x = a & 0xFFFF
    y = twice_then_add(x, b & 0xFF)
    return y * 3 + x  # x is the caller's: twice_then_add doubled its own copy


@export
def nested_calls(a: int, b: int) -> int:
    n = 0
    i = 0
    while i < (b & 7):
        n = add_one(clamp(n + first_set_bit(a | 1 << i), 0, 50))
        i += 1
    return n
