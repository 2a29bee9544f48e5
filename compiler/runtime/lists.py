"""list[T] objects: a header, then len, capacity and a separate items block.

    +8  u32 len        +12 u32 capacity        +16 u32 items block (0 if capacity 0)

The items block has kind KIND_RAW (scalar items) or KIND_POINTERS (items the
GC must trace) and holds ``capacity`` 8-byte slots from its +8. A slot holds an
int (i64), a float's bits, a bool (0/1) or a pointer (low 32 bits). The list
object itself never moves, so aliases see every change, as in Python. Slots a
list no longer holds are zeroed (or the block dropped), so the GC never traces
an item that was removed. New lists (copies, slices, concatenations) keep the
item kind of their source.

Item comparisons take an ``eq_kind`` (0 slots as ints, 1 slots as float bits,
2 str/bytes content) or an ``order_kind`` (0 ints, 2 str/bytes by UTF-8 bytes,
which is code-point order). Unboxed items have no identity: where CPython's
answer would depend on whether two nans are the same object (``x in [x]``),
the comparison raises ValueError; a list still equals itself. ``list_index`` also
takes ``eq_kind | REPR_BOOL`` for bool items, which only changes its error message.
"""
from abi.intrinsics import (bytes_at, float_from_bits, load_i64, load_u32, load_u8, lt_u, memory_copy,
                            memory_fill, raise_memory_error, store_i64, store_u32, wrap_add, wrap_mul)
from compiler.runtime.floats import float_repr
from compiler.runtime.memory import KIND_LIST, KIND_POINTERS, KIND_RAW, KIND_STR, alloc
from compiler.runtime.reprs import TWO_NANS, bytes_repr, index_error, str_repr, type_error, value_error

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


# -- comparing items ------------------------------------------------------------------
# eq_kind: 0 compares slots as integers (int, bool, object identity); 1 as IEEE doubles
# (the slots hold float bits); 2 compares the content of str/bytes objects.
EQ_INT = 0
EQ_FLOAT = 1
EQ_DATA = 2
EQ_MASK = 3
REPR_BOOL = 4
BAD_KIND = "unknown item comparison kind"  # the compiler passes a known one
# order_kind: 0 orders ints (and bools), 2 orders str/bytes by their bytes (code-point order).
ORDER_INT = 0
ORDER_DATA = 2
DATA_LEN = 8
DATA_BYTES = 16
FLOAT_ABS_MASK = 0x7FFFFFFFFFFFFFFF
FLOAT_EXPONENT_MASK = 0x7FF
FLOAT_MANTISSA_MASK = 0xFFFFFFFFFFFFF


def is_nan_bits(x: int) -> bool:
    return (x >> 52) & FLOAT_EXPONENT_MASK == FLOAT_EXPONENT_MASK and x & FLOAT_MANTISSA_MASK != 0


def float_bits_equal(x: int, y: int) -> bool:
    """``==`` of two container items holding doubles (given as their bits): -0.0 equals 0.0,
    a nan equals nothing else. CPython compares container items by identity first, so two nans
    are equal exactly when they are the same float object; unboxed slots have no identity, so
    comparing two nans raises ValueError instead of guessing."""
    if is_nan_bits(x):
        if is_nan_bits(y):
            value_error(TWO_NANS)
        return False
    if is_nan_bits(y):
        return False
    if x & FLOAT_ABS_MASK == 0 and y & FLOAT_ABS_MASK == 0:
        return True
    return x == y


def data_equal(a: int, b: int) -> bool:
    """Equal content of two str (or two bytes) objects."""
    if a == b:
        return True
    n = load_u32(a + DATA_LEN)
    if load_u32(b + DATA_LEN) != n:
        return False
    pa = a + DATA_BYTES
    pb = b + DATA_BYTES
    i = 0
    while i + 8 <= n:
        if load_i64(pa + i) != load_i64(pb + i):
            return False
        i += 8
    while i < n:
        if load_u8(pa + i) != load_u8(pb + i):
            return False
        i += 1
    return True


