"""The SDK's gRPC side in the host emulator, under both runners: unary calls answered,
refused, failed, timed out and malformed (tests/sdk/filters/grpc_lookup.py), and a stream's
callbacks (grpc_stream.py). Each scenario must observe the same in both runners."""
from abi.emulator import MANUAL, GrpcResponse
from abi.protobuf import ProtoReader, ProtoWriter
from test_examples_emulated import both


def verdict(allowed: bool, tag: str) -> bytes:
    writer = ProtoWriter()
    writer.varint(1, 1 if allowed else 0)
    writer.string(2, tag)
    return writer.finish()


def path_of(message: bytes) -> str:
    reader = ProtoReader(message, 0, len(message))
    assert reader.next_field() and reader.field == 1
    return reader.read_string().decode()


def lookup_service(call):
    path = path_of(call.sent[0])
    if path == "/broken":
        return GrpcResponse(status=13, message="internal boom")
    if path == "/garbage":
        return b"\x08"  # a truncated varint
    return verdict(path.startswith("/ok"), "t-" + path[1:])


def test_unary_call_answers_reach_the_context_that_called():
    def scenario(plugin):
        ok = plugin.http_request({":path": "/ok1"})
        call = plugin.grpc_calls[(0, max(t for _, t in plugin.grpc_calls))]
        denied = plugin.http_request({":path": "/no"})
        broken = plugin.http_request({":path": "/broken"})
        garbage = plugin.http_request({":path": "/garbage"})
        return (ok.status, ok.forwarded_request_headers.get("x-lookup-tag"),
                (call.service, call.service_name, call.method, call.metadata, call.timeout_ms),
                denied.status, broken.status, broken.local_response.headers, garbage.status,
                garbage.local_response.headers, plugin.logs("warn"))
    observed = both(scenario, "grpc_lookup", configuration="lookup", grpc_services={"lookup": lookup_service})
    assert observed == (200, "t-ok1",
                        ("lookup", "test.lookup.Lookup", "Check", {"x-caller": "grpc-lookup"}, 2000),
                        403, 503, {"x-lookup-status": "13"}, 503, {"x-lookup-status": "malformed"},
                        ["lookup: gRPC status 13 'internal boom'", "lookup: malformed answer"])


def test_unary_call_waits_then_times_out_as_unavailable():
    def scenario(plugin):
        pending = plugin.http_request({":path": "/ok"})
        before = (pending.paused, len(plugin.pending_grpc_calls))
        plugin.advance_clock(milliseconds=1999)
        still = pending.done
        plugin.advance_clock(milliseconds=1)
        answered = plugin.http_request({":path": "/ok2"})
        plugin.pending_grpc_calls[0].respond(verdict(True, "late"))
        failed = plugin.http_request({":path": "/ok3"})
        plugin.pending_grpc_calls[0].fail(14, "no healthy upstream")
        return (before, still, pending.status, pending.local_response.headers, answered.status,
                answered.forwarded_request_headers["x-lookup-tag"], failed.status, plugin.logs("warn"))
    observed = both(scenario, "grpc_lookup", configuration="lookup", grpc_services={"lookup": MANUAL})
    assert observed == (("request", 1), False, 503, {"x-lookup-status": "14"}, 200, "late", 503,
                        ["lookup: gRPC status 14 'upstream request timeout'",
                         "lookup: gRPC status 14 'no healthy upstream'"])


def test_unknown_cluster_is_refused_at_the_call():
    def scenario(plugin):
        r = plugin.http_request({":path": "/ok"})
        return r.status, plugin.logs("error")
    assert both(scenario, "grpc_lookup", configuration="nowhere", strict=False,
                grpc_services={"lookup": lookup_service}) == (503, ["lookup: cannot call cluster 'nowhere'"])


def test_stream_callbacks_on_the_root_that_opened_it():
    def echo(call, message=None, end_stream=False):
        if message is None:
            return None
        return GrpcResponse([b"echo:" + message], initial_metadata={"x-md": "1"} if message == b"/a" else None,
                            trailing_metadata={"x-done": "yes"}, status=0, message="")

    def scenario(plugin):
        plugin.http_request({":path": "/a"})
        plugin.http_request({":path": "/b"})
        plugin.http_request({":path": "/close"})
        [call] = plugin.grpc_calls.values()
        return plugin.logs("info"), call.sent, call.metadata, call.is_stream
    logs, sent, metadata, is_stream = both(scenario, "grpc_stream", configuration="echo",
                                           grpc_services={"echo": echo})
    assert (sent, metadata, is_stream) == ([b"/a", b"/b"], {"x-stream": "1"}, True)
    assert logs == ["send=0", "initial 1 x-md=1", "message 7 echo:/a", "send=0", "message 7 echo:/b",
                    "close=0", "trailing 0 ", "closed 0 0 "]


def test_cancelled_stream_gets_no_more_callbacks():
    def scenario(plugin):
        plugin.http_request({":path": "/cancel"})
        plugin.http_request({":path": "/after"})
        return plugin.logs("info")
    logs = both(scenario, "grpc_stream", configuration="echo", strict=False,
                grpc_services={"echo": lambda call, *sent: GrpcResponse([b"x"])})
    assert logs == ["cancel=0", "send=1"]
