"""collections.deque[T] (compiler/sema/deques.py): a list whose items may also grow and shrink at
the front in O(1) (amortized), as CPython's block list does.

    +8  u32 len        +12 u32 capacity (slots from the first item to the block's end)
    +16 u32 items      +20 u32 item kind         (the list layout: every read-only list routine,
                                                  len, get, contains, count, eq, copy, serves it)
    +24 u32 block (where the slots start: items - 8 * free slots at the front)
    +28 u32 state (CPython's: bumped by every change of the items' places, read by iteration)
    +32 i64 maxlen (-1: None)

The header is a record whose pointer map names only the block (+24): the GC marks the block it
allocated, never the items pointer inside it. Slots a deque no longer holds are zeroed, so the GC
never traces a dropped item. When one end runs out of room the items move to the middle of a new
block twice their count.
"""
from abi.intrinsics import load_i64, load_u32, memory_copy, store_i64, store_u32
from compiler.runtime.list_cmp import EQ_MASK, find_item, item_repr, items_equal
from compiler.runtime.lists import list_len
from compiler.runtime.memory import alloc
from compiler.runtime.reprs import index_error, value_error

LEN = 8
CAPACITY = 12
ITEMS = 16
ITEM_KIND = 20
BLOCK = 24
STATE = 28
MAXLEN = 32
SLOT = 8


def deque_new(item_kind: int, maxlen: int, header_kind: int) -> int:
    """An empty deque; ``maxlen`` -1 for None (a negative one was refused by maxlen_argument)."""
    d = alloc(32, header_kind)
    store_u32(d + ITEM_KIND, item_kind)
    store_i64(d + MAXLEN, maxlen)
    return d


def maxlen_argument(maxlen: int) -> int:
    """``deque(maxlen=n)`` of an int n: CPython's ValueError when negative."""
    if maxlen < 0:
        value_error("maxlen must be non-negative")
    return maxlen


def front_room(d: int) -> int:
    return (load_u32(d + ITEMS) - load_u32(d + BLOCK)) >> 3


def slot_at(d: int, index: int) -> int:
    return load_u32(d + ITEMS) + 8 + index * SLOT


def recenter(d: int, extra: int) -> None:
    """Move the items to the middle of a new block with room for ``extra`` more at either end."""
    n = load_u32(d + LEN)
    total = max(2 * n, 4) + 2 * extra
    block = alloc(total * SLOT, load_u32(d + ITEM_KIND))
    front = (total - n) >> 1
    if n > 0:
        memory_copy(block + 8 + front * SLOT, load_u32(d + ITEMS) + 8, n * SLOT)
    store_u32(d + BLOCK, block)
    store_u32(d + ITEMS, block + front * SLOT)
    store_u32(d + CAPACITY, total - front)


def changed(d: int) -> None:
    store_u32(d + STATE, (load_u32(d + STATE) + 1) & 0xFFFFFFFF)


def drop_left(d: int) -> int:
    """Remove the first item (there is one): its slot, zeroed; the value."""
    first = slot_at(d, 0)
    value = load_i64(first)
    store_i64(first, 0)
    store_u32(d + ITEMS, load_u32(d + ITEMS) + SLOT)
    store_u32(d + CAPACITY, load_u32(d + CAPACITY) - 1)
    store_u32(d + LEN, load_u32(d + LEN) - 1)
    return value


def drop_right(d: int) -> int:
    n = load_u32(d + LEN) - 1
    last = slot_at(d, n)
    value = load_i64(last)
    store_i64(last, 0)
    store_u32(d + LEN, n)
    return value


def push_right(d: int, value: int) -> None:
    n = load_u32(d + LEN)
    if n == load_u32(d + CAPACITY):
        recenter(d, 1)
    store_i64(slot_at(d, n), value)
    store_u32(d + LEN, n + 1)


def push_left(d: int, value: int) -> None:
    if front_room(d) == 0:
        recenter(d, 1)
    store_u32(d + ITEMS, load_u32(d + ITEMS) - SLOT)
    store_u32(d + CAPACITY, load_u32(d + CAPACITY) + 1)
    store_u32(d + LEN, load_u32(d + LEN) + 1)
    store_i64(slot_at(d, 0), value)


def full(d: int) -> bool:
    maxlen = load_i64(d + MAXLEN)
    return maxlen >= 0 and load_u32(d + LEN) > maxlen


def deque_append(d: int, value: int) -> None:
    """As CPython: the item goes in, then a full deque drops its first (so maxlen=0 keeps none)."""
    push_right(d, value)
    if full(d):
        drop_left(d)
    changed(d)


def deque_appendleft(d: int, value: int) -> None:
    push_left(d, value)
    if full(d):
        drop_right(d)
    changed(d)


def deque_pop(d: int) -> int:
    if load_u32(d + LEN) == 0:
        index_error("pop from an empty deque")
    changed(d)
    return drop_right(d)


def deque_popleft(d: int) -> int:
    if load_u32(d + LEN) == 0:
        index_error("pop from an empty deque")
    changed(d)
    return drop_left(d)


