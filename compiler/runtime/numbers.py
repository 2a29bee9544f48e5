"""The numeric built-ins CPython computes in C: divmod() of floats, pow() with a modulus, round(),
hash(), and the '#' prefix and ',' / '_' digit grouping of format specs (sema/number_builtins.py).

ints are int64 here; every result CPython gives that fits int64 is given exactly, with CPython's
exceptions and messages."""
from abi.intrinsics import lt_u, rem_u, shr_u, wrap_add, wrap_mul, wrap_sub
from compiler.runtime.float_arith import float_floor
from compiler.runtime.floats import float_fixed, is_finite
from compiler.runtime.float_parse import parse_float

INT64_MIN = -9223372036854775807 - 1
HASH_MODULUS = 2305843009213693951  # 2**61 - 1: CPython's hash of an int is the int modulo it
XXPRIME_1 = -7046029288634856825    # 11400714785074694791 as a signed int64
XXPRIME_2 = -4417276706812531889    # 14029467366897019727
XXPRIME_5 = 2870177450012600261
TUPLE_HASH_LENGTH_MIX = XXPRIME_5 ^ 3527539
ROUND_DIGITS_MAX = 323  # beyond these, round(x, n) is x (CPython's NDIGITS_MAX)
ROUND_DIGITS_MIN = -308  # below, 0.0 * x


