"""Numbers as text and text as numbers: format(n, 'x'), str(n), int(s, base) (with CPython's
digit limit and messages), and the pieces of format specs: %c, fill and alignment, signs.
"""
from abi.intrinsics import data_ptr, div_u, load_u8, memory_copy, rem_u, store_u8, wrap_add, wrap_sub
from compiler.runtime.memory import KIND_RAW, alloc
from compiler.runtime.reprs import (SHOWN_CHARS, int_digits_message, int_literal_message, overflow_error, type_error,
                                    value_error)
from compiler.runtime.str_case import decimal_value, is_space_byte, is_space_cp
from compiler.runtime.str_items import str_chr
from compiler.runtime.strings import (DATA, INT64_MIN, MAX_CODE_POINT, byte_len, check_size, cp_len,
                                      cp_utf8_len, decode_cp, encode_cp, is_ascii, new_str, new_str_unzeroed, seq_len,
                                      text_repr_cut)

MAX_STR_DIGITS = 4300             # CPython's default sys.get_int_max_str_digits()
BAD_FILL = "the fill character is not a code point a str can hold"  # the compiler passes a valid one
INT64_OVERFLOW = "int too large for a 64-bit int"  # where CPython would go on with a big int
DIGITS_LOWER = b"0123456789abcdef"
DIGITS_UPPER = b"0123456789ABCDEF"


# -- characters --------------------------------------------------------------------
def format_char(i: int) -> int:
    """f"{i:c}", format(i, "c"), "%c" % i: OverflowError outside range(0x110000), else chr(i)."""
    if i < 0 or i > MAX_CODE_POINT:
        overflow_error("%c arg not in range(0x110000)")
    return str_chr(i)


def format_char_text(s: int) -> int:
    """"%c" % s: a str of one character, else CPython's TypeError."""
    if cp_len(s) != 1:
        type_error("%c requires int or char")
    return s


