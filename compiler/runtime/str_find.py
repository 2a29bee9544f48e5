"""str and bytes: searching (find, rfind, index, rindex, ``in``, startswith, endswith), with
CPython's results.

A valid UTF-8 needle can only match a str at character boundaries, so both types are searched
as bytes; only the bounds and the result of a str are converted between code points and bytes.
"""
from abi.intrinsics import load_i64, load_u8, wrap_add, wrap_mul, wrap_sub
from compiler.runtime.reprs import value_error
from compiler.runtime.strings import (DATA, FLAG_START, FLAG_STOP, HIGH_BITS, byte_len, count_cps, is_ascii, offset_of,
                                      same_bytes, text_len)

LOW_ONES = 0x0101010101010101     # 1 in each of 8 bytes
LONG_SEARCH = 32                  # bytes from which scan_bytes first skips 8 bytes a step


# -- searching ---------------------------------------------------------------------
def find_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """First offset in [lo, hi - m] where the ``m`` bytes at ``needle`` occur in ``h``, or -1.
    Callers keep 0 <= lo and hi within the text, so the address arithmetic wraps nothing."""
    if m == 0:
        return lo if lo <= hi else -1
    first = load_u8(needle)
    p = wrap_add(h, lo)
    last = wrap_add(h, wrap_sub(hi, m))  # lengths and offsets below 2**32: nothing wraps
    while p <= last:
        if load_u8(p) == first and same_bytes(wrap_add(p, 1), wrap_add(needle, 1), wrap_sub(m, 1)):
            return wrap_sub(p, h)
        p = wrap_add(p, 1)
    return -1


def scan_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """find_bytes for split, replace, count and ``in``, which often search a long text: 8 bytes a
    step first while none is the needle's first byte. find itself keeps the plain loop (a search
    that hits at once, as the rate limiter's, pays nothing for it)."""
    if m != 0 and wrap_sub(hi, lo) >= LONG_SEARCH:
        lo = wrap_sub(skip_words_without(wrap_add(h, lo), wrap_add(h, hi), load_u8(needle)), h)
    return find_bytes(h, lo, hi, needle, m)


def skip_words_without(p: int, stop: int, byte: int) -> int:
    """The first address from ``p`` where 8 bytes (all before ``stop``) may hold ``byte``: skips
    8 bytes a step while none is ``byte`` (one i64 load, the zero-byte test)."""
    spread = wrap_mul(byte, LOW_ONES)  # ``byte`` in each of 8 bytes
    while wrap_add(p, 8) <= stop:
        x = load_i64(p) ^ spread  # a zero byte where ``byte`` is
        if wrap_sub(x, LOW_ONES) & ~x & HIGH_BITS != 0:
            return p
        p = wrap_add(p, 8)
    return p


def rfind_bytes(h: int, lo: int, hi: int, needle: int, m: int) -> int:
    """Last offset in [lo, hi - m] where the needle occurs, or -1."""
    if m == 0:
        return hi if lo <= hi else -1
    first = load_u8(needle)
    p = wrap_add(h, hi - m)
    start = wrap_add(h, lo)
    while p >= start:
        if load_u8(p) == first and same_bytes(wrap_add(p, 1), wrap_add(needle, 1), m - 1):
            return p - h
        p = wrap_add(p, -1)
    return -1


def str_contains(hay: int, needle: int) -> bool:
    return scan_bytes(hay + DATA, 0, byte_len(hay), needle + DATA, byte_len(needle)) >= 0


def bytes_contains_byte(hay: int, value: int) -> bool:
    if value < 0 or value > 255:
        value_error("byte must be in range(0, 256)")
    n = byte_len(hay)
    for i in range(n):
        if load_u8(hay + DATA + i) == value:
            return True
    return False


def find_impl(s: int, sub: int, start: int, end: int, flags: int, reverse: bool, is_str: bool) -> int:
    """str.find / rfind (bytes too) with optional start/end; the index or -1."""
    n = text_len(s, is_str)
    m = text_len(sub, is_str)
    if flags & FLAG_START == 0:
        start = 0
    if flags & FLAG_STOP == 0:
        end = n
    if end > n:  # ADJUST_INDICES
        end = n
    elif end < 0:
        end = max(end + n, 0)
    if start < 0:
        start = max(start + n, 0)
    if wrap_sub(end, start) < m:  # 0 <= end <= n and start >= 0 by now: no overflow
        return -1
    if m == 0:
        return end if reverse else start
    lo = offset_of(s, start, is_str)
    hi = offset_of(s, end, is_str)
    if reverse:
        pos = rfind_bytes(s + DATA, lo, hi, sub + DATA, byte_len(sub))
    else:
        pos = find_bytes(s + DATA, lo, hi, sub + DATA, byte_len(sub))
    if pos < 0:
        return -1
    if not is_str or is_ascii(s):
        return pos
    return start + count_cps(s + DATA + lo, pos - lo)


def index_impl(s: int, sub: int, start: int, end: int, flags: int, reverse: bool, is_str: bool) -> int:
    r = find_impl(s, sub, start, end, flags, reverse, is_str)
    if r < 0:
        value_error("substring not found" if is_str else "subsection not found")
    return r


def str_find(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, False, True)


def str_rfind(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, True, True)


def str_index(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, False, True)


def str_rindex(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, True, True)


def bytes_find(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, False, False)


def bytes_rfind(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return find_impl(s, sub, start, end, flags, True, False)


def bytes_index(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, False, False)


def bytes_rindex(s: int, sub: int, start: int, end: int, flags: int) -> int:
    return index_impl(s, sub, start, end, flags, True, False)


def str_startswith(s: int, prefix: int) -> bool:
    m = byte_len(prefix)
    return m <= byte_len(s) and same_bytes(s + DATA, prefix + DATA, m)


def str_endswith(s: int, suffix: int) -> bool:
    n = byte_len(s)
    m = byte_len(suffix)
    return m <= n and same_bytes(s + DATA + n - m, suffix + DATA, m)


def bytes_startswith(s: int, prefix: int) -> bool:
    return str_startswith(s, prefix)  # same layout: the comparison is on bytes either way


def bytes_endswith(s: int, suffix: int) -> bool:
    return str_endswith(s, suffix)