# -- divmod, pow ---------------------------------------------------------------------------------
def divmod_int(a: int, b: int) -> tuple[int, int]:
    return (a // b, a % b)


def divmod_float(a: float, b: float) -> tuple[float, float]:
    if b == 0.0:
        raise ZeroDivisionError("float divmod()")
    return (a // b, a % b)


def pow_mod(base: int, exponent: int, modulus: int) -> int:
    """pow(base, exponent, modulus) as CPython: the result has the modulus' sign; a negative
    exponent raises to the power of base's inverse. The modulus' size works as unsigned 64 bits."""
    if modulus == 0:
        raise ValueError("pow() 3rd argument cannot be 0")
    size = magnitude(modulus)  # unsigned: 2**63 for INT64_MIN
    residue = reduced(base, size)
    if exponent < 0:
        residue = inverse(residue, size)
        exponent = wrap_sub(0, exponent)  # unsigned: 2**63 for INT64_MIN
    result = 0 if size == 1 else 1
    while exponent != 0:
        if exponent & 1:
            result = mul_mod(result, residue, size)
        residue = mul_mod(residue, residue, size)
        exponent = shr_u(exponent, 1)
    if modulus < 0 and result != 0:
        return wrap_sub(result, size)
    return result


def magnitude(v: int) -> int:
    """|v| as an unsigned 64-bit value (INT64_MIN's is 2**63, the same bits)."""
    return wrap_sub(0, v) if v < 0 else v


def reduced(v: int, size: int) -> int:
    """v modulo the unsigned ``size``, in [0, size)."""
    r = rem_u(magnitude(v), size)
    if v < 0 and r != 0:
        return wrap_sub(size, r)
    return r


def add_mod(x: int, y: int, size: int) -> int:
    """(x + y) mod size for unsigned x, y < size <= 2**63: the sum fits 64 unsigned bits."""
    total = wrap_add(x, y)
    if lt_u(total, size):
        return total
    return wrap_sub(total, size)


def mul_mod(x: int, y: int, size: int) -> int:
    """(x * y) mod size for unsigned x, y < size: exactly, by doubling when the product could
    leave 64 bits."""
    if lt_u(size, 3037000499):  # both below sqrt(2**63): the product is exact
        return (x * y) % size
    result = 0
    while y != 0:
        if y & 1:
            result = add_mod(result, x, size)
        x = add_mod(x, x, size)
        y = shr_u(y, 1)
    return result


def inverse(a: int, size: int) -> int:
    """The inverse of a modulo the unsigned size (extended Euclid), or CPython's ValueError."""
    if size == INT64_MIN:  # 2**63: odd numbers are invertible; Newton's iteration modulo 2**64
        if a & 1 == 0:
            raise ValueError("base is not invertible for the given modulus")
        x = a
        for _ in range(6):
            x = wrap_mul(x, wrap_sub(2, wrap_mul(a, x)))
        return x & 9223372036854775807
    old_r, r = a, size
    old_s, s = 1, 0
    while r != 0:
        q = old_r // r
        old_r, r = r, old_r - q * r
        old_s, s = s, old_s - q * s
    if old_r != 1:
        raise ValueError("base is not invertible for the given modulus")
    return old_s % size


# -- round ---------------------------------------------------------------------------------------
def round_float(x: float) -> int:
    """round(x): the nearest int, ties to even (ValueError for NaN, OverflowError for inf)."""
    floor = float_floor(x)
    rest = x - floor  # exact: floor and x share their high bits
    whole = int(floor)
    if rest > 0.5 or (rest == 0.5 and whole % 2 == 1):
        return whole + 1
    return whole


def round_float_digits(x: float, ndigits: int) -> float:
    """round(x, ndigits): x rounded half-even at 10**-ndigits on its exact value, as CPython's
    dtoa-based rounding, then read back as the nearest float."""
    if not is_finite(x) or x == 0.0 or ndigits > ROUND_DIGITS_MAX:
        return x
    if ndigits < ROUND_DIGITS_MIN:
        return 0.0 * x
    if ndigits >= 0:
        return parse_float(float_fixed(x, ndigits))
    return parse_float(rounded_integer_text(x, -ndigits))


def rounded_integer_text(x: float, places: int) -> str:
    """The decimal text of x rounded half-even to a multiple of 10**places (places >= 1)."""
    whole = toward_zero(x)
    digits = float_fixed(whole if whole >= 0.0 else -whole, 0)  # exact: whole is a whole number
    kept = digits[:-places] if len(digits) > places else ""
    dropped = digits[-places:].rjust(places, "0")
    half = "5" + "0" * (places - 1)
    odd = kept != "" and (ord(kept[-1]) - 48) % 2 == 1
    up = dropped > half or (dropped == half and (whole != x or odd))
    text = (incremented(kept) if up else kept or "0") + "0" * places
    return "-" + text if x < 0.0 else text


def toward_zero(x: float) -> float:
    """x without its fraction (x finite; from 2**52 on every float is whole)."""
    if x >= 4503599627370496.0 or x <= -4503599627370496.0:
        return x
    return float(int(x))


def incremented(digits: str) -> str:
    """The decimal digits of int(digits) + 1 ("" is 0)."""
    i = len(digits) - 1
    while i >= 0 and digits[i] == "9":
        i -= 1
    if i < 0:
        return "1" + "0" * len(digits)
    return digits[:i] + chr(ord(digits[i]) + 1) + "0" * (len(digits) - i - 1)


def round_int_digits(v: int, ndigits: int) -> int:
    """round(v, ndigits) of an int: v itself for ndigits >= 0, else half-even at 10**-ndigits."""
    if ndigits >= 0:
        return v
    if ndigits < -18:  # 10**19 and more exceed every int64: only a half or more rounds away
        return round_beyond(v, -ndigits)
    unit = 10 ** abs(ndigits)
    low = v % unit
    result = v - low
    if low * 2 > unit or (low * 2 == unit and (result // unit) % 2 == 1):
        result += unit
    return result


def round_beyond(v: int, places: int) -> int:
    """round(v, -places) with 10**places beyond int64: 0, or 10**19 (past int64: OverflowError)."""
    if places == 19 and (v > 5000000000000000000 or v < -5000000000000000000):
        raise OverflowError("int too large for a 64-bit int")
    return 0


# -- hash ----------------------------------------------------------------------------------------
def hash_int(v: int) -> int:
    """CPython's hash of an int: v modulo 2**61 - 1 with v's sign, -2 for -1."""
    if v == INT64_MIN:
        return -4  # 2**63 modulo 2**61 - 1 is 4
    h = v % HASH_MODULUS if v >= 0 else -((-v) % HASH_MODULUS)
    return -2 if h == -1 else h


def hash_tuple(hashes: list[int]) -> int:
    """CPython 3.11's tuple hash (xxHash's mixing) of the items' hashes."""
    acc = XXPRIME_5
    for lane in hashes:
        acc = wrap_add(acc, wrap_mul(lane, XXPRIME_2))
        acc = rotate_left_31(acc)
        acc = wrap_mul(acc, XXPRIME_1)
    acc = wrap_add(acc, len(hashes) ^ TUPLE_HASH_LENGTH_MIX)
    return 1546275796 if acc == -1 else acc


def rotate_left_31(x: int) -> int:
    return wrap_mul(x & 0x1FFFFFFFF, 2147483648) | shr_u(x, 33)


def hash_of_hash(h: int) -> int:
    """hash(obj) of a __hash__ returning h: -1 becomes -2, as CPython."""
    return -2 if h == -1 else h


# -- format specs --------------------------------------------------------------------------------
def with_base_prefix(digits: str, prefix: str) -> str:
    """'#' of x/o/b: the prefix between the sign and the digits ('-0xff')."""
    if digits.startswith("-"):
        return "-" + prefix + digits[1:]
    return prefix + digits


def grouped(text: str, separator: str, every: int) -> str:
    """',' / '_' between each ``every`` digits of the first run of digits (after a '-'): the
    integer part of '-1234567.5' or of 'ffffff' (hex digits count where ``every`` is 4)."""
    start = 1 if text.startswith("-") else 0
    end = start
    while end < len(text) and (text[end].isdigit() or (every == 4 and text[end] in "abcdefABCDEF")):
        end += 1
    if end == start:
        return text  # inf, nan
    first = start + (end - start) % every
    if first == start:
        first += every
    parts = [text[:first]]
    while first < end:
        parts.append(text[first:first + every])
        first += every
    return separator.join(parts) + text[end:]
