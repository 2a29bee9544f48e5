"""float arithmetic whose results CPython defines exactly: ``x % y``, ``x // y``, ``int / int``
(one correct rounding) and comparisons between an int and a float, written with int64
arithmetic only, like floats.py.
"""
from compiler.runtime.floats import is_finite, mantissa_exponent, power_of_two, sign_bit
from compiler.runtime.reprs import TWO_NANS, value_error, zero_division_error

TWO_POW_63 = 9223372036854775808.0
TWO_POW_52 = 4503599627370496.0
EXACT_INT = 9007199254740992  # 2**53: every int up to this size is exactly a float
INT64_MIN = -9223372036854775808
QUOTIENT_BITS = 18014398509481984  # 2**54: quotients get 55 bits, two more than a float keeps


# -- x % y and x // y ------------------------------------------------------------------------------------
def float_fmod(x: float, y: float) -> float:
    """C's fmod(x, y): x - trunc(x / y) * y, which is always exactly representable, computed
    exactly on the mantissas. y is not 0."""
    if not is_finite(x) or y != y:
        return (x - x) + (y - y)  # nan
    if not is_finite(y) or abs(x) < abs(y):
        return x
    mx, ex = mantissa_exponent(x)
    my, ey = mantissa_exponent(y)
    # |x| >= |y|: reduce mx * 2**ex modulo my * 2**ey one binary place at a time.
    if ex < ey:
        my = my << (ey - ex)  # fits: my * 2**(ey-ex) <= |x| / 2**ex = mx < 2**53
        ey = ex
    r = mx % my
    for _ in range(ex - ey):
        r = (r * 2) % my
    result = float(r) * power_of_two(ey)
    return -result if sign_bit(x) else result


def copysign_zero(y: float) -> float:
    return -0.0 if sign_bit(y) else 0.0


def float_floor(x: float) -> float:
    """math.floor as a float; |x| >= 2**52 is already an integer."""
    if not is_finite(x) or abs(x) >= TWO_POW_52 or x == 0.0:
        return x
    t = float(int(x))
    return t - 1.0 if t > x else t


def float_mod(x: float, y: float) -> float:
    """``x % y`` as CPython's float_rem: the result takes the divisor's sign."""
    if y == 0.0:
        zero_division_error("float modulo")
    mod = float_fmod(x, y)
    if mod != 0.0:
        if (y < 0.0) != (mod < 0.0):
            mod += y
    else:
        mod = copysign_zero(y)
    return mod


def float_floordiv(x: float, y: float) -> float:
    """``x // y`` as CPython's float_floor_div (through _float_div_mod)."""
    if y == 0.0:
        zero_division_error("float floor division by zero")
    mod = float_fmod(x, y)
    div = (x - mod) / y
    if mod != 0.0 and (y < 0.0) != (mod < 0.0):
        div -= 1.0
    if div != 0.0:
        floordiv = float_floor(div)
        if div - floordiv > 0.5:
            floordiv += 1.0
        return floordiv
    return copysign_zero(x / y)


# -- int / int ------------------------------------------------------------------------------------------------
def int_true_divide(a: int, b: int) -> float:
    """``a / b`` for ints, correctly rounded as CPython's long_true_divide (converting both to
    floats first would round twice beyond 2**53)."""
    if b == 0:
        zero_division_error("division by zero")
    if -EXACT_INT <= a <= EXACT_INT and -EXACT_INT <= b <= EXACT_INT:
        return float(a) / float(b)  # exact operands: one rounding
    if b == INT64_MIN:  # a power of two: scaling the correctly rounded float(a) is exact
        return -float(a) * power_of_two(-63)
    if a == INT64_MIN:  # -(2**62 / b) * 2, exactly scaled
        return -magnitude_quotient(1 << 62, abs(b)) * 2.0 * (-1.0 if b < 0 else 1.0)
    q = magnitude_quotient(abs(a), abs(b))
    return -q if (a < 0) != (b < 0) else q


def magnitude_quotient(n: int, d: int) -> float:
    """n / d for 0 <= n, 0 < d < 2**63, correctly rounded: binary long division to at least 55
    quotient bits, a sticky bit for any remainder, then one rounding in float()."""
    q = n // d
    r = n % d
    shift = 0
    while q < QUOTIENT_BITS and (q > 0 or r > 0):
        if r >= d - r:  # 2r >= d without computing 2r (which could overflow)
            q = q * 2 + 1
            r = r - (d - r)
        else:
            q = q * 2
            r = r * 2
        shift += 1
    if r != 0:
        q = q | 1
    return float(q) * power_of_two(-shift)


# -- comparing an int with a float ------------------------------------------------------------------------
def compare_int_float(i: int, f: float) -> int:
    """-1, 0 or 1 as the int ``i`` is <, ==, > the float ``f``, exactly (no rounding of i to a
    float); 2 when f is nan, which compares false with everything."""
    if f != f:
        return 2
    if f >= TWO_POW_63:
        return -1
    if f < -TWO_POW_63:
        return 1
    t = int(f)  # truncated toward zero: exact, and |f - t| < 1
    if i != t:
        return -1 if i < t else 1
    whole = float(t)  # exact: t came from a float
    if whole == f:
        return 0
    return -1 if whole < f else 1


def float_item_eq(x: float, y: float) -> bool:
    """``==`` of floats that are items of tuples (or dataclass fields): CPython tests identity
    first, so two nans are equal exactly when they are the same object. Unboxed floats have no
    identity: two nans raise ValueError rather than guess (one nan is unequal to anything)."""
    if x != x and y != y:
        value_error(TWO_NANS)
    return x == y
