"""Slice deletion and slice assignment of lists: ``del lst[i:j:k]`` and ``lst[i:j:k] = other``,
as CPython's list_ass_subscript (bounds adjusted by PySlice_AdjustIndices, flags bit 0: start
given, bit 1: stop given). A step of 1 replaces a run of any length; another step needs a
source of exactly the slice's length (ValueError otherwise, CPython's message).
"""
from abi.intrinsics import load_i64, load_u32, memory_copy, store_i64, store_u32
from compiler.runtime.lists import (LIST_LEN, SLOT, clamp_slice_bound, clear_slots, list_copy, list_reserve,
                                    list_slice, remove_range, slot_address)
from compiler.runtime.reprs import value_error


def slice_start(n: int, start: int, step: int, flags: int) -> int:
    if step == 0:
        value_error("slice step cannot be zero")
    if flags & 1 != 0:
        return clamp_slice_bound(start, n, step)
    return n - 1 if step < 0 else 0


def slice_stop(n: int, stop: int, step: int, flags: int) -> int:
    if flags & 2 != 0:
        return clamp_slice_bound(stop, n, step)
    return -1 if step < 0 else n


def slice_length(start: int, stop: int, step: int) -> int:
    if step > 0:
        return (stop - start - 1) // step + 1 if start < stop else 0
    return (stop - start + 1) // step + 1 if stop < start else 0


def list_del_slice(lst: int, start: int, stop: int, step: int, flags: int) -> None:
    """``del lst[start:stop:step]``."""
    n = load_u32(lst + LIST_LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    if step == 1:
        if end > begin:
            remove_range(lst, begin, end)
        return
    length = slice_length(begin, end, step)
    if length <= 0:
        return
    if step < 0:  # the same items, walked upwards
        begin = begin + step * (length - 1)
        step = -step
    write = begin
    for read in range(begin, n):
        offset = read - begin
        if offset % step != 0 or offset // step >= length:
            store_i64(slot_address(lst, write), load_i64(slot_address(lst, read)))
            write += 1
    clear_slots(lst, write, n)
    store_u32(lst + LIST_LEN, write)


def list_set_slice(lst: int, start: int, stop: int, step: int, flags: int, src: int) -> None:
    """``lst[start:stop:step] = src`` for a list ``src`` (copied first when it is ``lst``)."""
    n = load_u32(lst + LIST_LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    if src == lst:
        src = list_copy(lst)
    m = load_u32(src + LIST_LEN)
    if step == 1:
        if end < begin:
            end = begin
        size = n - (end - begin) + m
        list_reserve(lst, size)
        memory_copy(slot_address(lst, begin + m), slot_address(lst, end), (n - end) * SLOT)
        memory_copy(slot_address(lst, begin), slot_address(src, 0), m * SLOT)
        clear_slots(lst, size, n)
        store_u32(lst + LIST_LEN, size)
        return
    length = slice_length(begin, end, step)
    if m != length:
        value_error("attempt to assign sequence of size " + str(m) + " to extended slice of size " + str(length))
    for i in range(length):
        store_i64(slot_address(lst, begin + i * step), load_i64(slot_address(src, i)))


def list_unpack_check(lst: int, count: int) -> None:
    """``a, b, c = lst``: CPython's ValueError unless the list has exactly ``count`` items."""
    n = load_u32(lst + LIST_LEN)
    if n < count:
        value_error(f"not enough values to unpack (expected {count}, got {n})")
    if n > count:
        value_error(f"too many values to unpack (expected {count})")


def list_unpack_rest(lst: int, before: int, after: int) -> int:
    """``a, *rest, z = lst``: CPython's ValueError unless the list has at least ``before + after``
    items; else the new list of the items between them (what ``rest`` receives)."""
    n = load_u32(lst + LIST_LEN)
    if n < before + after:
        value_error(f"not enough values to unpack (expected at least {before + after}, got {n})")
    return list_slice(lst, before, n - after, 1, 3)
