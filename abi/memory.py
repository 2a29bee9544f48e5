"""Linear memory for host data, and the exports Envoy requires of every module.

Memory model of this version: an arena. ``alloc`` bumps a pointer from the
heap base; ``reset_heap`` (called at the start of every host callback by the
callback exports) frees everything at once. It is correct because nothing the
filter keeps across callbacks lives on the heap: globals hold only ints and
bool flags. Blocks the host hands us through ``proxy_on_memory_allocate`` are
freed the same way.
"""
from abi import export, i32
from abi.intrinsics import heap_base, memory_grow, memory_size, unreachable

PAGE_SIZE = 65536
ALIGNMENT = 8

heap_top = 0


def reset_heap() -> None:
    """Free every block: start the next callback with an empty heap."""
    global heap_top
    heap_top = heap_base()


def alloc(size: int) -> int:
    """An 8-byte-aligned block of ``size`` bytes, or 0 when memory cannot grow."""
    global heap_top
    if heap_top == 0:
        heap_top = heap_base()
    start = (heap_top + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT
    end = start + size
    limit = memory_size() * PAGE_SIZE
    if end > limit:
        if memory_grow((end - limit + PAGE_SIZE - 1) // PAGE_SIZE) < 0:
            return 0
    heap_top = end
    return start


@export
def proxy_on_memory_allocate(size: i32) -> i32:
    """The host asks for ``size`` bytes to copy data into (0 = failure)."""
    return alloc(size)


@export
def proxy_abi_version_0_2_1() -> None:
    """Marker export: Envoy reads the ABI version from this name; never called."""
    unreachable()
