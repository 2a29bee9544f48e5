"""set[T] operations, in CPython's order and with its KeyError: new, add, update (from a list, a
dict or another set), copy, discard, remove, pop, clear, ``in``, len and iteration.

The hash table they work on (layout, hashing, probing, growth) is set_table.py's; the algebra
(|, &, -, ^ and their comparisons) is set_algebra.py's.
"""
from abi.intrinsics import load_i64, load_u32, store_i64, store_u32
from compiler.runtime.dict_table import DELETED_HASH, ENTRY_SIZE
from compiler.runtime.dicts import missing_key
from compiler.runtime.lists import list_append, list_new
from compiler.runtime.memory import ENTRY_KEY_POINTER, KIND_DICT, KIND_ENTRIES, KIND_POINTERS, KIND_RAW, alloc
from compiler.runtime.reprs import key_error_shown
from compiler.runtime.set_keys import ITEM_KIND_MASK, KEY_ENUM, KEY_INT_ENUM, KEY_TUPLE, KEY_USER, enum_repr, tuple_repr
from compiler.runtime.set_table import (ACTIVE, DUMMY, ENTRY_KEY, ENTRY_STATE, KEY_BOOL, KEY_INT, MIN_SIZE, SET_FILL,
                                        SET_FINGER, SET_KIND, SET_MASK, SET_TABLE, SET_TABLE_KIND, SET_USED, add_entry,
                                        discard_entry, grow, hash_item, insert_clean, lookup, new_table, next_slot,
                                        slot_address, slot_hash, slot_key, table_resize)

LIST_LEN = 8
LIST_ITEMS = 16


# -- building and copying -----------------------------------------------------------------
def set_new(key_kind: int) -> int:
    """An empty set of 8 slots; key_kind 0 int, 1 str, 2 bytes, 3 bool, 4 tuple, 5 Enum
    member, 6 IntEnum member, 7 frozen dataclass object."""
    s = alloc(32, KIND_DICT)
    kind_word = KIND_ENTRIES
    if key_kind != KEY_INT and key_kind != KEY_BOOL:
        kind_word = kind_word | ENTRY_KEY_POINTER
    store_u32(s + SET_KIND, key_kind)
    store_u32(s + SET_TABLE_KIND, kind_word)
    new_table(s, MIN_SIZE)
    return s


def merge(s: int, other: int) -> None:
    """set_merge: s |= other for a set other."""
    other_used = load_u32(other + SET_USED)
    if s == other or other_used == 0:
        return
    if (load_u32(s + SET_FILL) + other_used) * 5 >= load_u32(s + SET_MASK) * 3:
        table_resize(s, (load_u32(s + SET_USED) + other_used) * 2)
    other_mask = load_u32(other + SET_MASK)
    if load_u32(s + SET_FILL) == 0 and load_u32(s + SET_MASK) == other_mask \
            and load_u32(other + SET_FILL) == other_used:
        copy_slots(s, other)
        return
    if load_u32(s + SET_FILL) == 0:
        for i in range(other_mask + 1):
            entry = slot_address(load_u32(other + SET_TABLE), i)
            if load_i64(entry + ENTRY_STATE) == ACTIVE:
                insert_clean(s, load_i64(entry + ENTRY_KEY), load_i64(entry))
        store_u32(s + SET_FILL, other_used)
        store_u32(s + SET_USED, other_used)
        return
    pos = next_slot(other, 0)
    while pos >= 0:
        add_entry(s, slot_key(other, pos), slot_hash(other, pos))
        pos = next_slot(other, pos + 1)


def copy_slots(s: int, other: int) -> None:
    """Same-size tables, s empty, other without dummies: slot i of other becomes slot i of s."""
    table = load_u32(s + SET_TABLE)
    other_table = load_u32(other + SET_TABLE)
    for i in range(load_u32(other + SET_MASK) + 1):
        src = slot_address(other_table, i)
        if load_i64(src + ENTRY_STATE) == ACTIVE:
            dst = slot_address(table, i)
            store_i64(dst, load_i64(src))
            store_i64(dst + ENTRY_KEY, load_i64(src + ENTRY_KEY))
            store_i64(dst + ENTRY_STATE, ACTIVE)
    store_u32(s + SET_FILL, load_u32(other + SET_FILL))
    store_u32(s + SET_USED, load_u32(other + SET_USED))


def set_copy(s: int) -> int:
    """``s.copy()`` / ``set(s)``: a new set merged from s."""
    result = set_new(load_u32(s + SET_KIND))
    merge(result, s)
    return result


def set_constant(built: int) -> int:
    """A literal of three or more constants: CPython's compiler makes the frozenset of its items
    (``built``, added in order), rebuilds it from that frozenset's order when it merges constants,
    and the code merges the result into a new set."""
    rebuilt = set_new(load_u32(built + SET_KIND))
    pos = next_slot(built, 0)
    while pos >= 0:
        add_entry(rebuilt, slot_key(built, pos), slot_hash(built, pos))
        pos = next_slot(built, pos + 1)
    return set_copy(rebuilt)


