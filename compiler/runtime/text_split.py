"""str and bytes: partition, rpartition, rsplit, splitlines, count, removeprefix/removesuffix,
and startswith/endswith with bounds or a tuple, with CPython 3.11's results.

Layouts and helpers are strings.py's; indices of str count code points, of bytes bytes.
"""
from abi.intrinsics import load_i64, load_u8, store_i64
from compiler.runtime.lists import list_append, list_new, list_reverse
from compiler.runtime.memory import KIND_POINTERS, alloc
from compiler.runtime.reprs import value_error
from compiler.runtime.str_find import find_bytes, rfind_bytes
from compiler.runtime.str_split import char_size, space_at
from compiler.runtime.strings import (DATA, FLAG_START, FLAG_STOP, byte_len, count_cps, decode_cp, offset_of, prev_pos,
                                      same_bytes, text_from_span, text_len)

# set by adjust_bounds: the bounds as byte offsets of the text
lo_offset = 0
hi_offset = 0


# -- partition ---------------------------------------------------------------------
def triple(a: int, b: int, c: int, kind: int) -> int:
    """A tuple record of three slots (``kind``: the record kind word from the compiler)."""
    t = alloc(24, kind)
    store_i64(t + 8, a)
    store_i64(t + 16, b)
    store_i64(t + 24, c)
    return t


def partition_impl(s: int, sep: int, kind: int, reverse: bool, is_str: bool) -> int:
    n = byte_len(s)
    m = byte_len(sep)
    if m == 0:
        value_error("empty separator")
    d = s + DATA
    if reverse:
        pos = rfind_bytes(d, 0, n, sep + DATA, m)
    else:
        pos = find_bytes(d, 0, n, sep + DATA, m)
    empty = text_from_span(d, 0, is_str)
    if pos < 0:
        if reverse:
            return triple(empty, empty, s, kind)
        return triple(s, empty, empty, kind)
    return triple(text_from_span(d, pos, is_str), sep, text_from_span(d + pos + m, n - pos - m, is_str), kind)


def str_partition(s: int, sep: int, kind: int) -> int:
    return partition_impl(s, sep, kind, False, True)


def str_rpartition(s: int, sep: int, kind: int) -> int:
    return partition_impl(s, sep, kind, True, True)


def bytes_partition(s: int, sep: int, kind: int) -> int:
    return partition_impl(s, sep, kind, False, False)


def bytes_rpartition(s: int, sep: int, kind: int) -> int:
    return partition_impl(s, sep, kind, True, False)


# -- rsplit ------------------------------------------------------------------------
def before(d: int, e: int, is_str: bool) -> int:
    """Byte offset of the character that ends at offset ``e`` (> 0)."""
    if is_str:
        return prev_pos(d + e) - d
    return e - 1


def rsplit_whitespace(d: int, n: int, maxsplit: int, is_str: bool, result: int) -> None:
    """CPython's rsplit_whitespace, on byte offsets: ``e`` is the end of the unread text."""
    e = n
    while maxsplit > 0:
        maxsplit -= 1
        while e > 0 and space_at(d, before(d, e, is_str), is_str):
            e = before(d, e, is_str)
        if e == 0:
            return
        j = e
        e = before(d, e, is_str)
        while e > 0 and not space_at(d, before(d, e, is_str), is_str):
            e = before(d, e, is_str)
        list_append(result, text_from_span(d + e, j - e, is_str))
    while e > 0 and space_at(d, before(d, e, is_str), is_str):
        e = before(d, e, is_str)
    if e > 0:
        list_append(result, text_from_span(d, e, is_str))


