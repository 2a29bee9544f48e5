"""Every SDK example filter in the host emulator, under both runners (compiled wasm in wasmtime,
and the same source in CPython): each test observes the same things in both, and asserts them."""
from functools import lru_cache
from pathlib import Path

import pytest

from abi.emulator import MANUAL, Plugin
from compiler import compile_file

FILTERS = Path(__file__).resolve().parent / "filters"
RUNNERS = ["wasm", "cpython"]


@lru_cache(maxsize=None)
def wasm_of(name: str) -> bytes:
    return compile_file(FILTERS / f"{name}.py")


def start(runner: str, name: str, **options) -> Plugin:
    if runner == "wasm":
        return Plugin.wasm(wasm_of(name), **options)
    return Plugin.cpython(str(FILTERS / f"{name}.py"), **options)


def both(scenario, name: str, **options):
    """Run ``scenario(plugin)`` under each runner; the observations must be equal."""
    observed = [scenario(start(runner, name, **options)) for runner in RUNNERS]
    assert observed[0] == observed[1], dict(zip(RUNNERS, observed))
    return observed[0]


def test_header_rewrite():
    def scenario(plugin):
        first = plugin.http_request({":path": "/shout/it", "x-internal-secret": "leak"},
                                    source_address="10.1.2.3:4000")
        second = plugin.http_request({":path": "/quiet"}, source_address="[2001:db8::7]:443")
        return (first.forwarded_request_headers, first.response_headers.get("x-greeting"),
                second.forwarded_request_headers, plugin.logs("info"))
    first, greeting, second, logs = both(scenario, "header_rewrite", configuration="bonjour")
    assert first[":path"] == "/SHOUT/IT" and "x-internal-secret" not in first
    assert (first["x-client-ip"], first["x-request-number"], greeting) == ("10.1.2.3", "1", "bonjour")
    assert (second["x-client-ip"], second["x-request-number"], second[":path"]) == ("2001:db8::7", "2", "/quiet")
    assert logs == ["header-rewrite: greeting is 'bonjour'"]


def test_body_rewrite():
    def scenario(plugin):
        rewritten = plugin.http_request(response_body=[b"from the back", b"end: ok"])
        refused = plugin.http_request({":method": "POST"}, body=[b"a forbid", b"den word"])
        fine = plugin.http_request({":method": "POST"}, body=b"fine")
        return (rewritten.response_body, "content-length" in rewritten.response_headers,
                refused.status, refused.local_response.body, refused.forwarded_request_body,
                fine.status, fine.forwarded_request_body)
    observed = both(scenario, "body_rewrite")
    assert observed == (b"from the BACKEND (rewritten): ok", False, 400, b"forbidden word in request\n", None,
                        200, b"fine")


def test_tick_counter():
    def scenario(plugin):
        for _ in range(3):
            plugin.http_request()
        plugin.advance_clock(seconds=1)
        plugin.http_request()
        plugin.advance_clock(seconds=1)
        return plugin.shared_data[b"tick_counter.last"], plugin.logs("info")
    last, logs = both(scenario, "tick_counter")
    assert last == b"1"
    assert logs == ["tick 1: 3 requests", "tick 2: 1 requests"]


def test_shared_queue_pipeline():
    def scenario(plugin):
        seen = [plugin.http_request({":path": p}, worker=w).response_headers["x-seen"]
                for p, w in (("/a", 0), ("/b", 1), ("/a", 1))]
        return seen, plugin.queues
    seen, queues = both(scenario, "queue_pipeline", vm_configuration="vm", vm_id="vm", workers=2)
    # both workers register "paths"; the last registration (worker 1) consumes, draining on
    # on_queue_ready after each request; worker 0's own tally stays 0
    assert seen == ["0", "1", "2"] and queues == {"paths": []}


def test_callout_auth():
    def scenario(plugin):
        allowed = plugin.http_request({":path": "/data", "authorization": "Bearer t"})
        call = plugin.http_calls[-1]
        denied = plugin.http_request({":path": "/data"})
        return (allowed.status, allowed.forwarded_request_headers["x-auth"], call.headers.get("authorization"),
                denied.status, denied.local_response.headers, denied.forwarded_request_headers)

    def auth(call):
        return (200, {}, b"") if call.headers.get("authorization") else (401, {}, b"")
    observed = both(scenario, "callout_auth", configuration="auth /check", clusters={"auth": auth})
    assert observed == (200, "checked", "Bearer t", 403, {"x-auth": "denied"}, None)


def test_callout_auth_waits_for_the_answer():
    def scenario(plugin):
        pending = plugin.http_request({":path": "/x"})
        before = (pending.paused, pending.forwarded_request_headers)
        plugin.pending_http_calls[0].respond(200, {}, b"")
        return before, pending.status, pending.forwarded_request_headers["x-auth"]
    assert both(scenario, "callout_auth", configuration="auth /check",
                clusters={"auth": MANUAL}) == (("request", None), 200, "checked")


def test_metrics():
    def scenario(plugin):
        for path in ("/a", "/bbbb", "/c"):
            plugin.http_request({":path": path})
        last = plugin.http_request({":method": "POST", ":path": "/w"})
        return plugin.metrics, last.response_headers["x-reads-so-far"]
    metrics, header = both(scenario, "metrics")
    assert metrics["example.requests.read"] == 3 and metrics["example.requests.write"] == 1
    assert metrics["example.requests.in_flight"] == 0
    assert metrics["example.path_length"] == [2, 5, 2, 2]
    assert header == "3"


def test_tcp_guard():
    def scenario(plugin):
        good = plugin.tcp_connection(downstream=[b"HELLO there"], upstream=[b"welcome"])
        bad = plugin.tcp_connection(downstream=[b"GET / HTTP/1.1"], upstream=[b"nope"])
        return (good.forwarded_upstream, good.forwarded_downstream, good.closed_by_filter,
                bad.closed_by_filter, plugin.metrics)
    good_up, good_down, good_closed, bad_closed, metrics = both(scenario, "tcp_guard")
    assert (good_up, good_down, good_closed, bad_closed) == (b"HELLO there", b"WELCOME", False, True)
    assert metrics["tcp_guard.bytes_in"] == len(b"HELLO there") + len(b"GET / HTTP/1.1")
