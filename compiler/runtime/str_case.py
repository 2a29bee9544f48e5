"""str and bytes: the Unicode character classes (digits, decimals, whitespace) and case mappings
read from unicode_tables.py, and the methods built on them: lower, upper, isdigit, isspace.

str maps through the generated tables (with the Final_Sigma rule); bytes sees ASCII only.
"""
from abi.intrinsics import data_ptr, load_u32, load_u8, memory_copy, store_u8
from compiler.runtime.strings import (DATA, byte_len, cp_utf8_len, decode_cp, encode_cp, is_ascii, new_bytes, new_str,
                                      prev_pos, seq_len)
from compiler.runtime.unicode_tables import (CTYPE_COUNT, CTYPE_RANGES, LOWER_COUNT, LOWER_RANGES, LOWER_SPECIAL,
                                             SIGMA_RUNS, UPPER_COUNT, UPPER_RANGES, UPPER_SPECIAL)

CAPITAL_SIGMA = 0x3A3

# Classes in unicode_tables.CTYPE_RANGES and SIGMA_RUNS.
CTYPE_DIGIT = 1
CTYPE_DECIMAL = 2
CTYPE_SPACE = 3
SIGMA_CASED = 1
SIGMA_IGNORABLE = 2


# -- Unicode tables ----------------------------------------------------------------
def ctype_class(c: int) -> int:
    """0, CTYPE_DIGIT, CTYPE_DECIMAL or CTYPE_SPACE for code point ``c``."""
    return ctype_entry(c) & 3


def ctype_entry(c: int) -> int:
    """The CTYPE_RANGES entry (start << 2 | class) whose run holds ``c``."""
    table = data_ptr(CTYPE_RANGES)
    lo = 0
    hi = CTYPE_COUNT
    while lo < hi:
        mid = (lo + hi) // 2
        e = table + mid * 3
        if (load_u8(e) | load_u8(e + 1) << 8 | load_u8(e + 2) << 16) >> 2 <= c:
            lo = mid + 1
        else:
            hi = mid
    e = table + (lo - 1) * 3
    return load_u8(e) | load_u8(e + 1) << 8 | load_u8(e + 2) << 16


def decimal_value(c: int) -> int:
    """The value of a Unicode decimal digit, or -1."""
    if c < 128:
        if 48 <= c <= 57:
            return c - 48
        return -1
    entry = ctype_entry(c)
    if entry & 3 != CTYPE_DECIMAL:
        return -1
    return (c - (entry >> 2)) % 10


def is_space_cp(c: int) -> bool:
    """CPython's str.isspace for one code point."""
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return ctype_class(c) == CTYPE_SPACE


def is_digit_cp(c: int) -> bool:
    """CPython's str.isdigit for one code point."""
    if c < 128:
        return 48 <= c <= 57
    return ctype_class(c) != 0 and ctype_class(c) != CTYPE_SPACE


def is_space_byte(b: int) -> bool:
    """ASCII whitespace as bytes methods see it: b' \\t\\n\\r\\x0b\\x0c'."""
    return b == 32 or 9 <= b <= 13


def case_lookup(table: int, count: int, special: int, c: int) -> int:
    """Map ``c`` through a LOWER/UPPER table: the code point, or -address of a special mapping."""
    lo = 0
    hi = count
    while lo < hi:
        mid = (lo + hi) // 2
        if load_u32(table + mid * 6) & 0x1FFFFF <= c:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return c
    e = table + (lo - 1) * 6
    v = load_u32(e) | load_u8(e + 4) << 32 | load_u8(e + 5) << 40
    offset = c - (v & 0x1FFFFF)
    if v >> 28 & 1 != 0:
        if offset % 2 != 0:
            return c
        offset = offset // 2
    if offset > (v >> 21 & 127):
        return c
    field = v >> 30
    if v >> 29 & 1 == 0:
        return c + field - 131072
    p = special + field
    for _ in range(offset):
        p += 1 + (load_u8(p) & 15)
    return -p


def lower_cp(c: int) -> int:
    """str.lower of one code point (no Final_Sigma): a code point or -address of a special."""
    if c < 128:
        if 65 <= c <= 90:
            return c + 32
        return c
    return case_lookup(data_ptr(LOWER_RANGES), LOWER_COUNT, data_ptr(LOWER_SPECIAL), c)


def upper_cp(c: int) -> int:
    """str.upper of one code point: a code point or -address of a special mapping."""
    if c < 128:
        if 97 <= c <= 122:
            return c - 32
        return c
    return case_lookup(data_ptr(UPPER_RANGES), UPPER_COUNT, data_ptr(UPPER_SPECIAL), c)


