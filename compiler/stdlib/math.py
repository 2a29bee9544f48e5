"""math: the functions whose CPython results are exact here (no libm rounding to reproduce):
floor, ceil, trunc, fabs, isnan, isinf, isfinite, and the constants inf, nan, pi, e, tau.

Their parameters are float: CPython also takes an int (floor(n) is n), which the subset does not
convert implicitly, so passing one is a compile error (write float(n), or leave the call out).
"""

inf = 1e999  # a literal beyond the largest float: infinity, folded at compile time
nan = inf - inf
pi = 3.141592653589793
e = 2.718281828459045
tau = 6.283185307179586


def _int(x: float) -> int:
    """int(x) with CPython's messages for infinities and NaN (the subset's int() words them as
    its int64 limit)."""
    if x != x:
        raise ValueError("cannot convert float NaN to integer")
    if x == inf or x == -inf:
        raise OverflowError("cannot convert float infinity to integer")
    return int(x)


def floor(x: float) -> int:
    n = _int(x)  # toward zero
    return n - 1 if float(n) > x else n


def ceil(x: float) -> int:
    n = _int(x)
    return n + 1 if float(n) < x else n


def trunc(x: float) -> int:
    return _int(x)


def fabs(x: float) -> float:
    return abs(x)


def isnan(x: float) -> bool:
    return x != x


def isinf(x: float) -> bool:
    return x == inf or x == -inf


def isfinite(x: float) -> bool:
    return not (x != x or x == inf or x == -inf)
