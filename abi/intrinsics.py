"""Raw linear-memory access for the ABI layer.

Compiled, each function is one or two wasm instructions on memory 0 (addresses
are wasm i32, values are ints). Under CPython they act on an emulated memory
(``MEMORY``, a bytearray grown in 64 KiB pages), so ABI code can also run in
the interpreter. They do no Python-level checking: an address outside memory
traps in wasm and raises IndexError here.
"""
from __future__ import annotations

import abi as _abi  # this module set's package: the emulator binds its RUNTIME_MEMORY
import struct
from typing import Any

PAGE = 65536
MEMORY = bytearray(PAGE)
_HEAP_BASE = 1024
_STATIC: dict[bytes, int] = {}

__all__ = ["load_u8", "load_u32", "load_i64", "store_u8", "store_u32", "store_i64",
           "memory_size", "memory_grow", "memory_fill", "memory_copy", "heap_base", "record_table",
           "data_ptr", "text_ptr", "text_size", "bytes_at", "unreachable", "float_bits", "float_from_bits",
           "wrap_add", "wrap_sub", "wrap_mul", "shr_u", "lt_u", "ctz", "div_u", "rem_u", "call_less",
           "raise_value_error", "raise_index_error", "raise_key_error",
           "raise_overflow_error", "raise_zero_division_error", "raise_memory_error",
           "raise_type_error", "raise_runtime_error", "raise_unicode_decode_error"]


def _check(addr: int, size: int) -> None:
    if addr < 0 or addr + size > len(MEMORY):
        raise IndexError(f"memory access out of bounds: {addr}+{size}")


def load_u8(addr: int) -> int:
    _check(addr, 1)
    return MEMORY[addr]


def load_u32(addr: int) -> int:
    _check(addr, 4)
    return int.from_bytes(MEMORY[addr:addr + 4], "little")


def load_i64(addr: int) -> int:
    _check(addr, 8)
    return int.from_bytes(MEMORY[addr:addr + 8], "little", signed=True)


def store_u8(addr: int, value: int) -> None:
    _check(addr, 1)
    MEMORY[addr] = value & 0xFF


def store_u32(addr: int, value: int) -> None:
    _check(addr, 4)
    MEMORY[addr:addr + 4] = (value & 0xFFFFFFFF).to_bytes(4, "little")


def store_i64(addr: int, value: int) -> None:
    _check(addr, 8)
    MEMORY[addr:addr + 8] = (value & (2**64 - 1)).to_bytes(8, "little")


def memory_size() -> int:
    """Current memory size in 64 KiB pages."""
    return len(MEMORY) // PAGE


def memory_grow(pages: int) -> int:
    """Grow memory by ``pages``; the old size in pages, or -1 when it cannot grow."""
    old = memory_size()
    if pages < 0 or old + pages > 16384:
        return -1
    MEMORY.extend(bytes(pages * PAGE))
    return old


def memory_fill(addr: int, value: int, size: int) -> None:
    """Set ``size`` bytes at ``addr`` to ``value`` (wasm ``memory.fill``)."""
    _check(addr, size)
    MEMORY[addr:addr + size] = bytes([value & 0xFF]) * size


def memory_copy(dst: int, src: int, size: int) -> None:
    """Copy ``size`` bytes, overlapping ranges allowed (wasm ``memory.copy``)."""
    _check(dst, size)
    _check(src, size)
    MEMORY[dst:dst + size] = MEMORY[src:src + size]


def record_table() -> int:
    """Address of the table of record pointer maps (one u64 per record type)."""
    return 0


def heap_base() -> int:
    """First address after the program's static data (free for an allocator)."""
    return _HEAP_BASE


def data_ptr(value: bytes) -> int:
    """Address of the first byte of ``value`` in linear memory.

    Compiled, a constant lives in the data segment and any other bytes object
    in the heap. Under CPython a value is copied in: values seen while the
    runtime heap is not laid out (module import, or plain CPython use) are
    memoized in a static area below ``heap_base``; while the heap is live (the
    emulator keeps it live during every callback) a value not already there
    gets a fresh bytes object on the heap, freed with the heap, so the static
    area never grows into the heap.
    """
    addr = _STATIC.get(value)
    if addr is not None:
        return addr
    runtime = _live_runtime_heap()
    if runtime is not None:
        return _heap_bytes(runtime, value)
    global _HEAP_BASE
    addr = _HEAP_BASE
    _check(addr, len(value))
    MEMORY[addr:addr + len(value)] = value
    _HEAP_BASE += (len(value) + 15) // 16 * 16 or 16
    _STATIC[value] = addr
    return addr


def _live_runtime_heap() -> Any:  # the compiler.runtime.memory module (a private copy), or None
    """The runtime heap bound by the emulator (abi.RUNTIME_MEMORY) if it is laid out."""
    runtime = _abi.RUNTIME_MEMORY
    if runtime is not None and runtime.heap_start != 0:
        return runtime
    return None


