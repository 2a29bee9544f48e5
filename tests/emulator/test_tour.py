"""Every import and export of the ABI, exercised by subset programs under both runners.

programs/tour_http.py and programs/tour_tcp.py log what each host call
answered; the two runners must log the same lines, and the lines must say
what Envoy would answer. filter/main.py adds proxy_send_local_response.
WAT fixtures cover what a Python program cannot export (malloc, _start, main).
"""
from __future__ import annotations

import wasmtime

from abi.emulator import GrpcResponse, Plugin
from abi.emulator.table import EXPORTS, IMPORTS
from conftest import FILTER, PROGRAMS, compiled, start

TOUR = PROGRAMS / "tour_http.py"
TCP = PROGRAMS / "tour_tcp.py"
UUID_FILTER = PROGRAMS.parents[1] / "stdlib" / "uuid_filter.py"  # WASI random_get (uuid4)


def run_tour(runner: str) -> tuple[Plugin, object]:
    plugin = start(
        runner, TOUR, configuration="{conf}", vm_configuration="vmconf",
        clusters={"auth": (200, {"x-a": "1"}, b"ok", {"t": "1"})},
        grpc_services={"grpc-cluster": lambda call, *sent: GrpcResponse(
            [b"m1"], {"x-md": "v"}, {"tr": "x"}, 0, "fine")},
        foreign_functions={"echo": lambda args: args + b"!"})
    r = plugin.http_request({":path": "/a?b", "x-remove-me": "1"}, body=[b"ab", b"cd"],
                            trailers={"x-checksum": "9"}, response_headers={"server": "up"},
                            response_body=b"resp", response_trailers={"rt": "1"})
    plugin.advance_clock(seconds=1.5)   # one tick: enqueue -> queue ready
    plugin.call_foreign_function(7, b"args")
    plugin.shutdown()                   # the root's on_done says "not yet"
    plugin.tick()                       # ... and this tick calls proxy_done
    return plugin, r


def test_tour_logs_the_same_in_both_runners():
    wasm, r_wasm = run_tour("wasm")
    cpython, r_cpython = run_tour("cpython")
    assert wasm.logs() == cpython.logs()
    assert wasm.metrics == cpython.metrics == {"tour_requests": 1, "tour_gauge": 42, "tour_sizes": [5]}
    r_wasm.fuel = r_cpython.fuel = {}
    assert r_wasm == r_cpython


def test_tour_sees_what_envoy_gives(start_plugin):
    plugin = start_plugin(TOUR, configuration="{conf}", vm_configuration="vmconf",
                          clusters={"auth": (200, {"x-a": "1"}, b"ok", {"t": "1"})})
    r = plugin.http_request({":path": "/a?b", "x-remove-me": "1"}, body=[b"ab", b"cd"],
                            trailers={"x-checksum": "9"}, response_body=b"resp",
                            response_trailers={"rt": "1"})
    logs = plugin.logs("info")
    for line in ["initialize=1", "vm_config:vmconf", "config:{conf}", "config_length=6",
                 "metric_ids=40506", "queue_id=1", "log_level=2", "now_s=1700000000",
                 "plugin_name:plugin", "missing=1", "path:/a?b", "source:127.0.0.1:50000",
                 "url_path:/a", "tour_prop:p1", "shared_get=1", "shared_cas=1", "shared_stale=8",
                 "requests=1", "http_call=0", "token=4", "call_response=221", "call_status:200",
                 "call_body:ok", "continue=0", "request_body:ab", "trailer:9",
                 "status:200", "response_body=40", "append=0"]:
        assert line in logs, line
    # the callout answer resumed the paused request; the filter's edits went up and down
    assert r.forwarded_request_headers == {":path": "/a?b", ":method": "GET",
                                           ":authority": "example.com", ":scheme": "http",
                                           "x-added": "a1", "x-replaced": "r1"}
    assert r.forwarded_request_body == b"NEW:abNEW:cd"
    assert r.response_headers == {":status": "201", "x-from": "filter", "x-n": "1"}
    assert (r.status, r.response_body) == (201, b"resp+tail")
    assert r.response_trailers == {"rt": "1", "x-trailer-added": "t"}
    assert r.callbacks == ["proxy_on_context_create", "proxy_on_request_headers",
                           "proxy_on_request_body", "proxy_on_request_body",
                           "proxy_on_request_trailers", "proxy_on_response_headers",
                           "proxy_on_response_body", "proxy_on_response_trailers",
                           "proxy_on_log", "proxy_on_done", "proxy_on_delete"]


