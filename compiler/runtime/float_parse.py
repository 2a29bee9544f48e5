"""``float(text)`` and ``float(data)`` (bytes) with CPython 3.11's results, bit for bit.

CPython (PyFloat_FromString) takes these steps, and so does this module:
1. a str is mapped to ASCII, one byte per character (_PyUnicode_TransformDecimalAndSpaceToASCII):
   ASCII stays, other whitespace (str.isspace) becomes a space, a Unicode decimal digit its
   ASCII digit, anything else a byte that is never valid. bytes are taken as they are, so a
   non-ASCII byte is never valid in them;
2. an underscore must have a digit on each side, and is then dropped;
3. ASCII whitespace is stripped from both ends: space, \\t \\n \\v \\f \\r, but not
   \\x1c-\\x1f, which str.isspace accepts (so ``float("1\\x1c")`` raises);
4. what is left must be ``[+-]?(D+[.D*]|.D+)([eE][+-]?D+)?`` or ``[+-]?(inf|infinity|nan)``
   in any case (a ``-`` on nan sets its sign bit). Anything else raises ValueError.

The value D * 10**E is correctly rounded, half to even (as _Py_dg_strtod): past the float
range it is +-inf, below half the smallest subnormal +-0.0. Short inputs take the exact
fast path (a float below 2**53 times or divided by a power of ten up to 10**22: one IEEE
rounding). The rest is exact big-integer arithmetic on floats.py's limb lists: D * 5**E over
1 (or D over 5**-E) times 2**E, divided to a 54-bit quotient whose remainder decides the
rounding.

Only the first KEPT_DIGITS significant digits are kept, plus a digit 1 when a later digit
is nonzero. That cannot change the result: every midpoint between two adjacent floats
(and so every rounding boundary) has at most 768 significant digits ((2**54 - 1) * 5**1075
/ 10**1075 has the most), so it never lies
strictly between the kept prefix and the prefix plus one unit in its last place, where
both the true value and the stand-in lie. Long inputs therefore cost one scan.
"""
from abi.intrinsics import float_from_bits
from compiler.runtime.floats import (MIN_EXPONENT, big_add, big_compare, big_from, big_mul_power, big_mul_small,
                                     big_shift, big_sub, bit_length)
from compiler.runtime.reprs import bytes_repr, float_message, str_repr
from compiler.runtime.str_case import decimal_value, is_space_cp

KEPT_DIGITS = 800  # > 768, the most significant digits of a midpoint between floats
MAX_DIGITS = 1000000000  # _Py_dg_strtod refuses more digits (or fraction digits) than this
# (its MAX_DIGITS; a 1 GB string, which the tests do not build)
EXPONENT_CAP = 1000000000000000  # |exponent| beyond it gives the same inf or 0.0
FAST_DIGITS = 15  # up to 15 digits the integer is below 2**53, exactly a float
FAST_POWER = 22  # 10**22 is the largest power of ten that is exactly a float
ORDER_MAX = 309  # value >= 10**(order - 1): from 10**309 on it is inf
ORDER_MIN = -323  # value < 10**order: up to 10**-324 (< 2**-1075) it rounds to 0.0
QUOTIENT_BITS = 54  # the quotient gets 53 bits plus one, or fewer for subnormals
DIGIT_BITS = 27  # ... found 27 bits at a time
LIMB_BASE = 4294967296.0  # 2**32
HIDDEN_BIT = 0x10000000000000  # 2**52
TOP_BIT = 0x20000000000000  # 2**53
INF_EXPONENT = 972  # a quotient exponent from here on (53-bit quotient) is past the float range
INF_BITS = 0x7FF0000000000000
NAN_BITS = 0x7FF8000000000000  # CPython's nan; -nan is the same with the sign bit
INVALID = 63  # '?': what step 1 makes of characters that can never be valid
SPACE = 32
PLUS = 43
MINUS = 45
DOT = 46
UNDERSCORE = 95
ZERO = 48
LOWER_E = 101
CASE_BIT = 32  # ASCII letter | 32 is the lower-case letter


