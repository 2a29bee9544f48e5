"""float to text, exactly as CPython: ``str(x)`` and ``format(x, '.Nf')`` (float_format.py builds
the other presentation types on these digits; float_arith.py has ``%``, ``//`` and int/float
comparisons).

Written in the subset with int64 arithmetic only, so the same code runs under
CPython (where the tests compare it with CPython's own results) and compiled.

Decimal conversion is exact. A finite float is ``m * 2**e`` (``m`` < 2**53);
its digits come from a fraction ``r / s`` of big integers scaled so that
``0.1 <= r / s < 1``: multiplying ``r`` by 10 and dividing by ``s`` gives the
next digit, and the remainder decides the rounding (half to even on the exact
binary value, as CPython's correctly rounded conversion does). Big integers are
lists of 32-bit limbs, least significant first, with no zero limb at the top.

``str(x)`` is the shortest digit string that reads back as ``x`` (CPython's
repr): after each digit, the candidates just below and just above ``x`` at that
length are tested against half the gap to the neighbouring floats (the margins
``mm``/``mp``, kept in the same scale as ``r``); a candidate exactly at half the
gap reads back as ``x`` only when ``x``'s mantissa is even (round-half-even).
"""
from abi.intrinsics import float_bits, float_from_bits

LIMB_BITS = 32
LIMB_MASK = 0xFFFFFFFF
FRACTION_BITS = 52
FRACTION_MASK = 0xFFFFFFFFFFFFF
HIDDEN_BIT = 0x10000000000000  # 2**52
EXPONENT_MASK = 0x7FF
EXPONENT_BIAS = 1075  # exponent field E (normal): x = m * 2**(E - 1075)
MIN_EXPONENT = -1074  # subnormals: x = fraction * 2**-1074
LOG10_2_Q32 = 1292913986  # floor(log10(2) * 2**32)
REPR_EXPONENT_BELOW = -4  # repr switches to 1e-05 style when the decimal point is this far left
REPR_EXPONENT_ABOVE = 16  # ... or to 1e+16 style beyond 16 integer digits
ZERO = 48  # ord("0")


# -- big integers ---------------------------------------------------------------------
def big_from(v: int) -> list[int]:
    """``v`` (0 <= v < 2**63) as limbs."""
    limbs: list[int] = []
    while v > 0:
        limbs.append(v & LIMB_MASK)
        v = v >> LIMB_BITS
    return limbs


def big_mul_small(a: list[int], k: int) -> None:
    """``a *= k`` in place for 0 < k < 2**31 (each product stays below 2**63)."""
    carry = 0
    for i in range(len(a)):
        t = a[i] * k + carry
        a[i] = t & LIMB_MASK
        carry = t >> LIMB_BITS
    if carry > 0:
        a.append(carry)


def big_shift(a: list[int], n: int) -> None:
    """``a *= 2**n`` in place (n >= 0)."""
    while n >= 30:
        big_mul_small(a, 1 << 30)
        n -= 30
    if n > 0:
        big_mul_small(a, 1 << n)


def big_mul_pow10(a: list[int], n: int) -> None:
    """``a *= 10**n`` in place (n >= 0)."""
    big_mul_power(a, 10, n, 1000000000, 9)


def big_mul_power(a: list[int], base: int, n: int, chunk: int, chunk_exponent: int) -> None:
    """``a *= base**n`` in place (n >= 0), ``chunk`` = base**chunk_exponent (below 2**31) at a time."""
    while n >= chunk_exponent:
        big_mul_small(a, chunk)
        n -= chunk_exponent
    factor = 1
    for _ in range(n):
        factor = factor * base
    if factor > 1:
        big_mul_small(a, factor)


def big_compare(a: list[int], b: list[int]) -> int:
    """-1, 0 or 1 as a <, ==, > b."""
    if len(a) != len(b):
        return -1 if len(a) < len(b) else 1
    i = len(a) - 1
    while i >= 0:
        if a[i] != b[i]:
            return -1 if a[i] < b[i] else 1
        i -= 1
    return 0


