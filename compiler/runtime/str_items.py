"""str and bytes: the items of a text: s[i], s[start:stop:step], ord, chr and list(s), with
CPython's results and messages (indices of str count code points, of bytes bytes).

Functions returning several values set module globals (``slice_start``).
"""
from abi.intrinsics import load_u32, load_u8, lt_u, memory_copy, store_u8, wrap_add
from compiler.runtime.lists import list_append, list_new
from compiler.runtime.memory import KIND_POINTERS
from compiler.runtime.reprs import index_error, ord_message, overflow_error, type_error, value_error
from compiler.runtime.strings import (BYTE_LEN, CP_LEN, DATA, FLAG_START, FLAG_STOP, INT64_MAX, INT64_MIN,
                                      MAX_CODE_POINT, advance, cp_len, cp_utf8_len, decode_cp, encode_cp, is_ascii,
                                      new_str, new_text, offset_of, seq_len, text_len)

slice_start = 0                   # set by adjust_slice


# -- indexing and slicing ----------------------------------------------------------
def str_getitem(s: int, i: int) -> int:
    n = cp_len(s)
    if i < 0:
        i += n
    if i < 0 or i >= n:
        index_error("string index out of range")
    p = s + DATA + offset_of(s, i, True)
    size = seq_len(load_u8(p))
    r = new_str(size, 1)
    memory_copy(r + DATA, p, size)
    return r


def bytes_getitem(s: int, i: int) -> int:
    n = load_u32(s + BYTE_LEN)
    if lt_u(i, n):  # 0 <= i < n
        return load_u8(wrap_add(s, i) + DATA)
    if i < 0:
        i = wrap_add(i, n)  # negative plus a u32: no overflow
        if lt_u(i, n):
            return load_u8(wrap_add(s, i) + DATA)
    index_error("index out of range")
    return 0


def adjust_slice(length: int, start: int, stop: int, step: int, flags: int) -> int:
    """CPython's PySlice_Unpack + PySlice_AdjustIndices: the slice length; sets slice_start."""
    global slice_start
    if step == 0:
        value_error("slice step cannot be zero")
    if flags & FLAG_START == 0:
        start = INT64_MAX if step < 0 else 0
    if flags & FLAG_STOP == 0:
        stop = INT64_MIN if step < 0 else INT64_MAX
    if start < 0:
        start += length
        if start < 0:
            start = -1 if step < 0 else 0
    elif start >= length:
        start = length - 1 if step < 0 else length
    if stop < 0:
        stop += length
        if stop < 0:
            stop = -1 if step < 0 else 0
    elif stop >= length:
        stop = length - 1 if step < 0 else length
    slice_start = start
    if step < 0:
        if stop < start:
            return (start - stop - 1) // (-step) + 1
    elif start < stop:
        return (stop - start - 1) // step + 1
    return 0


def slice_impl(s: int, start: int, stop: int, step: int, flags: int, is_str: bool) -> int:
    if step < -INT64_MAX:
        step = -INT64_MAX  # as PySlice_Unpack, so that -step exists
    n = text_len(s, is_str)
    count = adjust_slice(n, start, stop, step, flags)
    start = slice_start
    if count <= 0:
        return new_text(0, 0, is_str)
    if step == 1 and count == n and is_str:
        return s
    d = s + DATA
    if not is_str or is_ascii(s):
        r = new_text(count, count, is_str)
        if step == 1:
            memory_copy(r + DATA, d + start, count)
        else:
            for k in range(count):
                store_u8(r + DATA + k, load_u8(d + start + k * step))
        return r
    first = d + offset_of(s, start, True)
    if step == 1:
        end = advance(first, count)
        r = new_str(end - first, count)
        memory_copy(r + DATA, first, end - first)
        return r
    p = first
    total = 0
    for k in range(count):  # pass 1: size
        total += seq_len(load_u8(p))
        if k + 1 < count:
            p = advance(p, step)
    r = new_str(total, count)
    out = r + DATA
    p = first
    for k in range(count):  # pass 2: copy
        size = seq_len(load_u8(p))
        memory_copy(out, p, size)
        out += size
        if k + 1 < count:
            p = advance(p, step)
    return r


def str_slice(s: int, start: int, stop: int, step: int, flags: int) -> int:
    return slice_impl(s, start, stop, step, flags, True)


def bytes_slice(s: int, start: int, stop: int, step: int, flags: int) -> int:
    return slice_impl(s, start, stop, step, flags, False)


# -- characters --------------------------------------------------------------------
def str_ord(s: int) -> int:
    if cp_len(s) != 1:
        type_error(ord_message(cp_len(s)))
    return decode_cp(s + DATA)


def str_chr(i: int) -> int:
    """chr(i); ValueError outside 0..0x10FFFF and (unlike CPython) for lone surrogates.

    CPython takes the argument as a C int: beyond 32 bits it raises OverflowError.
    """
    if i < -0x80000000 or i > 0x7FFFFFFF:
        overflow_error("Python int too large to convert to C int")
    if i < 0 or i > MAX_CODE_POINT:
        value_error("chr() arg not in range(0x110000)")
    if 0xD800 <= i <= 0xDFFF:
        value_error("chr() arg is a lone surrogate, which a UTF-8 str cannot hold")
    r = new_str(cp_utf8_len(i), 1)
    encode_cp(r + DATA, i)
    return r


def str_chars(s: int) -> int:
    """``list(s)``: one single-character str per code point."""
    n = load_u32(s + CP_LEN)
    result = list_new(n, KIND_POINTERS)
    for i in range(n):
        list_append(result, str_getitem(s, i))
    return result
