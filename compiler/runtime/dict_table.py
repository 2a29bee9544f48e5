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

The operations on the table (get, set, pop, iteration, copy, ==) are dicts.py's.
"""
from abi.intrinsics import (load_i64, load_u32, load_u8, memory_copy, record_table, shr_u, store_i64, store_u32,
                            wrap_add, wrap_mul)
from compiler.runtime.list_cmp import data_equal
from compiler.runtime.memory import KIND_RAW, alloc

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
