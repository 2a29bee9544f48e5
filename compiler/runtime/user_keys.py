"""dict[K, V] keyed by objects whose class family writes __hash__ (sema/user_hash.py): CPython 3.11's
table, step for step, so the program's __hash__ and __eq__ run as often and in the same order.

The dict object and its blocks are runtime/dicts.py's (key kind KEY_USER), so iteration, len(),
keys/values/items are that module's. What differs is what CPython's own code does for such keys
(Objects/dictobject.c, DICT_KEYS_GENERAL):
- the hash is the program's ``__hash__`` (``key_hash``: -1 becomes -2), stored per entry: a key
  mutated after insertion keeps its old hash in the table, as in CPython;
- a lookup walks the probe sequence of that hash (perturb shifted as an unsigned 64-bit value) and
  at each live entry tests identity first, then an equal stored hash and ``__eq__(stored, key)``;
  when that call changed the dict's table or the entry, the lookup starts again;
- a new key takes the first empty or deleted index slot of its sequence (find_empty_slot); a
  delete leaves a deleted slot and never shrinks the table; an insert into a full entries block
  rebuilds it for ``3 * len`` (GROWTH_RATE); an empty dict has no table until its first insert,
  which takes 8 slots without any lookup (insert_to_emptydict); ``pop`` of an empty dict hashes
  nothing.
``user_hash`` and ``user_equal`` are written by the compiler (lower/user_keys.py): they switch on
the object's class and call its methods, so an exception they raise leaves the dict operation.
"""
from abi.intrinsics import load_i64, load_u32, memory_copy, shr_u, store_i64, store_u32
from compiler.runtime.dict_table import (DELETED_HASH, DICT_CAPACITY, DICT_ENTRIES, DICT_ENTRY_KIND, DICT_INDEX,
                                         DICT_INDEX_SIZE, DICT_KEY_KIND, DICT_LEN, DICT_USED, EMPTY, ENTRY_KEY,
                                         ENTRY_VALUE, TOMBSTONE, entry_address, index_address, rebuild_into)
from compiler.runtime.dicts import dict_next
from compiler.runtime.list_cmp import items_equal
from compiler.runtime.memory import ENTRY_KEY_POINTER, ENTRY_VALUE_POINTER, KIND_DICT, KIND_ENTRIES, KIND_RAW, alloc
from compiler.runtime.reprs import key_error, key_error_shown

KEY_USER = 6
MIN_SIZE = 8
PERTURB_SHIFT = 5
RESTART = -2      # a lookup's __eq__ changed the dict: look again
MAX_PRESIZE = 5   # USABLE_FRACTION(8): a display of more items starts with a larger table


def user_hash(key: int) -> int:
    """Replaced by the compiler: ``key.__hash__()`` of the key's class."""
    return key


def user_equal(stored: int, key: int) -> bool:
    """Replaced by the compiler: ``stored == key`` as CPython's PyObject_RichCompareBool decides it
    after the identity test (the key's reflected __eq__ first when its class is a proper subclass)."""
    return stored == key


def user_repr(key: int) -> str:
    """Replaced by the compiler: repr(key) by its class's written __repr__ (a missing key's KeyError)."""
    return ""


def key_hash(key: int) -> int:
    """hash(key): -1 is CPython's error value, so a __hash__ returning it gives -2."""
    h = user_hash(key)
    if h == -1:
        return -2
    return h


def keysize(minsize: int) -> int:
    """calculate_log2_keysize as an index size: 2 ** bit_length(((minsize | 8) - 1) | 7)."""
    bits = ((minsize | MIN_SIZE) - 1) | (MIN_SIZE - 1)
    size = 1
    while size <= bits:
        size *= 2
    return size


