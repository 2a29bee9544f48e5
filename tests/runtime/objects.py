"""Build runtime objects in the emulated linear memory from Python values, and read them back.

The runtime modules run under CPython against ``abi.intrinsics.MEMORY``; these
helpers use the same allocator (``compiler.runtime.memory.alloc``) and the
layouts the compiler relies on:

    str   KIND_STR   +8 u32 byte length, +12 u32 code-point length, +16 UTF-8
    bytes KIND_BYTES +8 u32 length,      +12 u32 0,                 +16 data
    list  KIND_LIST  see compiler/runtime/lists.py

``reset_memory()`` gives a fresh memory and heap. It also places every bytes
constant of the runtime modules in the static area first: under CPython,
``data_ptr`` puts a constant at the current ``heap_base`` the first time it is
asked for it, so a constant first used after the heap was laid out would land
on top of heap objects.
"""
from __future__ import annotations

import abi.intrinsics as mem
from compiler.runtime import (lists, memory, str_case, str_find, str_fmt, str_items, str_split, str_utf8, strings,
                              unicode_properties, unicode_tables)

TEXT_MODULES = (strings, str_items, str_find, str_split, str_case, str_utf8, str_fmt)  # the str and bytes runtime
RUNTIME_MODULES = (*TEXT_MODULES, unicode_tables, unicode_properties, lists, memory)


def reset_memory() -> None:
    """A fresh emulated memory and heap, with the runtime's constants placed."""
    mem.MEMORY = bytearray(mem.PAGE)
    mem._STATIC.clear()
    mem._HEAP_BASE = 1024
    for module in RUNTIME_MODULES:
        for value in vars(module).values():
            if isinstance(value, bytes) and value:
                if mem._HEAP_BASE + len(value) > len(mem.MEMORY):
                    mem.memory_grow((mem._HEAP_BASE + len(value)) // mem.PAGE + 1)
                mem.data_ptr(value)
    memory.heap_start = memory.heap_top = memory.free_heads = 0
    memory.bump = memory.bump_end = memory.small_free = memory.region_at_top = 0  # next alloc lays out
    memory.allocated_since_collect = memory.live_after_collect = memory.export_depth = 0


def collect() -> None:
    """Free every heap object (the tests keep no roots), keeping the constants."""
    memory.collect()


def make_str(value: str) -> int:
    data = value.encode("utf-8")
    addr = memory.alloc(8 + len(data), memory.KIND_STR)
    mem.store_u32(addr + 8, len(data))
    mem.store_u32(addr + 12, len(value))
    mem.MEMORY[addr + 16:addr + 16 + len(data)] = data
    return addr


def make_bytes(value: bytes) -> int:
    addr = memory.alloc(8 + len(value), memory.KIND_BYTES)
    mem.store_u32(addr + 8, len(value))
    mem.MEMORY[addr + 16:addr + 16 + len(value)] = value
    return addr


def make_list(addresses: list[int]) -> int:
    """A list of object pointers (items block of kind KIND_POINTERS)."""
    lst = lists.list_new(len(addresses), memory.KIND_POINTERS)
    for addr in addresses:
        lists.list_append(lst, addr)
    return lst


def kind(addr: int) -> int:
    return mem.load_u32(addr + 4) & 255


def read_bytes(addr: int) -> bytes:
    assert kind(addr) == memory.KIND_BYTES, f"not a bytes object (kind {kind(addr)})"
    n = mem.load_u32(addr + 8)
    assert mem.load_u32(addr + 12) == 0
    return bytes(mem.MEMORY[addr + 16:addr + 16 + n])


def read_str(addr: int) -> str:
    """The str at ``addr``; checks the kind, that the data is UTF-8 and the stored lengths."""
    assert kind(addr) == memory.KIND_STR, f"not a str object (kind {kind(addr)})"
    n = mem.load_u32(addr + 8)
    value = bytes(mem.MEMORY[addr + 16:addr + 16 + n]).decode("utf-8")
    assert mem.load_u32(addr + 12) == len(value), "wrong code-point length"
    return value


def read_list(addr: int) -> list[int]:
    assert kind(addr) == memory.KIND_LIST
    n = lists.list_len(addr)
    return [mem.load_u32(lists.slot_address(addr, i)) for i in range(n)]


def read_str_list(addr: int) -> list[str]:
    return [read_str(item) for item in read_list(addr)]


def read_bytes_list(addr: int) -> list[bytes]:
    return [read_bytes(item) for item in read_list(addr)]