def big_sub(a: list[int], b: list[int]) -> None:
    """``a -= b`` in place, for a >= b."""
    borrow = 0
    for i in range(len(a)):
        t = a[i] - borrow
        if i < len(b):
            t = t - b[i]
        borrow = 0
        if t < 0:
            t += 1 << LIMB_BITS
            borrow = 1
        a[i] = t
    while len(a) > 0 and a[len(a) - 1] == 0:
        a.pop()


def big_add(a: list[int], b: list[int]) -> list[int]:
    """``a + b`` as a new big integer."""
    result: list[int] = []
    carry = 0
    for i in range(max(len(a), len(b))):
        t = carry
        if i < len(a):
            t += a[i]
        if i < len(b):
            t += b[i]
        result.append(t & LIMB_MASK)
        carry = t >> LIMB_BITS
    if carry > 0:
        result.append(carry)
    return result


def next_digit(r: list[int], s: list[int]) -> int:
    """For 0 <= r / s < 1: the first decimal digit of r / s; r becomes the remainder (times s)."""
    big_mul_small(r, 10)
    digit = 0
    while big_compare(r, s) >= 0:
        big_sub(r, s)
        digit += 1
    return digit


# -- the parts of a float ------------------------------------------------------------------
def is_finite(x: float) -> bool:
    return (float_bits(x) >> FRACTION_BITS) & EXPONENT_MASK != EXPONENT_MASK


def sign_bit(x: float) -> bool:
    """The sign of ``x``, also for -0.0 (which compares equal to 0.0)."""
    return float_bits(x) < 0


def mantissa_exponent(x: float) -> tuple[int, int]:
    """(m, e) with |x| == m * 2**e exactly, for finite x."""
    bits = float_bits(x)
    field = (bits >> FRACTION_BITS) & EXPONENT_MASK
    fraction = bits & FRACTION_MASK
    if field == 0:
        return fraction, MIN_EXPONENT
    return fraction | HIDDEN_BIT, field - EXPONENT_BIAS


def bit_length(v: int) -> int:
    n = 0
    while v > 0:
        v = v >> 1
        n += 1
    return n


def decimal_exponent_estimate(m: int, e: int) -> int:
    """floor(log10(2**E)) + 1 for E = floor(log2(m * 2**e)): the decimal exponent k with
    10**(k-1) <= m * 2**e < 10**k, or one less than it (never more)."""
    binary = e + bit_length(m) - 1
    return ((binary * LOG10_2_Q32) >> 32) + 1


def power_of_two(n: int) -> float:
    """2.0 ** n for -1074 <= n <= 1023, exactly."""
    if n < -1022:
        return float_from_bits(1 << (n - MIN_EXPONENT))
    return float_from_bits((n + 1023) << FRACTION_BITS)


# -- exact decimal digits -------------------------------------------------------------------
def fraction_of(m: int, e: int) -> tuple[list[int], list[int]]:
    """(r, s) with r / s == m * 2**e."""
    r = big_from(m)
    s = big_from(1)
    if e >= 0:
        big_shift(r, e)
    else:
        big_shift(s, -e)
    return r, s


def scale(r: list[int], s: list[int], margins: list[list[int]], k: int) -> int:
    """Divide r / s (and the margins, relative to s) by 10**k, then correct k so that
    0.1 <= r / s < 1. Returns the corrected k."""
    if k >= 0:
        big_mul_pow10(s, k)
    else:
        big_mul_pow10(r, -k)
        for margin in margins:
            big_mul_pow10(margin, -k)
    while big_compare(r, s) >= 0:
        big_mul_small(s, 10)
        k += 1
    return k


def round_up(digits: list[int]) -> int:
    """Add one unit in the last place; 1 when a carry adds a leading digit (999 -> 1000)."""
    i = len(digits) - 1
    while i >= 0:
        if digits[i] < 9:
            digits[i] += 1
            return 0
        digits[i] = 0
        i -= 1
    digits.insert(0, 1)
    return 1


def digit_text(digits: list[int]) -> str:
    return "".join([chr(ZERO + d) for d in digits])


