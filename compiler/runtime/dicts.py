"""dict[K, V] objects: a compact, insertion-ordered hash table (CPython's design).

    +8  u32 len (live entries)          +12 u32 used (entry slots used, deleted ones included)
    +16 u32 entries block               +20 u32 index block (KIND_RAW)
    +24 u32 entries capacity            +28 u32 index size (a power of two; 0 before the first insert)
    +32 u32 key kind (0 int, 1 str, 2 bytes, 3 object: hashed and compared by address, 4 Enum member:
        an object whose third field is its repr, which a missing key's KeyError shows, 5 frozen
        dataclass object: hashed and compared by class and field values, each an int, bool, str or bytes)
    +36 u32 kind word of the entries block (KIND_ENTRIES | ENTRY_KEY_POINTER | ENTRY_VALUE_POINTER)

Entries are appended in insertion order: 24 bytes each from the block's +8, an i64
hash, the key slot and the value slot. Deleting an entry sets its hash to
DELETED_HASH (no live key hashes to it) and zeroes its key and value, so the GC
traces nothing through it. The index is an open-addressing table of u32: 0 is
empty, TOMBSTONE marks a deleted entry, any other value is entry number + 1.
Probing is CPython's: slot = hash & mask, then slot * 5 + perturb + 1 with the
upper hash bits shifted into perturb, which visits every slot.

Growth: the entries capacity is 2/3 of the index size, so the index never fills.
An insert into a full entries block rebuilds the dict for its live entries
(compacting away deleted ones) with a capacity of at least twice the live count;
a delete that leaves fewer live entries than an eighth of the capacity rebuilds
it smaller. Lookups stay O(1) on average, rebuilds are amortised O(1) per
operation and the blocks stay proportional to the live entries. Entry numbers
are stable except across rebuilds (inserts of new keys and deletes, which
change the size: iteration must not go on after those, as in Python).

Hashes: str and bytes keys hash their content with 64-bit FNV-1a; int keys are
mixed with splitmix64's finaliser. Both wrap modulo 2**64 (the wrap_* intrinsics):
a hash is the runtime's own value, never an int the program sees.
"""
from abi.intrinsics import (bytes_at, load_i64, load_u8, load_u32, memory_copy, record_table,
                            shr_u, store_i64, store_u32, wrap_add, wrap_mul)
from compiler.runtime.list_cmp import data_equal, items_equal
from compiler.runtime.lists import list_append, list_new
from compiler.runtime.memory import (ENTRY_KEY_POINTER, ENTRY_VALUE_POINTER, KIND_DICT, KIND_ENTRIES,
                                     KIND_POINTERS, KIND_RAW, alloc)
from compiler.runtime.reprs import bytes_repr, key_error_shown, str_repr, type_error

DICT_LEN = 8
DICT_USED = 12
DICT_ENTRIES = 16
DICT_INDEX = 20
DICT_CAPACITY = 24
DICT_INDEX_SIZE = 28
DICT_KEY_KIND = 32
DICT_ENTRY_KIND = 36

KEY_INT = 0
KEY_STR = 1
KEY_BYTES = 2
KEY_OBJECT = 3  # objects that CPython compares by identity: their address is the key (sema/class_keys.py)
KEY_ENUM = 4    # Enum members: objects too (sema/enums.py: +24 holds the repr, <Color.RED: 1>)
ENUM_SHOWN = 24
KEY_RECORD = 5  # frozen dataclass objects (sema/class_keys.py): equal when of one class with equal fields
SIZE_MASK = 0xFFFFFFF8

ENTRY_SIZE = 24
ENTRY_KEY = 8
ENTRY_VALUE = 16
EMPTY = 0
TOMBSTONE = 0xFFFFFFFF
DELETED_HASH = -1
MIN_INDEX_SIZE = 8
SHRINK_FACTOR = 8          # rebuild smaller when live * SHRINK_FACTOR < capacity
PERTURB_MASK = 0x3FFFFFFFFFFFFFFF
PERTURB_SHIFT = 5

SPLITMIX_1 = -4658895280553007687   # 0xBF58476D1CE4E5B9 as a signed int64
SPLITMIX_2 = -7723592293110705685   # 0x94D049BB133111EB
FNV_OFFSET = -3750763034362895579   # 0xCBF29CE484222325, the 64-bit FNV offset basis
FNV_PRIME = 0x100000001B3
MASK32 = 0xFFFFFFFF
LIST_LEN = 8


