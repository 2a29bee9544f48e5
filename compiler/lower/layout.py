"""Static memory layout: where constants live in linear memory.

Address 0 stays unused so a null pointer is never a valid object. Bytes
constants are laid out once each (equal constants share one object) from
``DATA_BASE``; the heap starts at the first 16-byte boundary after them and is
published to the program as the immutable global ``rt.heap_base``.
"""
from __future__ import annotations

import struct

from .. import ir
from ..program import STATIC_OBJECT_HEADER

DATA_BASE = 16


class Layout:
    def __init__(self) -> None:
        self.data = bytearray()
        self.constants: dict[bytes, int] = {}

    def bytes_constant(self, value: bytes) -> int:
        """Address of a static bytes object holding ``value``."""
        if value not in self.constants:
            self._align(8)
            self.constants[value] = DATA_BASE + len(self.data)
            self.data += struct.pack("<II", STATIC_OBJECT_HEADER, len(value)) + value
        return self.constants[value]

    def _align(self, boundary: int) -> None:
        while len(self.data) % boundary:
            self.data.append(0)

    def finish(self, module: ir.Module) -> None:
        self._align(16)
        module.data = self.data
        module.data_base = DATA_BASE
        heap_base = DATA_BASE + len(self.data)
        module.globals["rt.heap_base"] = ir.Global("rt.heap_base", "i32", False, heap_base)
        module.memory_pages = max(1, -(-heap_base // 65536))
