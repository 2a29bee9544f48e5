"""compiler/runtime/memory.py under CPython (emulated memory): the allocator and the collector.

Random allocation programs (many sizes, objects kept as roots or dropped, collections in
between) checked against a model of which blocks are live: blocks never overlap, come back
zeroed, keep their contents across collections, and after every collection the heap is tiled
by blocks, the free lists and their bitmap agree, and ``live_after_collect`` is the live size.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import abi.intrinsics as mem
from abi.intrinsics import load_u32, load_u8, store_u32, store_u8
from compiler.runtime import memory
from compiler.runtime.memory import FREE_BIT, KIND_POINTERS, KIND_RAW, MARK_BIT, SIZE_MASK, alloc
from containers import is_freed, reset_heap

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SIZES = st.one_of(st.integers(0, 64), st.integers(0, 600), st.sampled_from([496, 497, 503, 504, 505, 512, 2000]))


@pytest.fixture(autouse=True)
def fresh_heap(monkeypatch):
    reset_heap()
    roots: list[int] = []
    monkeypatch.setattr(memory, "mark_roots", lambda: [memory.mark(r) for r in roots])
    yield roots


def block_size(payload: int) -> int:
    return (payload + 15) // 8 * 8


def fill(block: int, payload: int, seed: int) -> None:
    for i in range(payload):
        store_u8(block + 8 + i, (seed + i * 7) & 0xFF)


def intact(block: int, payload: int, seed: int) -> bool:
    return all(load_u8(block + 8 + i) == (seed + i * 7) & 0xFF for i in range(payload))


def check_heap(kept: dict[int, tuple[int, int]]) -> None:
    """After a collection: tiling, mark bits cleared, free lists and small_free consistent."""
    block, live, seen_free = memory.heap_start, 0, set()
    while block < memory.heap_top:
        header = load_u32(block)
        size = header & SIZE_MASK
        assert size >= 8 and header & MARK_BIT == 0
        if header & FREE_BIT:
            seen_free.add(block)
        else:
            assert block in kept, f"unkept block {block} survived"
            live += size
        block += size
    assert block == memory.heap_top
    assert live == memory.live_after_collect == sum(block_size(p) for p, _ in kept.values())
    listed = set()
    for index in range(64):
        node = load_u32(memory.free_heads + index * 4)
        assert bool(node) == bool(memory.small_free >> index & 1) or index == 0
        while node:
            size = load_u32(node) & SIZE_MASK
            assert load_u32(node) & FREE_BIT and (size >= memory.SMALL_LIMIT if index == 0 else size == index * 8)
            listed.add(node)
            node = load_u32(node + 4)
    assert listed == seen_free  # every gap is listed once, nothing else is


@given(st.lists(st.tuples(SIZES, st.booleans(), st.integers(0, 9)), min_size=1, max_size=120))
@SETTINGS
def test_random_allocations_and_collections(fresh_heap, steps):
    reset_heap()  # per example (the fixture runs once per test)
    roots = fresh_heap
    roots.clear()
    kept: dict[int, tuple[int, int]] = {}
    live_ranges: list[tuple[int, int]] = []
    for n, (payload, keep, action) in enumerate(steps):
        block = alloc(payload, KIND_RAW)
        size = block_size(payload)
        assert load_u32(block) == size and load_u32(block + 4) == KIND_RAW
        assert all(load_u8(block + 8 + i) == 0 for i in range(payload)), "not zeroed"
        assert block % 8 == 0 and memory.heap_start <= block
        for start, end in live_ranges:
            assert block + size <= start or end <= block, "overlaps a live block"
        fill(block, payload, n)
        live_ranges.append((block, block + size))
        if keep:
            kept[block] = (payload, n)
            roots.append(block)
        if action == 0 and kept:  # drop the oldest root
            dropped = roots.pop(0)
            del kept[dropped]
        if action <= 1:
            memory.collect()
            check_heap(kept)
            live_ranges = [(b, b + block_size(p)) for b, (p, _) in kept.items()]
            for b, (p, seed) in kept.items():
                assert intact(b, p, seed)


def test_pointers_keep_their_targets_alive(fresh_heap):
    roots = fresh_heap
    holder = alloc(3 * 8, KIND_POINTERS)
    targets = [alloc(40, KIND_RAW) for _ in range(3)]
    garbage = [alloc(40, KIND_RAW) for _ in range(3)]
    for i, t in enumerate(targets):
        store_u32(holder + 8 + i * 8, t)
    roots.append(holder)
    memory.collect()
    assert not any(is_freed(t) for t in targets) and not is_freed(holder)
    assert all(is_freed(g) for g in garbage)


def test_freed_blocks_are_reused_and_memory_stays_bounded(fresh_heap):
    """Churn with a fixed live set: after the first rounds the heap stops growing."""
    roots = fresh_heap
    roots.extend(alloc(24, KIND_RAW) for _ in range(50))
    tops = []
    for round_ in range(40):
        for i in range(400):
            alloc((i * 37) % 300, KIND_RAW)
        memory.collect()
        tops.append(memory.heap_top)
    assert max(tops[5:]) == max(tops[:5]) or max(tops[5:]) <= max(tops[:5])
    assert memory.live_after_collect == 50 * 32


def test_exact_size_blocks_are_taken_before_the_region(fresh_heap):
    roots = fresh_heap
    a, b, c = alloc(40, KIND_RAW), alloc(40, KIND_RAW), alloc(40, KIND_RAW)
    roots += [a, c]
    memory.collect()  # b's block (48 bytes) is a gap between a and c
    assert memory.small_free >> 6 & 1
    assert alloc(40, KIND_RAW) == b
    assert not memory.small_free >> 6 & 1  # its list is empty again


def test_sizes_from_512_never_take_a_small_block(fresh_heap):
    """The small_free test shifts by size >> 3 mod 64: 512 + 48 aliases class 6."""
    roots = fresh_heap
    a, b, c = alloc(40, KIND_RAW), alloc(40, KIND_RAW), alloc(40, KIND_RAW)
    roots += [a, c]
    memory.collect()
    big = alloc(512 + 40, KIND_RAW)
    assert big != b and load_u32(big) == 512 + 48 and memory.small_free >> 6 & 1


@pytest.mark.parametrize("payload", [-1, -(1 << 63), memory.MAX_PAYLOAD + 1, (1 << 63) - 1])
def test_impossible_sizes_raise_memory_error(payload):
    with pytest.raises(MemoryError):
        alloc(payload, KIND_RAW)


def test_large_blocks_are_split_first_fit(fresh_heap):
    roots = fresh_heap
    first = alloc(4000, KIND_RAW)
    keep = alloc(8, KIND_RAW)
    roots.append(keep)
    memory.collect()  # first's 4008 bytes are one large free block
    big = alloc(1000, KIND_RAW)
    assert big == first
    rest = load_u32(memory.free_heads)
    assert rest == first + 1008 and load_u32(rest) == (4008 - 1008) | FREE_BIT


def test_collection_finds_live_blocks_across_bitmap_words(fresh_heap):
    """Live blocks 512+ bytes apart (different bitmap words) and in the last granule of a word."""
    roots = fresh_heap
    blocks = [alloc(p, KIND_RAW) for p in (0, 496, 8, 1200, 0, 16, 504, 0)]
    roots += blocks[::2]
    memory.collect()
    for i, b in enumerate(blocks):
        assert is_freed(b) == (i % 2 == 1)
    assert mem.MEMORY  # the emulated memory is still there
