"""set[T] objects: CPython's set hash table (Objects/setobject.c), slot for slot.

    +8  u32 used (live entries, len())   +12 u32 fill (live and dummy entries)
    +16 u32 table block (KIND_ENTRIES)   +20 u32 0 (the dict's index slot: the GC marks it)
    +24 u32 mask (table size - 1)        +28 u32 finger (where pop() looks first)
    +32 u32 key kind (0 int, 1 str, 2 bytes, 3 bool; 4 to 8 and a tuple's item kinds: set_keys.py)
    +36 u32 kind word of the table block

The object is a KIND_DICT and the table a KIND_ENTRIES block of 24-byte entries
(hash, key, state), so the GC traces it as it traces a dict: the table, and the
keys when they are pointers. State 0 is an unused slot, 1 a live key, 2 a dummy
(a deleted key: hash -1, key 0). Iteration walks the table in slot order, so
the order of the items is the table's: for int and bool items the same as
CPython's, since the hash (CPython's hash of an int: modulo 2**61 - 1, -1 -> -2),
the probing (LINEAR_PROBES slots, then perturbed jumps), the growth rule and
every operation's insertion order are CPython 3.11's. str and bytes items hash
with the dict's FNV-1a (CPython randomises theirs per process). Tuple items (and frozen
dataclass objects) hash as CPython's tuples do (set_keys.py): those of ints and bools come out in
CPython's order too, as IntEnum members do.

The operations on the table (add, discard, pop, iteration, copy) are sets.py's.
"""
from abi.intrinsics import load_i64, load_u32, shr_u, store_i64, store_u32, wrap_add, wrap_mul
from compiler.runtime.dict_table import DELETED_HASH, ENTRY_SIZE, hash_data
from compiler.runtime.list_cmp import data_equal
from compiler.runtime.memory import alloc
from compiler.runtime.numbers import hash_int
from compiler.runtime.set_keys import ITEM_KIND_MASK, KEY_TUPLE, hash_object_key, object_keys_equal

SET_USED = 8
SET_FILL = 12
SET_TABLE = 16
SET_MASK = 24
SET_FINGER = 28
SET_KIND = 32
SET_TABLE_KIND = 36

KEY_INT = 0
KEY_BOOL = 3
MIN_SIZE = 8
LINEAR_PROBES = 9
PERTURB_SHIFT = 5
ENTRY_KEY = 8
ENTRY_STATE = 16
UNUSED = 0
ACTIVE = 1
DUMMY = 2


# -- hashing and the table -------------------------------------------------------------------
def hash_item(s: int, key: int) -> int:
    kind = load_u32(s + SET_KIND) & ITEM_KIND_MASK
    if kind == KEY_INT or kind == KEY_BOOL:
        return hash_int(key)
    if kind >= KEY_TUPLE:
        return hash_object_key(kind, key)
    return hash_data(key)


def keys_equal(s: int, a: int, b: int) -> bool:
    if a == b:
        return True
    kind = load_u32(s + SET_KIND) & ITEM_KIND_MASK
    if kind >= KEY_TUPLE:
        return object_keys_equal(kind, a, b)
    return kind != KEY_INT and kind != KEY_BOOL and data_equal(a, b)


def slot_address(table: int, i: int) -> int:
    """Slots come from the runtime (0 <= i <= mask): the address wraps nothing."""
    return wrap_add(table, wrap_add(wrap_mul(i, ENTRY_SIZE), 8))


def new_table(s: int, size: int) -> None:
    store_u32(s + SET_TABLE, alloc(size * ENTRY_SIZE, load_u32(s + SET_TABLE_KIND)))
    store_u32(s + SET_MASK, size - 1)
    store_u32(s + SET_FILL, 0)
    store_u32(s + SET_USED, 0)


def next_probe(i: int, perturb: int, mask: int) -> int:
    return (i * 5 + 1 + perturb) & mask


def probe(s: int, key: int, h: int) -> int:
    """Walk ``h``'s probe sequence as set_lookkey and set_add_entry do: the address of the live
    entry holding ``key``, else minus the address an insert takes (the last dummy the probes
    passed, else the unused slot that ended them). As CPython, again from the start when an
    __eq__ (runtime/user_keys.py) changed the table or the entry it compared."""
    entry = probe_once(s, key, h)
    while entry == 0:
        entry = probe_once(s, key, h)
    return entry


