"""Exceptions caught inside loops: a handled exception leaves no state behind. Summing ``int(s)``
over texts where some fail; a division that fails in some iterations; ``continue`` / ``break`` in
a handler; a retry loop; a raise that leaves a loop; thousands of caught exceptions in one call
(nothing may pile up); work done before the raise (list append, dict store, global counter)
stays done; after many handled exceptions a different one still reaches the right handler, and
normal calls and returns still work.
"""
from abi import export

TEXTS = ["1", "x", "22", "", "-3", "4a", "5", " 6 ", "7.0", "+8"]

counter = 0


def parse_or_raise(s: str) -> int:
    return int(s)


@export
def sum_parsed(n: int) -> int:
    total = 0
    bad = 0
    for i in range(n % 25):
        try:
            total += int(TEXTS[i % len(TEXTS)])
        except ValueError:
            bad += 1
    return total * 100 + bad


@export
def sum_parsed_in_callee(n: int) -> int:
    """The ValueError comes out of a call; the next iteration's call returns normally."""
    total = 0
    for i in range(n % 25):
        try:
            total = total * 3 % 1000003 + parse_or_raise(TEXTS[i % len(TEXTS)])
        except ValueError:
            total -= 1
    return total


@export
def divide_each(n: int) -> int:
    total = 0
    errors = 0
    for i in range(n % 40):
        try:
            total += 1000 // (i % 4 - 1) + 7 % (i % 3)
        except ZeroDivisionError:
            errors += 1
    return total * 100 + errors


@export
def continue_in_handler(n: int) -> int:
    kept: list[int] = []
    for i in range(n % 16):
        try:
            if i % 3 == 0:
                raise ValueError("skip")
        except ValueError:
            continue
        kept.append(i)
    return len(kept) * 1000 + sum_list(kept)


def sum_list(items: list[int]) -> int:
    total = 0
    for x in items:
        total += x
    return total


@export
def break_in_handler(n: int) -> int:
    items = [5, 4, 3, 0, 1] if n % 2 == 0 else [5, 4, 3]
    total = 0
    i = 0
    while True:
        try:
            total += 60 // items[i]
        except ZeroDivisionError:
            total += 1000
            break
        except IndexError:
            total += 2000
            break
        i += 1
    return total * 10 + i


@export
def retry_until_success(n: int) -> int:
    attempts = 0
    fails = n % 6
    result = -1
    while result < 0:
        attempts += 1
        try:
            if attempts <= fails:
                raise RuntimeError("busy")
            result = attempts * 10
        except RuntimeError:
            pass
    return result + attempts


@export
def raise_leaves_loop(n: int) -> int:
    last = -1
    try:
        for i in range(10):
            last = i
            if i == n % 12:
                raise KeyError("stop")
    except KeyError:
        return last * 10 + 1
    return last * 10


@export
def many_caught(n: int) -> int:
    """Thousands of exceptions caught in one call: the module must not run out of anything."""
    caught = 0
    items = [1, 2, 3]
    for i in range(n % 5000):
        try:
            caught += items[i % 5]
        except IndexError:
            caught += 1000
    return caught


def deep(n: int) -> int:
    if n == 0:
        raise ValueError("bottom")
    return deep(n - 1) + 1


@export
def many_deep_unwinds(n: int) -> int:
    """Each iteration unwinds 50 frames; the stack depth must come back every time."""
    caught = 0
    for _ in range(n % 300):
        try:
            deep(50)
        except ValueError:
            caught += 1
    return caught * 1000 + deep_ok(500)


def deep_ok(n: int) -> int:
    if n == 0:
        return 0
    return deep_ok(n - 1) + 1


@export
def work_before_raise_stays(n: int) -> int:
    global counter
    items: list[int] = []
    seen: dict[str, int] = {}
    for i in range(n % 9):
        try:
            items.append(i)
            seen[str(i)] = i
            counter += 1
            if i % 2 == 1:
                raise ValueError("odd")
            items.append(100)
        except ValueError:
            pass
    return len(items) * 10000 + len(seen) * 100 + counter


@export
def different_exception_after_many(n: int) -> int:
    """After handling ValueErrors, a KeyError still finds the KeyError clause (no stale state)."""
    d = {"a": 1}
    total = 0
    for i in range(n % 10 + 1):
        try:
            if i % 2 == 0:
                total += int("bad")
            else:
                total += d["b"]
        except ValueError:
            total += 1
        except KeyError:
            total += 100
    return total * 10 + helper_returns(3)


def helper_returns(x: int) -> int:
    return x * 2


@export
def handled_then_uncaught(n: int) -> int:
    """Handled exceptions first; then an IndexError nobody catches leaves the export."""
    total = 0
    for i in range(3):
        try:
            total += 10 // (i - 1)
        except ZeroDivisionError:
            total += 100
    items = [1]
    return total + items[n % 3]


@export
def exception_in_loop_condition(n: int) -> int:
    items = [3, 2, 1]
    count = 0
    try:
        while items[count] > n % 4:
            count += 1
    except IndexError:
        count += 100
    return count
