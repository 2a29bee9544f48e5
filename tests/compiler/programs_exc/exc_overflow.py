"""int64 overflow as a catchable OverflowError: from ``*``, ``+``, ``-``, unary ``-``, ``abs``,
``**``, ``<<``, ``//`` and augmented assignment; caught as OverflowError, ArithmeticError and
Exception, in the same frame or frames up, through ``finally``.

CPython never overflows: it builds the big int. Every caught overflow therefore goes through
``fits(op)``: under plain CPython ``fits`` raises the OverflowError (the big int exists), under
the int64-checked oracle and in the compiled module the operation itself raises before ``fits``
runs. Nothing happens between the two points, so all three take the same path. The exports
that do not guard (``*_unguarded``) let the overflow leave the export or meet a ``finally`` that
returns: there the harness's rule (a CPython result beyond int64 is an OverflowError) applies.
"""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1

trace = 0


def note(tag: int) -> None:
    global trace
    trace = trace * 10 + tag


def fits(v: int) -> int:
    if v > INT64_MAX or v < INT64_MIN:
        raise OverflowError("int too large for a 64-bit int")
    return v


@export
def mul_caught(a: int, b: int) -> int:
    try:
        return fits(a * b)
    except OverflowError:
        return -1


@export
def add_caught(a: int, b: int) -> int:
    try:
        return fits(a + b)
    except OverflowError:
        return -1


@export
def sub_caught(a: int, b: int) -> int:
    try:
        return fits(a - b)
    except OverflowError:
        return -1


@export
def neg_caught(a: int) -> int:
    try:
        return fits(-a)
    except OverflowError:
        return -1


@export
def abs_caught(a: int) -> int:
    try:
        return fits(abs(a))
    except OverflowError:
        return -1


@export
def pow_caught(a: int, b: int) -> int:
    try:
        return fits(a ** (b % 70))
    except OverflowError:
        return -1


@export
def shl_caught(a: int, b: int) -> int:
    try:
        return fits(a << (b % 80))
    except OverflowError:
        return -1


@export
def floordiv_caught(a: int, b: int) -> int:
    """INT64_MIN // -1 is the one overflow of //; a zero divisor is a different exception."""
    try:
        return fits(a // b)
    except OverflowError:
        return -1
    except ZeroDivisionError:
        return -2


@export
def overflow_as_arithmetic_error(a: int, b: int) -> int:
    try:
        return fits(fits(a * b) + fits(a - b))
    except ArithmeticError:
        return -1


@export
def overflow_as_exception(a: int, b: int) -> int:
    try:
        return fits(fits(a + b) * 2)
    except Exception:
        return -1


@export
def overflow_not_caught_by_value_error(a: int, b: int) -> int:
    """The OverflowError passes a ValueError handler and meets the ArithmeticError one."""
    try:
        try:
            return fits(a * b)
        except ValueError:
            return -2
    except ArithmeticError:
        return -1


def scale(a: int, b: int) -> int:
    note(2)
    r = fits(a * b)
    note(3)  # skipped on overflow
    return r


def scale_twice(a: int, b: int) -> int:
    try:
        note(1)
        r = scale(a, b)
        r = scale(r, b)
    finally:
        note(4)
    note(5)
    return r


@export
def overflow_unwinds_frames(a: int, b: int) -> int:
    try:
        scale_twice(a, b)
    except OverflowError:
        note(6)
    return trace


@export
def aug_assign_caught(a: int, b: int) -> int:
    """The handler does not read x: CPython has stored the big value, the module has not."""
    x = a
    try:
        x *= b
        fits(x)
        x += b
        fits(x)
    except OverflowError:
        return -1
    return x


@export
def accumulate_until_overflow(a: int) -> int:
    """Doubles a value until it overflows; counts the steps that fitted."""
    steps = 0
    x = a
    try:
        for _ in range(70):
            x = fits(x * 2 + 1)
            steps += 1
    except OverflowError:
        return steps
    return -steps


@export
def overflow_in_every_iteration(n: int) -> int:
    caught = 0
    total = 0
    for i in range(n % 12):
        try:
            total += fits(INT64_MAX - i + 2) % 1000
        except OverflowError:
            caught += 1
    return caught * 100000 + total


@export
def mul_unguarded(a: int, b: int) -> int:
    try:
        return a * b
    except ValueError:
        return -1


def finally_overrides(a: int, b: int, p: bool) -> int:
    try:
        return a * b
    finally:
        if p:
            return 5


@export
def overflow_swallowed_by_finally_return(a: int, b: int, p: bool) -> int:
    """With p the finally's return discards the overflow (CPython: the big result)."""
    return finally_overrides(a, b, p)


@export
def overflow_through_finally_unguarded(a: int, b: int) -> int:
    try:
        r = a + b
    finally:
        note(1)
    return r
