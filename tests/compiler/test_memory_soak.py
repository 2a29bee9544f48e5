"""Memory stays bounded: an export that allocates and drops objects, called a million times."""
import textwrap

import wasmtime

from compiler import compile_file

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
        if i % 100000 == 0:
            KEPT.append(items[2])  # survives every collection
        return len(items) + len(pairs[0].tags) + len(KEPT)
    """)


def test_million_calls_keep_memory_bounded_and_globals_valid(tmp_path):
    path = tmp_path / "churn.py"
    path.write_text(SOURCE)
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, compile_file(path)), [])
    churn, memory = instance.exports(store)["churn"], instance.exports(store)["memory"]
    pages = []
    for i in range(1, 1_000_001):
        result = churn(store, i)
        if i % 100_000 == 0:
            pages.append(memory.size(store))
            assert result == 3 + 2 + i // 100_000  # the kept objects are still reachable and intact
    assert max(pages) <= 8, pages
    assert pages[-1] == pages[2], pages  # no growth once the heap reached its working size
