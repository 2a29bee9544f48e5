"""list[T] objects: a header, then len, capacity and a separate items block.

    +8  u32 len        +12 u32 capacity        +16 u32 items block (0 if capacity 0)

The items block has kind KIND_RAW (scalar items) or KIND_POINTERS (items the
GC must trace) and holds ``capacity`` 8-byte slots from its +8. A slot holds an
int (i64), a float's bits, a bool (0/1) or a pointer (low 32 bits). The list
object itself never moves, so aliases see every change, as in Python. Slots a
list no longer holds are zeroed (or the block dropped), so the GC never traces
an item that was removed. New lists (copies, slices, concatenations) keep the
item kind of their source.

Comparing items (==, <, in, index, count, remove) is list_cmp.py's, sorting sorting.py's.
"""
from abi.intrinsics import (load_i64, load_u32, lt_u, memory_copy, memory_fill, raise_memory_error, store_i64,
                            store_u32, wrap_add, wrap_mul)
from compiler.runtime.memory import KIND_LIST, KIND_RAW, alloc
from compiler.runtime.reprs import index_error, value_error

LIST_LEN = 8
LIST_CAPACITY = 12
LIST_ITEMS = 16
SLOT = 8


def list_new(capacity: int, item_kind: int) -> int:
    """An empty list with room for ``capacity`` items of kind KIND_RAW or KIND_POINTERS."""
    lst = alloc(16, KIND_LIST)
    store_u32(lst + LIST_CAPACITY, 0)
    store_u32(lst + 20, item_kind)  # remembered for growth (in the header padding word)
    if capacity > 0:
        list_reserve(lst, capacity)
    return lst


def list_reserve(lst: int, needed: int) -> None:
    """Make room for ``needed`` items, growing geometrically."""
    capacity = load_u32(lst + LIST_CAPACITY)
    if needed <= capacity:
        return
    new_capacity = max(needed, capacity * 2, 4)
    items = alloc(new_capacity * SLOT, load_u32(lst + 20))
    old = load_u32(lst + LIST_ITEMS)
    if old != 0:
        memory_copy(items + 8, old + 8, load_u32(lst + LIST_LEN) * SLOT)
    store_u32(lst + LIST_ITEMS, items)
    store_u32(lst + LIST_CAPACITY, new_capacity)


def list_len(lst: int) -> int:
    return load_u32(lst + LIST_LEN)


def slot_address(lst: int, index: int) -> int:
    """Address of slot ``index`` (0 <= index <= capacity: callers check it, so it wraps nothing)."""
    return wrap_add(load_u32(lst + LIST_ITEMS), wrap_add(wrap_mul(index, SLOT), 8))


def list_append(lst: int, value: int) -> None:
    n = load_u32(lst + LIST_LEN)
    list_reserve(lst, n + 1)
    store_i64(slot_address(lst, n), value)
    store_u32(lst + LIST_LEN, n + 1)


def normalize_index(lst: int, index: int) -> int:
    """Python's negative indices; -1 outside the list (each caller raises its own IndexError)."""
    n = load_u32(lst + LIST_LEN)
    if lt_u(index, n):  # 0 <= index < n
        return index
    if index < 0:
        index = wrap_add(index, n)  # negative plus a u32: no overflow
        if lt_u(index, n):
            return index
    return -1


def list_get(lst: int, index: int) -> int:
    if not lt_u(index, load_u32(lst + LIST_LEN)):
        index = normalize_index(lst, index)
        if index < 0:
            index_error("list index out of range")
    return load_i64(wrap_add(load_u32(lst + LIST_ITEMS), wrap_mul(index, SLOT)) + 8)


def list_set(lst: int, index: int, value: int) -> None:
    if not lt_u(index, load_u32(lst + LIST_LEN)):
        index = normalize_index(lst, index)
        if index < 0:
            index_error("list assignment index out of range")
    store_i64(wrap_add(load_u32(lst + LIST_ITEMS), wrap_mul(index, SLOT)) + 8, value)


# -- removing and inserting ------------------------------------------------------
def clear_slots(lst: int, start: int, stop: int) -> None:
    """Zero slots [start, stop) past the end, so the GC does not trace items the list dropped."""
    if stop > start:
        memory_fill(slot_address(lst, start), 0, (stop - start) * SLOT)


def remove_range(lst: int, start: int, stop: int) -> None:
    """Delete items [start, stop) (0 <= start <= stop <= len), shifting the tail down."""
    n = load_u32(lst + LIST_LEN)
    if stop <= start:
        return
    memory_copy(slot_address(lst, start), slot_address(lst, stop), (n - stop) * SLOT)
    clear_slots(lst, n - (stop - start), n)
    store_u32(lst + LIST_LEN, n - (stop - start))


def list_pop(lst: int, index: int) -> int:
    """``lst.pop(index)`` (``lst.pop()`` passes -1); IndexError when empty or out of range."""
    index = normalize_index(lst, index)
    if index < 0:
        index_error("pop from empty list" if load_u32(lst + LIST_LEN) == 0 else "pop index out of range")
    value = load_i64(slot_address(lst, index))
    remove_range(lst, index, index + 1)
    return value


def list_delete(lst: int, index: int) -> None:
    """``del lst[index]``."""
    index = normalize_index(lst, index)
    if index < 0:
        index_error("list assignment index out of range")
    remove_range(lst, index, index + 1)


def list_insert(lst: int, index: int, value: int) -> None:
    """``lst.insert(index, value)``: the index is clamped to [0, len] as in Python."""
    n = load_u32(lst + LIST_LEN)
    if index < 0:
        index = max(index + n, 0)
    elif index > n:
        index = n
    list_reserve(lst, n + 1)
    memory_copy(slot_address(lst, index + 1), slot_address(lst, index), (n - index) * SLOT)
    store_i64(slot_address(lst, index), value)
    store_u32(lst + LIST_LEN, n + 1)


