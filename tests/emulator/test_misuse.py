"""Misuse is rejected with a named error (strict, the default) or answered with Envoy's
status (strict=False); modules Envoy would refuse are refused by name."""
from __future__ import annotations

import pytest
import wasmtime

import abi
from abi.emulator import (BadArgumentError, BadPointerError, CallNotAllowedError, EmulatorError,
                          ImportSignatureError, ModuleError, Plugin, RestrictedCallError,
                          UnknownContextError, UnknownImportError, WasmTrap)
from conftest import FILTER, PROGRAMS, start

MISUSE = PROGRAMS / "misuse.py"
CASES = [("c", UnknownContextError, 2), ("p", CallNotAllowedError, 1), ("b", BadPointerError, 6),
         ("m", BadArgumentError, 2), ("r", CallNotAllowedError, 0)]


@pytest.mark.parametrize("choice, error, _", CASES)
def test_strict_misuse_raises_a_named_error(start_plugin, choice, error, _):
    plugin = start_plugin(MISUSE)
    with pytest.raises(error) as raised:
        plugin.http_request({"x-misuse": choice})
    assert "worker 0" in str(raised.value)


@pytest.mark.parametrize("choice, _, status", CASES)
def test_lenient_misuse_answers_envoys_status(start_plugin, choice, _, status):
    plugin = start_plugin(MISUSE, strict=False)
    r = plugin.http_request({"x-misuse": choice})
    assert plugin.logs() == [f"status={status}"] and r.status == 200
    if choice == "r":  # Envoy accepts the late edit, but it never reaches the upstream
        assert "x-late" not in r.forwarded_request_headers


def test_trap_names_the_function_and_fails_the_vm():
    plugin = start("wasm", MISUSE)
    with pytest.raises(WasmTrap) as trap:
        plugin.http_request({"x-misuse": "u"})
    assert trap.value.callback == "proxy_on_request_headers"
    assert "unreachable" in trap.value.trap
    assert any("proxy_on_request_headers" in frame for frame in trap.value.frames)
    assert "wasm backtrace" in str(trap.value)
    r = plugin.http_request()  # Envoy fails closed on a failed VM
    assert (r.status, r.local_response.details) == (503, "wasm_fail_stream")


def test_cpython_trap_is_the_python_exception():
    plugin = start("cpython", MISUSE)
    with pytest.raises(RuntimeError, match="unreachable"):
        plugin.http_request({"x-misuse": "u"})
    assert plugin.http_request().status == 503


def test_host_calls_while_starting_are_restricted(start_plugin):
    with pytest.raises(RestrictedCallError, match="proxy_get_property"):
        start_plugin(PROGRAMS / "restricted.py")


def _wat(text: str) -> bytes:
    return wasmtime.wat2wasm(f"""(module {text}
      (memory (export "memory") 1)
      (func (export "proxy_abi_version_0_2_1"))
      (func (export "proxy_on_memory_allocate") (param i32) (result i32) (i32.const 64)))""")


def test_modules_envoy_refuses():
    with pytest.raises(UnknownImportError, match="env.proxy_get_configuration"):
        Plugin.wasm(_wat('(import "env" "proxy_get_configuration" (func (param i32 i32) (result i32)))'))
    with pytest.raises(ImportSignatureError, match="env.proxy_log, want: i32 i32 i32 -> i32"):
        Plugin.wasm(_wat('(import "env" "proxy_log" (func (param i32 i32) (result i32)))'))
    with pytest.raises(ImportSignatureError, match="Bad function signature for: proxy_on_configure"):
        Plugin.wasm(_wat('(func (export "proxy_on_configure") (param i32) (result i32) (i32.const 1))'))
    with pytest.raises(ModuleError, match="ABI version"):
        Plugin.wasm(wasmtime.wat2wasm('(module (memory (export "memory") 1))'))
    with pytest.raises(ModuleError, match="malloc"):
        Plugin.wasm(wasmtime.wat2wasm(
            '(module (memory (export "memory") 1) (func (export "proxy_abi_version_0_2_1")))'))


def test_driver_misuse():
    plugin = start("wasm", FILTER, configuration='{"ttlSecond": 1, "burst": 1}')
    with pytest.raises(EmulatorError, match="no worker 3"):
        plugin.http_request(worker=3)
    with pytest.raises(EmulatorError, match="no tick period"):
        plugin.tick()
    refused = start("wasm", FILTER, configuration="{}")
    with pytest.raises(EmulatorError, match="refused its configuration"):
        refused.http_request()
    with pytest.raises(EmulatorError, match="unknown runner"):
        Plugin.start("v8", FILTER)


def test_import_stub_without_an_emulator_is_a_clear_error():
    from abi.imports import proxy_log
    assert abi.HOST is None
    with pytest.raises(abi.UnboundHostError, match="env.proxy_log .* no host bound"):
        proxy_log(2, 0, 0)