# -- hashing ------------------------------------------------------------------------
def hash_int(key: int) -> int:
    """splitmix64's finaliser, a bijection of int64: every key bit reaches the low bits the index
    uses. Wrapping multiplication is the hash's own arithmetic (no int result depends on it)."""
    h = wrap_mul(key ^ shr_u(key, 30), SPLITMIX_1)
    h = wrap_mul(h ^ shr_u(h, 27), SPLITMIX_2)
    h = h ^ shr_u(h, 31)
    if h == DELETED_HASH:
        return -2
    return h


def hash_data(obj: int) -> int:
    """64-bit FNV-1a of a str/bytes object's bytes (len at +8, data at +16); never DELETED_HASH."""
    p = wrap_add(obj, 16)
    end = wrap_add(p, load_u32(obj + 8))
    h = FNV_OFFSET
    while p < end:
        h = wrap_mul(h ^ load_u8(p), FNV_PRIME)
        p = wrap_add(p, 1)
    if h == DELETED_HASH:
        return -2
    return h


def record_slots(obj: int) -> int:
    """The field slots of a record: its block holds exactly the 8-byte header and them."""
    return ((load_u32(obj) & SIZE_MASK) - 8) >> 3


def record_pointer_map(obj: int) -> int:
    """Bit i set: slot i is a pointer (a str or bytes field here); the record table the GC reads."""
    return load_i64(record_table() + (load_u32(obj + 4) >> 8) * 8)


def hash_record(obj: int) -> int:
    """The class id and every field, mixed; equal records (``records_equal``) hash alike."""
    h = hash_int(load_u32(obj + 4))
    pointers = record_pointer_map(obj)
    slots = record_slots(obj)
    i = 0
    while i < slots:
        if shr_u(pointers, i) & 1:
            part = hash_data(load_u32(obj + 8 + i * 8))
        else:
            part = hash_int(load_i64(obj + 8 + i * 8))
        h = wrap_mul(h ^ part, FNV_PRIME)
        i += 1
    if h == DELETED_HASH:
        return -2
    return h


def records_equal(a: int, b: int) -> bool:
    """CPython's generated __eq__ of a frozen dataclass: the same class, then the fields as a tuple."""
    if load_u32(a + 4) != load_u32(b + 4):
        return False
    pointers = record_pointer_map(a)
    slots = record_slots(a)
    i = 0
    while i < slots:
        x = load_i64(a + 8 + i * 8)
        y = load_i64(b + 8 + i * 8)
        if shr_u(pointers, i) & 1:
            if not data_equal(x, y):
                return False
        elif x != y:
            return False
        i += 1
    return True


def keys_equal(kind: int, a: int, b: int) -> bool:
    """Two different key objects with one hash: equal by content (str, bytes), by fields (a frozen
    dataclass), never by address."""
    if kind < KEY_OBJECT:
        return data_equal(a, b)
    return kind == KEY_RECORD and records_equal(a, b)


def hash_key(d: int, key: int) -> int:
    kind = load_u32(d + DICT_KEY_KIND)
    if kind == KEY_INT:  # the common kinds first: int, then str and bytes
        return hash_int(key)
    if kind < KEY_OBJECT:
        return hash_data(key)
    if kind == KEY_RECORD:
        return hash_record(key)
    return hash_int(key)  # an address


# -- entries and the index ------------------------------------------------------------------
def entry_address(d: int, entry: int) -> int:
    """Entry numbers and slots come from the runtime (0 <= n < capacity): the address wraps nothing."""
    return wrap_add(load_u32(d + DICT_ENTRIES), wrap_add(wrap_mul(entry, ENTRY_SIZE), 8))


def index_address(d: int, slot: int) -> int:
    return wrap_add(load_u32(d + DICT_INDEX), wrap_add(wrap_mul(slot, 4), 8))


def lookup_slot(d: int, key: int, h: int) -> int:
    """The index slot holding ``key`` (whose hash is ``h``), or -1."""
    if load_u32(d + DICT_LEN) == 0:
        return -1
    mask = (load_u32(d + DICT_INDEX_SIZE) - 1) & MASK32  # a u32: the probe arithmetic stays plain
    index = load_u32(d + DICT_INDEX) + 8
    entries = load_u32(d + DICT_ENTRIES) + 8
    kind = load_u32(d + DICT_KEY_KIND)
    by_content = kind != KEY_INT  # str, bytes or a record (objects and Enum members: by address alone)
    slot = h & mask
    perturb = h & PERTURB_MASK
    while True:
        number = load_u32(index + slot * 4)
        if number == EMPTY:
            return -1
        if number != TOMBSTONE:
            entry = entries + (number - 1) * ENTRY_SIZE
            if load_i64(entry) == h:
                found = load_i64(entry + ENTRY_KEY)
                if found == key or (by_content and keys_equal(kind, found, key)):
                    return slot
        perturb = perturb >> PERTURB_SHIFT
        slot = (slot * 5 + perturb + 1) & mask


