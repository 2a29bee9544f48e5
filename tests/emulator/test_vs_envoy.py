"""The same probe module in a real Envoy 1.40 and in the emulator: the answers must agree.

probe.py turns a list of host calls into a module that reports every status
and out-parameter in a local reply, and logs each callback it gets. The
emulator runs with strict=False here, to give Envoy's status codes for calls
it would otherwise reject. Where the emulator cannot give the same value (a
clock, a connection counter), only the status and the length are compared;
docs/emulator.md lists these differences.
"""
from __future__ import annotations

import re
import socket
import sys
from pathlib import Path

import pytest
import wasmtime

from abi.emulator import Plugin
from abi.emulator.pairs import parse_pairs
from probe import CTX, I64, Op, Out, Out32, Out64, probe_module, read_report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "e2e"))
from envoy_harness import running_backend, running_envoy  # noqa: E402

PLUGIN = "ip-rate-limit"  # the harness names the plugin and the vm_id like this


def prop(path: str) -> bytes:
    return path.replace(".", "\0").encode()


CONFIGURE_OPS = [
    Op("proxy_get_buffer_bytes", [7, 0, 100, Out]),
    Op("proxy_get_buffer_bytes", [7, 2, 3, Out]),
    Op("proxy_get_buffer_status", [7, Out32, Out32]),
    Op("proxy_get_buffer_bytes", [6, 0, 100, Out]),
    Op("proxy_get_header_map_value", [0, b":path", Out]),
    Op("proxy_get_header_map_pairs", [0, Out]),
    Op("proxy_get_property", [prop("plugin_name"), Out]),
    Op("proxy_get_property", [prop("source.address"), Out]),
    Op("proxy_send_local_response", [200, b"", b"", b"", -1]),
    Op("proxy_continue_stream", [0]),
    Op("proxy_set_property", [b"my_prop", b"val"]),
]
PROPERTIES = ["source.address", "source.port", "destination.port", "request.path",
              "request.url_path", "request.host", "request.method", "request.scheme",
              "request.protocol", "request.query", "request.useragent", "plugin_name",
              "plugin_root_id", "plugin_vm_id", "connection.id", "request.time", "response.code",
              "request.id", "node", "no.such", "xds.cluster_name", "request.size",
              "request.referer", "source", "connection.mtls", "route_name", "xds.route_name",
              "listener_direction", "request.duration"]
REQUEST_OPS = [
    Op("proxy_get_header_map_pairs", [0, Out]),  # first: the emulator replays these headers
    Op("proxy_get_header_map_value", [0, b":path", Out]),
    Op("proxy_get_header_map_value", [0, b"x-missing", Out]),
    Op("proxy_get_header_map_value", [0, b"x-empty", Out]),
    Op("proxy_get_header_map_value", [0, b"x-dup", Out]),
    Op("proxy_get_header_map_value", [0, b"X-Upper", Out]),
    Op("proxy_get_header_map_value", [2, b":status", Out]),
    Op("proxy_get_header_map_value", [6, b":status", Out]),
    Op("proxy_get_header_map_value", [9, b":status", Out]),
    Op("proxy_get_header_map_size", [0, Out32]),
    Op("proxy_get_header_map_pairs", [2, Out]),
    Op("proxy_get_header_map_size", [2, Out32]),
    Op("proxy_add_header_map_value", [2, b"x-a", b"1"]),
    Op("proxy_add_header_map_value", [0, b"X-Added", b"v"]),
    Op("proxy_get_header_map_value", [0, b"x-added", Out]),
    Op("proxy_replace_header_map_value", [0, b"x-dup", b"c"]),
    Op("proxy_get_property", [b"request\0headers\0x-dup", Out]),
    Op("proxy_remove_header_map_value", [0, b"x-nope"]),
    *[Op("proxy_get_property", [prop(p), Out]) for p in PROPERTIES],
    Op("proxy_get_shared_data", [b"k", Out, Out32]),
    Op("proxy_set_shared_data", [b"k", b"v1", 12345]),
    Op("proxy_get_shared_data", [b"k", Out, Out32]),
    Op("proxy_set_shared_data", [b"k", b"v2", 999]),
    Op("proxy_set_shared_data", [b"k", b"", 0]),
    Op("proxy_get_shared_data", [b"k", Out, Out32]),
    Op("proxy_get_buffer_bytes", [7, 0, 100, Out]),
    Op("proxy_get_buffer_status", [0, Out32, Out32]),
    Op("proxy_get_buffer_bytes", [0, 0, 100, Out]),
    Op("proxy_get_buffer_bytes", [9, 0, 100, Out]),
    Op("proxy_get_metric", [12345, Out64]),
    Op("proxy_define_metric", [0, b"probe_c", Out32]),
    Op("proxy_define_metric", [1, b"probe_g", Out32]),
    Op("proxy_define_metric", [2, b"probe_h", Out32]),
    Op("proxy_define_metric", [3, b"probe_x", Out32]),
    Op("proxy_increment_metric", [4, I64(5)]),
    Op("proxy_increment_metric", [4, I64(-1)]),
    Op("proxy_record_metric", [4, I64(3)]),
    Op("proxy_get_metric", [4, Out64]),
    Op("proxy_increment_metric", [5, I64(-2)]),
    Op("proxy_record_metric", [5, I64(7)]),
    Op("proxy_get_metric", [5, Out64]),
    Op("proxy_get_metric", [6, Out64]),
    Op("proxy_get_log_level", [Out32]),
    Op("proxy_done", []),
    Op("proxy_continue_stream", [3]),
    Op("proxy_continue_stream", [9]),
    Op("proxy_set_effective_context", [9999]),
    Op("proxy_set_effective_context", [CTX]),
    Op("proxy_dequeue_shared_queue", [777, Out]),
    Op("proxy_resolve_shared_queue", [b"", b"nope", Out32]),
    Op("proxy_register_shared_queue", [b"q", Out32]),
    Op("proxy_resolve_shared_queue", [b"", b"q", Out32]),
    Op("proxy_enqueue_shared_queue", [1, b"item"]),
    Op("proxy_dequeue_shared_queue", [1, Out]),
    Op("proxy_dequeue_shared_queue", [1, Out]),
    Op("proxy_call_foreign_function", [b"nope", b"", Out]),
    Op("proxy_get_status", [Out32, Out]),
    Op("proxy_http_call", [b"nocluster", b"", b"", b"", 1000, Out32]),
    Op("proxy_set_property", [b"my_prop", b"val"]),
    Op("proxy_get_property", [b"my_prop", Out]),
    Op("proxy_get_property", [b"wasm.my_prop", Out]),
    Op("proxy_get_property", [b"filter_state\0wasm.my_prop", Out]),
    Op("proxy_log", [9, b"bad level"]),
    Op("proxy_set_tick_period_milliseconds", [0]),
    Op("proxy_grpc_cancel", [12345]),
    Op("proxy_grpc_close", [12345]),
    Op("proxy_get_current_time_nanoseconds", [Out64]),
]
# Values the emulator cannot reproduce: compare the status and the value's length only.
VALUE_DIFFERS = {("proxy_get_property", prop("connection.id")),
                 ("proxy_get_property", prop("request.time")),
                 ("proxy_get_current_time_nanoseconds", None)}
