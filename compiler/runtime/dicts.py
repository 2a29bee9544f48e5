"""dict[K, V] operations, with CPython's results and KeyError: new, len, get, set, setdefault,
delete, pop, clear, copy, iteration (entry numbers), keys/values/items lists, == and update.

The table they work on (layout, hashing, probing, rebuilds) is dict_table.py's.
"""
from abi.intrinsics import bytes_at, load_i64, load_u32, store_i64, store_u32
from compiler.runtime.dict_table import (DELETED_HASH, DICT_ENTRIES, DICT_ENTRY_KIND, DICT_KEY_KIND, DICT_LEN,
                                         DICT_USED, ENTRY_KEY, ENTRY_SIZE, ENTRY_VALUE, ENUM_SHOWN, KEY_ENUM, KEY_INT,
                                         KEY_RECORD, KEY_STR, delete_at, entry_address, hash_key, index_address,
                                         index_size_for, insert_new, lookup_slot, rebuild_into, reset)
from compiler.runtime.list_cmp import items_equal
from compiler.runtime.lists import list_append, list_new
from compiler.runtime.memory import (ENTRY_KEY_POINTER, ENTRY_VALUE_POINTER, KIND_DICT, KIND_ENTRIES, KIND_POINTERS,
                                     KIND_RAW, alloc)
from compiler.runtime.reprs import bytes_repr, key_error_shown, str_repr, type_error

LIST_LEN = 8


# -- a missing key ------------------------------------------------------------------------
def key_text(d: int, key: int) -> str:
    """What the KeyError gets: a str key itself, str() of an int key, repr() of a bytes key."""
    kind = load_u32(d + DICT_KEY_KIND)
    if kind == KEY_INT:
        return str(key)
    data = bytes_at(key + 16, load_u32(key + 8))
    if kind == KEY_STR:
        return data.decode()
    return bytes_repr(data)


def key_repr(d: int, key: int) -> str:
    """repr(key): what str() of CPython's KeyError shows."""
    if load_u32(d + DICT_KEY_KIND) == KEY_ENUM:
        shown = load_u32(key + ENUM_SHOWN)
        return bytes_at(shown + 16, load_u32(shown + 8)).decode()
    if load_u32(d + DICT_KEY_KIND) == KEY_STR:
        return str_repr(key_text(d, key))
    return key_text(d, key)


def missing_key(d: int, key: int) -> None:
    key_error_shown(key_repr(d, key))


# -- the operations ----------------------------------------------------------------------
def dict_new(key_kind: int, value_is_pointer: bool) -> int:
    """An empty dict; key_kind 0 int (or bool), 1 str, 2 bytes, 3 object, 4 Enum member, 5 record.
    Blocks come with the first insert."""
    if key_kind < KEY_INT or key_kind > KEY_RECORD:
        type_error("dict_new: key kind must be 0 to 5 (int, str, bytes, object, Enum member, record)")  # the compiler passes one
    d = alloc(32, KIND_DICT)
    kind_word = KIND_ENTRIES
    if key_kind != KEY_INT:
        kind_word = kind_word | ENTRY_KEY_POINTER
    if value_is_pointer:
        kind_word = kind_word | ENTRY_VALUE_POINTER
    store_u32(d + DICT_KEY_KIND, key_kind)
    store_u32(d + DICT_ENTRY_KIND, kind_word)
    return d


def dict_len(d: int) -> int:
    return load_u32(d + DICT_LEN)


def dict_find(d: int, key: int) -> int:
    """The entry number holding ``key``, or -1."""
    slot = lookup_slot(d, key, hash_key(d, key))
    if slot < 0:
        return -1
    return load_u32(index_address(d, slot)) - 1


def dict_entry_key(d: int, entry: int) -> int:
    return load_i64(entry_address(d, entry) + ENTRY_KEY)


def dict_entry_value(d: int, entry: int) -> int:
    return load_i64(entry_address(d, entry) + ENTRY_VALUE)


def set_hashed(d: int, key: int, h: int, value: int) -> None:
    slot = lookup_slot(d, key, h)
    if slot >= 0:
        store_i64(entry_address(d, load_u32(index_address(d, slot)) - 1) + ENTRY_VALUE, value)
    else:
        insert_new(d, key, h, value)


def dict_set(d: int, key: int, value: int) -> None:
    """``d[key] = value``: a new key goes last, an existing key keeps its place."""
    set_hashed(d, key, hash_key(d, key), value)


def dict_get_or(d: int, key: int, default: int) -> int:
    """``d.get(key, default)`` (and ``d[key]`` is ``dict_find`` plus a KeyError)."""
    entry = dict_find(d, key)
    if entry < 0:
        return default
    return dict_entry_value(d, entry)


def dict_setdefault(d: int, key: int, default: int) -> int:
    h = hash_key(d, key)
    slot = lookup_slot(d, key, h)
    if slot >= 0:
        return load_i64(entry_address(d, load_u32(index_address(d, slot)) - 1) + ENTRY_VALUE)
    insert_new(d, key, h, default)
    return default


