"""The shape of emitted modules: imports only what is called, names for backtraces, WAT agrees with binary."""
from pathlib import Path

import pytest
import wasmtime

from compiler import compile_file, compile_to_wat

ROOT = Path(__file__).resolve().parents[2]
ENGINE = wasmtime.Engine()


def module_of(tmp_path: Path, source: str) -> tuple[bytes, wasmtime.Module]:
    path = tmp_path / "prog.py"
    path.write_text(source)
    wasm = compile_file(path)
    return wasm, wasmtime.Module(ENGINE, wasm)


def strip_custom_sections(wasm: bytes) -> bytes:
    out, pos = bytearray(wasm[:8]), 8
    while pos < len(wasm):
        section_id = wasm[pos]
        size, shift, cursor = 0, 0, pos + 1
        while True:
            byte = wasm[cursor]
            size |= (byte & 0x7F) << shift
            shift += 7
            cursor += 1
            if byte < 0x80:
                break
        if section_id != 0:
            out += wasm[pos:cursor + size]
        pos = cursor + size
    return bytes(out)


def test_program_without_host_calls_imports_nothing(tmp_path):
    _, module = module_of(tmp_path, "from abi import export\nfrom abi.imports import proxy_log\n\n"
                                    "@export\ndef f(x: int) -> int:\n    return x + 1\n")
    assert module.imports == []
    assert sorted(e.name for e in module.exports) == ["f", "memory"]


def test_only_called_host_functions_are_imported(tmp_path):
    _, module = module_of(tmp_path, "from abi import export\nfrom abi.imports import proxy_log, proxy_done\n\n"
                                    "@export\ndef f(x: int) -> int:\n    proxy_log(2, 0, 0)\n    return x\n")
    assert [(i.module, i.name) for i in module.imports] == [("env", "proxy_log")]
    (imp,) = module.imports
    assert [str(t) for t in imp.type.params] == ["i32", "i32", "i32"]
    assert [str(t) for t in imp.type.results] == ["i32"]


def test_trap_backtrace_names_python_functions(tmp_path):
    wasm, module = module_of(tmp_path, "from abi import export\n\ndef inner(x: int) -> int:\n    return 10 // x\n\n"
                                       "@export\ndef outer(x: int) -> int:\n    return inner(x)\n")
    store = wasmtime.Store(ENGINE)
    outer = wasmtime.Instance(store, module, []).exports(store)["outer"]
    with pytest.raises(wasmtime.Trap) as info:
        outer(store, 0)
    names = [frame.func_name for frame in info.value.frames]
    assert names[:3] == ["ZeroDivisionError", "rt.floordiv", "prog.inner"]
    assert "prog.outer" in names


@pytest.mark.parametrize("source", [ROOT / "filter" / "main.py"])
def test_wat_printer_assembles_to_the_same_module(source):
    ours = compile_file(source)
    assembled = wasmtime.wat2wasm(compile_to_wat(source))
    assert strip_custom_sections(assembled) == strip_custom_sections(ours)


def test_filter_module_has_the_exports_envoy_requires():
    module = wasmtime.Module(ENGINE, compile_file(ROOT / "filter" / "main.py"))
    exports = {e.name: e.type for e in module.exports}
    assert isinstance(exports["memory"], wasmtime.MemoryType)
    assert "proxy_abi_version_0_2_1" in exports
    allocate = exports["proxy_on_memory_allocate"]
    assert [str(t) for t in allocate.params] == ["i32"] and [str(t) for t in allocate.results] == ["i32"]
    headers = exports["proxy_on_request_headers"]
    assert [str(t) for t in headers.params] == ["i32", "i32", "i32"] and [str(t) for t in headers.results] == ["i32"]
