"""Linear memory for host data, and the exports Envoy requires of every module.

All memory comes from the compiled program's heap (compiler/runtime/memory.py),
which a garbage collector reclaims after each host callback returns. A raw
block from ``alloc`` lives as long as something in the current callback uses
it; keep nothing but ints in globals across callbacks.

``proxy_on_memory_allocate`` hands the host the data area of a fresh bytes
object of the requested size and remembers it in ``host_block``: compiled,
``bytes_at`` of exactly that area (the value a host call returned) adopts the
object instead of copying it (compiler/lower/intrinsics.py), and clears
``host_block``, so an object is adopted at most once. Any other address, and
every sub-range of a host buffer (a header map's names and values), is copied.
"""
from abi import export, i32
from abi.intrinsics import store_i64, unreachable
from compiler.runtime.memory import KIND_BYTES, KIND_RAW
from compiler.runtime.memory import alloc as heap_alloc
from compiler.runtime.memory import alloc_unzeroed

BYTES_DATA = 16
host_block = 0  # data address of the bytes object last handed to the host, until bytes_at adopts it


def alloc(size: int) -> int:
    """A zeroed raw block of ``size`` bytes for this callback; returns its address."""
    return heap_alloc(size, KIND_RAW) + 8


@export
def proxy_on_memory_allocate(size: i32) -> i32:
    """The host asks for ``size`` bytes to copy data into: the data of a new bytes object."""
    global host_block
    block = alloc_unzeroed(8 + size, KIND_BYTES)  # the host writes all of it before it is adopted
    store_i64(block + 8, size)  # the length, and 0 after it
    host_block = block + BYTES_DATA
    return block + BYTES_DATA


@export
def proxy_abi_version_0_2_1() -> None:
    """Marker export: Envoy reads the ABI version from this name; never called."""
    unreachable()