def sigma_class(c: int) -> int:
    """0, SIGMA_CASED or SIGMA_IGNORABLE (linear scan of SIGMA_RUNS)."""
    p = data_ptr(SIGMA_RUNS)
    end = p + len(SIGMA_RUNS)
    start = 0
    current = 0
    while p < end:
        b = load_u8(p)
        p += 1
        klass = b & 3
        delta = b >> 2 & 31
        shift = 5
        while b & 128 != 0:
            b = load_u8(p)
            p += 1
            delta = delta | (b & 127) << shift
            shift += 7
        start += delta
        if start > c:
            return current
        current = klass
    return current


def final_sigma(d: int, nbytes: int, pos: int) -> bool:
    """Is the capital sigma at byte ``pos`` of text ``d`` final (CPython's handle_capital_sigma)?"""
    j = pos
    k = 0
    while j > 0:
        j = prev_pos(d + j) - d
        k = sigma_class(decode_cp(d + j))
        if k != SIGMA_IGNORABLE:
            break
    if k != SIGMA_CASED:
        return False
    j = pos + 2
    while j < nbytes:
        k = sigma_class(decode_cp(d + j))
        if k != SIGMA_IGNORABLE:
            return k != SIGMA_CASED
        j += seq_len(load_u8(d + j))
    return True


# -- case and character classes ----------------------------------------------------
def mapped_size(m: int) -> int:
    """UTF-8 bytes of a case_lookup result."""
    if m >= 0:
        return cp_utf8_len(m)
    return load_u8(-m) & 15


def mapped_cps(m: int) -> int:
    if m >= 0:
        return 1
    return load_u8(-m) >> 4


def write_mapped(dst: int, m: int) -> int:
    if m >= 0:
        return encode_cp(dst, m)
    size = load_u8(-m) & 15
    memory_copy(dst, -m + 1, size)
    return size


def map_cp(d: int, n: int, i: int, c: int, upper: bool) -> int:
    if upper:
        return upper_cp(c)
    if c == CAPITAL_SIGMA:
        if final_sigma(d, n, i):
            return 0x3C2
        return 0x3C3
    return lower_cp(c)


def change_case(s: int, upper: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    if is_ascii(s):
        r = new_str(n, n)
        for i in range(n):
            c = load_u8(d + i)
            if upper and 97 <= c <= 122:
                c -= 32
            elif not upper and 65 <= c <= 90:
                c += 32
            store_u8(r + DATA + i, c)
        return r
    total = 0
    ncps = 0
    i = 0
    while i < n:  # pass 1: size
        m = map_cp(d, n, i, decode_cp(d + i), upper)
        total += mapped_size(m)
        ncps += mapped_cps(m)
        i += seq_len(load_u8(d + i))
    r = new_str(total, ncps)
    out = r + DATA
    i = 0
    while i < n:  # pass 2: write
        out += write_mapped(out, map_cp(d, n, i, decode_cp(d + i), upper))
        i += seq_len(load_u8(d + i))
    return r


def str_lower(s: int) -> int:
    return change_case(s, False)


def str_upper(s: int) -> int:
    return change_case(s, True)


def ascii_change_case(s: int, upper: bool) -> int:
    n = byte_len(s)
    r = new_bytes(n)
    for i in range(n):
        c = load_u8(s + DATA + i)
        if upper and 97 <= c <= 122:
            c -= 32
        elif not upper and 65 <= c <= 90:
            c += 32
        store_u8(r + DATA + i, c)
    return r


def bytes_lower(s: int) -> int:
    return ascii_change_case(s, False)


def bytes_upper(s: int) -> int:
    return ascii_change_case(s, True)


def all_cps(s: int, digits: bool) -> bool:
    """str.isdigit (``digits``) or str.isspace: a non-empty str whose every code point is one."""
    n = byte_len(s)
    d = s + DATA
    if n == 0:
        return False
    i = 0
    while i < n:
        c = decode_cp(d + i)
        if not (is_digit_cp(c) if digits else is_space_cp(c)):
            return False
        i += seq_len(load_u8(d + i))
    return True


def str_isdigit(s: int) -> bool:
    return all_cps(s, True)


def str_isspace(s: int) -> bool:
    return all_cps(s, False)


def bytes_isspace(s: int) -> bool:
    n = byte_len(s)
    if n == 0:
        return False
    for i in range(n):
        if not is_space_byte(load_u8(s + DATA + i)):
            return False
    return True


def bytes_isdigit(s: int) -> bool:
    n = byte_len(s)
    if n == 0:
        return False
    for i in range(n):
        c = load_u8(s + DATA + i)
        if c < 48 or c > 57:
            return False
    return True