def set_add(s: int, key: int) -> None:
    add_entry(s, key, hash_item(s, key))


def set_update_list(s: int, lst: int) -> None:
    """s.update(lst): the items added one by one, in order (set_update_internal on an iterable)."""
    i = 0
    while i < load_u32(lst + LIST_LEN):
        set_add(s, load_i64(load_u32(lst + LIST_ITEMS) + 8 + i * 8))
        i += 1


def set_from_list(key_kind: int, lst: int) -> int:
    s = set_new(key_kind)
    set_update_list(s, lst)
    return s


def set_update_dict(s: int, d: int) -> None:
    """s.update(d) / set(d): one resize for the dict's size first, then its keys in order."""
    size = load_u32(d + 8)
    if (load_u32(s + SET_FILL) + size) * 5 >= load_u32(s + SET_MASK) * 3:
        table_resize(s, (load_u32(s + SET_USED) + size) * 2)
    entries = load_u32(d + 16)
    stored = load_u32(s + SET_KIND) == KEY_USER  # CPython takes the dict's hashes (ours for ints differ)
    for i in range(load_u32(d + 12)):
        entry = entries + 8 + i * ENTRY_SIZE
        if load_i64(entry) != DELETED_HASH and stored:
            add_entry(s, load_i64(entry + ENTRY_KEY), load_i64(entry))
        elif load_i64(entry) != DELETED_HASH:
            set_add(s, load_i64(entry + ENTRY_KEY))


# -- removing ---------------------------------------------------------------------------------
def set_discard(s: int, key: int) -> None:
    discard_entry(s, key, hash_item(s, key))


def set_remove(s: int, key: int) -> None:
    if not discard_entry(s, key, hash_item(s, key)):
        kind = load_u32(s + SET_KIND)
        if kind & ITEM_KIND_MASK == KEY_TUPLE:
            key_error_shown(tuple_repr(key, kind))
        if kind == KEY_BOOL:
            key_error_shown("True" if key != 0 else "False")
        if kind == KEY_ENUM or kind == KEY_INT_ENUM:
            key_error_shown(enum_repr(key))
        missing_key(s, key)   # the dict's KeyError text: the key kind sits at the same offset


def set_pop(s: int) -> int:
    """Remove and return the first live entry at or after the finger (wrapping)."""
    if load_u32(s + SET_USED) == 0:
        key_error_shown("'pop from an empty set'")
        return 0
    mask = load_u32(s + SET_MASK)
    table = load_u32(s + SET_TABLE)
    i = load_u32(s + SET_FINGER) & mask
    while load_i64(slot_address(table, i) + ENTRY_STATE) != ACTIVE:
        i += 1
        if i > mask:
            i = 0
    entry = slot_address(table, i)
    key = load_i64(entry + ENTRY_KEY)
    store_i64(entry, DELETED_HASH)
    store_i64(entry + ENTRY_KEY, 0)
    store_i64(entry + ENTRY_STATE, DUMMY)
    store_u32(s + SET_USED, load_u32(s + SET_USED) - 1)
    store_u32(s + SET_FINGER, i + 1)
    return key


def set_clear(s: int) -> None:
    """An empty table of 8 slots (the finger stays, as CPython's does)."""
    new_table(s, MIN_SIZE)


def purge_dummies(s: int) -> None:
    """After a difference_update: resize when more than a quarter of the table is dummies."""
    if load_u32(s + SET_FILL) - load_u32(s + SET_USED) > load_u32(s + SET_MASK) // 4:
        grow(s)



def set_contains(s: int, key: int) -> bool:
    return lookup(s, key, hash_item(s, key)) != 0


# -- iteration --------------------------------------------------------------------------------
def set_len(s: int) -> int:
    return load_u32(s + SET_USED)


def set_iter_next(s: int, pos: int, used: int) -> int:
    """The live slot a for loop visits next (from ``pos``), or -1; RuntimeError when the set's
    size is no longer ``used`` (CPython checks it on every step, the last one included)."""
    if load_u32(s + SET_USED) != used:
        raise RuntimeError("Set changed size during iteration")
    return next_slot(s, pos)


def set_slot_key(s: int, pos: int) -> int:
    return slot_key(s, pos)


def set_to_list(s: int) -> int:
    """list(s): the items in slot order."""
    kind = load_u32(s + SET_KIND)
    pointers = kind != KEY_INT and kind != KEY_BOOL
    result = list_new(load_u32(s + SET_USED), KIND_POINTERS if pointers else KIND_RAW)
    pos = next_slot(s, 0)
    while pos >= 0:
        list_append(result, slot_key(s, pos))
        pos = next_slot(s, pos + 1)
    return result
