"""math: the functions whose CPython results are exact here (no libm rounding to reproduce):
floor, ceil, trunc, fabs, isnan, isinf, isfinite, copysign, the integer functions gcd, lcm, isqrt,
factorial, comb, perm, and the constants inf, nan, pi, e, tau. An int result beyond int64 raises
OverflowError (CPython's is a big int), as every int here.

Their parameters are float: CPython also takes an int, which the subset does not convert
implicitly, so passing one is a compile error (write float(n)); floor, ceil and trunc take an
int too and return it (exactly, as CPython's int.__floor__).
"""

from abi.intrinsics import float_bits, float_from_bits

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


def floor(x: int | float) -> int:
    if isinstance(x, int):
        return int(x)  # an int is its own floor (a bool: its int)
    n = _int(x)  # toward zero
    return n - 1 if float(n) > x else n


def ceil(x: int | float) -> int:
    if isinstance(x, int):
        return int(x)
    n = _int(x)
    return n + 1 if float(n) < x else n


def trunc(x: int | float) -> int:
    if isinstance(x, int):
        return int(x)
    return _int(x)


def fabs(x: float) -> float:
    return abs(x)


def isnan(x: float) -> bool:
    return x != x


def isinf(x: float) -> bool:
    return x == inf or x == -inf


def isfinite(x: float) -> bool:
    return not (x != x or x == inf or x == -inf)


def copysign(x: float, y: float) -> float:
    """x's magnitude with y's sign bit (-0.0 and a NaN's sign included)."""
    magnitude = float_bits(x) & 0x7FFFFFFFFFFFFFFF
    return float_from_bits(magnitude | (float_bits(y) & (-0x7FFFFFFFFFFFFFFF - 1)))


def gcd(*integers: int) -> int:
    result = 0
    for n in integers:
        a = abs(result)
        b = abs(n)
        while b:
            a, b = b, a % b
        result = a
    return result


def lcm(*integers: int) -> int:
    result = 1
    for n in integers:
        if result == 0 or n == 0:
            result = 0
        else:
            result = abs(result // gcd(result, n) * n)
    return result


def isqrt(n: int) -> int:
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n == 0:
        return 0
    x = n
    y = n // 2 + n % 2  # (n + 1) // 2 without overflowing at the largest int
    while y < x:  # Newton's method from above: ends at the floor of the square root
        x = y
        y = (x + n // x) // 2
    return x


def factorial(n: int) -> int:
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def comb(n: int, k: int) -> int:
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(k):  # result is comb(n, i): divided first, so no step exceeds the answer
        den = i + 1
        g = gcd(result, den)
        result = result // g * ((n - i) // (den // g))
    return result


def perm(n: int, k: int | None = None) -> int:
    if k is None:
        return factorial(n)
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    result = 1
    for i in range(k):
        result *= n - i
    return result
