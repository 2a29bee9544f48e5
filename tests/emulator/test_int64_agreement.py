"""The two runners agree where an int leaves int64: the CPython runner raises OverflowError
where the compiled module traps with it (abi/emulator/runners/int64.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abi.emulator import WasmTrap
from conftest import ROOT, start

PROGRAM = ROOT / "tests" / "emulator" / "programs" / "header_hash.py"


def outcome(runner: str, keys: list[str]) -> list[object]:
    """Each request's forwarded hash headers, or the name of the error that stopped the VM."""
    plugin = start(runner, PROGRAM)
    seen: list[object] = []
    for key in keys:
        try:
            headers = plugin.http_request({"x-key": key}).forwarded_request_headers
        except WasmTrap as trap:
            return seen + ["OverflowError" if "OverflowError" in " ".join(trap.frames) else trap.trap]
        except OverflowError:
            return seen + ["OverflowError"]
        seen.append((headers.get("x-hash"), headers.get("x-totals")))
    return seen


def test_short_keys_hash_alike():
    keys = ["a", "abc", "x" * 12]
    assert outcome("cpython", keys) == outcome("wasm", keys)
    assert outcome("cpython", ["abc"]) == [(str(ord("a") * 961 + ord("b") * 31 + ord("c")), "27 19683")]


@pytest.mark.parametrize("keys", [["k" * 13], ["a", "k" * 40], ["abcdefghijklm"]])
def test_both_runners_stop_with_overflow_error(keys: list[str]):
    """A 13-character key leaves int64 in the hash (31**13 > 2**63): both runners stop."""
    assert outcome("cpython", keys)[-1] == "OverflowError"
    assert outcome("cpython", keys) == outcome("wasm", keys)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1, max_size=16),
                min_size=1, max_size=4))
def test_runners_agree_on_random_keys(keys: list[str]):
    """Field and list-item augmented assignments (``+=`` of cubes and ninth powers) and the
    hash overflow at different requests."""
    assert outcome("cpython", keys) == outcome("wasm", keys)