def dict_delete(d: int, key: int) -> None:
    """``del d[key]``; KeyError if absent."""
    slot = lookup_slot(d, key, hash_key(d, key))
    if slot < 0:
        missing_key(d, key)
        return
    delete_at(d, slot)


def dict_pop(d: int, key: int) -> int:
    """``d.pop(key)``; KeyError if absent."""
    slot = lookup_slot(d, key, hash_key(d, key))
    if slot < 0:
        missing_key(d, key)
        return 0
    value = load_i64(entry_address(d, load_u32(index_address(d, slot)) - 1) + ENTRY_VALUE)
    delete_at(d, slot)
    return value


def dict_pop_or(d: int, key: int, default: int) -> int:
    """``d.pop(key, default)``."""
    slot = lookup_slot(d, key, hash_key(d, key))
    if slot < 0:
        return default
    value = load_i64(entry_address(d, load_u32(index_address(d, slot)) - 1) + ENTRY_VALUE)
    delete_at(d, slot)
    return value


def dict_clear(d: int) -> None:
    reset(d)


def dict_copy(d: int) -> int:
    """``d.copy()`` / ``dict(d)``: the live entries, compacted, in the same order."""
    result = alloc(32, KIND_DICT)
    store_u32(result + DICT_KEY_KIND, load_u32(d + DICT_KEY_KIND))
    store_u32(result + DICT_ENTRY_KIND, load_u32(d + DICT_ENTRY_KIND))
    live = load_u32(d + DICT_LEN)
    if live > 0:
        rebuild_into(result, d, index_size_for(live))
    return result


def dict_next(d: int, entry: int) -> int:
    """The next live entry number after ``entry`` (start from -1), or -1 at the end."""
    used = load_u32(d + DICT_USED)
    entry += 1
    while entry < used:
        if load_i64(entry_address(d, entry)) != DELETED_HASH:
            return entry
        entry += 1
    return -1


def entries_to_list(d: int, offset: int, pointers: bool) -> int:
    live = load_u32(d + DICT_LEN)
    lst = list_new(live, KIND_POINTERS if pointers else KIND_RAW)
    if live == 0:
        return lst
    items = load_u32(lst + 16) + 8
    entries = load_u32(d + DICT_ENTRIES) + 8
    count = 0
    for i in range(load_u32(d + DICT_USED)):
        entry = entries + i * ENTRY_SIZE
        if load_i64(entry) != DELETED_HASH:
            store_i64(items + count * 8, load_i64(entry + offset))
            count += 1
    store_u32(lst + LIST_LEN, count)
    return lst


def dict_keys_list(d: int) -> int:
    """``list(d)``: the keys in insertion order."""
    return entries_to_list(d, ENTRY_KEY, load_u32(d + DICT_KEY_KIND) != KEY_INT)


def dict_values_list(d: int) -> int:
    """``list(d.values())`` in insertion order."""
    return entries_to_list(d, ENTRY_VALUE, load_u32(d + DICT_ENTRY_KIND) & ENTRY_VALUE_POINTER != 0)


def dict_eq(a: int, b: int, value_eq_kind: int) -> bool:
    """``a == b``: same keys, equal values, any order. A dict equals itself (CPython's identity rule)."""
    if a == b:
        return True
    live = load_u32(a + DICT_LEN)
    if load_u32(b + DICT_LEN) != live:
        return False
    entry = dict_next(a, -1)
    while entry >= 0:
        address = entry_address(a, entry)
        slot = lookup_slot(b, load_i64(address + ENTRY_KEY), load_i64(address))
        if slot < 0:
            return False
        other = entry_address(b, load_u32(index_address(b, slot)) - 1)
        if not items_equal(load_i64(address + ENTRY_VALUE), load_i64(other + ENTRY_VALUE), value_eq_kind):
            return False
        entry = dict_next(a, entry)
    return True


def dict_update(dst: int, src: int) -> None:
    """``dst.update(src)`` / ``dst |= src`` (same key kind): src's order for new keys."""
    if dst == src:
        return
    entry = dict_next(src, -1)
    while entry >= 0:
        address = entry_address(src, entry)
        set_hashed(dst, load_i64(address + ENTRY_KEY), load_i64(address), load_i64(address + ENTRY_VALUE))
        entry = dict_next(src, entry)


def dict_get(d: int, key: int) -> int:
    """``d[key]``: the value slot; KeyError when the key is missing."""
    entry = dict_find(d, key)
    if entry < 0:
        missing_key(d, key)
    return dict_entry_value(d, entry)


def dict_items_list(d: int, pair_kind: int) -> int:
    """``list(d.items())``: new (key, value) tuple records (kind word from the compiler), in insertion order."""
    result = list_new(load_u32(d + DICT_LEN), KIND_POINTERS)
    entry = dict_next(d, -1)
    while entry >= 0:
        pair = alloc(16, pair_kind)
        store_i64(pair + 8, dict_entry_key(d, entry))
        store_i64(pair + 16, dict_entry_value(d, entry))
        list_append(result, pair)
        entry = dict_next(d, entry)
    return result
