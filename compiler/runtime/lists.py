"""list[T] objects: a header, then len, capacity and a separate items block.

    +8  u32 len        +12 u32 capacity        +16 u32 items block (0 if capacity 0)

The items block has kind KIND_RAW (scalar items) or KIND_POINTERS (items the
GC must trace) and holds ``capacity`` 8-byte slots from its +8. A slot holds an
int (i64), a float's bits, a bool (0/1) or a pointer (low 32 bits). The list
object itself never moves, so aliases see every change, as in Python.
"""
from abi.intrinsics import load_i64, load_u32, memory_copy, raise_index_error, store_i64, store_u32
from compiler.runtime.memory import KIND_LIST, KIND_POINTERS, KIND_RAW, alloc

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
    return load_u32(lst + LIST_ITEMS) + 8 + index * SLOT


def list_append(lst: int, value: int) -> None:
    n = load_u32(lst + LIST_LEN)
    list_reserve(lst, n + 1)
    store_i64(slot_address(lst, n), value)
    store_u32(lst + LIST_LEN, n + 1)


def normalize_index(lst: int, index: int) -> int:
    """Python's negative indices; IndexError outside the list."""
    n = load_u32(lst + LIST_LEN)
    if index < 0:
        index += n
    if index < 0 or index >= n:
        raise_index_error()
    return index


def list_get(lst: int, index: int) -> int:
    return load_i64(slot_address(lst, normalize_index(lst, index)))


def list_set(lst: int, index: int, value: int) -> None:
    store_i64(slot_address(lst, normalize_index(lst, index)), value)
