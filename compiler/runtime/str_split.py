"""str and bytes: split (on whitespace or a separator), strip, replace and join, with CPython's
results. The rarer splits (rsplit, partition, splitlines) are text_split.py's.
"""
from abi.intrinsics import load_u32, load_u8, memory_copy
from compiler.runtime.lists import list_append, list_len, list_new, slot_address
from compiler.runtime.memory import KIND_POINTERS
from compiler.runtime.reprs import value_error
from compiler.runtime.str_case import is_space_byte, is_space_cp
from compiler.runtime.str_find import scan_bytes
from compiler.runtime.strings import (DATA, INT64_MAX, byte_len, cp_len, decode_cp, new_text, prev_pos, same_bytes,
                                      seq_len, text_from_span, text_len)


# -- split, strip ------------------------------------------------------------------
def space_at(d: int, i: int, is_str: bool) -> bool:
    """Is the character at byte ``i`` of text ``d`` whitespace (str.isspace / ASCII for bytes)?"""
    b = load_u8(d + i)
    if b < 128 or not is_str:
        if is_str:
            return is_space_cp(b)
        return is_space_byte(b)
    return is_space_cp(decode_cp(d + i))


def char_size(d: int, i: int, is_str: bool) -> int:
    if is_str:
        return seq_len(load_u8(d + i))
    return 1


def split_impl(s: int, sep: int, maxsplit: int, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    if maxsplit < 0:
        maxsplit = INT64_MAX
    result = list_new(0, KIND_POINTERS)
    if sep == 0:  # runs of whitespace (CPython's split_whitespace)
        i = 0
        while maxsplit > 0:
            maxsplit -= 1
            while i < n and space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            if i == n:
                break
            j = i
            i += char_size(d, i, is_str)
            while i < n and not space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            list_append(result, text_from_span(d + j, i - j, is_str))
        if i < n:
            while i < n and space_at(d, i, is_str):
                i += char_size(d, i, is_str)
            if i != n:
                list_append(result, text_from_span(d + i, n - i, is_str))
        return result
    m = byte_len(sep)
    if m == 0:
        value_error("empty separator")
    i = 0
    while maxsplit > 0:
        maxsplit -= 1
        pos = scan_bytes(d, i, n, sep + DATA, m)
        if pos < 0:
            break
        list_append(result, text_from_span(d + i, pos - i, is_str))
        i = pos + m
    list_append(result, text_from_span(d + i, n - i, is_str))
    return result


def str_split(s: int, sep: int, maxsplit: int) -> int:
    return split_impl(s, sep, maxsplit, True)


def bytes_split(s: int, sep: int, maxsplit: int) -> int:
    return split_impl(s, sep, maxsplit, False)


def in_chars(chars: int, d: int, i: int, is_str: bool) -> bool:
    """Is the character at byte ``i`` of ``d`` one of ``chars`` (0: whitespace)?"""
    if chars == 0:
        return space_at(d, i, is_str)
    size = char_size(d, i, is_str)
    cd = chars + DATA
    m = byte_len(chars)
    j = 0
    while j < m:  # chars is valid UTF-8 too: compare whole sequences
        step = char_size(cd, j, is_str)
        if step == size and same_bytes(cd + j, d + i, size):
            return True
        j += step
    return False


def strip_impl(s: int, chars: int, left: bool, right: bool, is_str: bool) -> int:
    n = byte_len(s)
    d = s + DATA
    i = 0
    if left:
        while i < n and in_chars(chars, d, i, is_str):
            i += char_size(d, i, is_str)
    j = n
    if right:
        while j > i:
            k = prev_pos(d + j) - d if is_str else j - 1
            if not in_chars(chars, d, k, is_str):
                break
            j = k
    if i == 0 and j == n and is_str:
        return s
    return text_from_span(d + i, j - i, is_str)


def str_strip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, True, True)


def str_lstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, False, True)


def str_rstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, False, True, True)


def bytes_strip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, True, False)


def bytes_lstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, True, False, False)


def bytes_rstrip(s: int, chars: int) -> int:
    return strip_impl(s, chars, False, True, False)


# -- replace, join -----------------------------------------------------------------
def replace_impl(s: int, old: int, new: int, count: int, is_str: bool) -> int:
    n = byte_len(s)
    m = byte_len(old)
    k = byte_len(new)
    d = s + DATA
    if text_len(s, is_str) < text_len(old, is_str):
        return s
    if count < 0:
        count = INT64_MAX
    elif count == 0:
        return s
    if m == 0:  # insert ``new`` before each character and at the end, ``count`` times
        times = min(text_len(s, is_str) + 1, count)
        r = new_text(n + times * k, cp_len(s) + times * cp_len(new), is_str)
        out = r + DATA
        i = 0
        while times > 0:
            memory_copy(out, new + DATA, k)
            out += k
            times -= 1
            if times <= 0:
                break
            size = char_size(d, i, is_str)
            memory_copy(out, d + i, size)
            out += size
            i += size
        memory_copy(out, d + i, n - i)
        return r
    found = 0
    pos = scan_bytes(d, 0, n, old + DATA, m)
    while pos >= 0 and found < count:
        found += 1
        pos = scan_bytes(d, pos + m, n, old + DATA, m)
    if found == 0:
        return s
    r = new_text(n + found * (k - m), cp_len(s) + found * (cp_len(new) - cp_len(old)), is_str)
    out = r + DATA
    i = 0
    for _ in range(found):
        pos = scan_bytes(d, i, n, old + DATA, m)
        memory_copy(out, d + i, pos - i)
        out += pos - i
        memory_copy(out, new + DATA, k)
        out += k
        i = pos + m
    memory_copy(out, d + i, n - i)
    return r


def str_replace(s: int, old: int, new: int, count: int) -> int:
    return replace_impl(s, old, new, count, True)


def bytes_replace(s: int, old: int, new: int, count: int) -> int:
    return replace_impl(s, old, new, count, False)


def join_impl(sep: int, lst: int, is_str: bool) -> int:
    count = list_len(lst)
    if count == 0:
        return new_text(0, 0, is_str)
    if count == 1:
        return load_u32(slot_address(lst, 0))
    nsep = byte_len(sep)
    total = nsep * (count - 1)
    ncps = cp_len(sep) * (count - 1)
    for i in range(count):
        item = load_u32(slot_address(lst, i))
        total += byte_len(item)
        ncps += cp_len(item)
    r = new_text(total, ncps, is_str)
    out = r + DATA
    for i in range(count):
        if i > 0:
            memory_copy(out, sep + DATA, nsep)
            out += nsep
        item = load_u32(slot_address(lst, i))
        size = byte_len(item)
        memory_copy(out, item + DATA, size)
        out += size
    return r


def str_join(sep: int, lst: int) -> int:
    return join_impl(sep, lst, True)


def bytes_join(sep: int, lst: int) -> int:
    return join_impl(sep, lst, False)