def parse_float(text: str) -> float:
    """``float(text)``: ValueError for every str CPython refuses."""
    data = text.encode()
    if len(data) == len(text):  # ASCII: step 1 changes nothing
        return parse_ascii(data, data, True)
    return parse_ascii(ascii_form(data), data, True)


def parse_float_bytes(data: bytes) -> float:
    """``float(data)`` for bytes: ASCII only, no Unicode digits or whitespace."""
    return parse_ascii(data, data, False)


def refuse(original: bytes, is_str: bool) -> None:
    """CPython's ValueError, quoting the text (``original``: the bytes, or the str's UTF-8)."""
    raise ValueError(float_message(str_repr(original.decode()) if is_str else bytes_repr(original)))


def ascii_form(data: bytes) -> bytes:
    """Step 1 on the UTF-8 of a str: one ASCII byte per code point."""
    out: list[int] = []
    n = len(data)
    i = 0
    while i < n:
        lead = data[i]
        if lead < 0x80:
            out.append(lead)
            i += 1
            continue
        size = 4
        c = lead & 0x07
        if lead < 0xE0:
            size = 2
            c = lead & 0x1F
        elif lead < 0xF0:
            size = 3
            c = lead & 0x0F
        for k in range(1, size):
            c = (c << 6) | (data[i + k] & 0x3F)
        i += size
        if is_space_cp(c):
            out.append(SPACE)
        else:
            value = decimal_value(c)
            out.append(ZERO + value if value >= 0 else INVALID)
    return bytes(out)


def is_digit(b: int) -> bool:
    return ZERO <= b <= ZERO + 9


def is_ascii_space(b: int) -> bool:
    """Py_ISSPACE: what CPython strips around the number."""
    return b == SPACE or 9 <= b <= 13


def parse_ascii(s: bytes, original: bytes, is_str: bool) -> float:
    """Steps 2 to 4 on ASCII text (underscores are checked where digits are read); ``original``
    and ``is_str`` are for the error message (see ``refuse``), as in the functions below."""
    start = 0
    end = len(s)
    while start < end and is_ascii_space(s[start]):
        start += 1
    while end > start and is_ascii_space(s[end - 1]):
        end -= 1
    if start == end:
        refuse(original, is_str)
    negative = s[start] == MINUS
    if negative or s[start] == PLUS:
        start += 1
    if start < end and (is_digit(s[start]) or s[start] == DOT):
        x = parse_decimal(s, start, end, original, is_str)
    else:
        x = parse_special(s, start, end, original, is_str)
    return -x if negative else x


def matches(s: bytes, start: int, end: int, word: bytes) -> bool:
    """s[start:end] is ``word`` (lower-case letters) in any case."""
    if end - start != len(word):
        return False
    for k in range(len(word)):
        if s[start + k] | CASE_BIT != word[k]:
            return False
    return True


def parse_special(s: bytes, start: int, end: int, original: bytes, is_str: bool) -> float:
    if matches(s, start, end, b"inf") or matches(s, start, end, b"infinity"):
        return float_from_bits(INF_BITS)
    if not matches(s, start, end, b"nan"):
        refuse(original, is_str)
    return float_from_bits(NAN_BITS)


def check_underscore(s: bytes, i: int, end: int, original: bytes, is_str: bool) -> None:
    """An underscore at ``i`` needs a digit on each side (CPython drops it then)."""
    if i == 0 or not is_digit(s[i - 1]) or i + 1 >= end or not is_digit(s[i + 1]):
        refuse(original, is_str)


