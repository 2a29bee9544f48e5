"""str and bytes: the character-class predicates (isalnum, isalpha, isascii, isupper, islower,
istitle; str: isdecimal, isnumeric, isprintable, isidentifier) and the case mappings title,
capitalize, swapcase (str: casefold), with CPython 3.11's results.

Beyond ASCII a str's characters are classified by unicode_properties.PROPERTY_RANGES and mapped
by its TITLE/FOLD tables and str_case.py's lower/upper (with the Final_Sigma rule), all generated
from CPython's own str methods (gen_unicode.py). bytes methods see ASCII letters and digits only; other bytes are no
class and map to themselves.
"""
from abi.intrinsics import data_ptr, load_i64, load_u8, load_u32, store_u8, wrap_add
from compiler.runtime.reprs import is_printable
from compiler.runtime.str_case import (case_lookup, decimal_value, map_cp, mapped_cps, mapped_size, upper_cp,
                                       write_mapped)
from compiler.runtime.strings import DATA, HIGH_BITS, byte_len, decode_cp, new_text, seq_len
from compiler.runtime.unicode_properties import (FOLD_COUNT, FOLD_RANGES, FOLD_SPECIAL, PROPERTY_COUNT,
                                                 PROPERTY_RANGES, TITLE_COUNT, TITLE_RANGES, TITLE_SPECIAL)

# PROPERTY_RANGES bits (gen_unicode.py)
ALPHA = 1
NUMERIC = 2
LOWER = 4
UPPER = 8
TITLE = 16
CASED = 32
ID_START = 64
ID_CONTINUE = 128
# what the predicates ask of every character
ALNUM = ALPHA | NUMERIC
DECIMAL = 256  # not a table bit: strings.decimal_value
PRINTABLE = 512  # not a table bit: reprs.is_printable
# case mappings
MODE_TITLE = 0
MODE_CAPITALIZE = 1
MODE_SWAPCASE = 2
MODE_CASEFOLD = 3

mapped_chars = 0  # set by case_pass


def properties(c: int) -> int:
    """The PROPERTY_RANGES bits of code point ``c``."""
    if c < 128:
        if 97 <= c <= 122:
            return ALPHA | LOWER | CASED | ID_START | ID_CONTINUE
        if 65 <= c <= 90:
            return ALPHA | UPPER | CASED | ID_START | ID_CONTINUE
        if 48 <= c <= 57:
            return NUMERIC | ID_CONTINUE
        if c == 95:
            return ID_START | ID_CONTINUE
        return 0
    table = data_ptr(PROPERTY_RANGES)
    lo = 0
    hi = PROPERTY_COUNT
    while lo < hi:
        mid = (lo + hi) // 2
        if load_u32(table + mid * 4) >> 8 <= c:
            lo = mid + 1
        else:
            hi = mid
    return load_u32(table + (lo - 1) * 4) & 255


def char_at(d: int, i: int, is_str: bool) -> int:
    if is_str:
        return decode_cp(d + i)
    return load_u8(d + i)


def char_props(c: int, is_str: bool) -> int:
    """Properties of a character of a str, or of a byte of a bytes (ASCII only)."""
    if not is_str and c >= 128:
        return 0
    return properties(c)


def step(d: int, i: int, is_str: bool) -> int:
    if is_str:
        return i + seq_len(load_u8(d + i))
    return i + 1


# -- predicates --------------------------------------------------------------------
def has(c: int, mask: int, is_str: bool) -> bool:
    if mask == DECIMAL:
        return decimal_value(c) >= 0
    if mask == PRINTABLE:
        return is_printable(c)
    return char_props(c, is_str) & mask != 0


def all_have(s: int, mask: int, empty: bool, is_str: bool) -> bool:
    """Does every character have one of the ``mask`` properties (``empty``: the empty text's answer)?"""
    n = byte_len(s)
    d = s + DATA
    if n == 0:
        return empty
    i = 0
    while i < n:
        if not has(char_at(d, i, is_str), mask, is_str):
            return False
        i = step(d, i, is_str)
    return True


def cased_as(s: int, wanted: int, is_str: bool) -> bool:
    """isupper (``wanted`` UPPER) / islower (LOWER): no character of the other case or titlecase,
    and at least one of ``wanted``."""
    n = byte_len(s)
    d = s + DATA
    other = (UPPER | LOWER | TITLE) & ~wanted
    cased = False
    i = 0
    while i < n:
        p = char_props(char_at(d, i, is_str), is_str)
        if p & other != 0:
            return False
        if p & wanted != 0:
            cased = True
        i = step(d, i, is_str)
    return cased


def istitle_impl(s: int, is_str: bool) -> bool:
    n = byte_len(s)
    d = s + DATA
    cased = False
    previous_is_cased = False
    i = 0
    while i < n:
        p = char_props(char_at(d, i, is_str), is_str)
        if p & (UPPER | TITLE) != 0:
            if previous_is_cased:
                return False
            previous_is_cased = True
            cased = True
        elif p & LOWER != 0:
            if not previous_is_cased:
                return False
            cased = True
        else:
            previous_is_cased = False
        i = step(d, i, is_str)
    return cased


def str_isalnum(s: int) -> bool:
    return all_have(s, ALNUM, False, True)


def str_isalpha(s: int) -> bool:
    return all_have(s, ALPHA, False, True)


