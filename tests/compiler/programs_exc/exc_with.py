"""``with`` on the program's context managers: the order of __enter__, body and __exit__ effects
(``trace``, one digit per step), __exit__ on every way out of the body (normal end, return, break,
continue, an exception), suppression when __exit__ returns True, several managers in one
statement (nested: entered left to right, exited right to left), an exception in __enter__
(no __exit__) or in __exit__ (replaces the body's).
"""
from typing import Iterator

from abi import export

trace = 0


def note(tag: int) -> None:
    global trace
    trace = (trace * 10 + tag) % 1000000000000


class Manager:
    def __init__(self, tag: int, suppress: bool) -> None:
        self.tag = tag
        self.suppress = suppress
        self.seen = ""

    def __enter__(self) -> int:
        note(self.tag)
        return self.tag * 10

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool:
        note(self.tag + 1)
        if exc is not None:
            self.seen = str(exc)
        return self.suppress


class Quiet:
    """__exit__ -> None: never suppresses."""

    def __enter__(self) -> "Quiet":
        note(7)
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        note(8)


class FailingEnter(Manager):
    def __enter__(self) -> int:
        note(self.tag)
        raise ValueError("enter")


class FailingExit(Manager):
    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool:
        note(self.tag + 1)
        raise KeyError("exit")


def maybe_fail(k: int) -> None:
    if k % 4 == 1:
        raise ValueError("one")
    if k % 4 == 2:
        raise KeyError("two")


@export
def with_as_value(k: int) -> int:
    total = 0
    with Manager(1, False) as v:
        note(5)
        total = v + k % 7
    note(9)
    return trace * 1000 + total


@export
def with_exception(k: int) -> int:
    """k % 4: 0 normal, 1 ValueError, 2 KeyError propagate (after __exit__), 3 normal."""
    m = Manager(3, False)
    try:
        with m:
            note(5)
            maybe_fail(k)
            note(6)
    except ValueError:
        note(9)
    return trace * 100 + len(m.seen)


@export
def with_suppressed(k: int) -> int:
    m = Manager(1, k % 3 != 0)
    with m:
        note(5)
        maybe_fail(k)
        note(6)
    note(9)
    return trace * 100 + len(m.seen)


@export
def with_return(k: int) -> int:
    return returns_inside(k) * 1000000 + trace


def returns_inside(k: int) -> int:
    with Manager(1, False) as v:
        if k % 2 == 0:
            return v + 1
        note(5)
    return 4


@export
def with_break_continue(k: int) -> int:
    for i in range(4):
        with Quiet():
            note(i)
            if i == k % 5:
                break
            if i % 2 == 1:
                continue
            note(9)
    return trace


@export
def with_several(k: int) -> int:
    """Entered left to right, exited right to left; the inner one suppresses when k is odd."""
    outer = Manager(1, False)
    inner = Manager(3, k % 2 == 1)
    try:
        with outer as a, inner as b:
            note(5)
            maybe_fail(k)
            note((a + b) % 10)
    except KeyError:
        note(9)
    return trace


@export
def with_nested_quiet(k: int) -> int:
    try:
        with Quiet() as q:
            with Manager(1, False):
                note(5)
                maybe_fail(k)
            note(6 if isinstance(q, Quiet) else 0)
    except ValueError:
        note(9)
    except KeyError:
        note(4)
    return trace


@export
def with_failing_enter(k: int) -> int:
    try:
        with Manager(1, False), FailingEnter(3, True):
            note(5)
    except ValueError:
        note(9)
    return trace


@export
def with_failing_exit(k: int) -> int:
    """__exit__ raises KeyError: on a normal end, and replacing the body's ValueError."""
    try:
        with FailingExit(1, False):
            note(5)
            maybe_fail(k % 2)
    except KeyError as e:
        note(len(str(e)))
    except ValueError:
        note(9)
    return trace


@export
def with_target_field(k: int) -> int:
    box = Manager(0, False)
    with Manager(1, False) as box.tag:
        note(5)
    return trace * 100 + box.tag


@export
def with_quiet_assigns(k: int) -> int:
    """__exit__ -> None never suppresses: what the body assigns is assigned after it."""
    with Quiet() as q:
        found = k % 3
    return trace * 10 + found + (1 if isinstance(q, Quiet) else 0)


class Pair:
    def __enter__(self) -> tuple[int, int]:
        note(1)
        return (3, 4)

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        note(2)


@export
def with_tuple_target(k: int) -> int:
    with Pair() as (a, b):
        note(a + b % 3)
    return trace * 100 + a * 10 + b


def counted(n: int) -> Iterator[int]:
    with Quiet():
        m = n % 5
    yield m
    yield m + 1


@export
def with_in_generator(k: int) -> int:
    return sum(counted(k)) * 1000 + trace
