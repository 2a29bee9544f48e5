"""``d.popitem()`` of a plain dict, defaultdict or Counter (sema/collections_types.py).

Apart from runtime/dict_kinds.py, which is loaded only for programs that import collections:
a plain dict's popitem() needs no import.
"""
from abi.intrinsics import load_i64, load_u32, store_i64, store_u32
from compiler.runtime.dict_table import DELETED_HASH, DICT_USED, entry_address
from compiler.runtime.dicts import dict_delete, dict_entry_key, dict_entry_value
from compiler.runtime.memory import alloc
from compiler.runtime.reprs import key_error


def dict_popitem(d: int, pair_kind: int) -> int:
    """``d.popitem()`` of a dict: its last (key, value) tuple record, removed. As CPython, the scan
    starts at the last entry slot and the slots after the one taken are forgotten, so draining a
    dict with popitem() is linear."""
    entry = load_u32(d + DICT_USED) - 1
    while entry >= 0 and load_i64(entry_address(d, entry)) == DELETED_HASH:
        entry -= 1
    if entry < 0:
        key_error("popitem(): dictionary is empty")
    pair = alloc(16, pair_kind)
    key = dict_entry_key(d, entry)
    store_i64(pair + 8, key)
    store_i64(pair + 16, dict_entry_value(d, entry))
    used = load_u32(d + DICT_USED)
    dict_delete(d, key)
    if load_u32(d + DICT_USED) == used:  # not rebuilt: no index slot refers to the slots from entry on
        store_u32(d + DICT_USED, entry)
    return pair