def user_dict_new(value_is_pointer: bool, count: int) -> int:
    """An empty dict; a display of ``count`` items (0 otherwise) presized as CPython's
    dict_new_presized does."""
    d = alloc(32, KIND_DICT)
    kind_word = KIND_ENTRIES | ENTRY_KEY_POINTER
    if value_is_pointer:
        kind_word = kind_word | ENTRY_VALUE_POINTER
    store_u32(d + DICT_KEY_KIND, KEY_USER)
    store_u32(d + DICT_ENTRY_KIND, kind_word)
    if count > MAX_PRESIZE:
        rebuild_into(d, d, keysize((count * 3 + 1) // 2))
    return d


# -- the table ------------------------------------------------------------------------------
def probe_once(d: int, key: int, h: int) -> int:
    """The index slot holding ``key``, -1 if absent, RESTART if an __eq__ changed the dict."""
    size = load_u32(d + DICT_INDEX_SIZE)
    if size == 0:
        return -1
    mask = size - 1
    index = load_u32(d + DICT_INDEX)
    entries = load_u32(d + DICT_ENTRIES) + 8
    slot = h & mask
    perturb = h
    while True:
        number = load_u32(index + 8 + slot * 4)
        if number == EMPTY:
            return -1
        if number != TOMBSTONE:
            entry = entries + (number - 1) * 24
            found = load_i64(entry + ENTRY_KEY)
            if found == key:
                return slot
            if load_i64(entry) == h:
                equal = user_equal(found, key)
                if load_u32(d + DICT_INDEX) != index or load_i64(entry + ENTRY_KEY) != found:
                    return RESTART
                if equal:
                    return slot
        perturb = shr_u(perturb, PERTURB_SHIFT)
        slot = (slot * 5 + perturb + 1) & mask


def lookup(d: int, key: int, h: int) -> int:
    slot = probe_once(d, key, h)
    while slot == RESTART:
        slot = probe_once(d, key, h)
    return slot


def append_entry(d: int, key: int, h: int, value: int) -> None:
    """A new entry in the first empty or deleted index slot of h's sequence (find_empty_slot)."""
    used = load_u32(d + DICT_USED)
    entry = entry_address(d, used)
    store_i64(entry, h)
    store_i64(entry + ENTRY_KEY, key)
    store_i64(entry + ENTRY_VALUE, value)
    mask = load_u32(d + DICT_INDEX_SIZE) - 1
    slot = h & mask
    perturb = h
    while True:
        number = load_u32(index_address(d, slot))
        if number == EMPTY or number == TOMBSTONE:
            break
        perturb = shr_u(perturb, PERTURB_SHIFT)
        slot = (slot * 5 + perturb + 1) & mask
    store_u32(index_address(d, slot), used + 1)
    store_u32(d + DICT_USED, used + 1)
    store_u32(d + DICT_LEN, load_u32(d + DICT_LEN) + 1)


def insert(d: int, key: int, h: int, value: int, replace: bool) -> int:
    """insertdict (and setdefault's insert): the value now held for ``key`` (``replace``: the new one)."""
    if load_u32(d + DICT_INDEX_SIZE) == 0:
        rebuild_into(d, d, MIN_SIZE)
        append_entry(d, key, h, value)
        return value
    slot = lookup(d, key, h)
    if slot >= 0:
        entry = entry_address(d, load_u32(index_address(d, slot)) - 1)
        if replace:
            store_i64(entry + ENTRY_VALUE, value)
        return load_i64(entry + ENTRY_VALUE)
    if load_u32(d + DICT_USED) >= load_u32(d + DICT_CAPACITY):
        rebuild_into(d, d, keysize(load_u32(d + DICT_LEN) * 3))
    append_entry(d, key, h, value)
    return value


def remove_at(d: int, slot: int) -> int:
    """delitem_common: the index slot becomes a deleted one; the value that was there."""
    address = index_address(d, slot)
    entry = entry_address(d, load_u32(address) - 1)
    value = load_i64(entry + ENTRY_VALUE)
    store_u32(address, TOMBSTONE)
    store_i64(entry, DELETED_HASH)
    store_i64(entry + ENTRY_KEY, 0)
    store_i64(entry + ENTRY_VALUE, 0)
    store_u32(d + DICT_LEN, load_u32(d + DICT_LEN) - 1)
    return value


# -- the operations (the compiler calls these for dicts of KEY_USER) ------------------------------
def user_dict_set(d: int, key: int, value: int) -> None:
    insert(d, key, key_hash(key), value, True)


def user_dict_setdefault(d: int, key: int, default: int) -> int:
    return insert(d, key, key_hash(key), default, False)


def user_dict_find(d: int, key: int) -> int:
    """The entry number holding ``key``, or -1 (``key in d``, ``d.get``)."""
    slot = lookup(d, key, key_hash(key))
    if slot < 0:
        return -1
    return load_u32(index_address(d, slot)) - 1


def user_dict_get_or(d: int, key: int, default: int) -> int:
    entry = user_dict_find(d, key)
    if entry < 0:
        return default
    return load_i64(entry_address(d, entry) + ENTRY_VALUE)


def user_dict_pop_or(d: int, key: int, default: int) -> int:
    """``d.pop(key, default)``: an empty dict returns the default without hashing the key."""
    if load_u32(d + DICT_LEN) == 0:
        return default
    slot = lookup(d, key, key_hash(key))
    if slot < 0:
        return default
    return remove_at(d, slot)


def user_dict_get(d: int, key: int) -> int:
    """``d[key]``; KeyError(key) when missing (the checker allows it when the class writes __repr__)."""
    entry = user_dict_find(d, key)
    if entry < 0:
        key_error_shown(user_repr(key))
        return 0
    return load_i64(entry_address(d, entry) + ENTRY_VALUE)


def user_dict_pop(d: int, key: int) -> int:
    """``d.pop(key)``: as CPython, an empty dict raises KeyError without hashing the key."""
    slot = -1
    if load_u32(d + DICT_LEN) != 0:
        slot = lookup(d, key, key_hash(key))
    if slot < 0:
        key_error_shown(user_repr(key))
        return 0
    return remove_at(d, slot)


def user_dict_delete(d: int, key: int) -> None:
    """``del d[key]``: the key is hashed even when the dict is empty."""
    slot = lookup(d, key, key_hash(key))
    if slot < 0:
        key_error_shown(user_repr(key))
        return
    remove_at(d, slot)


# -- copies and merges ----------------------------------------------------------------------
def clone_into(dst: int, src: int) -> None:
    """clone_combined_dict_keys: ``dst`` gets copies of ``src``'s blocks, deleted slots and all."""
    size = load_u32(src + DICT_INDEX_SIZE)
    capacity = load_u32(src + DICT_CAPACITY)
    entries = alloc(capacity * 24, load_u32(dst + DICT_ENTRY_KIND))
    memory_copy(entries + 8, load_u32(src + DICT_ENTRIES) + 8, load_u32(src + DICT_USED) * 24)
    index = alloc(size * 4, KIND_RAW)
    memory_copy(index + 8, load_u32(src + DICT_INDEX) + 8, size * 4)
    store_u32(dst + DICT_ENTRIES, entries)
    store_u32(dst + DICT_INDEX, index)
    store_u32(dst + DICT_CAPACITY, capacity)
    store_u32(dst + DICT_INDEX_SIZE, size)
    store_u32(dst + DICT_USED, load_u32(src + DICT_USED))
    store_u32(dst + DICT_LEN, load_u32(src + DICT_LEN))


def user_dict_update(dst: int, src: int) -> None:
    """``dst.update(src)``, ``dst |= src``, ``dict(src)`` into an empty dst: CPython's dict_merge. An
    empty dst clones a clean src; else one resize first, then each entry inserted with its stored
    hash (so no __hash__ runs; __eq__ does where hashes meet)."""
    live = load_u32(src + DICT_LEN)
    if src == dst or live == 0:
        return
    if load_u32(dst + DICT_LEN) == 0 and live == load_u32(src + DICT_USED) and (
            load_u32(src + DICT_INDEX_SIZE) == MIN_SIZE or (load_u32(src + DICT_INDEX_SIZE) // 2) * 2 // 3 < live):
        clone_into(dst, src)
        return
    if load_u32(dst + DICT_INDEX_SIZE) * 2 // 3 < live:
        rebuild_into(dst, dst, keysize(((load_u32(dst + DICT_LEN) + live) * 3 + 1) // 2))
    used = load_u32(src + DICT_USED)
    entry = dict_next(src, -1)
    while entry >= 0:
        address = entry_address(src, entry)
        insert(dst, load_i64(address + ENTRY_KEY), load_i64(address), load_i64(address + ENTRY_VALUE), True)
        if load_u32(src + DICT_USED) != used:
            raise RuntimeError("dict mutated during update")
        entry = dict_next(src, entry)


def user_dict_copy(d: int) -> int:
    """``d.copy()`` (and the left side of ``d | e``): PyDict_Copy clones a dict at most a third of
    whose entry slots are deleted, else merges it into a new one."""
    result = user_dict_new(load_u32(d + DICT_ENTRY_KIND) & ENTRY_VALUE_POINTER != 0, 0)
    live = load_u32(d + DICT_LEN)
    if live == 0:
        return result
    if live >= load_u32(d + DICT_USED) * 2 // 3:
        clone_into(result, d)
    else:
        user_dict_update(result, d)
    return result


def user_dict_of(d: int) -> int:
    """``dict(d)``: a new dict merged from d (dict_merge, which clones on other terms than copy())."""
    result = user_dict_new(load_u32(d + DICT_ENTRY_KIND) & ENTRY_VALUE_POINTER != 0, 0)
    user_dict_update(result, d)
    return result


def user_counter_add_list(d: int, items: int) -> None:
    """``Counter(xs)`` / ``c.update(xs)``: CPython's _count_elements hashes each item once, looks it
    up, then sets it with that hash (a second lookup, in insertdict)."""
    for i in range(load_u32(items + 8)):
        key = load_i64(load_u32(items + 16) + 8 + i * 8)
        h = key_hash(key)
        slot = lookup(d, key, h)
        count = 1
        if slot >= 0:
            count = load_i64(entry_address(d, load_u32(index_address(d, slot)) - 1) + ENTRY_VALUE) + 1
        insert(d, key, h, count, True)


def user_dict_eq(a: int, b: int, value_eq_kind: int) -> bool:
    """``a == b``: CPython's dict_equal looks each of a's keys up in b with its stored hash (b's
    __eq__ calls), then compares the values; no shortcut for ``a is b``."""
    if load_u32(a + DICT_LEN) != load_u32(b + DICT_LEN):
        return False
    entry = dict_next(a, -1)
    while entry >= 0:
        address = entry_address(a, entry)
        slot = lookup(b, load_i64(address + ENTRY_KEY), load_i64(address))
        if slot < 0:
            return False
        other = entry_address(b, load_u32(index_address(b, slot)) - 1)
        if not items_equal(load_i64(address + ENTRY_VALUE), load_i64(other + ENTRY_VALUE), value_eq_kind):
            return False
        entry = dict_next(a, entry)
    return True


def user_dict_popitem(d: int, pair_kind: int) -> int:
    """``d.popitem()``: the last live entry, removed as CPython's dict_popitem does: its index slot
    found along its stored hash's sequence (no __eq__), the entry slots from it on given up; they
    stay unusable until the next resize (the capacity shrinks with them)."""
    if load_u32(d + DICT_LEN) == 0:
        key_error("popitem(): dictionary is empty")
    used = load_u32(d + DICT_USED)
    last = used - 1
    while load_i64(entry_address(d, last)) == DELETED_HASH:
        last -= 1
    entry = entry_address(d, last)
    h = load_i64(entry)
    pair = alloc(16, pair_kind)
    store_i64(pair + 8, load_i64(entry + ENTRY_KEY))
    store_i64(pair + 16, load_i64(entry + ENTRY_VALUE))
    mask = load_u32(d + DICT_INDEX_SIZE) - 1
    slot = h & mask
    perturb = h
    while load_u32(index_address(d, slot)) != last + 1:
        perturb = shr_u(perturb, PERTURB_SHIFT)
        slot = (slot * 5 + perturb + 1) & mask
    remove_at(d, slot)
    store_u32(d + DICT_CAPACITY, load_u32(d + DICT_CAPACITY) - (used - last))
    store_u32(d + DICT_USED, last)
    return pair


def user_counter_add_counts(d: int, other: int) -> None:
    """``c.update(other)`` / ``Counter(other)`` of a Counter, as Counter.update: into an empty Counter
    dict.update (a merge); else ``self[k] = n + self.get(k, 0)`` for each of other's items."""
    if load_u32(d + DICT_LEN) == 0:
        user_dict_update(d, other)
        return
    entry = dict_next(other, -1)
    while entry >= 0:
        address = entry_address(other, entry)
        key = load_i64(address + ENTRY_KEY)
        count = load_i64(address + ENTRY_VALUE) + user_dict_get_or(d, key, 0)
        user_dict_set(d, key, count)
        entry = dict_next(other, entry)


def user_counter_delete(d: int, key: int) -> None:
    """``del c[k]`` of a Counter: ``if k in self: dict.__delitem__(self, k)`` (two hashes, two lookups)."""
    if user_dict_find(d, key) >= 0:
        user_dict_delete(d, key)
