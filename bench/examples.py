"""Wasm fuel of one representative request through each SDK example (tests/sdk/filters/).

Each example runs in the host emulator as tests/sdk/test_examples_emulated.py drives it:
same configuration, same kind of request. One request warms up (first-use costs), then
the figure is the fuel of the next one: every callback any VM of the plugin ran while it
went through (its own stream's callbacks, and those it caused on a root context: a
callout's or gRPC answer, a queue's on_queue_ready), summed.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
FILTERS = ROOT / "tests" / "sdk" / "filters"
EPOCH_S = 1_700_000_000  # abi.emulator.host.DEFAULT_EPOCH_NS in seconds


@dataclass
class Example:
    what: str                                        # the request, in a few words
    send: Callable[[Any], Any]                       # plugin -> exchange (one request)
    options: dict[str, Any] = field(default_factory=dict)  # Plugin options (configuration, ...)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_token() -> str:
    header = _b64(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    payload = _b64(json.dumps({"iss": "https://issuer.example", "aud": ["web", "api"], "sub": "user-42",
                               "exp": EPOCH_S + 3600, "iat": EPOCH_S - 60}).encode())
    return f"{header}.{payload}.{_b64(bytes(range(64)))}"


def _auth_service(call) -> tuple:
    return (200, {}, b"") if call.headers.get("authorization") else (401, {}, b"")


def _lookup_service(call) -> bytes:
    from abi.protobuf import ProtoWriter
    writer = ProtoWriter()
    writer.varint(1, 1)
    writer.string(2, "t-ok")
    return writer.finish()


def _echo_service(call, message=None, end_stream=False):
    from abi.emulator import GrpcResponse
    return None if message is None else GrpcResponse([b"echo:" + message])


def examples() -> dict[str, Example]:
    return {
        "header_rewrite": Example("tag a request, uppercase its path", lambda p: p.http_request(
            {":path": "/shout/it", "x-internal-secret": "leak"}, source_address="10.1.2.3:4000"),
            {"configuration": "bonjour"}),
        "body_rewrite": Example("rewrite a 2-chunk response body", lambda p: p.http_request(
            response_body=[b"from the back", b"end: ok"])),
        "tick_counter": Example("count a request", lambda p: p.http_request()),
        "queue_pipeline": Example("enqueue a path, the other worker drains it", lambda p: p.http_request(
            {":path": "/a"}, worker=0), {"vm_configuration": "vm", "vm_id": "vm", "workers": 2}),
        "callout_auth": Example("hold, call the auth cluster, resume", lambda p: p.http_request(
            {":path": "/data", "authorization": "Bearer t"}),
            {"configuration": "auth /check", "clusters": {"auth": _auth_service}}),
        "metrics": Example("count and record a read", lambda p: p.http_request({":path": "/bbbb"})),
        "tcp_guard": Example("a TCP connection: check, uppercase the answer", lambda p: p.tcp_connection(
            downstream=[b"HELLO there"], upstream=[b"welcome"])),
        "grpc_lookup": Example("unary gRPC call, answer decoded", lambda p: p.http_request({":path": "/ok1"}),
                               {"configuration": "lookup", "grpc_services": {"lookup": _lookup_service}}),
        "grpc_stream": Example("a message on an open gRPC stream, echo back", lambda p: p.http_request(
            {":path": "/b"}), {"configuration": "echo", "grpc_services": {"echo": _echo_service}}),
        "jwt_check": Example("bearer token: base64url, JSON, claims", lambda p: p.http_request(
            {":path": "/api", "authorization": "Bearer " + jwt_token()}),
            {"configuration": json.dumps({"issuer": "https://issuer.example", "audience": "api"})}),
        "quota_header": Example("parse a cost header inside try/except, accept it", lambda p: p.http_request(
            {":path": "/", "x-cost": "4"}), {"configuration": "10"}),
    }


def _status(exchange) -> str:
    status = getattr(exchange, "status", None)
    if status is not None:
        return str(status)
    return "closed" if getattr(exchange, "closed_by_filter", False) else "passed"


def request_fuel(wasm: bytes, example: Example) -> dict:
    """Fuel of the second request through a fresh plugin; its outcome, to compare builds."""
    from abi.emulator import Plugin
    plugin = Plugin.wasm(wasm, **example.options)
    if not plugin.configured:
        raise RuntimeError(f"the example refused its configuration: {plugin.logs()}")
    example.send(plugin)
    before = sum(plugin.fuel.values())
    exchange = example.send(plugin)
    return {"fuel": sum(plugin.fuel.values()) - before, "outcome": _status(exchange)}


def run(wasm_by_example: dict[str, Path | str]) -> dict[str, dict]:
    """name -> {"fuel", "outcome", "what"}, or {"skipped": why} when the example has no module
    (it did not compile) or failed to run."""
    out: dict[str, dict] = {}
    for name, example in examples().items():
        wasm = wasm_by_example.get(name, "not built")
        if not isinstance(wasm, Path):
            out[name] = {"what": example.what, "skipped": str(wasm)}
            continue
        try:
            out[name] = {"what": example.what, **request_fuel(wasm.read_bytes(), example)}
        except Exception as err:  # noqa: BLE001 - one example failing still reports the others
            out[name] = {"what": example.what, "skipped": f"{type(err).__name__}: {err}"}
    return out