def test_manual_callout_keeps_the_request_paused(start_plugin):
    plugin = start_plugin(TOUR, clusters={"auth": None})
    r = plugin.http_request()
    assert (r.paused, r.done, r.forwarded_request_headers) == ("request", False, None)
    [call] = plugin.pending_http_calls
    assert (call.cluster, call.headers[":path"], call.timeout_ms) == ("auth", "/check", 500)
    call.respond(204, body=b"")
    assert r.done and r.status == 201 and r.forwarded_request_headers is not None


def test_callout_timeout_answers_504(start_plugin):
    plugin = start_plugin(TOUR, clusters={"auth": None})
    r = plugin.http_request()
    plugin.advance_clock(milliseconds=500)
    assert "call_status:504" in plugin.logs() and r.done


def test_tcp_tour(start_plugin):
    plugin = start_plugin(TCP)
    c = plugin.tcp_connection([b"hel", b"lo"], b"world")
    assert (c.forwarded_upstream, c.forwarded_downstream) == (b"[up]hel[up]lo", b"[down]")
    assert plugin.logs() == ["new_connection=2", "downstream=30", "downstream_data:hel",
                             "downstream=21", "downstream_data:lo", "upstream=51",
                             "downstream_close=2", "upstream_close=0"]
    closed = plugin.tcp_connection(b"quit", b"never")
    assert closed.closed_by_filter and closed.forwarded_upstream == b""
    assert "close=0" in plugin.logs()


def test_tcp_tour_same_in_both_runners():
    logs = []
    for runner in ("wasm", "cpython"):
        plugin = start(runner, TCP)
        plugin.tcp_connection([b"hel", b"lo"], b"world")
        plugin.tcp_connection(b"quit")
        logs.append(plugin.logs())
    assert logs[0] == logs[1]


def _module_imports_exports(wasm: bytes) -> tuple[set[str], set[str]]:
    module = wasmtime.Module(wasmtime.Engine(), wasm)
    return {i.name for i in module.imports}, {e.name for e in module.exports}


def test_programs_cover_every_import_and_export():
    imports, exports = set(), set()
    for source in (TOUR, TCP, FILTER, UUID_FILTER):
        i, e = _module_imports_exports(compiled(source))
        imports |= i
        exports |= e
    assert imports == set(IMPORTS)
    not_python = {"malloc", "_start", "main"}  # covered by test_wat_entry_points below
    assert set(EXPORTS) - not_python <= exports


ENTRY_POINTS = """(module
  (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
  (import "env" "proxy_get_buffer_bytes" (func $get (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "start main malloc")
  (global $heap (mut i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "_start") (drop (call $log (i32.const 2) (i32.const 16) (i32.const 5))))
  (func (export "main") (param i32 i32) (result i32) (i32.const 0))
  (func (export "malloc") (param $size i32) (result i32)
    (local $p i32)
    (drop (call $log (i32.const 2) (i32.const 27) (i32.const 6)))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $p))
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (unreachable))
  (func (export "proxy_on_configure") (param i32 i32) (result i32)
    (drop (call $get (i32.const 7) (i32.const 0) (i32.const 100) (i32.const 0) (i32.const 4)))
    (i32.const 1)))
"""


def test_wat_entry_points_start_and_malloc_wins():
    """_start runs when there is no _initialize; Envoy prefers malloc to proxy_on_memory_allocate."""
    plugin = Plugin.wasm(wasmtime.wat2wasm(ENTRY_POINTS), configuration="cfg")
    assert plugin.configured
    assert plugin.logs() == ["start", "malloc"]
