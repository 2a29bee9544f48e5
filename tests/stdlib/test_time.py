"""time (compiler/stdlib/time.py) on the emulator: the host's clock, set by the test, read as
CPython's time module would convert it; monotonic never goes back."""
from __future__ import annotations

from pathlib import Path

from abi.emulator import Plugin
from compiler import compile_file

FILTER = Path(__file__).with_name("clock_filter.py")


def seconds(ns: int) -> float:
    """CPython's conversion (_PyTime_AsSecondsDouble)."""
    return float(ns // 10 ** 9) if ns % 10 ** 9 == 0 else float(ns) / 1e9


def line(plugin: Plugin, clock_ns: int) -> str:
    plugin.host.clock_ns = clock_ns
    before = len(plugin.logs("info"))
    plugin.http_request({":path": "/"})
    logs = plugin.logs("info")
    assert len(logs) == before + 1
    return logs[-1]


def test_clocks_read_the_host():
    plugin = Plugin.wasm(compile_file(FILTER))
    last = 0
    for ns in (1_700_000_000_123_456_789, 1_700_000_001_000_000_000, 1_700_000_002_999_999_999, 5, 10 ** 9,
               1_800_000_000_000_000_001):
        last = max(last, ns)
        assert line(plugin, ns) == f"{seconds(ns)} {ns} {seconds(last)} {last}"


def test_monotonic_never_goes_back():
    plugin = Plugin.wasm(compile_file(FILTER))
    assert line(plugin, 2_000_000_000_500) == "2000.0000005 2000000000500 2000.0000005 2000000000500"
    assert line(plugin, 1_000_000_000_000) == "1000.0 1000000000000 2000.0000005 2000000000500"
    plugin.advance_clock(1.5)
    assert line(plugin, plugin.clock_ns).split()[3] == "2000000000500"
    assert line(plugin, 2_000_000_000_501).split()[2:] == ["2000.000000501", "2000000000501"]