# -- str(x) ------------------------------------------------------------------------------------
def shortest_digits(m: int, e: int, digits: list[int]) -> int:
    """Fill ``digits`` with the shortest digits that read back as m * 2**e (the nearest such
    string when several have that length); returns the decimal point position."""
    lower_gap_halves = 1 if m == HIDDEN_BIT and e > MIN_EXPONENT else 2  # a power of two is nearer its lower neighbour
    # Work in units of 2**(e-2): x = 4m units, half the gap above is 2 units, below 2 (or 1).
    r, s = fraction_of(4 * m, e - 2)
    mp = big_from(2)
    mm = big_from(lower_gap_halves)
    if e - 2 > 0:
        big_shift(mp, e - 2)
        big_shift(mm, e - 2)
    k = scale(r, s, [mp, mm], decimal_exponent_estimate(m, e))
    even = m % 2 == 0
    while True:
        digits.append(next_digit(r, s))
        big_mul_small(mp, 10)
        big_mul_small(mm, 10)
        below = big_compare(r, mm)  # x - candidate below, against half the lower gap
        above = big_compare(big_add(r, mp), s)  # half the upper gap, against candidate above - x
        low_ok = below < 0 or (below == 0 and even)
        high_ok = above > 0 or (above == 0 and even)
        if low_ok and high_ok:
            doubled = big_add(r, r)
            nearer = big_compare(doubled, s)
            if nearer > 0 or (nearer == 0 and digits[len(digits) - 1] % 2 == 1):
                k += round_up(digits)
            return k
        if low_ok:
            return k
        if high_ok:
            return k + round_up(digits)


def repr_layout(digits: list[int], point: int) -> str:
    """CPython's repr layout of the digits d1 d2 ... with the value 0.d1d2... * 10**point."""
    while len(digits) > 1 and digits[len(digits) - 1] == 0:
        digits.pop()
    text = digit_text(digits)
    n = len(digits)
    if point <= REPR_EXPONENT_BELOW or point > REPR_EXPONENT_ABOVE:
        exponent = point - 1
        mantissa = text[0] + "." + text[1:] if n > 1 else text
        sign = "-" if exponent < 0 else "+"
        magnitude = str(abs(exponent))
        if len(magnitude) < 2:
            magnitude = "0" + magnitude
        return mantissa + "e" + sign + magnitude
    if point <= 0:
        return "0." + "0" * -point + text
    if point >= n:
        return text + "0" * (point - n) + ".0"
    return text[:point] + "." + text[point:]


def special_text(x: float) -> str:
    """The text of nan and the infinities (the sign of a nan is never shown)."""
    if x != x:
        return "nan"
    return "-inf" if x < 0.0 else "inf"


def float_repr(x: float) -> str:
    """``str(x)`` / ``repr(x)`` / ``f'{x}'``."""
    if not is_finite(x):
        return special_text(x)
    sign = "-" if sign_bit(x) else ""
    if x == 0.0:
        return sign + "0.0"
    m, e = mantissa_exponent(x)
    digits: list[int] = []
    point = shortest_digits(m, e, digits)
    return sign + repr_layout(digits, point)


# -- format(x, '.Nf') ------------------------------------------------------------------------------
def fixed_digits(m: int, e: int, precision: int) -> list[int]:
    """The digits of round(m * 2**e * 10**precision), half to even, most significant first
    (empty for 0)."""
    digits: list[int] = []
    if m == 0:
        return digits
    r, s = fraction_of(m, e)
    k = scale(r, s, [], decimal_exponent_estimate(m, e))
    count = k + precision  # digits before the rounding position
    if count < 0:
        return digits  # below 10**-(precision+1): rounds to 0
    for _ in range(count):
        digits.append(next_digit(r, s))
    doubled = big_add(r, r)
    half = big_compare(doubled, s)
    last_odd = count > 0 and digits[count - 1] % 2 == 1
    if half > 0 or (half == 0 and last_odd):
        round_up(digits)
    return digits


def float_fixed(x: float, precision: int) -> str:
    """``format(x, f'.{precision}f')``."""
    if not is_finite(x):
        return special_text(x)
    sign = "-" if sign_bit(x) else ""
    m, e = mantissa_exponent(x)
    text = digit_text(fixed_digits(m, e, precision))
    if len(text) <= precision:  # at least one digit before the point
        text = "0" * (precision + 1 - len(text)) + text
    whole = len(text) - precision
    if precision == 0:
        return sign + text
    return sign + text[:whole] + "." + text[whole:]
