"""Which handler catches: the exact class, a base class (LookupError, ArithmeticError,
RuntimeError, Exception), a tuple of classes, the first matching clause; no handler matches, so
the exception unwinds several frames to a caller's handler, skipping the rest of each frame.

``fail(kind)`` raises one of eight built-in exceptions (kind % 9 == 0 returns normally). An
exception no handler matches leaves the export: the harness compares its name with CPython's.
``trace`` records which code ran, one digit per step (``note``).
"""
from abi import export

trace = 0


def note(tag: int) -> None:
    global trace
    trace = trace * 10 + tag


def fail(kind: int) -> int:
    k = kind % 9
    if k == 1:
        raise ValueError("value")
    if k == 2:
        raise KeyError("key")
    if k == 3:
        raise IndexError("index")
    if k == 4:
        raise ZeroDivisionError("zero")
    if k == 5:
        raise OverflowError("overflow")
    if k == 6:
        raise TypeError("type")
    if k == 7:
        raise RuntimeError("runtime")
    if k == 8:
        raise AssertionError("assertion")
    return kind % 1000


@export
def catch_value_error(kind: int) -> int:
    try:
        return fail(kind)
    except ValueError:
        return -1


@export
def catch_each_class(kind: int) -> int:
    try:
        return fail(kind)
    except ValueError:
        return -1
    except KeyError:
        return -2
    except IndexError:
        return -3
    except ZeroDivisionError:
        return -4
    except OverflowError:
        return -5
    except TypeError:
        return -6
    except RuntimeError:
        return -7
    except AssertionError:
        return -8


@export
def catch_lookup_error(kind: int) -> int:
    """KeyError and IndexError are LookupErrors; the rest propagate."""
    try:
        return fail(kind)
    except LookupError:
        return -10


@export
def catch_arithmetic_error(kind: int) -> int:
    """ZeroDivisionError and OverflowError are ArithmeticErrors; the rest propagate."""
    try:
        return fail(kind)
    except ArithmeticError:
        return -20


@export
def catch_exception(kind: int) -> int:
    try:
        return fail(kind)
    except Exception:
        return -30


@export
def catch_tuple(kind: int) -> int:
    try:
        return fail(kind)
    except (KeyError, ZeroDivisionError, TypeError):
        return -40


@export
def catch_tuple_with_base(kind: int) -> int:
    try:
        return fail(kind)
    except (ValueError, ArithmeticError):
        return -50
    except (RuntimeError, LookupError):
        return -60


@export
def first_matching_clause_wins(kind: int) -> int:
    try:
        return fail(kind)
    except LookupError:
        return -1
    except KeyError:
        return -2  # never: LookupError came first
    except Exception:
        return -3


@export
def not_implemented_is_runtime_error(p: bool) -> int:
    try:
        if p:
            raise NotImplementedError("later")
        raise RecursionError("deep")
    except RuntimeError:
        return 1


def level3(kind: int) -> int:
    note(3)
    try:
        r = fail(kind)
    except TypeError:
        note(4)
        return -3
    note(5)  # skipped when fail raised anything
    return r


def level2(kind: int) -> int:
    note(2)
    try:
        r = level3(kind)
    except KeyError:
        note(6)
        return -2
    note(7)
    return r


@export
def unwind_frames(kind: int) -> int:
    """The exception passes the frames whose handlers do not match, skipping their rest."""
    note(1)
    try:
        r = level2(kind)
    except (ValueError, ZeroDivisionError):
        note(8)
        r = -1
    except Exception:
        note(9)
        r = -9
    return trace * 10000 + r % 10000