def data_compare(a: int, b: int) -> int:
    """-1, 0 or 1: bytewise lexicographic order of two str (or two bytes) objects."""
    if a == b:
        return 0
    na = load_u32(a + DATA_LEN)
    nb = load_u32(b + DATA_LEN)
    n = min(na, nb)
    pa = a + DATA_BYTES
    pb = b + DATA_BYTES
    i = 0
    while i + 8 <= n and load_i64(pa + i) == load_i64(pb + i):
        i += 8
    while i < n:
        ca = load_u8(pa + i)
        cb = load_u8(pb + i)
        if ca != cb:
            return -1 if ca < cb else 1
        i += 1
    if na == nb:
        return 0
    return -1 if na < nb else 1


def items_equal(x: int, y: int, eq_kind: int) -> bool:
    if eq_kind == EQ_INT:
        return x == y
    if eq_kind == EQ_FLOAT:
        return float_bits_equal(x, y)
    if eq_kind == EQ_DATA:
        return data_equal(x, y)
    type_error(BAD_KIND)
    return False


def items_compare(x: int, y: int, order_kind: int) -> int:
    """-1, 0 or 1 as ``x < y``, ``x == y``, ``x > y``."""
    if order_kind == ORDER_INT:
        if x == y:
            return 0
        return -1 if x < y else 1
    if order_kind == ORDER_DATA:
        return data_compare(x, y)
    type_error(BAD_KIND)
    return 0


def find_item(lst: int, value: int, eq_kind: int) -> int:
    """Index of the first item equal to ``value``, or -1."""
    n = load_u32(lst + LIST_LEN)
    for i in range(n):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind):
            return i
    return -1


def item_repr(value: int, eq_kind: int) -> str:
    """repr() of an item for an error message (any item compared as an int shows as one)."""
    if eq_kind == EQ_FLOAT:
        return float_repr(float_from_bits(value))
    if eq_kind == EQ_DATA:
        data = bytes_at(value + DATA_BYTES, load_u32(value + DATA_LEN))
        if load_u32(value + 4) & 255 == KIND_STR:
            return str_repr(data.decode())
        return bytes_repr(data)
    if eq_kind & REPR_BOOL != 0:
        return "True" if value != 0 else "False"
    return str(value)


def list_index(lst: int, value: int, eq_kind: int) -> int:
    """``lst.index(value)``; ValueError if absent."""
    index = find_item(lst, value, eq_kind & EQ_MASK)
    if index < 0:
        value_error(item_repr(value, eq_kind) + " is not in list")
    return index


def list_index_between(lst: int, value: int, eq_kind: int, start: int, stop: int) -> int:
    """``lst.index(value, start, stop)``: the bounds clipped as a slice's; ValueError if absent."""
    n = load_u32(lst + LIST_LEN)
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    for i in range(start, min(stop, n)):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind & EQ_MASK):
            return i
    value_error(item_repr(value, eq_kind) + " is not in list")
    return -1


def list_contains(lst: int, value: int, eq_kind: int) -> bool:
    return find_item(lst, value, eq_kind) >= 0


def list_count(lst: int, value: int, eq_kind: int) -> int:
    n = load_u32(lst + LIST_LEN)
    count = 0
    for i in range(n):
        if items_equal(load_i64(slot_address(lst, i)), value, eq_kind):
            count += 1
    return count


def list_remove(lst: int, value: int, eq_kind: int) -> None:
    """``lst.remove(value)``: the first equal item; ValueError if absent."""
    index = find_item(lst, value, eq_kind)
    if index < 0:
        value_error("list.remove(x): x not in list")
    remove_range(lst, index, index + 1)


def list_eq(a: int, b: int, eq_kind: int) -> bool:
    """``a == b``. A list equals itself even holding nan, as in CPython (items are identical)."""
    if a == b:
        return True
    n = load_u32(a + LIST_LEN)
    if load_u32(b + LIST_LEN) != n:
        return False
    for i in range(n):
        if not items_equal(load_i64(slot_address(a, i)), load_i64(slot_address(b, i)), eq_kind):
            return False
    return True