def list_extend(dst: int, src: int) -> None:
    """``dst.extend(src)`` / ``dst += src`` for a list ``src`` (which may be ``dst``)."""
    m = load_u32(src + LIST_LEN)
    if m == 0:
        return
    n = load_u32(dst + LIST_LEN)
    list_reserve(dst, n + m)
    # Read src's items only now: when dst is src, reserving may have moved them.
    memory_copy(slot_address(dst, n), slot_address(src, 0), m * SLOT)
    store_u32(dst + LIST_LEN, n + m)


def list_clear(lst: int) -> None:
    """``lst.clear()``: the items block is dropped (the GC frees it)."""
    store_u32(lst + LIST_LEN, 0)
    store_u32(lst + LIST_CAPACITY, 0)
    store_u32(lst + LIST_ITEMS, 0)


def list_reverse(lst: int) -> None:
    n = load_u32(lst + LIST_LEN)
    low = 0
    high = n - 1
    while low < high:
        a = slot_address(lst, low)
        b = slot_address(lst, high)
        value = load_i64(a)
        store_i64(a, load_i64(b))
        store_i64(b, value)
        low += 1
        high -= 1


# -- new lists ------------------------------------------------------------------------
MAX_ITEMS = 0x8000000  # 1 GiB of slots: more can never be allocated


def list_copy(lst: int) -> int:
    n = load_u32(lst + LIST_LEN)
    result = list_new(n, load_u32(lst + 20))
    if n > 0:
        memory_copy(slot_address(result, 0), slot_address(lst, 0), n * SLOT)
    store_u32(result + LIST_LEN, n)
    return result


def list_concat(a: int, b: int) -> int:
    """``a + b``: a new list with the item kind of ``a``."""
    na = load_u32(a + LIST_LEN)
    nb = load_u32(b + LIST_LEN)
    result = list_new(na + nb, load_u32(a + 20))
    if na > 0:
        memory_copy(slot_address(result, 0), slot_address(a, 0), na * SLOT)
    if nb > 0:
        memory_copy(slot_address(result, na), slot_address(b, 0), nb * SLOT)
    store_u32(result + LIST_LEN, na + nb)
    return result


def list_repeat(lst: int, count: int) -> int:
    """``lst * count``: empty for count <= 0; MemoryError when it cannot fit."""
    n = load_u32(lst + LIST_LEN)
    if count <= 0 or n == 0:
        return list_new(0, load_u32(lst + 20))
    if count > MAX_ITEMS // n:
        raise_memory_error()
    total = n * count
    result = list_new(total, load_u32(lst + 20))
    memory_copy(slot_address(result, 0), slot_address(lst, 0), n * SLOT)
    repeat_items(result, n, total)
    return result


def repeat_items(lst: int, n: int, total: int) -> None:
    """Fill ``lst`` (room for ``total`` items, the first ``n`` set) with copies of them."""
    done = n
    while done < total:  # doubling copies
        chunk = min(done, total - done)
        memory_copy(slot_address(lst, done), slot_address(lst, 0), chunk * SLOT)
        done += chunk
    store_u32(lst + LIST_LEN, total)


def list_from_range(start: int, step: int, count: int) -> int:
    """``list(range(...))`` given the range's start, step and length (an unsigned count)."""
    if count < 0 or count > MAX_ITEMS:
        raise_memory_error()
    lst = list_new(count, KIND_RAW)
    value = start
    for index in range(count):
        store_i64(slot_address(lst, index), value)
        if index + 1 < count:
            value += step  # never past the last item, so never beyond int64
    store_u32(lst + LIST_LEN, count)
    return lst


def list_irepeat(lst: int, count: int) -> int:
    """``lst *= count``: repeats the items in place (aliases see it), clears for count <= 0."""
    n = load_u32(lst + LIST_LEN)
    if n == 0 or count == 1:
        return lst
    if count <= 0:
        list_clear(lst)
        return lst
    if count > MAX_ITEMS // n:
        raise_memory_error()
    list_reserve(lst, n * count)
    repeat_items(lst, n, n * count)
    return lst


def clamp_slice_bound(value: int, n: int, step: int) -> int:
    """A given start/stop adjusted as CPython's PySlice_AdjustIndices does."""
    if value < 0:
        value += n
        if value < 0:
            value = -1 if step < 0 else 0
    elif value >= n:
        value = n - 1 if step < 0 else n
    return value


def list_slice(lst: int, start: int, stop: int, step: int, flags: int) -> int:
    """``lst[start:stop:step]``; flags bit 0: start given, bit 1: stop given. ValueError if step is 0."""
    if step == 0:
        value_error("slice step cannot be zero")
    n = load_u32(lst + LIST_LEN)
    if flags & 1 != 0:
        start = clamp_slice_bound(start, n, step)
    else:
        start = n - 1 if step < 0 else 0
    if flags & 2 != 0:
        stop = clamp_slice_bound(stop, n, step)
    else:
        stop = -1 if step < 0 else n
    length = 0
    if step > 0:
        if start < stop:
            length = (stop - start - 1) // step + 1
    elif stop < start:
        length = (stop - start + 1) // step + 1  # floor((start - stop - 1) / -step) + 1
    result = list_new(length, load_u32(lst + 20))
    if length > 0:
        if step == 1:
            memory_copy(slot_address(result, 0), slot_address(lst, start), length * SLOT)
        else:
            for i in range(length):
                store_i64(slot_address(result, i), load_i64(slot_address(lst, start + i * step)))
    store_u32(result + LIST_LEN, length)
    return result
