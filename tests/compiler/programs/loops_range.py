"""for loops over range(): any step (negative too), empty ranges, huge ranges.

CPython's range has exactly ceil((stop - start) / step) elements; a compiled
loop must neither overflow its counter near the int64 limits nor run forever.
Every loop here stops after at most LIMIT iterations.
"""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1
LIMIT = 40

evals = 0


def counted(v: int) -> int:
    global evals
    evals += 1
    return v


def fold(h: int, i: int) -> int:
    return (h * 31 + i % 1000003) % 1000000007


@export
def range1(stop: int) -> int:
    h = 0
    n = 0
    for i in range(stop):
        h = fold(h, i)
        n += 1
        if n == LIMIT:
            break
    return h * 100 + n


@export
def range2(start: int, stop: int) -> int:
    h = 0
    n = 0
    for i in range(start, stop):
        h = fold(h, i)
        n += 1
        if n == LIMIT:
            break
    return h * 100 + n


@export
def range3(start: int, stop: int, step: int) -> int:
    h = 0
    n = 0
    for i in range(start, stop, step):
        h = fold(h, i)
        n += 1
        if n == LIMIT:
            break
    return h * 100 + n


@export
def range_count(start: int, stop: int, step: int) -> int:
    """Counts the elements; only reached when there are few (huge steps)."""
    n = 0
    for _ in range(start, stop, step):
        n += 1
        if n > 100:
            return -1
    return n


@export
def big_step_count(k: int) -> int:
    big = 1 << (k % 6 + 57)
    n = 0
    if k % 2:
        for _ in range(INT64_MIN, INT64_MAX, big):
            n += 1
    else:
        for _ in range(INT64_MAX, INT64_MIN, -big):
            n += 1
    return n


@export
def full_range_start() -> int:
    total = 0
    for i in range(INT64_MIN, INT64_MAX):
        total += i - INT64_MIN
        if total > 10:
            break
    return total


@export
def full_range_down() -> int:
    last = 0
    n = 0
    for i in range(INT64_MAX, INT64_MIN, -1):
        last = i
        n += 1
        if n == 3:
            break
    return last


@export
def near_max(k: int) -> int:
    n = 0
    last = 0
    for i in range(INT64_MAX - k % 5, INT64_MAX):
        n += 1
        last = i
    return n * 1000 + (INT64_MAX - last) if n else -1


@export
def near_min(k: int) -> int:
    n = 0
    last = 0
    for i in range(INT64_MIN + k % 5, INT64_MIN, -1):
        n += 1
        last = i
    return n * 1000 + (last - INT64_MIN) if n else -1


@export
def max_step(a: int) -> int:
    n = 0
    for i in range(a, INT64_MAX, INT64_MAX):
        n = n * 3 + i % 3
    return n


@export
def min_step(a: int) -> int:
    n = 0
    for i in range(a, INT64_MIN, INT64_MIN):
        n = n * 3 + i % 3
    return n


@export
def zero_step(a: int) -> int:
    n = 0
    for _ in range(0, 10, a % 3):
        n += 1
    return n


@export
def sum_squares(n: int) -> int:
    total = 0
    for i in range(n % 100):
        total += i * i
    return total


@export
def countdown(n: int) -> int:
    h = 0
    for i in range(n % 50, -1, -3):
        h = h * 7 + i
    return h


@export
def loop_variable_after(a: int, b: int) -> int:
    i = -1000
    for i in range(a % 30, b % 30):
        pass
    return i


@export
def loop_variable_rebound(a: int) -> int:
    total = 0
    for i in range(a % 20):
        i += 100
        total += i
    return total


@export
def for_else_no_break(a: int) -> int:
    total = 0
    for i in range(a % 10):
        total += i
    else:
        total += 100
    return total


@export
def for_else_break(a: int, b: int) -> int:
    for i in range(a % 50):
        if i * i == b:
            break
    else:
        return -1
    return i


@export
def for_continue(a: int) -> int:
    total = 0
    for i in range(-(a % 30), a % 30):
        if i % 3 == 0:
            continue
        total = total * 2 + i if total < 100000 else total - i
    return total


@export
def nested_for(a: int, b: int) -> int:
    total = 0
    for i in range(a % 12):
        for j in range(i, b % 12, 2):
            if j == 7:
                break
            if (i ^ j) & 1:
                continue
            total += i * 16 + j
        else:
            total += 1000
    return total


@export
def range_with_bools(p: bool, q: bool) -> int:
    n = 0
    for i in range(p):
        n += 1
    for i in range(q, 5, p + 1):
        n = n * 10 + i
    return n


@export
def range_args_evaluated_once(a: int) -> int:
    global evals
    evals = 0
    n = 0
    for i in range(counted(a % 5), counted(a % 5 + 6), counted(1 + a % 2)):
        n += i
    return n * 100 + evals


@export
def range_stop_changes(a: int) -> int:
    stop = a % 10
    n = 0
    for i in range(stop):
        stop += 1
        n += 1
    return n * 100 + stop


@export
def while_with_for(a: int) -> int:
    total = 0
    k = a % 6
    while k > 0:
        for i in range(k):
            if i == 3:
                break
            total += i + k
        else:
            total += 1
        k -= 1
    return total


@export
def constant_bounds(n: int) -> int:
    """range() of constant bounds: the length computed by the compiler (lower/loops.py), empty
    ones and negative steps included; break and else as in any loop."""
    total = 0
    for i in range(5):
        total = total * 3 + i
    for i in range(3, 10, 2):
        total = total * 3 + i
    for i in range(10, 0, -3):
        total = total * 3 + i
    for _ in range(0):
        total += 1000
    for _ in range(5, 2):
        total += 1000
    for i in range(-3, 3):
        if i == n % 7 - 3:
            break
        total += i
    else:
        total += 77
    return total % 1000000007
