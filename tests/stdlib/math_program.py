"""The compiled side of test_math.py: math's functions by number on a float; the result, or the
exception's class and message, read back as text."""
import math
from math import ceil, fabs, floor, isfinite, isinf, isnan, trunc

from abi import export
from abi.intrinsics import data_ptr

OUT = b""


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def call(op: int, x: float) -> str:
    if op == 0:
        return str(floor(x))
    if op == 1:
        return str(ceil(x))
    if op == 2:
        return str(trunc(x))
    if op == 3:
        return str(fabs(x))
    if op == 4:
        return str(isnan(x)) + str(isinf(x)) + str(isfinite(x))
    return str(math.inf) + str(-math.inf) + str(math.nan) + str(math.pi) + str(math.e) + str(math.tau) \
        + str(x == math.inf)


def integers(op: int, a: int, b: int) -> str:
    if op == 0:
        return f"{math.floor(a)} {math.ceil(b)} {math.trunc(a)} {floor(b)} {ceil(a % 7)} {trunc(-b)} " \
            f"{math.gcd(a, b)} {math.gcd(a)} {math.gcd()} {math.gcd(a, b, 12)}"
    if op == 1:
        return f"{math.lcm(a, b)} {math.lcm(a)} {math.lcm()} {math.lcm(a % 1000, b % 1000, 6)}"
    if op == 2:
        return str(math.isqrt(a))
    if op == 3:
        return str(math.factorial(a))
    if op == 4:
        return str(math.comb(a, b))
    if op == 5:
        return f"{math.perm(a, b)} {math.perm(b % 30)}"
    return str(math.copysign(float(a), float(b))) + str(math.copysign(math.nan, -1.0)) \
        + str(math.copysign(1.5, -0.0)) + str(math.copysign(-2.0, math.inf))


@export
def run_int(op: int, a: int, b: int) -> int:
    """The integer functions; OverflowError where CPython's result is beyond int64 (checked apart)."""
    global OUT
    try:
        OUT = integers(op, a, b).encode()
    except OverflowError as error:
        OUT = ("OverflowError: " + str(error)).encode()
    except ValueError as error:
        OUT = ("ValueError: " + str(error)).encode()
    return 0


@export
def run(op: int, x: float) -> int:
    global OUT
    try:
        OUT = call(op, x).encode()
    except OverflowError as error:
        OUT = ("OverflowError: " + str(error)).encode()
    except ValueError as error:
        OUT = ("ValueError: " + str(error)).encode()
    return 0
