"""Build and read runtime lists, dicts, str and bytes objects in the emulated memory.

The runtime modules run under CPython against ``abi.intrinsics.MEMORY``; these
helpers turn Python values into objects with the runtime's layouts and back.
Float items are carried as their IEEE bits (``float_bits``/``bits_float``).
"""
from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path

from abi import intrinsics
from abi.intrinsics import load_i64, load_u32, store_u32
from compiler.runtime import memory
from compiler.runtime.dicts import dict_entry_key, dict_entry_value, dict_new, dict_next, dict_set
from compiler.runtime.lists import list_append, list_len, list_new
from compiler.runtime.memory import KIND_BYTES, KIND_POINTERS, KIND_RAW, KIND_STR, SIZE_MASK, alloc

EQ_INT, EQ_FLOAT, EQ_DATA = 0, 1, 2
ORDER_INT, ORDER_DATA = 0, 2
KEY_INT, KEY_STR, KEY_BYTES = 0, 1, 2


def reset_heap() -> None:
    """Forget every object: the next alloc starts a fresh heap above the static data."""
    keep = (intrinsics.heap_base() + intrinsics.PAGE - 1) // intrinsics.PAGE * intrinsics.PAGE
    del intrinsics.MEMORY[max(keep, intrinsics.PAGE):]
    memory.heap_start = 0
    memory.heap_top = 0
    memory.bump = memory.bump_end = memory.small_free = memory.region_at_top = 0  # next alloc lays out
    memory.free_heads = 0
    memory.allocated_since_collect = 0
    memory.live_after_collect = 0
    memory.export_depth = 0