def deque_extend(d: int, items: int) -> None:
    """``d.extend(items)`` of a list (or a deque, d itself included: a copy is taken first, as
    CPython does)."""
    if items == d:
        items = deque_copy(d)
    for i in range(list_len(items)):
        deque_append(d, load_i64(load_u32(items + ITEMS) + 8 + i * SLOT))


def deque_extendleft(d: int, items: int) -> None:
    if items == d:
        items = deque_copy(d)
    for i in range(list_len(items)):
        deque_appendleft(d, load_i64(load_u32(items + ITEMS) + 8 + i * SLOT))


def deque_from(items: int, item_kind: int, maxlen: int, header_kind: int) -> int:
    """``deque(items, maxlen)``: the last maxlen items of the list."""
    d = deque_new(item_kind, maxlen, header_kind)
    deque_extend(d, items)
    return d


def deque_copy(d: int) -> int:
    """``d.copy()``: the items and the maxlen, a new state."""
    result = deque_new(load_u32(d + ITEM_KIND), load_i64(d + MAXLEN), load_u32(d + 4))
    n = load_u32(d + LEN)
    if n > 0:
        recenter(result, n)
        memory_copy(slot_at(result, 0), slot_at(d, 0), n * SLOT)
        store_u32(result + LEN, n)
    return result


def deque_get(d: int, index: int) -> int:
    return load_i64(slot_at(d, checked_index(d, index)))


def deque_set(d: int, index: int, value: int) -> None:
    """``d[i] = x`` changes no place: no state change (a loop over d goes on, as CPython's)."""
    store_i64(slot_at(d, checked_index(d, index)), value)


def checked_index(d: int, index: int) -> int:
    n = load_u32(d + LEN)
    if index < 0:
        index += n
    if index < 0 or index >= n:
        index_error("deque index out of range")
    return index


def deque_rotate(d: int, steps: int) -> None:
    """``d.rotate(n)``: n steps to the right (left when negative); a deque of 0 or 1 items is left
    alone, others change state even for n = 0, as CPython."""
    n = load_u32(d + LEN)
    if n <= 1:
        return
    changed(d)
    right = steps % n
    if right * 2 > n:
        for _ in range(n - right):
            push_right(d, drop_left(d))
    else:
        for _ in range(right):
            push_left(d, drop_right(d))


def deque_clear(d: int) -> None:
    n = load_u32(d + LEN)
    for i in range(n):
        store_i64(slot_at(d, i), 0)
    store_u32(d + LEN, 0)
    changed(d)


def deque_remove(d: int, value: int, eq_kind: int) -> None:
    """The first equal item out; ValueError if absent."""
    index = find_item(d, value, eq_kind & EQ_MASK)
    if index < 0:
        value_error(item_repr(value, eq_kind) + " is not in deque")
    delete_at(d, index)


def deque_delete(d: int, index: int) -> None:
    """``del d[i]``."""
    delete_at(d, checked_index(d, index))


def delete_at(d: int, index: int) -> None:
    """The item at 0 <= index < len out, the shorter side moved over its place."""
    n = load_u32(d + LEN)
    if index < n - 1 - index:
        memory_copy(slot_at(d, 1), slot_at(d, 0), index * SLOT)
        drop_left(d)
    else:
        memory_copy(slot_at(d, index), slot_at(d, index + 1), (n - 1 - index) * SLOT)
        drop_right(d)
    changed(d)


def deque_insert(d: int, index: int, value: int) -> None:
    """``d.insert(i, x)``: i clamped as a list's; IndexError on a full deque, as CPython."""
    n = load_u32(d + LEN)
    if load_i64(d + MAXLEN) == n:
        index_error("deque already at its maximum size")
    if index < 0:
        index = max(index + n, 0)
    elif index > n:
        index = n
    if index < n - index:
        push_left(d, 0)
        memory_copy(slot_at(d, 0), slot_at(d, 1), index * SLOT)
    else:
        push_right(d, 0)
        memory_copy(slot_at(d, index + 1), slot_at(d, index), (n - index) * SLOT)
    store_i64(slot_at(d, index), value)
    changed(d)


def deque_index(d: int, value: int, eq_kind: int, start: int, stop: int) -> int:
    """``d.index(x, start, stop)``: the bounds clamped as CPython's deque_index; ValueError if absent."""
    n = load_u32(d + LEN)
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    stop = min(stop, n)
    for i in range(start, stop):
        if items_equal(load_i64(slot_at(d, i)), value, eq_kind & EQ_MASK):
            return i
    value_error(item_repr(value, eq_kind) + " is not in deque")
    return -1


def deque_maxlen(d: int) -> int:
    """-1 for None."""
    return load_i64(d + MAXLEN)


def deque_state(d: int) -> int:
    return load_u32(d + STATE)


def deque_check(d: int, state: int) -> None:
    """At each step of a loop over a deque: CPython's RuntimeError once it changed."""
    if load_u32(d + STATE) != state:
        raise RuntimeError("deque mutated during iteration")
