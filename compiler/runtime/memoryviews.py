"""memoryview of bytes (compiler/sema/memoryviews.py): a read-only window on a bytes object that
slicing narrows without copying.

    +8  u32 len        +16 u32 base (the bytes)        +24 i64 start        +32 i64 stride

Item ``i`` is the byte at ``base + 16 + start + i * stride``. The header is a record whose pointer
map names only the base (+16), which the view keeps alive. Only a view of bytes is made: bytes
never change, so the view reads what CPython's would, and nothing here can resize its base.
"""
from abi.intrinsics import load_i64, load_u32, load_u8, store_i64, store_u32, store_u8
from compiler.runtime.list_slices import slice_length, slice_start, slice_stop
from compiler.runtime.lists import list_append, list_new
from compiler.runtime.memory import KIND_RAW, alloc
from compiler.runtime.reprs import index_error
from compiler.runtime.strings import new_bytes

LEN = 8
BASE = 16
START = 24
STRIDE = 32
DATA = 16


def view_header(base: int, start: int, stride: int, n: int, kind: int) -> int:
    mv = alloc(32, kind)
    store_u32(mv + LEN, n)
    store_u32(mv + BASE, base)
    store_i64(mv + START, start)
    store_i64(mv + STRIDE, stride)
    return mv


def memoryview_new(b: int, kind: int) -> int:
    """``memoryview(b)`` of a bytes object."""
    return view_header(b, 0, 1, load_u32(b + LEN), kind)


def byte_address(mv: int, index: int) -> int:
    return load_u32(mv + BASE) + DATA + load_i64(mv + START) + index * load_i64(mv + STRIDE)


def memoryview_getitem(mv: int, index: int) -> int:
    n = load_u32(mv + LEN)
    if index < 0:
        index += n
    if index < 0 or index >= n:
        index_error("index out of bounds on dimension 1")
    return load_u8(byte_address(mv, index))


def memoryview_slice(mv: int, start: int, stop: int, step: int, flags: int) -> int:
    """``mv[i:j:k]``: a new view of the same bytes (none copied)."""
    n = load_u32(mv + LEN)
    begin = slice_start(n, start, step, flags)
    end = slice_stop(n, stop, step, flags)
    count = max(slice_length(begin, end, step), 0)
    stride = load_i64(mv + STRIDE)
    first = load_i64(mv + START) + begin * stride if count > 0 else 0
    if count <= 1:  # one byte (or none): no stride to keep, and a huge step's product could overflow
        return view_header(load_u32(mv + BASE), first, 1, count, load_u32(mv + 4))
    return view_header(load_u32(mv + BASE), first, stride * step, count, load_u32(mv + 4))


def memoryview_tobytes(mv: int) -> int:
    """``bytes(mv)``, ``mv.tobytes()``: a copy of the bytes it shows."""
    n = load_u32(mv + LEN)
    b = new_bytes(n)
    for i in range(n):
        store_u8(b + DATA + i, load_u8(byte_address(mv, i)))
    return b


def memoryview_tolist(mv: int) -> int:
    n = load_u32(mv + LEN)
    lst = list_new(n, KIND_RAW)
    for i in range(n):
        list_append(lst, load_u8(byte_address(mv, i)))
    return lst