REQUEST = (b"GET /p/a?q=1 HTTP/1.1\r\nHost: probe.example\r\nUser-Agent: ua/1\r\nx-dup: a\r\n"
           b"x-dup: b\r\nx-empty:\r\nX-Upper: V\r\nConnection: close\r\n\r\n")


def raw_request(port: int, request: bytes) -> tuple[bytes, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def stream_callbacks(messages: list[str]) -> list[str]:
    """The probe's callback names after the last root on_configure (the request's stream)."""
    names = [m[3:] for m in messages if m.startswith("cb:")]
    return names[len(names) - names[::-1].index("configure"):]


@pytest.fixture(scope="module")
def probe_wasm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("probe") / "probe.wasm"
    path.write_bytes(wasmtime.wat2wasm(probe_module(REQUEST_OPS, CONFIGURE_OPS)))
    return path


@pytest.fixture(scope="module")
def envoy_run(probe_wasm, tmp_path_factory):
    """One request through a real Envoy (one worker): its report, log lines and ports."""
    with running_backend() as backend, running_envoy(
            probe_wasm, '{"a": 1}', backend.port, concurrency=1,
            workdir=tmp_path_factory.mktemp("envoy")) as envoy:
        head, body = raw_request(envoy.port, REQUEST)
        port = envoy.port
        messages = [m.group(1) for m in re.finditer(r"wasm log[^:]*: (cb:\w+)", envoy.log())]
    assert head.startswith(b"HTTP/1.1 200"), head
    return read_report(body, CONFIGURE_OPS + REQUEST_OPS), messages, port


@pytest.fixture(scope="module")
def emulator_run(probe_wasm, envoy_run):
    """The same request in the emulator, with the headers and addresses Envoy gave the filter."""
    rows, _, port = envoy_run
    request_rows = rows[len(CONFIGURE_OPS):]
    headers = parse_pairs(request_rows[0][1])
    source = request_rows[REQUEST_OPS.index(
        next(o for o in REQUEST_OPS if o.args[:1] == [prop("source.address")]))][1].decode()
    plugin = Plugin.wasm(probe_wasm, configuration='{"a": 1}', name=PLUGIN, vm_id=PLUGIN,
                         strict=False)
    r = plugin.http_request(headers, source_address=source, destination_address=f"127.0.0.1:{port}")
    return read_report(r.local_response.body, CONFIGURE_OPS + REQUEST_OPS), plugin.logs(), r


def test_every_host_call_answers_as_in_envoy(envoy_run, emulator_run):
    envoy_rows, emulator_rows = envoy_run[0], emulator_run[0]
    mismatches = []
    for op, theirs, ours in zip(CONFIGURE_OPS + REQUEST_OPS, envoy_rows, emulator_rows):
        key = (op.name, op.args[0] if op.args and isinstance(op.args[0], bytes) else None)
        if key in VALUE_DIFFERS:
            theirs = (theirs[0], *(len(v) if isinstance(v, bytes) else None for v in theirs[1:]))
            ours = (ours[0], *(len(v) if isinstance(v, bytes) else None for v in ours[1:]))
        if theirs != ours:
            mismatches.append(f"{op.name}{op.args!r}: envoy {theirs!r}, emulator {ours!r}")
    assert mismatches == []


def test_local_reply_goes_through_the_response_callbacks_as_in_envoy(envoy_run, emulator_run):
    envoy_order = stream_callbacks(envoy_run[1])
    assert envoy_order == ["context_create", "request_headers", "response_headers",
                           "response_body", "log", "done", "delete"]
    assert stream_callbacks(emulator_run[1]) == envoy_order


def test_vm_start_order_matches_envoy(envoy_run, emulator_run):
    """Envoy starts each VM (here: base, main thread, one worker) with the same three calls."""
    first_vm = envoy_run[1][:3]
    assert first_vm == ["cb:context_create", "cb:vm_start", "cb:configure"]
    assert [m for m in emulator_run[1] if m.startswith("cb:")][:3] == first_vm
