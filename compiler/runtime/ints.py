"""int methods (bit_length, bit_count, to_bytes, int.from_bytes) and the hex forms of bytes
(bytes.hex, bytes.fromhex), with CPython 3.11's results and messages.

ints are int64 here: int.from_bytes of a value beyond int64 raises OverflowError, as every int
result beyond int64 does.
"""
from abi.intrinsics import data_ptr, load_u8, store_u8
from compiler.runtime.reprs import overflow_error, value_error
from compiler.runtime.str_case import is_space_byte
from compiler.runtime.str_fmt import INT64_OVERFLOW
from compiler.runtime.strings import DATA, INT64_MIN, byte_len, cp_len, new_bytes, new_str, same_bytes, text_from_span
from compiler.runtime.text_pad import BYTES_LIMIT, c_int

LITTLE = b"little"
BIG = b"big"
HEX_DIGITS = b"0123456789abcdef"


# -- bits ------------------------------------------------------------------------------
def magnitude(x: int) -> int:
    """abs(x), except that INT64_MIN stays itself (its bits are its magnitude's, unsigned)."""
    if x < 0 and x != INT64_MIN:
        return -x
    return x


def int_bit_length(x: int) -> int:
    if x == INT64_MIN:
        return 64
    x = magnitude(x)
    n = 0
    while x != 0:
        x = x >> 1
        n += 1
    return n


def int_bit_count(x: int) -> int:
    if x == INT64_MIN:
        return 1
    x = magnitude(x)
    n = 0
    while x != 0:
        x = x & (x - 1)
        n += 1
    return n


# -- bytes <-> int ---------------------------------------------------------------------
def is_little(order: int) -> bool:
    """byteorder 'little' or 'big' (0: left out, 'big')."""
    if order == 0:
        return False
    n = byte_len(order)
    if n == 6 and same_bytes(order + DATA, data_ptr(LITTLE), 6):
        return True
    if n != 3 or not same_bytes(order + DATA, data_ptr(BIG), 3):
        value_error("byteorder must be either 'little' or 'big'")
    return False


def int_from_bytes(b: int, order: int, signed: bool) -> int:
    little = is_little(order)
    n = byte_len(b)
    value = 0
    for k in range(n):
        i = n - 1 - k if little else k  # most significant byte first
        byte = load_u8(b + DATA + i)
        if k == 0 and signed and byte >= 128:
            value = -1
        if value < 0:
            if value < INT64_MIN >> 8:
                overflow_error(INT64_OVERFLOW)
        elif value > (9223372036854775807 - byte) >> 8:
            overflow_error(INT64_OVERFLOW)
        value = value * 256 + byte
    return value


def fits(x: int, length: int, signed: bool) -> bool:
    """Does ``x`` fit in ``length`` bytes (two's complement when ``signed``)?"""
    if length >= 8:
        return True
    if length == 0:
        return x == 0 or (signed and x == -1)  # CPython's quirk: (-1).to_bytes(0, signed=True) is b""
    bits = 8 * length
    if signed:
        limit = 1 << (bits - 1)
        return -limit <= x < limit
    return x < 1 << bits


def int_to_bytes(x: int, length: int, order: int, signed: bool) -> int:
    little = is_little(order)
    if length < 0:
        value_error("length argument must be non-negative")
    if length > BYTES_LIMIT:
        overflow_error("byte string is too large")
    r = new_bytes(length)
    if x < 0 and not signed:
        overflow_error("can't convert negative int to unsigned")
    if not fits(x, length, signed):
        overflow_error("int too big to convert")
    for k in range(length):  # least significant byte first; beyond int64 the sign repeats
        i = k if little else length - 1 - k
        store_u8(r + DATA + i, x & 255)
        x = x >> 8
    return r


# -- hex ---------------------------------------------------------------------------------
def bytes_hex(b: int, sep: int, per: int) -> int:
    """b.hex(sep, bytes_per_sep): a separator between groups of ``|per|`` bytes, counted from
    the right when ``per`` > 0, from the left when < 0 (``sep`` 0: none)."""
    c_int(per)
    sep_char = 0
    if sep == 0:
        per = 0
    else:
        if cp_len(sep) != 1:
            value_error("sep must be length 1.")
        sep_char = load_u8(sep + DATA)
        if sep_char >= 128:
            value_error("sep must be ASCII.")
    n = byte_len(b)
    group = magnitude(per)
    seps = 0
    if group != 0 and n > 0:
        seps = (n - 1) // group
    r = new_str(2 * n + seps, 2 * n + seps)
    out = r + DATA
    digits = data_ptr(HEX_DIGITS)
    for i in range(n):
        if i > 0 and group != 0 and ((per > 0 and (n - i) % group == 0) or (per < 0 and i % group == 0)):
            store_u8(out, sep_char)
            out += 1
        c = load_u8(b + DATA + i)
        store_u8(out, load_u8(digits + (c >> 4)))
        store_u8(out + 1, load_u8(digits + (c & 15)))
        out += 2
    return r


def hex_value(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


def fromhex_error(position: int) -> None:
    value_error("non-hexadecimal number found in fromhex() arg at position " + str(position))


def bytes_fromhex(s: int) -> int:
    """bytes.fromhex(s): pairs of hex digits, ASCII whitespace allowed between pairs."""
    n = byte_len(s)
    d = s + DATA
    for i in range(n):
        if load_u8(d + i) >= 128:  # CPython reports a str's first non-ASCII character
            fromhex_error(i)
    r = new_bytes(n // 2)  # room for the most pairs the text can hold
    count = 0
    i = 0
    while i < n:
        c = load_u8(d + i)
        if is_space_byte(c):
            i += 1
            continue
        top = hex_value(c)
        if top < 0:
            fromhex_error(i)
        bottom = -1
        if i + 1 < n:
            bottom = hex_value(load_u8(d + i + 1))
        if bottom < 0:
            fromhex_error(i + 1)
        store_u8(r + DATA + count, top * 16 + bottom)
        count += 1
        i += 2
    if count == n // 2:
        return r
    return text_from_span(r + DATA, count, False)
