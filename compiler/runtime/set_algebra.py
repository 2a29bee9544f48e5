"""The set algebra of set[T] (compiler/runtime/sets.py): each operation inserts in CPython
3.11's order, so the resulting tables, and the iteration order of int items, are CPython's."""
from abi.intrinsics import load_i64, load_u32, store_u32
from compiler.runtime.reprs import key_error_shown
from compiler.runtime.user_keys import user_repr
from compiler.runtime.set_table import (SET_KIND, SET_MASK, SET_USED, add_entry, discard_entry, hash_item, lookup,
                                        next_slot, slot_hash, slot_key)
from compiler.runtime.sets import (LIST_ITEMS, LIST_LEN, merge, purge_dummies, set_clear, set_contains, set_copy,
                                   set_discard, set_from_list, set_new)


def set_update(s: int, other: int) -> None:
    """s.update(t) / s |= t for a set t."""
    merge(s, other)


def set_union(s: int, other: int) -> int:
    """s | t: a copy of s merged with t."""
    result = set_copy(s)
    if s != other:
        merge(result, other)
    return result


def set_union_step(result: int, s: int, other: int) -> None:
    """One argument of s.union(...): merged into the result unless it is s itself."""
    if other != s:
        merge(result, other)


def set_intersection(s: int, other: int) -> int:
    """s & t: the items of the smaller set (the other on a tie) that the larger holds."""
    if s == other:
        return set_copy(s)
    result = set_new(load_u32(s + SET_KIND))
    if load_u32(other + SET_USED) > load_u32(s + SET_USED):
        small = s
        s = other
        other = small
    pos = next_slot(other, 0)
    while pos >= 0:
        key = slot_key(other, pos)
        h = slot_hash(other, pos)
        if lookup(s, key, h) != 0:
            add_entry(result, key, h)
        pos = next_slot(other, pos + 1)
    return result


def set_intersection_list(s: int, lst: int) -> int:
    """s.intersection(lst): the list's items that s holds, in the list's order."""
    result = set_new(load_u32(s + SET_KIND))
    i = 0
    while i < load_u32(lst + LIST_LEN):
        key = load_i64(load_u32(lst + LIST_ITEMS) + 8 + i * 8)
        h = hash_item(s, key)
        if lookup(s, key, h) != 0:
            add_entry(result, key, h)
        i += 1
    return result


def swap_bodies(a: int, b: int) -> None:
    """Exchange the tables of a and b (their fingers stay), as set_swap_bodies."""
    for offset in range(SET_USED, SET_MASK + 4, 4):  # used, fill, table, the index slot (0), mask
        t = load_u32(a + offset)
        store_u32(a + offset, load_u32(b + offset))
        store_u32(b + offset, t)


def set_intersection_update(s: int, other: int) -> None:
    swap_bodies(s, set_intersection(s, other))


def set_intersection_update_list(s: int, lst: int) -> None:
    swap_bodies(s, set_intersection_list(s, lst))


def set_difference_update(s: int, other: int) -> None:
    """s -= t: discard t's items (those of s & t when t is more than 8 times larger), then purge."""
    if s == other:
        set_clear(s)
        return
    if load_u32(other + SET_USED) >> 3 > load_u32(s + SET_USED):
        other = set_intersection(s, other)
    pos = next_slot(other, 0)
    while pos >= 0:
        discard_entry(s, slot_key(other, pos), slot_hash(other, pos))
        pos = next_slot(other, pos + 1)
    purge_dummies(s)


def set_difference_update_list(s: int, lst: int) -> None:
    i = 0
    while i < load_u32(lst + LIST_LEN):
        set_discard(s, load_i64(load_u32(lst + LIST_ITEMS) + 8 + i * 8))
        i += 1
    purge_dummies(s)


def set_difference(s: int, other: int) -> int:
    """s - t: a copy of s minus t when s is more than 4 times larger, else s's items t lacks."""
    if load_u32(s + SET_USED) >> 2 > load_u32(other + SET_USED):
        result = set_copy(s)
        set_difference_update(result, other)
        return result
    result = set_new(load_u32(s + SET_KIND))
    pos = next_slot(s, 0)
    while pos >= 0:
        key = slot_key(s, pos)
        h = slot_hash(s, pos)
        if lookup(other, key, h) == 0:
            add_entry(result, key, h)
        pos = next_slot(s, pos + 1)
    return result


def set_difference_list(s: int, lst: int) -> int:
    result = set_copy(s)
    set_difference_update_list(result, lst)
    return result


def set_symmetric_difference_update(s: int, other: int) -> None:
    """s ^= t: each item of t is discarded from s, or added when s lacks it."""
    if s == other:
        set_clear(s)
        return
    pos = next_slot(other, 0)
    while pos >= 0:
        key = slot_key(other, pos)
        h = slot_hash(other, pos)
        if not discard_entry(s, key, h):
            add_entry(s, key, h)
        pos = next_slot(other, pos + 1)


def set_symmetric_difference_update_list(s: int, lst: int) -> None:
    set_symmetric_difference_update(s, set_from_list(load_u32(s + SET_KIND), lst))


def set_symmetric_difference(s: int, other: int) -> int:
    """s ^ t: a copy of t, updated with s."""
    result = set_copy(other)
    set_symmetric_difference_update(result, s)
    return result


def set_symmetric_difference_list(s: int, lst: int) -> int:
    result = set_from_list(load_u32(s + SET_KIND), lst)
    set_symmetric_difference_update(result, s)
    return result


# -- comparisons ------------------------------------------------------------------------------
def set_issubset(s: int, other: int) -> bool:
    if load_u32(s + SET_USED) > load_u32(other + SET_USED):
        return False
    pos = next_slot(s, 0)
    while pos >= 0:
        if lookup(other, slot_key(s, pos), slot_hash(s, pos)) == 0:
            return False
        pos = next_slot(s, pos + 1)
    return True


def set_issubset_list(s: int, lst: int) -> bool:
    return set_issubset(s, set_from_list(load_u32(s + SET_KIND), lst))


def set_issuperset_list(s: int, lst: int) -> bool:
    i = 0
    while i < load_u32(lst + LIST_LEN):
        if not set_contains(s, load_i64(load_u32(lst + LIST_ITEMS) + 8 + i * 8)):
            return False
        i += 1
    return True


def set_isdisjoint(s: int, other: int) -> bool:
    pos = next_slot(s, 0)
    while pos >= 0:
        if lookup(other, slot_key(s, pos), slot_hash(s, pos)) != 0:
            return False
        pos = next_slot(s, pos + 1)
    return True


def set_isdisjoint_list(s: int, lst: int) -> bool:
    i = 0
    while i < load_u32(lst + LIST_LEN):
        if set_contains(s, load_i64(load_u32(lst + LIST_ITEMS) + 8 + i * 8)):
            return False
        i += 1
    return True


def set_eq(a: int, b: int) -> bool:
    return load_u32(a + SET_USED) == load_u32(b + SET_USED) and set_issubset(a, b)


def set_lt(a: int, b: int) -> bool:
    return load_u32(a + SET_USED) < load_u32(b + SET_USED) and set_issubset(a, b)


def user_set_remove(s: int, key: int) -> None:
    """``s.remove(key)`` of objects hashed by a written __hash__: KeyError(key) shows its __repr__."""
    if not discard_entry(s, key, hash_item(s, key)):
        key_error_shown(user_repr(key))