def load_differential():
    """tests/compiler/differential.py (compile and run a program in wasmtime, or under CPython)."""
    if "differential" not in sys.modules:
        path = Path(__file__).resolve().parent.parent / "compiler" / "differential.py"
        spec = importlib.util.spec_from_file_location("differential", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["differential"] = module
        spec.loader.exec_module(module)
    return sys.modules["differential"]


# -- scalars ------------------------------------------------------------------------------
def float_bits(value: float) -> int:
    return struct.unpack("<q", struct.pack("<d", value))[0]


def bits_float(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<q", bits))[0]


# -- str and bytes ----------------------------------------------------------------------
def make_str(text: str) -> int:
    data = text.encode("utf-8")
    obj = alloc(8 + len(data), KIND_STR)
    store_u32(obj + 8, len(data))
    store_u32(obj + 12, len(text))
    intrinsics.MEMORY[obj + 16:obj + 16 + len(data)] = data
    return obj


def make_bytes(data: bytes) -> int:
    obj = alloc(8 + len(data), KIND_BYTES)
    store_u32(obj + 8, len(data))
    intrinsics.MEMORY[obj + 16:obj + 16 + len(data)] = data
    return obj


def read_data(obj: int) -> bytes:
    n = load_u32(obj + 8)
    return bytes(intrinsics.MEMORY[obj + 16:obj + 16 + n])


def read_str(obj: int) -> str:
    assert load_u32(obj + 4) & 255 == KIND_STR
    text = read_data(obj).decode("utf-8")
    assert load_u32(obj + 12) == len(text)
    return text


def read_bytes(obj: int) -> bytes:
    assert load_u32(obj + 4) & 255 == KIND_BYTES
    return read_data(obj)


# -- element codecs: Python value <-> slot ------------------------------------------------
class Codec:
    """How one element type travels in a slot: ``eq_kind``, GC pointer-ness and conversions."""

    def __init__(self, name: str, eq_kind: int, pointers: bool, encode, decode):
        self.name, self.eq_kind, self.pointers = name, eq_kind, pointers
        self.encode, self.decode = encode, decode

    @property
    def item_kind(self) -> int:
        return KIND_POINTERS if self.pointers else KIND_RAW

    def __repr__(self) -> str:
        return f"Codec({self.name})"


INT = Codec("int", EQ_INT, False, lambda v: v, lambda s: s)
BOOL = Codec("bool", EQ_INT, False, lambda v: int(v), lambda s: bool(s))
FLOAT = Codec("float", EQ_FLOAT, False, float_bits, bits_float)
STR = Codec("str", EQ_DATA, True, make_str, read_str)
BYTES = Codec("bytes", EQ_DATA, True, make_bytes, read_bytes)


# -- lists ----------------------------------------------------------------------------------
def slots(lst: int) -> list[int]:
    """The raw slots of a runtime list."""
    items = load_u32(lst + 16)
    return [load_i64(items + 8 + i * 8) for i in range(list_len(lst))]


def make_list(values, codec: Codec = INT, capacity: int = 0) -> int:
    lst = list_new(capacity, codec.item_kind)
    for value in values:
        list_append(lst, codec.encode(value))
    return lst


def read_list(lst: int, codec: Codec = INT) -> list:
    assert load_u32(lst + 4) & 255 == memory.KIND_LIST
    n, capacity, items = load_u32(lst + 8), load_u32(lst + 12), load_u32(lst + 16)
    assert n <= capacity
    if capacity:
        assert load_u32(items + 4) & 255 == codec.item_kind
        assert (load_u32(items) & SIZE_MASK) >= 8 + capacity * 8
    return [codec.decode(s) for s in slots(lst)]


def list_item_kind(lst: int) -> int:
    return load_u32(lst + 20)


# -- dicts ----------------------------------------------------------------------------------
KEY_KINDS = {"int": KEY_INT, "bool": KEY_INT, "str": KEY_STR, "bytes": KEY_BYTES}


def make_dict(mapping: dict, key: Codec = INT, value: Codec = INT) -> int:
    d = dict_new(KEY_KINDS[key.name], value.pointers)
    for k, v in mapping.items():
        dict_set(d, key.encode(k), value.encode(v))
    return d


def dict_items(d: int, key: Codec = INT, value: Codec = INT) -> list[tuple]:
    """The (key, value) pairs in iteration (dict_next) order."""
    pairs = []
    entry = dict_next(d, -1)
    while entry >= 0:
        pairs.append((key.decode(dict_entry_key(d, entry)), value.decode(dict_entry_value(d, entry))))
        entry = dict_next(d, entry)
    return pairs


def block_size(addr: int) -> int:
    """Bytes of a heap block, header included (0 for a null pointer)."""
    return load_u32(addr) & SIZE_MASK if addr else 0


def is_freed(obj: int) -> bool:
    """After ``memory.collect()``: ``obj`` lies in a free block (sweep merges neighbours) or above the top."""
    block = memory.heap_start
    while block < memory.heap_top:
        header = load_u32(block)
        size = header & SIZE_MASK
        assert size > 0
        if block <= obj < block + size:
            return header & memory.FREE_BIT != 0
        block += size
    return True


def dict_footprint(d: int) -> int:
    """Bytes of the dict's entries and index blocks."""
    return block_size(load_u32(d + 16)) + block_size(load_u32(d + 20))


def check_dict_invariants(d: int) -> None:
    """The layout fields agree with each other and with the blocks (raises AssertionError)."""
    live, used = load_u32(d + 8), load_u32(d + 12)
    entries, index = load_u32(d + 16), load_u32(d + 20)
    capacity, size = load_u32(d + 24), load_u32(d + 28)
    kind_word = load_u32(d + 36)
    assert live <= used <= capacity
    if size == 0:
        assert entries == index == capacity == used == live == 0
        return
    assert size & (size - 1) == 0 and capacity < size
    assert load_u32(entries + 4) == kind_word and kind_word & 255 == memory.KIND_ENTRIES
    assert load_u32(index + 4) & 255 == KIND_RAW
    assert block_size(entries) >= 8 + capacity * 24 and block_size(index) >= 8 + size * 4
    numbers = [load_u32(index + 8 + i * 4) for i in range(size)]
    refs = sorted(n - 1 for n in numbers if n not in (0, 0xFFFFFFFF))
    assert numbers.count(0) > 0
    live_entries = [e for e in range(used) if load_i64(entries + 8 + e * 24) != -1]
    assert refs == live_entries and len(live_entries) == live
    for e in range(used):
        base = entries + 8 + e * 24
        if load_i64(base) == -1:  # a deleted entry traces nothing
            assert load_i64(base + 8) == 0 and load_i64(base + 16) == 0
    for e in range(used, capacity):
        base = entries + 8 + e * 24
        assert load_i64(base) == load_i64(base + 8) == load_i64(base + 16) == 0
