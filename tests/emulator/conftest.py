"""Fixtures for the emulator tests: compiled programs (once per session) and a plugin
factory parametrised over both runners."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from abi.emulator import Plugin
from compiler import CompileError, compile_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PROGRAMS = HERE / "programs"
FILTER = ROOT / "filter" / "main.py"
_COMPILED: dict[Path, bytes] = {}


def compiled(source: Path) -> bytes:
    source = Path(source).resolve()
    if source not in _COMPILED:
        try:
            _COMPILED[source] = compile_file(source)
        except CompileError as err:
            # Without the compiler's deep traceback: pytest renders every frame's locals, which takes
            # minutes (tests/compiler/differential.py does the same).
            raise CompileError(err.diagnostics) from None
    return _COMPILED[source]


def start(runner: str, source: Path, **options) -> Plugin:
    """The plugin for ``source`` under ``runner`` ("wasm": compiled; "cpython": the source)."""
    if runner == "wasm":
        return Plugin.wasm(compiled(source), **options)
    return Plugin.cpython(source, **options)


@pytest.fixture(params=["wasm", "cpython"])
def runner(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def start_plugin(runner: str) -> Callable[..., Plugin]:
    """``start_plugin(source, **options)`` under the parametrised runner."""
    return lambda source, **options: start(runner, source, **options)
