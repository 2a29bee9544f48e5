"""float //, % and comparisons between int and float (compared with CPython by test_floats.py)."""
from abi import export


@export
def modulo(a: float, b: float) -> float:
    return a % b


@export
def floor_div(a: float, b: float) -> float:
    q = a
    q //= b
    return q


@export
def mixed_mod(a: int, b: float) -> float:
    return a % b + (b // a if a != 0 else 0.0)


@export
def int_float_order(a: int, b: float) -> int:
    """Every comparison operator, both ways round, as bits."""
    r = 0
    for bit, result in enumerate([a < b, a <= b, a > b, a >= b, a == b, a != b, b < a, b <= a, b > a, b >= a,
                                  b == a, b != a]):
        if result:
            r += 1 << bit
    return r


@export
def chained(a: int, b: float, c: int) -> int:
    return 1 if a <= b < c else 0


@export
def bool_float(flag: int, b: float) -> int:
    t = flag != 0
    return (1 if t < b else 0) + (2 if t == b else 0) + (4 if b >= t else 0)


@export
def int_divide(a: int, b: int) -> float:
    """int / int: correctly rounded even beyond 2**53 (no double rounding through float(a))."""
    return a / b
