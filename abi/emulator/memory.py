"""The small memory interface every host function is written against.

``GuestMemory`` reads and writes a module's linear memory and hands it new
data the way Envoy does: by calling the module's allocator export
(``proxy_on_memory_allocate`` or ``malloc``) and copying into the block.
``WasmMemory`` wraps a wasmtime Memory, ``EmulatedMemory`` the bytearray of
the private ``abi.intrinsics`` module a CPython plugin instance runs on.
Addresses arrive as signed i32 and are read as u32, as Envoy does.
"""
from __future__ import annotations

from typing import Callable

from .errors import BadPointerError
from .table import u32


class GuestMemory:
    """Bounds-checked access to linear memory; a bad range raises BadPointerError."""

    def __init__(self, allocator: Callable[[int], int]):
        self._allocator = allocator  # the module's allocator export: size -> address (0 = failure)

    # -- what a runner provides ---------------------------------------------------
    def size(self) -> int:
        raise NotImplementedError

    def _read(self, ptr: int, size: int) -> bytes:
        raise NotImplementedError

    def _write(self, ptr: int, data: bytes) -> None:
        raise NotImplementedError

    # -- the interface ----------------------------------------------------------------
    def check(self, ptr: int, size: int) -> tuple[int, int]:
        ptr, size = u32(ptr), u32(size)
        if ptr + size > self.size():
            raise BadPointerError(f"address range {ptr:#x}+{size} is outside linear memory "
                                  f"({self.size()} bytes)")
        return ptr, size

    def read(self, ptr: int, size: int) -> bytes:
        ptr, size = self.check(ptr, size)
        return self._read(ptr, size) if size else b""

    def write(self, ptr: int, data: bytes) -> None:
        ptr, _ = self.check(ptr, len(data))
        if data:
            self._write(ptr, bytes(data))

    def read_u32(self, ptr: int) -> int:
        return int.from_bytes(self.read(ptr, 4), "little")

    def write_u32(self, ptr: int, value: int) -> None:
        self.write(ptr, (value & 0xFFFFFFFF).to_bytes(4, "little"))

    def read_u64(self, ptr: int) -> int:
        return int.from_bytes(self.read(ptr, 8), "little")

    def write_u64(self, ptr: int, value: int) -> None:
        self.write(ptr, (value & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little"))

    def allocate(self, size: int) -> int:
        """A block of ``size`` bytes from the module's allocator (0 means it failed)."""
        return u32(self._allocator(size))

    def give(self, data: bytes) -> int:
        """Copy ``data`` into a fresh guest block; its address (0 if the allocator failed)."""
        ptr = self.allocate(len(data))
        if ptr:
            self.write(ptr, data)
        return ptr


class WasmMemory(GuestMemory):
    def __init__(self, store, memory, allocator: Callable[[int], int]):
        super().__init__(allocator)
        self._store, self._memory = store, memory

    def size(self) -> int:
        return self._memory.data_len(self._store)

    def _read(self, ptr: int, size: int) -> bytes:
        return bytes(self._memory.read(self._store, ptr, ptr + size))

    def _write(self, ptr: int, data: bytes) -> None:
        self._memory.write(self._store, data, ptr)


class EmulatedMemory(GuestMemory):
    """The ``MEMORY`` bytearray of one private ``abi.intrinsics`` module (looked up on every
    access: the runtime may replace it when memory grows)."""

    def __init__(self, intrinsics, allocator: Callable[[int], int]):
        super().__init__(allocator)
        self._intrinsics = intrinsics

    def size(self) -> int:
        return len(self._intrinsics.MEMORY)

    def _read(self, ptr: int, size: int) -> bytes:
        return bytes(self._intrinsics.MEMORY[ptr:ptr + size])

    def _write(self, ptr: int, data: bytes) -> None:
        self._intrinsics.MEMORY[ptr:ptr + len(data)] = data
