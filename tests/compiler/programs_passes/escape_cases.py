"""Objects that passes/escape.py keeps in locals, and objects that escape (through a field, a container,
a global, a call, a return, an ``is``, one branch), with loops allocating per iteration and exceptions
raised between an allocation and its use."""
from abi import export


class P:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


class Named:
    def __init__(self, name: str, weight: float, on: bool) -> None:
        self.name = name
        self.weight = weight
        self.on = on


class Holder:
    def __init__(self, p: P, n: int) -> None:
        self.p = p
        self.n = n


KEPT: list[P] = []
LAST = P(0, 0)


def total(p: P) -> int:
    return p.x + p.y


def make(a: int) -> P:
    return P(a % 1000, 7)


@export
def record_fields(a: int, b: int) -> int:
    p = P(a & 255, b & 255)
    return p.x * 256 + p.y


@export
def fields_written_later(a: int, b: int) -> int:
    p = P(a % 100, 0)
    if b > 0:
        p.y = b % 7
    else:
        p.x = p.x + 1
    return p.x * 10 + p.y


@export
def mixed_field_types(a: int, b: int) -> int:
    n = Named("ab" if a > 0 else "xyz", (a % 8) / 4, b > 0)
    if n.on:
        return len(n.name) + int(n.weight * 4)
    return -len(n.name)


@export
def tuple_fields(a: int, b: int) -> int:
    t = (a % 50, b % 50, a > b)
    first, second, bigger = t
    return first * 100 + second + (1 if bigger else 0) + t[0]


@export
def per_iteration(a: int, b: int) -> int:
    acc = 0
    for i in range(a % 12):
        p = P(i, acc % 97)
        if i % 3 == 0:
            p.y = b % 5
        acc = acc + p.x * 3 + p.y
    return acc


@export
def pair_per_iteration(a: int, b: int) -> int:
    acc = b % 11
    for i in range(a % 9):
        t = (acc % 13, i)
        acc = t[0] * 7 + t[1]
    return acc


@export
def replaced_by_a_new_one(a: int, b: int) -> int:
    p = P(a % 10, b % 10)
    for i in range(3):
        p = P(p.y + i, p.x)  # the new object's fields read the old one
    return p.x * 100 + p.y


@export
def outer_holds_inner(a: int, b: int) -> int:
    h = Holder(P(a % 10, b % 10), 3)
    return h.p.x + h.p.y + h.n


@export
def into_a_field(a: int, b: int) -> int:
    p = P(a % 10, b % 10)
    h = Holder(p, 1)
    p.x = 40  # seen through h.p: the same object
    return h.p.x + p.y


@export
def into_a_container(a: int, b: int) -> int:
    p = P(a % 10, b % 10)
    items = [p]
    p.y = 5
    return items[0].y + p.x


@export
def into_a_global(a: int, b: int) -> int:
    global LAST
    p = P(a % 10, b % 10)
    LAST = p
    p.x = 9
    return LAST.x + LAST.y


@export
def escapes_on_one_branch(a: int, b: int) -> int:
    p = P(a % 10, b % 10)
    if a > b:
        KEPT.append(p)
        p.x = 20
    return p.x + p.y + len(KEPT)


@export
def passed_returned_compared(a: int, b: int) -> int:
    p = P(a % 10, b % 10)
    q = make(b)
    same = 1 if p is q else 0
    r = p
    return total(p) + q.x + same + (2 if r is p else 0)


@export
def raised_between(a: int, b: int) -> int:
    p = P(a % 100, b % 100)
    try:
        p.x = p.x // (b % 3)
        p.y = 1000 // (a % 4)
    except ZeroDivisionError:
        p.y = p.y + 50
    return p.x + p.y


@export
def uncaught_between(a: int, b: int) -> int:
    p = P(a % 100, b)
    t = (p.x, a)
    return t[0] + p.y // (a % 5) + t[1] % 3


@export
def overflow_of_a_field(a: int, b: int) -> int:
    p = P(a, b)
    return p.x + p.y


@export
def raised_in_a_loop(a: int, b: int) -> int:
    acc = 0
    for i in range(a % 7):
        p = P(i, b % 5)
        try:
            acc += p.x // (p.y - i)
            p.x = acc
        except ZeroDivisionError:
            acc += 100 + p.x
    return acc


@export
def either_tuple(a: int, b: int) -> int:
    t = (a % 10, 1) if a > b else (2, b % 10)
    return t[0] * 10 + t[1]


@export
def both_alive(a: int, b: int) -> int:
    p = P(a % 10, 1)
    q = P(2, b % 10)
    r = p if a > b else q
    r.x = 7
    return p.x * 100 + q.x * 10 + r.y