def rsplit_impl(s: int, sep: int, maxsplit: int, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    if maxsplit < 0:
        maxsplit = n + 1  # more than any text can be split
    result = list_new(0, KIND_POINTERS)
    if sep == 0:
        rsplit_whitespace(d, n, maxsplit, is_str, result)
    else:
        m = byte_len(sep)
        if m == 0:
            value_error("empty separator")
        j = n
        while maxsplit > 0:
            maxsplit -= 1
            pos = rfind_bytes(d, 0, j, sep + DATA, m)
            if pos < 0:
                break
            list_append(result, text_from_span(d + pos + m, j - pos - m, is_str))
            j = pos
        list_append(result, text_from_span(d, j, is_str))
    list_reverse(result)
    return result


def str_rsplit(s: int, sep: int, maxsplit: int) -> int:
    return rsplit_impl(s, sep, maxsplit, True)


def bytes_rsplit(s: int, sep: int, maxsplit: int) -> int:
    return rsplit_impl(s, sep, maxsplit, False)


# -- splitlines --------------------------------------------------------------------
def line_break_size(d: int, i: int, n: int, is_str: bool) -> int:
    """Bytes of the line break at offset ``i`` < ``n`` (0: none). str: CPython's
    Py_UNICODE_ISLINEBREAK, bytes: \\n and \\r only. A \\r\\n is one break of 2 bytes."""
    b = load_u8(d + i)
    if b == 10:
        return 1
    if b == 13:
        if i + 1 < n and load_u8(d + i + 1) == 10:
            return 2
        return 1
    if not is_str:
        return 0
    if b == 11 or b == 12 or 28 <= b <= 30:
        return 1
    if b < 0x80:
        return 0
    c = decode_cp(d + i)
    if c == 0x85:
        return 2
    if c == 0x2028 or c == 0x2029:
        return 3
    return 0


def splitlines_impl(s: int, keepends: bool, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    result = list_new(0, KIND_POINTERS)
    i = 0
    while i < n:
        j = i
        size = 0
        while i < n:
            size = line_break_size(d, i, n, is_str)
            if size != 0:
                break
            i += char_size(d, i, is_str)
        end = i + size if keepends else i
        list_append(result, text_from_span(d + j, end - j, is_str))
        i += size
    return result


def str_splitlines(s: int, keepends: bool) -> int:
    return splitlines_impl(s, keepends, True)


def bytes_splitlines(s: int, keepends: bool) -> int:
    return splitlines_impl(s, keepends, False)


# -- bounds, count, tails ----------------------------------------------------------
def adjust_bounds(s: int, start: int, end: int, flags: int, m: int, is_str: bool) -> bool:
    """CPython's ADJUST_INDICES, then: does a text of ``m`` characters fit between the bounds?
    If it does, sets lo_offset/hi_offset (byte offsets of the bounds)."""
    global lo_offset, hi_offset
    n = text_len(s, is_str)
    if flags & FLAG_START == 0:
        start = 0
    if flags & FLAG_STOP == 0:
        end = n
    if end > n:
        end = n
    elif end < 0:
        end = max(end + n, 0)
    if start < 0:
        start = max(start + n, 0)
    if end - start < m:
        return False
    lo_offset = offset_of(s, start, is_str)
    hi_offset = offset_of(s, end, is_str)
    return True


def count_impl(s: int, sub: int, start: int, end: int, flags: int, is_str: bool) -> int:
    if not adjust_bounds(s, start, end, flags, text_len(sub, is_str), is_str):
        return 0
    lo = lo_offset
    hi = hi_offset
    m = byte_len(sub)
    d = s + DATA
    if m == 0:
        if is_str:
            return count_cps(d + lo, hi - lo) + 1
        return hi - lo + 1
    count = 0
    pos = find_bytes(d, lo, hi, sub + DATA, m)
    while pos >= 0:
        count += 1
        pos = find_bytes(d, pos + m, hi, sub + DATA, m)
    return count


def str_count(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return count_impl(s, sub, start, end, flags, True)


def bytes_count(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return count_impl(s, sub, start, end, flags, False)


def tail_match(s: int, sub: int, start: int, end: int, flags: int, at_end: bool, is_str: bool) -> bool:
    """CPython's tailmatch: ``sub`` at the start (or end) of s[start:end]."""
    if not adjust_bounds(s, start, end, flags, text_len(sub, is_str), is_str):
        return False
    m = byte_len(sub)
    if lo_offset + m > hi_offset:  # fewer bytes than sub's: the characters cannot be equal
        return False
    if at_end:
        return same_bytes(s + DATA + hi_offset - m, sub + DATA, m)
    return same_bytes(s + DATA + lo_offset, sub + DATA, m)


def tails_impl(s: int, subs: int, count: int, start: int, end: int, flags: int, at_end: bool,
               is_str: bool) -> bool:
    """startswith/endswith: ``subs`` is one text (count < 0) or a tuple record of ``count`` texts."""
    if count < 0:
        return tail_match(s, subs, start, end, flags, at_end, is_str)
    for i in range(count):
        if tail_match(s, load_i64(subs + 8 + 8 * i), start, end, flags, at_end, is_str):
            return True
    return False


def str_startswith_in(s: int, subs: int, count: int, start: int, end: int, flags: int) -> bool:
    return tails_impl(s, subs, count, start, end, flags, False, True)


def str_endswith_in(s: int, subs: int, count: int, start: int, end: int, flags: int) -> bool:
    return tails_impl(s, subs, count, start, end, flags, True, True)


def bytes_startswith_in(s: int, subs: int, count: int, start: int, end: int, flags: int) -> bool:
    return tails_impl(s, subs, count, start, end, flags, False, False)


def bytes_endswith_in(s: int, subs: int, count: int, start: int, end: int, flags: int) -> bool:
    return tails_impl(s, subs, count, start, end, flags, True, False)


def remove_impl(s: int, affix: int, at_end: bool, is_str: bool) -> int:
    n = byte_len(s)
    m = byte_len(affix)
    if m == 0 or m > n:
        return s
    if at_end:
        if not same_bytes(s + DATA + n - m, affix + DATA, m):
            return s
        return text_from_span(s + DATA, n - m, is_str)
    if not same_bytes(s + DATA, affix + DATA, m):
        return s
    return text_from_span(s + DATA + m, n - m, is_str)


def str_removeprefix(s: int, prefix: int) -> int:
    return remove_impl(s, prefix, False, True)


def str_removesuffix(s: int, suffix: int) -> int:
    return remove_impl(s, suffix, True, True)


def bytes_removeprefix(s: int, prefix: int) -> int:
    return remove_impl(s, prefix, False, False)


def bytes_removesuffix(s: int, suffix: int) -> int:
    return remove_impl(s, suffix, True, False)
