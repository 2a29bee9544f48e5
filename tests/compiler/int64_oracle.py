"""The int64-checked CPython oracle shared by the property tests.

The oracle is CPython itself, running the same source with the CPython runner's int64
checks (abi/emulator/runners/int64.py): every operation whose result can leave int64
raises OverflowError the moment its result does not fit, which is exactly where the
compiled module traps. (Plain CPython would carry on with a big int and might even come
back into range, e.g. ``(a + b) - b``.)
"""
from __future__ import annotations

from abi.emulator.runners.int64 import NAMES, checked_code


def loader(source: str, checked: bool):
    """A function that runs the program into a fresh namespace on every call (parsed and compiled once)."""
    code = checked_code(source, "<generated>") if checked else compile(source, "<generated>", "exec")

    def fresh() -> dict:
        namespace: dict = dict(NAMES) if checked else {}
        exec(code, namespace)
        return namespace
    return fresh


def load(source: str, checked: bool) -> dict:
    return loader(source, checked)()