def free_slot(d: int, h: int) -> int:
    """The first empty index slot on ``h``'s probe sequence (the index is never full)."""
    mask = (load_u32(d + DICT_INDEX_SIZE) - 1) & MASK32
    index = load_u32(d + DICT_INDEX) + 8
    slot = h & mask
    perturb = h & PERTURB_MASK
    while load_u32(index + slot * 4) != EMPTY:
        perturb = perturb >> PERTURB_SHIFT
        slot = (slot * 5 + perturb + 1) & mask
    return slot


def index_size_for(live: int) -> int:
    """The smallest index whose entries capacity (2/3 of it) holds ``2 * live``."""
    size = MIN_INDEX_SIZE
    while size * 2 // 3 < live * 2:
        size *= 2
    return size


def rebuild_into(dst: int, src: int, size: int) -> None:
    """Give ``dst`` fresh blocks for an index of ``size`` holding ``src``'s live entries, compacted.

    ``dst`` may be ``src``; ``dst``'s key kind and entries kind word are kept."""
    capacity = size * 2 // 3
    entries = alloc(capacity * ENTRY_SIZE, load_u32(dst + DICT_ENTRY_KIND))
    index = alloc(size * 4, KIND_RAW)
    old_entries = load_u32(src + DICT_ENTRIES) + 8
    used = load_u32(src + DICT_USED)
    mask = size - 1
    count = 0
    for i in range(used):
        old = old_entries + i * ENTRY_SIZE
        h = load_i64(old)
        if h != DELETED_HASH:
            memory_copy(entries + 8 + count * ENTRY_SIZE, old, ENTRY_SIZE)
            slot = h & mask
            perturb = h & PERTURB_MASK
            while load_u32(index + 8 + slot * 4) != EMPTY:
                perturb = perturb >> PERTURB_SHIFT
                slot = (slot * 5 + perturb + 1) & mask
            store_u32(index + 8 + slot * 4, count + 1)
            count += 1
    store_u32(dst + DICT_ENTRIES, entries)
    store_u32(dst + DICT_INDEX, index)
    store_u32(dst + DICT_CAPACITY, capacity)
    store_u32(dst + DICT_INDEX_SIZE, size)
    store_u32(dst + DICT_USED, count)
    store_u32(dst + DICT_LEN, count)


def reset(d: int) -> None:
    """Drop the blocks: an empty dict (the GC frees them)."""
    store_u32(d + DICT_LEN, 0)
    store_u32(d + DICT_USED, 0)
    store_u32(d + DICT_ENTRIES, 0)
    store_u32(d + DICT_INDEX, 0)
    store_u32(d + DICT_CAPACITY, 0)
    store_u32(d + DICT_INDEX_SIZE, 0)


def insert_new(d: int, key: int, h: int, value: int) -> None:
    """Append an entry for a key the dict does not hold."""
    used = load_u32(d + DICT_USED)
    if used == load_u32(d + DICT_CAPACITY):
        rebuild_into(d, d, index_size_for(load_u32(d + DICT_LEN) + 1))
        used = load_u32(d + DICT_USED)
    entry = entry_address(d, used)
    store_i64(entry, h)
    store_i64(entry + ENTRY_KEY, key)
    store_i64(entry + ENTRY_VALUE, value)
    store_u32(index_address(d, free_slot(d, h)), used + 1)
    store_u32(d + DICT_USED, used + 1)
    store_u32(d + DICT_LEN, load_u32(d + DICT_LEN) + 1)


def delete_at(d: int, slot: int) -> None:
    """Delete the entry index slot ``slot`` refers to; maybe rebuild smaller."""
    address = index_address(d, slot)
    entry = entry_address(d, load_u32(address) - 1)
    store_u32(address, TOMBSTONE)
    store_i64(entry, DELETED_HASH)
    store_i64(entry + ENTRY_KEY, 0)
    store_i64(entry + ENTRY_VALUE, 0)
    live = load_u32(d + DICT_LEN) - 1
    store_u32(d + DICT_LEN, live)
    if live * SHRINK_FACTOR < load_u32(d + DICT_CAPACITY) and load_u32(d + DICT_INDEX_SIZE) > MIN_INDEX_SIZE:
        if live == 0:
            reset(d)
        else:
            rebuild_into(d, d, index_size_for(live))


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
