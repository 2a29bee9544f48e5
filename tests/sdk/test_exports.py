"""Both runners expose the same callbacks: the compiled module exports a ``proxy_on_*`` only if
the filter overrides its method (``abi.export_if_overridden``), and the CPython runner applies
the same rule to ``abi.EXPORTS``. A callback neither exports is skipped by the host, as Envoy
skips it (tests/e2e shows Envoy still deletes every context)."""
from pathlib import Path

import pytest
import wasmtime

from abi.emulator import Plugin
from abi.emulator.runners.cpython import CPythonModule
from compiler import compile_file

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "tests" / "sdk" / "filters").glob("*.py")) + [ROOT / "filter" / "main.py"]
ENGINE = wasmtime.Engine()

LOGGED = """from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, live_http_contexts, log_info, set_root_context


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Request(context_id, self.context_id)


class Request(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        log_info(f"live {{live_http_contexts()}}")
        return ACTION_CONTINUE
{extra}

set_root_context(Root())
"""
ON_LOG = "\n    def on_log(self) -> None:\n        log_info(\"logged\")\n"


def wasm_exports(wasm: bytes) -> set[str]:
    return {e.name for e in wasmtime.Module(ENGINE, wasm).exports if isinstance(e.type, wasmtime.FuncType)}


def cpython_exports(source: Path) -> set[str]:
    return set(CPythonModule(source).instantiate().exports)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_both_runners_export_the_same_callbacks(source):
    assert cpython_exports(source) == wasm_exports(compile_file(source))


@pytest.mark.parametrize("extra", ["", ON_LOG], ids=["default", "on_log"])
def test_on_log_is_exported_exactly_when_overridden(tmp_path, extra):
    source = tmp_path / "logged.py"
    source.write_text(LOGGED.format(extra=extra))
    exports = cpython_exports(source)
    assert exports == wasm_exports(compile_file(source))
    assert ("proxy_on_log" in exports) == (extra != "")
    assert "proxy_on_done" not in exports and "proxy_on_response_body" not in exports
    assert {"proxy_on_request_headers", "proxy_on_delete", "proxy_on_context_create"} <= exports


@pytest.mark.parametrize("runner", ["wasm", "cpython"])
@pytest.mark.parametrize("extra", ["", ON_LOG], ids=["default", "on_log"])
def test_without_on_done_and_on_log_every_context_is_still_deleted(tmp_path, runner, extra):
    source = tmp_path / "logged.py"
    source.write_text(LOGGED.format(extra=extra))
    plugin = (Plugin.wasm(compile_file(source)) if runner == "wasm" else Plugin.cpython(str(source)))
    for _ in range(3):
        exchange = plugin.http_request({":path": "/"}, body=b"x" * 10)
        assert exchange.status == 200
    called = set(plugin.vms[0].calls)
    assert "proxy_on_done" not in called and "proxy_on_request_body" not in called
    assert ("proxy_on_log" in called) == (extra != "")
    assert plugin.logs("info").count("live 1") == 3  # the SDK dropped each request's context
    plugin.shutdown()
    assert not plugin.vms[0].root.alive
