"""abi/imports.py is the one table: the emulator's host functions and the compiled modules'
imports must agree with it, and both runners must expose the same exports."""
from __future__ import annotations

import inspect

import pytest
import wasmtime

import abi.imports
from abi.emulator.hostcalls import HostCalls
from abi.emulator.table import EXPORTS, IMPORTS, read_import_table
from conftest import FILTER, PROGRAMS, compiled, start

PROGRAM_SOURCES = [FILTER, PROGRAMS / "tour_http.py", PROGRAMS / "tour_tcp.py"]


def _type_str(func_type: wasmtime.FuncType) -> str:
    return f"{' '.join(map(str, func_type.params))} -> {' '.join(map(str, func_type.results))}".strip()


WASI = {name for name, sig in IMPORTS.items() if sig.module == "wasi_snapshot_preview1"}


def test_every_import_has_one_host_function_with_the_table_parameters():
    host_functions = {name for name, _ in inspect.getmembers(HostCalls, inspect.isfunction)
                      if name.startswith("proxy_") or name in WASI}
    assert host_functions == set(IMPORTS)
    for name, sig in IMPORTS.items():
        params = list(inspect.signature(getattr(HostCalls, name)).parameters)[1:]
        assert params == [p for p, _ in sig.params], name


def test_table_is_what_the_stubs_declare():
    """Types come from the source (i32 and i64 are both int at run time); names and
    parameters must match the imported stubs."""
    stubs = {name for name, value in vars(abi.imports).items() if hasattr(value, "wasm_import")}
    assert stubs == set(IMPORTS)
    for name, sig in IMPORTS.items():
        stub = getattr(abi.imports, name)
        assert stub.wasm_import == (sig.module, name)
        assert list(inspect.signature(stub.__wrapped__).parameters) == [p for p, _ in sig.params]
    assert IMPORTS["proxy_increment_metric"].param_types == ("i32", "i64")
    assert IMPORTS["proxy_log"].wasm_type() == "i32 i32 i32 -> i32"


@pytest.mark.parametrize("source", PROGRAM_SOURCES, ids=lambda p: p.stem)
def test_compiled_imports_match_the_table(source):
    module = wasmtime.Module(wasmtime.Engine(), compiled(source))
    for imp in module.imports:
        assert imp.module == IMPORTS[imp.name].module
        assert _type_str(imp.type) == IMPORTS[imp.name].wasm_type(), imp.name


@pytest.mark.parametrize("source", PROGRAM_SOURCES, ids=lambda p: p.stem)
def test_both_runners_expose_the_same_exports(source):
    module = wasmtime.Module(wasmtime.Engine(), compiled(source))
    wasm_exports = {e.name for e in module.exports if isinstance(e.type, wasmtime.FuncType)}
    for e in module.exports:
        if e.name in EXPORTS:
            assert _type_str(e.type) == EXPORTS[e.name].wasm_type(), e.name
    cpython = start("cpython", source, configuration='{"ttlSecond": 1, "burst": 1}')
    assert set(cpython.vms[0].instance.exports) == wasm_exports


def test_reading_the_table_twice_gives_the_same():
    assert read_import_table() == IMPORTS
