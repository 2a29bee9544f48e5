"""Copies and constants for compiler/passes/propagate.py and dead code for passes/dce.py: a copy whose
source changes before the copy is read, copies in loops and branches, chained comparisons, constants
at int64's edges, conditions known at compile time, code after return/break."""
from abi import export

BIG = 9223372036854775807
SMALL = -9223372036854775808
DEBUG = False
SHIFT = 3


@export
def stale_copy(a: int, b: int) -> int:
    t = a
    a = b  # t must keep the old a
    return t - a


@export
def copies_in_a_loop(a: int, b: int) -> int:
    prev = 0
    cur = a & 0xFF
    total = 0
    for _ in range(b & 7):
        prev_copy = prev
        prev = cur
        cur = (cur * 3 + prev_copy) & 0xFFFF
        total += prev_copy
    return total * 100000 + cur


@export
def branch_copies(a: int, b: int) -> int:
    x = a
    if b > 0:
        x = b
    y = x  # x has two writes: y copies whichever ran
    if a > b:
        return y
    return y + 1 if y < BIG else y


@export
def chained(a: int, b: int) -> int:
    n = 0
    if 0 <= a < 100 <= b:
        n += 1
    if a < b < a + 10 if a < BIG - 10 else False:
        n += 10
    if a == b == 0:
        n += 100
    return n


@export
def constants(a: int, b: int) -> int:
    if b & 1:
        return (1 << 62) * 2  # overflows: must trap, not fold to a wrapped value
    c = (BIG - 1) + 1  # folds to BIG
    d = SMALL + 1
    k = (255 << SHIFT) + (-17 // 5) + (-17 % 5) + (BIG & 0xFF) + (SMALL >> 60)
    return c - a - k if a > 0 else d - a + k


@export
def dead_code(a: int, b: int) -> int:
    if DEBUG:
        return -1
    i = 0
    while True:
        if i > (b & 15):
            break
        i += 1
        if i == a:
            return i * 1000
    if not DEBUG:
        i += 5
    return i


@export
def source_rebound_in_the_loop(a: int, b: int) -> int:
    """The loop's copy of ``data`` must not become ``data``: the body rebinds ``data`` after
    the copy's reads, so the next iteration would read the new object (was: 1 instead of 123)."""
    data = bytes([1, 2, a & 255])
    items = [b, 5]
    total = 0
    for byte in data:
        total = total * 10 + byte
        data = b"z"
    for item in items:
        total = total * 3 + item % 1000
        items = [7]
    return total
