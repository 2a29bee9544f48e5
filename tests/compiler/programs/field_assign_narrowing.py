"""A T | None field assigned a T reads as a T afterwards (as mypy narrows it), through `self` or any
local object, until a call, a loop, an assignment to any field of that name, or a join where one
path did not assign it (sema/field_narrowing.py). The arguments of a call are read before it runs."""
from abi import export


class Node:
    def __init__(self, v: int) -> None:
        self.v = v
        self.s: str | None = None
        self.c: int | None = None
        self.f: float | None = None
        self.next: Node | None = None

    def fill(self, a: int) -> int:
        self.s = str(a)
        return len(self.s) + self.v

    def label(self, a: int) -> str:
        if a > 0:
            self.s = "p" + str(a)
        else:
            self.s = "n" + str(a % 100)
        return self.s.upper()

    def clear(self) -> None:
        self.s = None


def size(text: str) -> int:
    return len(text)


def pair(text: str, extra: int) -> int:
    return len(text) * 10 + extra


def drop(n: Node) -> int:
    n.s = None
    return 1


@export
def local_object(a: int) -> int:
    n = Node(a % 10)
    n.s = str(a)
    return len(n.s) + n.v


@export
def through_self(a: int) -> int:
    return Node(3).fill(a)


@export
def joined_branches(a: int) -> int:
    return len(Node(1).label(a))


@export
def call_arguments(a: int) -> int:
    n = Node(1)
    n.s = "x" * (a % 5)
    first = pair(n.s, drop(n)) + (1 if n.s is None else 0)
    n.s = str(a)
    return first + size(n.s)


@export
def int_field(a: int) -> int:
    n = Node(0)
    n.c = a
    return n.c * 2 + n.c


@export
def float_field(a: int) -> bool:
    n = Node(0)
    n.f = float(a % 1000)
    return n.f > 2.5 and n.f == float(a % 1000)


@export
def other_object(a: int) -> int:
    m = Node(a % 3)
    n = Node(1)
    m.s = "ab" * (a % 4)
    kept = len(m.s)
    n.s = m.s
    return len(n.s) * 100 + kept if a > 0 else len(n.s)


@export
def retested(a: int) -> int:
    n = Node(0)
    n.c = a
    if n.c is None:
        return -1
    return n.c % 7


@export
def alias_store(a: int) -> int:
    n = Node(0)
    other = n
    n.s = str(a)
    other.s = None
    return 1 if n.s is None else 2


@export
def in_loop(a: int) -> int:
    n = Node(0)
    total = 0
    for i in range(a % 6):
        n.s = "k" * i
        total += len(n.s)
        n.c = total
        total += n.c
    return total


@export
def while_loop(a: int) -> int:
    n = Node(0)
    count = a % 9
    while count > 0:
        n.c = count
        count = n.c - 2
    return count


@export
def one_branch_then_test(a: int) -> int:
    n = Node(0)
    if a % 2 == 0:
        n.s = "even"
    if n.s is not None:
        return len(n.s)
    return 0


@export
def class_field(a: int) -> int:
    n = Node(1)
    n.next = Node(a % 100)
    return n.next.v + n.v


@export
def tuple_targets(a: int) -> int:
    n = Node(0)
    n.s, n.c = "xyz", a % 50
    return len(n.s) + n.c


@export
def after_try(a: int) -> int:
    n = Node(0)
    try:
        n.s = str(10 // a)
        r = len(n.s)
    except ZeroDivisionError:
        r = -1
    return r


@export
def reassigned_holder(a: int) -> int:
    n = Node(0)
    n.s = "abc"
    n = Node(a % 5)
    return 0 if n.s is None else len(n.s)


@export
def method_cleared(a: int) -> int:
    n = Node(0)
    n.s = "abc"
    n.clear()
    return 7 if n.s is None else len(n.s)


@export
def unpacked_into_optional(a: int) -> int:
    c: int | None = None
    n = Node(0)
    c, n.c = a % 50, a % 7
    if c is not None and n.c is not None:
        return c * 10 + n.c
    return -1


class Meter:
    def __init__(self) -> None:
        self.count = 0
        self.last: str | None = None

    def add(self, n: int) -> int:
        self.count += n
        return self.count

    def note(self, n: Node) -> int:
        if n.s is not None and self.add(len(n.s)) > 0:  # add() assigns no '.s'
            self.last = n.s
            return self.add(len(n.s))
        return 0


@export
def kept_across_calls(a: int) -> int:
    n = Node(a % 10)
    m = Meter()
    n.s = str(a)
    k = size("abc") + m.add(len(n.s)) + pair("x", a % 7)  # none of them assigns a '.s'
    return len(n.s) * 1000 + k


@export
def kept_after_test_and_call(a: int) -> int:
    n = Node(a % 10)
    if a % 3:
        n.s = "x" * (a % 5)
    if n.s and pair(n.s, 1) > 0:
        m = Meter()
        m.add(3)
        return len(n.s) * 10 + m.note(n)
    return -1


@export
def ended_by_a_call_that_may_assign(a: int) -> int:
    n = Node(a % 10)
    n.s = str(a)
    drop(n)  # assigns n.s = None: what was known of n.s ends
    return -1 if n.s is None else len(n.s)