def str_isdecimal(s: int) -> bool:
    return all_have(s, DECIMAL, False, True)


def str_isnumeric(s: int) -> bool:
    return all_have(s, NUMERIC, False, True)


def str_isprintable(s: int) -> bool:
    return all_have(s, PRINTABLE, True, True)


def str_isascii(s: int) -> bool:
    return byte_len(s) == load_u32(s + 12)


def str_isupper(s: int) -> bool:
    return cased_as(s, UPPER, True)


def str_islower(s: int) -> bool:
    return cased_as(s, LOWER, True)


def str_istitle(s: int) -> bool:
    return istitle_impl(s, True)


def str_isidentifier(s: int) -> bool:
    n = byte_len(s)
    d = s + DATA
    if n == 0 or properties(decode_cp(d)) & ID_START == 0:
        return False
    i = step(d, 0, True)
    while i < n:
        if properties(decode_cp(d + i)) & ID_CONTINUE == 0:
            return False
        i = step(d, i, True)
    return True


def bytes_isalnum(s: int) -> bool:
    return all_have(s, ALNUM, False, False)


def bytes_isalpha(s: int) -> bool:
    return all_have(s, ALPHA, False, False)


def bytes_isascii(s: int) -> bool:
    n = byte_len(s)
    return ascii_run(s + DATA, n) == n


def ascii_run(p: int, n: int) -> int:
    """How many of the ``n`` bytes at ``p`` are ASCII before the first that is not: 8 bytes a
    step (headers and other wire text are nearly always ASCII)."""
    words = n >> 3
    i = 0
    while i < words and load_i64(wrap_add(p, i << 3)) & HIGH_BITS == 0:
        i += 1
    j = i << 3
    while j < n and load_u8(wrap_add(p, j)) < 0x80:
        j += 1
    return j


def bytes_isupper(s: int) -> bool:
    return cased_as(s, UPPER, False)


def bytes_islower(s: int) -> bool:
    return cased_as(s, LOWER, False)


def bytes_istitle(s: int) -> bool:
    return istitle_impl(s, False)


# -- case mappings -------------------------------------------------------------------
def title_cp(c: int) -> int:
    """CPython's full title mapping of one code point: a code point or -address of a special."""
    if c < 128:
        if 97 <= c <= 122:
            return c - 32
        return c
    return case_lookup(data_ptr(TITLE_RANGES), TITLE_COUNT, data_ptr(TITLE_SPECIAL), c)


def fold_cp(c: int) -> int:
    if c < 128:
        if 65 <= c <= 90:
            return c + 32
        return c
    return case_lookup(data_ptr(FOLD_RANGES), FOLD_COUNT, data_ptr(FOLD_SPECIAL), c)


def map_at(d: int, n: int, i: int, c: int, mode: int, previous_is_cased: bool) -> int:
    """The mapping of character ``c`` at byte ``i`` of a str: a code point or -address of a special."""
    if mode == MODE_TITLE:
        if previous_is_cased:
            return map_cp(d, n, i, c, False)  # lower, with Final_Sigma
        return title_cp(c)
    if mode == MODE_CAPITALIZE:
        if i > 0:
            return map_cp(d, n, i, c, False)
        return title_cp(c)
    if mode == MODE_SWAPCASE:
        p = properties(c)
        if p & UPPER != 0:
            return map_cp(d, n, i, c, False)
        if p & LOWER != 0:
            return upper_cp(c)
        return c
    return fold_cp(c)


def case_pass(s: int, mode: int, is_str: bool, out: int) -> int:
    """One pass of title/capitalize/swapcase/casefold: with ``out`` 0 it only counts (the bytes
    returned, the characters in ``mapped_chars``), else it writes the result at ``out``. A byte
    of a bytes beyond ASCII maps to itself (and is no case)."""
    global mapped_chars
    n = byte_len(s)
    d = s + DATA
    total = 0
    previous_is_cased = False
    i = 0
    while i < n:
        c = char_at(d, i, is_str)
        m = c
        if is_str or c < 128:
            m = map_at(d, n, i, c, mode, previous_is_cased)
        previous_is_cased = char_props(c, is_str) & CASED != 0
        if not is_str:
            if out != 0:
                store_u8(out + total, m)
            total += 1
        elif out != 0:
            total += write_mapped(out + total, m)
        else:
            total += mapped_size(m)
            mapped_chars += mapped_cps(m)
        i = step(d, i, is_str)
    return total


def change_case(s: int, mode: int, is_str: bool) -> int:
    global mapped_chars
    mapped_chars = 0
    r = new_text(case_pass(s, mode, is_str, 0), mapped_chars, is_str)
    case_pass(s, mode, is_str, r + DATA)
    return r


def str_title(s: int) -> int:
    return change_case(s, MODE_TITLE, True)


def str_capitalize(s: int) -> int:
    return change_case(s, MODE_CAPITALIZE, True)


def str_swapcase(s: int) -> int:
    return change_case(s, MODE_SWAPCASE, True)


def str_casefold(s: int) -> int:
    return change_case(s, MODE_CASEFOLD, True)


def bytes_title(s: int) -> int:
    return change_case(s, MODE_TITLE, False)


def bytes_capitalize(s: int) -> int:
    return change_case(s, MODE_CAPITALIZE, False)


def bytes_swapcase(s: int) -> int:
    return change_case(s, MODE_SWAPCASE, False)
