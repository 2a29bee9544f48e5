"""What ``collections``' dicts do beyond a dict's (compiler/sema/collections_types.py).

``Counter(xs)`` and ``c.update(xs)`` add 1 per item of a list (or ``tuple[K, ...]``, held as one),
in the list's order, so new keys go last as CPython inserts them; ``c.update(other)`` of a Counter
adds its counts. ``OrderedDict.move_to_end`` and ``popitem`` work on the dict's insertion order.
"""
from abi.intrinsics import load_u32, store_i64
from compiler.runtime.dict_table import DICT_ENTRIES, DICT_USED
from compiler.runtime.dicts import (dict_clear, dict_copy, dict_delete, dict_entry_key, dict_entry_value, dict_find,
                                    dict_get_or, dict_len, dict_next, dict_pop, dict_set, dict_update)
from compiler.runtime.lists import list_get, list_len
from compiler.runtime.memory import alloc
from compiler.runtime.reprs import key_error


def counter_add_list(d: int, items: int) -> None:
    for i in range(list_len(items)):
        key = list_get(items, i)
        dict_set(d, key, dict_get_or(d, key, 0) + 1)


def counter_add_counts(d: int, other: int) -> None:
    entry = dict_next(other, -1)
    while entry >= 0:
        key = dict_entry_key(other, entry)
        dict_set(d, key, dict_get_or(d, key, 0) + dict_entry_value(other, entry))
        entry = dict_next(other, entry)


def ordered_move_to_end(d: int, key: int, last: bool) -> None:
    """KeyError for a missing key, as CPython. To the front: the dict rebuilt with the key first
    (O(n) where CPython's linked list is O(1); the same order). A key already there stays, changing
    nothing: a loop over the dict goes on, as CPython's."""
    entry = dict_find(d, key)
    if entry >= 0 and ((last and dict_next(d, entry) < 0) or (not last and dict_next(d, -1) == entry)):
        return
    value = dict_pop(d, key)
    if last:
        dict_set(d, key, value)
        return
    rest = dict_copy(d)
    dict_clear(d)
    dict_set(d, key, value)
    dict_update(d, rest)


def ordered_popitem(d: int, last: bool, pair_kind: int) -> int:
    """The last (or first) (key, value) tuple record, removed; KeyError when empty."""
    if dict_len(d) == 0:
        key_error("dictionary is empty")
    chosen = dict_next(d, -1)
    entry = chosen
    while last and entry >= 0:
        chosen = entry
        entry = dict_next(d, entry)
    pair = alloc(16, pair_kind)
    key = dict_entry_key(d, chosen)
    store_i64(pair + 8, key)
    store_i64(pair + 16, dict_entry_value(d, chosen))
    dict_delete(d, key)
    return pair


def ordered_state(d: int) -> int:
    """What changes with every insert, delete or move of an entry (CPython's od_state): the live count,
    the used entry slots (a move appends) and the entries block (a rebuild makes a new one; nothing
    is collected, so never at the same address, while an export runs)."""
    return (load_u32(d + DICT_USED) << 32 | load_u32(d + DICT_ENTRIES)) ^ dict_len(d)


def ordered_check(d: int, size: int, state: int) -> None:
    """At each step of a loop over an OrderedDict: CPython's RuntimeError when its entries changed."""
    if dict_len(d) != size or ordered_state(d) != state:
        raise RuntimeError("OrderedDict mutated during iteration")
