"""A tape of (operation, argument) pairs run on two int sets, A and B: every operation of
set[int], the iteration order folded into the result after each step (test_set_properties.py
runs random tapes here under CPython and compiled)."""
from abi import export

TAPE: list[int] = []


def mix(h: int, v: int) -> int:
    return (h * 1000003 + v % 1000000007) % 2147483647


def order(s: set[int]) -> int:
    h = len(s)
    for x in s:
        h = mix(h, x)
    return h


def items(x: int) -> list[int]:
    return [x, x // 2, -(x // 3), x // 2, x // 5 * 4]


def from_dict(x: int) -> set[int]:
    d: dict[int, int] = {}
    for v in items(x):
        d[v] = 1
    return set(d)


@export
def push(op: int, arg: int) -> int:
    TAPE.append(op)
    TAPE.append(arg)
    return len(TAPE)


def step(a: set[int], b: set[int], op: int, x: int) -> int:
    """Operations that change a or b in place; the result is mixed into the digest."""
    if op == 0:
        a.add(x)
    elif op == 1:
        b.add(x)
    elif op == 2:
        a.discard(x)
    elif op == 3:
        if a:
            return a.pop()
    elif op == 4:
        a |= b
    elif op == 5:
        a &= b
    elif op == 6:
        a -= b
    elif op == 7:
        a ^= b
    elif op == 8:
        a.update(items(x))
    elif op == 9:
        a.difference_update(items(x))
    elif op == 10:
        a.intersection_update(items(x), b)
    elif op == 11:
        a.symmetric_difference_update(items(x))
    elif op == 12:
        a.clear()
    elif op == 13:
        for v in range(x % 64):
            a.add(v * 8)
    elif op == 14:
        for v in range(x % 64):
            a.discard(v * 8)
    elif op == 15:
        b.discard(x)
    return 0


def made(a: set[int], b: set[int], op: int, x: int) -> set[int]:
    """Operations that make a new set (it replaces a)."""
    if op == 16:
        return a | b
    if op == 17:
        return a & b
    if op == 18:
        return a - b
    if op == 19:
        return a ^ b
    if op == 20:
        return a.copy()
    if op == 21:
        return a.union(b, items(x))
    if op == 22:
        return a.intersection(b)
    if op == 23:
        return a.difference(b, items(x))
    if op == 24:
        return a.symmetric_difference(items(x))
    if op == 25:
        return set(items(x))
    if op == 26:
        return from_dict(x)
    if op == 27:
        return {v for v in a if v % 3 != 0}
    return set(a)


@export
def run() -> int:
    a: set[int] = set()
    b: set[int] = set()
    h = 0
    for i in range(0, len(TAPE), 2):
        op = TAPE[i]
        x = TAPE[i + 1]
        if op == 28:
            a, b = b, a
        elif op < 16:
            h = mix(h, step(a, b, op, x))
        else:
            a = made(a, b, op, x)
        h = mix(mix(h, order(a)), order(b))
        h = mix(h, int(a <= b) + 2 * int(a == b) + 4 * int(a.isdisjoint(b)) + 8 * int(x in a))
    return h
