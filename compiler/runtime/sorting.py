"""Sorting and min/max, in CPython's order: of a list by its items (list.sort(), sorted(), min()
and max() of ints, bools, str or bytes), and by keys computed by the compiled code (``key=``).

Plain sorts are a stable merge sort of insertion-sorted runs. For keys, the compiled code calls
the key function on every item first, in order, into a list of keys (as CPython does), then calls
these. Order kinds: 0 int/bool keys, 1 float keys (min/max only: a sort by float keys runs
CPython's own algorithm, timsort.py), 2 str/bytes keys. A keyed sort is stable; ``reverse``
reverses before and after the sort, which keeps equal keys in their original order as CPython's does.
"""
from abi.intrinsics import float_from_bits, load_i64, load_u32, memory_copy, store_i64
from compiler.runtime.list_cmp import BAD_KIND, ORDER_DATA, ORDER_INT, items_compare
from compiler.runtime.lists import LIST_LEN, SLOT, list_append, list_copy, list_new, list_reverse, slot_address
from compiler.runtime.memory import KIND_RAW, alloc
from compiler.runtime.reprs import type_error, value_error

ORDER_FLOAT = 1
PAIR = 16  # a scratch entry: the key's slot, then the item's
SORT_RUN = 16  # runs sorted by insertion before merging


# -- a list by its items ------------------------------------------------------------------
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


# -- by keys --------------------------------------------------------------------------------
def key_compare(x: int, y: int, order_kind: int) -> int:
    """-1, 0 or 1 as ``x < y``, neither, ``x > y`` (float NaNs compare as neither)."""
    if order_kind == ORDER_FLOAT:
        a = float_from_bits(x)
        b = float_from_bits(y)
        if a < b:
            return -1
        if b < a:
            return 1
        return 0
    return items_compare(x, y, order_kind)


def pairs_insertion_sort(base: int, low: int, high: int, order_kind: int) -> None:
    for i in range(low + 1, high):
        key = load_i64(base + i * PAIR)
        item = load_i64(base + i * PAIR + 8)
        j = i
        while j > low and key_compare(load_i64(base + (j - 1) * PAIR), key, order_kind) > 0:
            memory_copy(base + j * PAIR, base + (j - 1) * PAIR, PAIR)
            j -= 1
        store_i64(base + j * PAIR, key)
        store_i64(base + j * PAIR + 8, item)


def pairs_merge(src: int, dst: int, low: int, mid: int, high: int, order_kind: int) -> None:
    """Merge src[low:mid] and src[mid:high] into dst[low:high]; a tie takes the left (stable)."""
    i = low
    j = mid
    k = low
    while i < mid and j < high:
        if key_compare(load_i64(src + j * PAIR), load_i64(src + i * PAIR), order_kind) < 0:
            memory_copy(dst + k * PAIR, src + j * PAIR, PAIR)
            j += 1
        else:
            memory_copy(dst + k * PAIR, src + i * PAIR, PAIR)
            i += 1
        k += 1
    if i < mid:
        memory_copy(dst + k * PAIR, src + i * PAIR, (mid - i) * PAIR)
    if j < high:
        memory_copy(dst + k * PAIR, src + j * PAIR, (high - j) * PAIR)


def keyed_sort(lst: int, keys: int, order_kind: int, reverse: int) -> None:
    """Sort the items of ``lst`` by ``keys`` (one per item, in item order)."""
    n = load_u32(lst + LIST_LEN)
    if n != load_u32(keys + LIST_LEN):
        value_error("list modified during sort")
    if reverse != 0:
        list_reverse(lst)
        list_reverse(keys)
    if n >= 2:
        sort_pairs(lst, keys, n, order_kind)
    if reverse != 0:
        list_reverse(lst)


def sort_pairs(lst: int, keys: int, n: int, order_kind: int) -> None:
    # The scratch blocks hold plain slots; nothing collects while sorting.
    src = alloc(n * PAIR, KIND_RAW) + 8
    dst = alloc(n * PAIR, KIND_RAW) + 8
    for i in range(n):
        store_i64(src + i * PAIR, load_i64(slot_address(keys, i)))
        store_i64(src + i * PAIR + 8, load_i64(slot_address(lst, i)))
    for low in range(0, n, SORT_RUN):
        pairs_insertion_sort(src, low, min(low + SORT_RUN, n), order_kind)
    width = SORT_RUN
    while width < n:
        for low in range(0, n, 2 * width):
            pairs_merge(src, dst, low, min(low + width, n), min(low + 2 * width, n), order_kind)
        swap = src
        src = dst
        dst = swap
        width *= 2
    for i in range(n):
        store_i64(slot_address(lst, i), load_i64(src + i * PAIR + 8))


def extreme_index(keys: int, order_kind: int, sign: int, empty_error: int) -> int:
    """The index of the first smallest (sign -1) or largest (sign 1) key; -1 when there is none
    (a ValueError if ``empty_error``, as min()/max() without a default)."""
    n = load_u32(keys + LIST_LEN)
    if n == 0:
        if empty_error != 0:
            value_error("min() arg is an empty sequence" if sign < 0 else "max() arg is an empty sequence")
        return -1
    best = 0
    best_key = load_i64(slot_address(keys, 0))
    for i in range(1, n):
        key = load_i64(slot_address(keys, i))
        if key_compare(key, best_key, order_kind) == sign:
            best = i
            best_key = key
    return best


# -- tuple keys: stable sorts by each item of the key, last item first, give the order of the
# whole tuples (CPython compares them at their first unequal item), keeping equal keys in order.
def index_order(n: int, reverse: int) -> int:
    """The list [0, 1, ..., n - 1], or reversed: where each item of the result comes from."""
    order = list_new(n, KIND_RAW)
    for i in range(n):
        list_append(order, n - 1 - i if reverse != 0 else i)
    return order


def key_items(keys: int, order: int, offset: int, item_kind: int) -> int:
    """The item at byte ``offset`` of each tuple key, in ``order``."""
    n = load_u32(order + LIST_LEN)
    items = list_new(n, item_kind)
    for i in range(n):
        key = load_i64(slot_address(keys, load_i64(slot_address(order, i))))
        list_append(items, load_i64(key + offset))
    return items


def apply_order(lst: int, order: int, reverse: int) -> None:
    """Put the items of ``lst`` in ``order`` (then reversed, for sort(reverse=True))."""
    n = load_u32(lst + LIST_LEN)
    if n != load_u32(order + LIST_LEN):
        value_error("list modified during sort")
    old = list_copy(lst)
    for i in range(n):
        store_i64(slot_address(lst, i), load_i64(slot_address(old, load_i64(slot_address(order, i)))))
    if reverse != 0:
        list_reverse(lst)


def ordered_extreme(order: int, sign: int, empty_error: int) -> int:
    """min (sign -1: first of the ascending order) or max (sign 1: the order was made reversed,
    so its last is the first of the largest keys); -1 or ValueError when empty."""
    n = load_u32(order + LIST_LEN)
    if n == 0:
        if empty_error != 0:
            value_error("min() arg is an empty sequence" if sign < 0 else "max() arg is an empty sequence")
        return -1
    return load_i64(slot_address(order, n - 1 if sign > 0 else 0))