def parse_decimal(s: bytes, start: int, end: int, original: bytes, is_str: bool) -> float:
    """The magnitude of ``D+[.D*]|.D+`` with an optional exponent, filling s[start:end]."""
    digits: list[int] = []  # significant digits (no leading zeros), at most KEPT_DIGITS
    point = 0  # the value is 0.d1d2... * 10**point
    seen = False
    dropped = False  # a nonzero digit beyond the kept ones
    significant = 0
    fraction = 0
    after_point = False
    i = start
    while i < end:
        c = s[i]
        if is_digit(c):
            seen = True
            if after_point:
                fraction += 1
            if c == ZERO and significant == 0:
                if after_point:
                    point -= 1
            else:
                significant += 1
                if not after_point:
                    point += 1
                if len(digits) < KEPT_DIGITS:
                    digits.append(c - ZERO)
                elif c != ZERO:
                    dropped = True
        elif c == UNDERSCORE:
            check_underscore(s, i, end, original, is_str)
        elif c == DOT and not after_point:
            after_point = True
        else:
            break
        i += 1
    if not seen or significant > MAX_DIGITS or fraction > MAX_DIGITS:
        refuse(original, is_str)
    exponent = 0
    if i < end and s[i] | CASE_BIT == LOWER_E:
        exponent = parse_exponent(s, i + 1, end, original, is_str)
    elif i < end:
        refuse(original, is_str)
    if dropped:  # the stand-in for the rest goes after all KEPT_DIGITS, zeros included
        digits.append(1)
    while len(digits) > 0 and digits[-1] == 0:
        digits.pop()
    if len(digits) == 0:
        return 0.0
    order = point + exponent  # 10**(order-1) <= value < 10**order
    if order > ORDER_MAX:
        return float_from_bits(INF_BITS)
    if order < ORDER_MIN:
        return 0.0
    return decimal_to_float(digits, order - len(digits))


def parse_exponent(s: bytes, i: int, end: int, original: bytes, is_str: bool) -> int:
    """The exponent after the 'e' at i - 1, which must fill the rest of the text; its
    magnitude is capped at EXPONENT_CAP (no int64 overflow, and the result is the same)."""
    negative = i < end and s[i] == MINUS
    if negative or (i < end and s[i] == PLUS):
        i += 1
    if i >= end or not is_digit(s[i]):
        refuse(original, is_str)
    value = 0
    while i < end:
        c = s[i]
        if is_digit(c):
            value = min(value * 10 + (c - ZERO), EXPONENT_CAP)
        elif c == UNDERSCORE:
            check_underscore(s, i, end, original, is_str)
        else:
            refuse(original, is_str)
        i += 1
    return -value if negative else value


def decimal_to_float(digits: list[int], e10: int) -> float:
    """The float nearest to the integer of ``digits`` (no trailing zero) times 10**e10."""
    n = len(digits)
    if n <= FAST_DIGITS:
        d = 0
        for digit in digits:
            d = d * 10 + digit
        if e10 > FAST_POWER and n + e10 - FAST_POWER <= FAST_DIGITS:  # 1e25: 100 * 10**22, both exact
            for _ in range(e10 - FAST_POWER):
                d = d * 10
            e10 = FAST_POWER
        if -FAST_POWER <= e10 <= FAST_POWER:
            scale = 1.0
            for _ in range(abs(e10)):
                scale = scale * 10.0  # exact: every 10**k up to 10**22 is a float
            return float(d) * scale if e10 >= 0 else float(d) / scale
    r = big_from_digits(digits)  # 10**e10 = 5**e10 * 2**e10: the 2**e10 only moves the exponent
    s = big_from(1)
    if e10 >= 0:
        big_mul_pow5(r, e10)
    else:
        big_mul_pow5(s, -e10)
    return nearest_float(r, s, e10)


def big_from_digits(digits: list[int]) -> list[int]:
    """The decimal digits (most significant first) as a big integer, nine at a time."""
    r: list[int] = []
    chunk = 0
    factor = 1
    for digit in digits:
        chunk = chunk * 10 + digit
        factor = factor * 10
        if factor == 1000000000:
            big_mul_small(r, factor)
            big_add_small(r, chunk)
            chunk = 0
            factor = 1
    if factor > 1:
        big_mul_small(r, factor)
        big_add_small(r, chunk)
    return r