# -- numbers and formatting --------------------------------------------------------
def format_int(v: int, base: int, upper: bool) -> int:
    """The digits of ``v`` in base 2, 8, 10 or 16 with a '-' sign, no prefix: format(v, 'x')."""
    if base < 2 or base > 16:
        value_error("format_int: base must be 2, 8, 10 or 16")  # the compiler passes one of those
    negative = v < 0
    if not negative:
        v = -v  # work on the negative value: int64's minimum has no positive twin
    count = 1
    t = v
    while t <= -base:
        t = -(t // -base)
        count += 1
    if negative:
        count += 1
    r = new_str(count, count)
    digits = data_ptr(DIGITS_UPPER) if upper else data_ptr(DIGITS_LOWER)
    p = r + DATA + count - 1
    while True:
        store_u8(p, load_u8(digits - (v % -base)))
        v = -(v // -base)
        p -= 1
        if v == 0:
            break
    if negative:
        store_u8(r + DATA, 45)
    return r


def str_from_int(v: int) -> int:
    """str(v): a non-negative v (most: counts, statuses, seconds) by unsigned division, which
    cannot overflow, so no checked arithmetic per digit."""
    if v < 0:
        return format_int(v, 10, False)
    count = 1
    t = div_u(v, 10)
    while t != 0:
        t = div_u(t, 10)
        count += 1
    r = new_str_unzeroed(count, count)  # every digit is written below
    p = wrap_add(r, DATA + count - 1)
    while True:
        store_u8(p, wrap_add(48, rem_u(v, 10)))
        v = div_u(v, 10)
        if v == 0:
            break
        p = wrap_sub(p, 1)
    return r


def digit_value(c: int) -> int:
    """CPython's _PyLong_DigitValue: 0-9, a-z/A-Z as 10-35, anything else 37."""
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 122:
        return c - 87
    if 65 <= c <= 90:
        return c - 55
    return 37


def char_at(p: int, n: int, i: int) -> int:
    """Byte ``i`` of the text, or 0 past its end (the C string's terminator)."""
    if i < n:
        return load_u8(p + i)
    return 0


def int_literal_error(text: int, is_str: bool, base: int) -> None:
    raise ValueError(int_literal_message(text_repr_cut(text, is_str, SHOWN_CHARS), base))


def parse_int(p: int, n: int, base: int, text: int, is_str: bool) -> int:
    """CPython's PyLong_FromString on the ``n`` ASCII bytes at ``p``, on int64; ``text`` is the
    str (``is_str``) or bytes object they come from, for the error message."""
    if (base != 0 and base < 2) or base > 36:
        value_error("int() base must be >= 2 and <= 36, or 0")
    given_base = base
    i = 0
    while i < n and is_space_byte(load_u8(p + i)):
        i += 1
    negative = False
    c = char_at(p, n, i)
    if c == 43:
        i += 1
    elif c == 45:
        i += 1
        negative = True
    c0 = char_at(p, n, i)
    c1 = char_at(p, n, i + 1) | 32  # lower case of an x/o/b prefix letter
    error_if_nonzero = False
    if base == 0:
        if c0 != 48:
            base = 10
        elif c1 == 120:
            base = 16
        elif c1 == 111:
            base = 8
        elif c1 == 98:
            base = 2
        else:
            error_if_nonzero = True  # "old" octal such as 017 is invalid, 000 is fine
            base = 10
    if c0 == 48 and ((base == 16 and c1 == 120) or (base == 8 and c1 == 111) or (base == 2 and c1 == 98)):
        i += 2
        if char_at(p, n, i) == 95:
            i += 1  # one underscore may follow the prefix
    if char_at(p, n, i) == 95:
        int_literal_error(text, is_str, given_base)
    start = i
    digits = 0
    prev = 0
    acc = 0  # minus the value so far: int64's minimum fits
    overflow = False
    limit = (INT64_MIN + base - 1) // base  # ceil(INT64_MIN / base)
    while True:
        c = char_at(p, n, i)
        if c == 95:
            if prev == 95:
                int_literal_error(text, is_str, given_base)
        else:
            d = digit_value(c)
            if d >= base:
                break
            digits += 1
            if not overflow:
                if acc < limit or acc * base < INT64_MIN + d:
                    overflow = True
                else:
                    acc = acc * base - d
        prev = c
        i += 1
    if prev == 95:  # a trailing underscore
        int_literal_error(text, is_str, given_base)
    if base & (base - 1) != 0 and digits > MAX_STR_DIGITS:
        value_error(int_digits_message(digits))
    if (error_if_nonzero and (acc != 0 or overflow)) or i == start:
        int_literal_error(text, is_str, given_base)
    while i < n and is_space_byte(load_u8(p + i)):
        i += 1
    if i != n:
        int_literal_error(text, is_str, given_base)
    if overflow:
        overflow_error(INT64_OVERFLOW)
    if negative:
        return acc
    if acc == INT64_MIN:
        overflow_error(INT64_OVERFLOW)
    return -acc


def int_from_str(s: int, base: int) -> int:
    """int(s, base) for a str: Unicode decimal digits and whitespace as CPython accepts them."""
    n = byte_len(s)
    d = s + DATA
    if is_ascii(s):
        return parse_int(d, n, base, s, True)
    # As _PyUnicode_TransformDecimalAndSpaceToASCII: one ASCII byte per code point.
    count = cp_len(s)
    buf = alloc(count, KIND_RAW) + 8
    i = 0
    k = 0
    while i < n:
        c = decode_cp(d + i)
        if c < 127:
            out = c
        elif is_space_cp(c):
            out = 32
        else:
            value = decimal_value(c)
            out = 63 if value < 0 else 48 + value  # '?' is never valid
        store_u8(buf + k, out)
        k += 1
        i += seq_len(load_u8(d + i))
    return parse_int(buf, count, base, s, True)


def int_from_bytes_text(b: int, base: int) -> int:
    """int(b, base) for bytes: ASCII digits and whitespace only."""
    return parse_int(b + DATA, byte_len(b), base, b, False)


def str_pad(s: int, fill: int, align: int, width: int) -> int:
    """format(s, f'{fill}{align}{width}') for align '<' (60), '>' (62) or '^' (94)."""
    n = cp_len(s)
    if width <= n:
        return s
    if fill < 0 or fill > MAX_CODE_POINT or 0xD800 <= fill <= 0xDFFF:
        value_error(BAD_FILL)
    pad = width - n
    if align == 60:
        left = 0
    elif align == 62:
        left = pad
    elif align == 94:
        left = pad // 2
    else:
        left = 0
        value_error("str_pad: align must be '<', '>' or '^'")  # the compiler passes one of those
    size = cp_utf8_len(fill)
    nbytes = byte_len(s)
    check_size(pad)
    check_size(pad * size)
    r = new_str(nbytes + pad * size, width)
    out = r + DATA
    for _ in range(left):
        out += encode_cp(out, fill)
    memory_copy(out, s + DATA, nbytes)
    out += nbytes
    for _ in range(pad - left):
        out += encode_cp(out, fill)
    return r


def str_pad_after_sign(s: int, fill: int, width: int) -> int:
    """``format(n, f'{fill}={width}')``: ``fill`` between the sign ('-', '+' or ' ', if any) and
    the digits, up to ``width`` characters (``s`` is ASCII number text)."""
    n = byte_len(s)
    if width <= n:
        return s
    if fill < 0 or fill > MAX_CODE_POINT or 0xD800 <= fill <= 0xDFFF:
        value_error(BAD_FILL)
    first = load_u8(s + DATA) if n > 0 else 0
    sign = 1 if first == 45 or first == 43 or first == 32 else 0
    pad = width - n
    check_size(pad * cp_utf8_len(fill))
    r = new_str(n + pad * cp_utf8_len(fill), width)
    memory_copy(r + DATA, s + DATA, sign)
    out = r + DATA + sign
    for _ in range(pad):
        out += encode_cp(out, fill)
    memory_copy(out, s + DATA + sign, n - sign)
    return r


def str_with_sign(s: int, sign: int) -> int:
    """``{n:+}`` / ``{n: }``: the sign character before number text that does not start with '-'."""
    n = byte_len(s)
    if n > 0 and load_u8(s + DATA) == 45:
        return s
    r = new_str(n + 1, cp_len(s) + 1)
    store_u8(r + DATA, sign)
    memory_copy(r + DATA + 1, s + DATA, n)
    return r