def _heap_bytes(runtime: Any, value: bytes) -> int:
    """A bytes object (KIND_BYTES: +8 length, +16 data) holding ``value``; its data address."""
    block: int = runtime.alloc(8 + len(value), runtime.KIND_BYTES)
    store_u32(block + 8, len(value))
    MEMORY[block + 16:block + 16 + len(value)] = value
    return block + 16


def text_ptr(text: str) -> int:
    """Address of the first byte of ``text``'s UTF-8 data (compiled: the str's own data, no copy;
    here: ``data_ptr`` of its encoding). For passing text to the host, with ``text_size``."""
    return data_ptr(text.encode())


def text_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8 (compiled: read from the str, no encoding made)."""
    return len(text.encode())


def bytes_at(addr: int, size: int) -> bytes:
    """A new bytes object holding a copy of ``size`` bytes of memory at ``addr``."""
    _check(addr, size)
    return bytes(MEMORY[addr:addr + size])


def float_bits(x: float) -> int:
    """The IEEE 754 bits of ``x`` as a signed int64 (wasm ``i64.reinterpret_f64``)."""
    bits: int = struct.unpack("<q", struct.pack("<d", x))[0]
    return bits


def float_from_bits(bits: int) -> float:
    """The float whose IEEE 754 bits are ``bits`` (wasm ``f64.reinterpret_i64``)."""
    x: float = struct.unpack("<d", struct.pack("<Q", bits & (2**64 - 1)))[0]
    return x


# Wrapping int64 arithmetic (one wasm instruction each), for the runtime's own invariants only:
# addresses (< 4 GiB), sizes already bounded, hashes meant to wrap. Never on a value user code
# controls without a bound check first: CPython's int would not wrap.
_MASK64 = (1 << 64) - 1


def _signed64(x: int) -> int:
    return ((x + (1 << 63)) & _MASK64) - (1 << 63)


def wrap_add(a: int, b: int) -> int:
    """``a + b`` wrapped to a signed int64 (wasm ``i64.add``)."""
    return _signed64(a + b)


def wrap_sub(a: int, b: int) -> int:
    """``a - b`` wrapped to a signed int64 (wasm ``i64.sub``)."""
    return _signed64(a - b)


def wrap_mul(a: int, b: int) -> int:
    """``a * b`` wrapped to a signed int64 (wasm ``i64.mul``)."""
    return _signed64(a * b)


def shr_u(a: int, n: int) -> int:
    """``a`` as an unsigned 64-bit value shifted right by ``n % 64`` (wasm ``i64.shr_u``)."""
    return _signed64((a & _MASK64) >> (n & 63))


def div_u(a: int, b: int) -> int:
    """``a // b`` of both as unsigned 64-bit values (wasm ``i64.div_u``); ``b`` is never 0 here
    (the runtime divides by constants; compiled, 0 would trap)."""
    if b == 0:
        raise ZeroDivisionError("div_u by zero")
    return _signed64((a & _MASK64) // (b & _MASK64))


def rem_u(a: int, b: int) -> int:
    """``a % b`` of both as unsigned 64-bit values (wasm ``i64.rem_u``); ``b`` is never 0."""
    if b == 0:
        raise ZeroDivisionError("rem_u by zero")
    return _signed64((a & _MASK64) % (b & _MASK64))


def lt_u(a: int, b: int) -> bool:
    """``a < b`` comparing both as unsigned 64-bit values (wasm ``i64.lt_u``): for ``b >= 0``,
    ``0 <= a < b`` in one comparison."""
    return (a & _MASK64) < (b & _MASK64)


def call_less(less: int, a: int, b: int) -> bool:
    """``less(a, b)`` for the compiler's runtime: ``less`` is a function value of two objects
    (given as their slots) returning bool, made by the compiled code (compiler/runtime/timsort.py)."""
    raise NotImplementedError("call_less calls compiled functions only")


def ctz(a: int) -> int:
    """Trailing zero bits of ``a`` as 64 bits, 64 for 0 (wasm ``i64.ctz``)."""
    a &= _MASK64
    return ((a & -a).bit_length() - 1) if a else 64


def unreachable() -> None:
    """Trap (wasm ``unreachable``)."""
    raise RuntimeError("unreachable executed")


# Traps named after the Python exception they stand for (the wasm backtrace shows the name).

def raise_value_error() -> None:
    raise ValueError("raised by the runtime")


def raise_index_error() -> None:
    raise IndexError("raised by the runtime")


def raise_key_error() -> None:
    raise KeyError("raised by the runtime")


def raise_overflow_error() -> None:
    raise OverflowError("raised by the runtime")


def raise_zero_division_error() -> None:
    raise ZeroDivisionError("raised by the runtime")


def raise_memory_error() -> None:
    raise MemoryError("raised by the runtime")


def raise_type_error() -> None:
    raise TypeError("raised by the runtime")


def raise_runtime_error() -> None:
    raise RuntimeError("raised by the runtime")


def raise_unicode_decode_error() -> None:
    raise UnicodeDecodeError("utf-8", b"", 0, 1, "raised by the runtime")