def big_mul_pow5(a: list[int], n: int) -> None:
    """``a *= 5**n`` in place (n >= 0), 5**13 (below 2**31) at a time."""
    big_mul_power(a, 5, n, 1220703125, 13)


def big_add_small(a: list[int], v: int) -> None:
    """``a += v`` in place for 0 <= v < 2**32."""
    i = 0
    while v > 0:
        if i == len(a):
            a.append(0)
        t = a[i] + v
        a[i] = t & 0xFFFFFFFF
        v = t >> 32
        i += 1


def big_bit_length(a: list[int]) -> int:
    if len(a) == 0:
        return 0
    return 32 * (len(a) - 1) + bit_length(a[len(a) - 1])


def shifted(a: list[int], n: int) -> list[int]:
    """``a * 2**n`` (n >= 0) as a new big integer: whole limbs of zeros, then the rest."""
    result = [0] * (n >> 5) + a
    big_shift(result, n & 31)
    return result


def leading(a: list[int], k: int) -> float:
    """The limbs of ``a`` from k up, as a float (a few limbs: no overflow)."""
    x = 0.0
    i = len(a) - 1
    while i >= k:
        x = x * LIMB_BASE + float(a[i])
        i -= 1
    return x


def big_sub_mul(r: list[int], s: list[int], d: int) -> None:
    """``r -= d * s`` in place, for 0 <= d < 2**27 and r >= d * s."""
    carry = 0  # 0 or a borrow (negative)
    for i in range(len(r)):
        t = r[i] + carry
        if i < len(s):
            t -= d * s[i]
        r[i] = t & 0xFFFFFFFF
        carry = t >> 32
    while len(r) > 0 and r[len(r) - 1] == 0:
        r.pop()


def quotient_digit(r: list[int], s: list[int]) -> int:
    """floor(r / s) for r < 2**27 * s; r becomes the remainder. The quotient of the top limbs
    as floats is within 2**-20 of the exact one: one below it is never too high, and at most
    two subtractions of s finish the digit."""
    k = max(len(s) - 3, 0)
    d = max(int(leading(r, k) / leading(s, k)) - 1, 0)
    big_sub_mul(r, s, d)
    while big_compare(r, s) >= 0:
        big_sub(r, s)
        d += 1
    return d


def nearest_float(r: list[int], s: list[int], b: int) -> float:
    """The float nearest to v = r / s * 2**b > 0, half to even.

    q = floor(v / 2**e) for the smallest e that leaves q at most 54 bits (53 or 54 as v lies
    between two powers of two), but e >= -1074, which leaves subnormals fewer. q comes as two
    digits in base 2**27 (the long division of v / 2**(e + 54) < 1)."""
    e = max(big_bit_length(r) - big_bit_length(s) + b - 53, MIN_EXPONENT)
    shift = e + QUOTIENT_BITS - b
    if shift >= 0:
        s = shifted(s, shift)
    else:
        r = shifted(r, -shift)
    q = 0
    for _ in range(QUOTIENT_BITS // DIGIT_BITS):
        big_mul_small(r, 1 << DIGIT_BITS)
        q = (q << DIGIT_BITS) + quotient_digit(r, s)
    if q >= TOP_BIT:  # 54 bits: the last one is the rounding bit, r only breaks a tie
        half = q & 1
        q = q >> 1
        e += 1
        if half == 1 and (len(r) > 0 or q & 1 == 1):
            q += 1
    else:
        twice = big_compare(big_add(r, r), s)
        if twice > 0 or (twice == 0 and q & 1 == 1):
            q += 1
    if q == TOP_BIT:  # rounding carried into a new bit
        q = HIDDEN_BIT
        e += 1
    if e >= INF_EXPONENT:
        return float_from_bits(INF_BITS)
    # q < 2**52 only for e == -1074 (subnormal); otherwise the hidden bit adds 1 to the field.
    return float_from_bits(((e - MIN_EXPONENT) << 52) + q)
