"""Memory stays bounded: an export that allocates and drops objects, called many times.

CALLS is 200,000 by default (it was a million; the suite's time budget is shared): each call
allocates ten objects, so the collector (which runs once 256 KiB were allocated, see
docs/memory.md) runs hundreds of times, and a leak of even one 8-byte block per call would add
140,000 x 8 bytes, some 17 pages, between the third and the last checkpoint. The longer soak:
MEMORY_SOAK_CALLS=1000000 python -m pytest tests/compiler/test_memory_soak.py
"""
import os
import textwrap

import wasmtime

from compiler import compile_file

CALLS = int(os.environ.get("MEMORY_SOAK_CALLS", "200000"))
CHECKPOINT = CALLS // 10  # pages are sampled, and one object is kept, every CHECKPOINT calls

SOURCE = textwrap.dedent("""\
    from dataclasses import dataclass
    from abi import export

    @dataclass
    class Item:
        key: int
        tags: list[int]

    KEPT: list[Item] = []

    @export
    def churn(i: int) -> int:
        items = [Item(i, [i, i + 1]) for _ in range(3)]
        pairs = (items[0], items[1])
        if i % CHECKPOINT == 0:
            KEPT.append(items[2])  # survives every collection
        return len(items) + len(pairs[0].tags) + len(KEPT)
    """).replace("CHECKPOINT", str(CHECKPOINT))


def test_many_calls_keep_memory_bounded_and_globals_valid(tmp_path):
    path = tmp_path / "churn.py"
    path.write_text(SOURCE)
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, compile_file(path)), [])
    churn, memory = instance.exports(store)["churn"], instance.exports(store)["memory"]
    pages = []
    for i in range(1, CALLS + 1):
        result = churn(store, i)
        if i % CHECKPOINT == 0:
            pages.append(memory.size(store))
            assert result == 3 + 2 + i // CHECKPOINT  # the kept objects are still reachable and intact
    assert max(pages) <= 8, pages
    assert pages[-1] == pages[2], pages  # no growth once the heap reached its working size