def probe_once(s: int, key: int, h: int) -> int:
    """``probe``'s walk; 0 when an __eq__ changed the set."""
    table = load_u32(s + SET_TABLE)
    mask = load_u32(s + SET_MASK)
    i = h & mask
    perturb = h
    freeslot = 0
    while True:
        probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
        entry = slot_address(table, i)
        while True:
            state = load_i64(entry + ENTRY_STATE)
            if state == UNUSED:
                return -entry if freeslot == 0 else -freeslot
            if state == ACTIVE:
                if load_i64(entry) == h:
                    found = load_i64(entry + ENTRY_KEY)
                    equal = keys_equal(s, found, key)
                    if load_u32(s + SET_TABLE) != table or load_i64(entry + ENTRY_KEY) != found:
                        return 0
                    if equal:
                        return entry
            else:
                freeslot = entry
            if probes == 0:
                break
            probes -= 1
            entry += ENTRY_SIZE
        perturb = shr_u(perturb, PERTURB_SHIFT)
        i = next_probe(i, perturb, mask)


def lookup(s: int, key: int, h: int) -> int:
    """The address of the live entry holding ``key`` (hash ``h``), or 0."""
    entry = probe(s, key, h)
    return entry if entry > 0 else 0


def insert_clean(s: int, key: int, h: int) -> None:
    """Put a key the table lacks where set_insert_clean does: with no dummies in the table, the
    first unused slot of its probe sequence (no key compared: no __eq__ runs)."""
    table = load_u32(s + SET_TABLE)
    mask = load_u32(s + SET_MASK)
    i = h & mask
    perturb = h
    while True:
        probes = LINEAR_PROBES if i + LINEAR_PROBES <= mask else 0
        entry = slot_address(table, i)
        while True:
            if load_i64(entry + ENTRY_STATE) == UNUSED:
                fill(entry, key, h)
                return
            if probes == 0:
                break
            probes -= 1
            entry += ENTRY_SIZE
        perturb = shr_u(perturb, PERTURB_SHIFT)
        i = next_probe(i, perturb, mask)


def fill(entry: int, key: int, h: int) -> None:
    store_i64(entry, h)
    store_i64(entry + ENTRY_KEY, key)
    store_i64(entry + ENTRY_STATE, ACTIVE)


def table_resize(s: int, minused: int) -> None:
    """A table of the smallest power of two above ``minused``, the live keys reinserted in slot order."""
    size = MIN_SIZE
    while size <= minused:
        size *= 2
    old = load_u32(s + SET_TABLE)
    old_mask = load_u32(s + SET_MASK)
    used = load_u32(s + SET_USED)
    if size == MIN_SIZE and old_mask == MIN_SIZE - 1 and load_u32(s + SET_FILL) == used:
        return   # CPython keeps its small table when it has no dummies
    new_table(s, size)
    for i in range(old_mask + 1):
        entry = slot_address(old, i)
        if load_i64(entry + ENTRY_STATE) == ACTIVE:
            insert_clean(s, load_i64(entry + ENTRY_KEY), load_i64(entry))
    store_u32(s + SET_FILL, used)
    store_u32(s + SET_USED, used)


def grow(s: int) -> None:
    used = load_u32(s + SET_USED)
    table_resize(s, used * 2 if used > 50000 else used * 4)


def add_entry(s: int, key: int, h: int) -> None:
    """set_add_entry: a new key takes the last dummy its probes passed, else the unused slot that
    ended them; filling an unused slot past 3/5 of the table grows it."""
    entry = probe(s, key, h)
    if entry > 0:
        return
    entry = -entry
    reused = load_i64(entry + ENTRY_STATE) == DUMMY
    fill(entry, key, h)
    store_u32(s + SET_USED, load_u32(s + SET_USED) + 1)
    if not reused:
        store_u32(s + SET_FILL, load_u32(s + SET_FILL) + 1)
        if load_u32(s + SET_FILL) * 5 >= load_u32(s + SET_MASK) * 3:
            grow(s)


def discard_entry(s: int, key: int, h: int) -> bool:
    entry = lookup(s, key, h)
    if entry == 0:
        return False
    store_i64(entry, DELETED_HASH)
    store_i64(entry + ENTRY_KEY, 0)
    store_i64(entry + ENTRY_STATE, DUMMY)
    store_u32(s + SET_USED, load_u32(s + SET_USED) - 1)
    return True


def next_slot(s: int, pos: int) -> int:
    """The first live slot at or after ``pos``, or -1 (set_next)."""
    table = load_u32(s + SET_TABLE)
    mask = load_u32(s + SET_MASK)
    while pos <= mask:
        if load_i64(slot_address(table, pos) + ENTRY_STATE) == ACTIVE:
            return pos
        pos += 1
    return -1


def slot_key(s: int, pos: int) -> int:
    return load_i64(slot_address(load_u32(s + SET_TABLE), pos) + ENTRY_KEY)


def slot_hash(s: int, pos: int) -> int:
    return load_i64(slot_address(load_u32(s + SET_TABLE), pos))