def list_compare(a: int, b: int, order_kind: int) -> int:
    """-1, 0 or 1: CPython's lexicographic list order (``a < b`` is ``list_compare(a, b) < 0``)."""
    na = load_u32(a + LIST_LEN)
    nb = load_u32(b + LIST_LEN)
    for i in range(min(na, nb)):
        order = items_compare(load_i64(slot_address(a, i)), load_i64(slot_address(b, i)), order_kind)
        if order != 0:
            return order
    if na == nb:
        return 0
    return -1 if na < nb else 1


# -- sorting ----------------------------------------------------------------------------
SORT_RUN = 16  # runs sorted by insertion before merging


def insertion_sort(base: int, low: int, high: int, order_kind: int) -> None:
    """Sort slots [low, high) of the slot array at ``base``."""
    for i in range(low + 1, high):
        value = load_i64(base + i * SLOT)
        j = i
        while j > low and items_compare(load_i64(base + (j - 1) * SLOT), value, order_kind) > 0:
            store_i64(base + j * SLOT, load_i64(base + (j - 1) * SLOT))
            j -= 1
        store_i64(base + j * SLOT, value)


def merge_runs(src: int, dst: int, low: int, mid: int, high: int, order_kind: int) -> None:
    """Merge sorted slots src[low:mid] and src[mid:high] into dst[low:high] (stable)."""
    if mid >= high or items_compare(load_i64(src + (mid - 1) * SLOT),
                                    load_i64(src + mid * SLOT), order_kind) <= 0:
        memory_copy(dst + low * SLOT, src + low * SLOT, (high - low) * SLOT)
        return
    i = low
    j = mid
    k = low
    while i < mid and j < high:
        x = load_i64(src + i * SLOT)
        y = load_i64(src + j * SLOT)
        if items_compare(y, x, order_kind) < 0:
            store_i64(dst + k * SLOT, y)
            j += 1
        else:
            store_i64(dst + k * SLOT, x)
            i += 1
        k += 1
    if i < mid:
        memory_copy(dst + k * SLOT, src + i * SLOT, (mid - i) * SLOT)
    if j < high:
        memory_copy(dst + k * SLOT, src + j * SLOT, (high - j) * SLOT)


def list_sort(lst: int, order_kind: int) -> None:
    """``lst.sort()``: a stable bottom-up merge sort (order_kind 0 ints, 2 str/bytes)."""
    n = load_u32(lst + LIST_LEN)
    if order_kind != ORDER_INT and order_kind != ORDER_DATA:
        type_error(BAD_KIND)
    if n < 2:
        return
    items = slot_address(lst, 0)
    for low in range(0, n, SORT_RUN):
        insertion_sort(items, low, min(low + SORT_RUN, n), order_kind)
    if n <= SORT_RUN:
        return
    # The scratch block holds plain slots; nothing collects while sorting.
    scratch = alloc(n * SLOT, KIND_RAW) + 8
    src = items
    dst = scratch
    width = SORT_RUN
    while width < n:
        for low in range(0, n, 2 * width):
            merge_runs(src, dst, low, min(low + width, n), min(low + 2 * width, n), order_kind)
        swap = src
        src = dst
        dst = swap
        width *= 2
    if src != items:
        memory_copy(items, src, n * SLOT)


def list_sorted_copy(lst: int, order_kind: int) -> int:
    """``sorted(lst)``."""
    result = list_copy(lst)
    list_sort(result, order_kind)
    return result


def list_extreme(lst: int, order_kind: int, sign: int) -> int:
    """min (sign -1) or max (sign 1) of int or str items; the first of equal items; ValueError if empty."""
    n = load_u32(lst + LIST_LEN)
    if n == 0:
        value_error("min() arg is an empty sequence" if sign < 0 else "max() arg is an empty sequence")
    best = load_i64(slot_address(lst, 0))
    for i in range(1, n):
        item = load_i64(slot_address(lst, i))
        if items_compare(item, best, order_kind) == sign:
            best = item
    return best


def list_min(lst: int, order_kind: int) -> int:
    return list_extreme(lst, order_kind, -1)


def list_max(lst: int, order_kind: int) -> int:
    return list_extreme(lst, order_kind, 1)
