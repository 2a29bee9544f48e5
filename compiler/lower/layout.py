"""Static memory layout: where constants live in linear memory.

Address 0 stays unused so a null pointer is never a valid object. Bytes
constants are laid out once each (equal constants share one object) from
``DATA_BASE``, each right after the one before: heap blocks are at 8-byte
boundaries for the allocator, but unaligned loads are valid wasm and the
collector never marks or frees a constant (800 bytes less for the filter).
The heap starts at the first 16-byte boundary after them and is published to
the program as the immutable global ``rt.heap_base``.
"""
from __future__ import annotations

import struct

from .. import ir
from ..program import BYTES_DATA_OFFSET, KIND_BYTES, KIND_STR

DATA_BASE = 16


class Layout:
    def __init__(self) -> None:
        self.data = bytearray()
        self.constants: dict[tuple[int, bytes], int] = {}
        self.tables: dict[str, int] = {}

    def bytes_constant(self, value: bytes) -> int:
        """Address of a static bytes object holding ``value``."""
        return self._static_object(KIND_BYTES, value, 0)

    def str_constant(self, value: str) -> int:
        """Address of a static str object: UTF-8 data, byte and code point lengths."""
        return self._static_object(KIND_STR, value.encode("utf-8"), len(value))

    def _static_object(self, kind: int, data: bytes, chars: int) -> int:
        key = (kind, data)
        if key not in self.constants:
            # no padding before a constant: the heap's 8-byte alignment is for its allocator,
            # unaligned loads are valid wasm, and the collector never looks at a constant
            self.constants[key] = DATA_BASE + len(self.data)
            size = (BYTES_DATA_OFFSET + len(data) + 7) // 8 * 8
            self.data += struct.pack("<IIII", size, kind, len(data), chars) + data
        return self.constants[key]

    def word_table(self, key: str, words: list[int]) -> int:
        """Address of a static table of 32-bit words, laid out once per ``key``."""
        if key not in self.tables:
            self._align(4)
            self.tables[key] = DATA_BASE + len(self.data)
            self.data += struct.pack(f"<{len(words)}I", *words)
        return self.tables[key]

    def _align(self, boundary: int) -> None:
        while len(self.data) % boundary:
            self.data.append(0)

    def finish(self, module: ir.Module, record_table: bytes = b"") -> None:
        self._align(8)
        table_address = DATA_BASE + len(self.data)
        self.data += record_table
        self._align(16)
        module.data = self.data
        module.data_base = DATA_BASE
        heap_base = DATA_BASE + len(self.data)
        module.globals["rt.heap_base"] = ir.Global("rt.heap_base", "i32", False, heap_base)
        module.globals["rt.record_table"] = ir.Global("rt.record_table", "i32", False, table_address)
        module.memory_pages = max(1, -(-heap_base // 65536))
