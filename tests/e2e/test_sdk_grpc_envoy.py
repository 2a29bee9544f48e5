"""The SDK's gRPC call in a real Envoy: tests/sdk/filters/grpc_lookup.py against a grpcio
server in the test, through an HTTP/2 cluster."""
import threading
import time
from pathlib import Path

import grpc
import pytest

from abi.protobuf import ProtoReader, ProtoWriter
from compiler import compile_file
from envoy_harness import grpc_cluster, http_get
from grpc_servers import running_grpc_server

FILTER = Path(__file__).resolve().parent.parent / "sdk" / "filters" / "grpc_lookup.py"


def verdict(allowed: bool, tag: str) -> bytes:
    writer = ProtoWriter()
    writer.varint(1, 1 if allowed else 0)
    writer.string(2, tag)
    return writer.finish()


class LookupService:
    """Allows paths under /ok, fails /broken with INTERNAL, holds /slow past the filter's 2 s."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.release = threading.Event()

    def check(self, request: bytes, context: grpc.ServicerContext) -> bytes:
        reader = ProtoReader(request, 0, len(request))
        assert reader.next_field() and reader.field == 1
        path = reader.read_string().decode()
        self.seen.append((path, dict(context.invocation_metadata())))
        if path == "/broken":
            context.abort(grpc.StatusCode.INTERNAL, "boom")
        if path == "/slow":
            self.release.wait(10)
        return verdict(path.startswith("/ok"), "tag" + path.replace("/", "-"))


@pytest.fixture(scope="module")
def lookup_wasm(tmp_path_factory):
    out = tmp_path_factory.mktemp("grpc") / "grpc_lookup.wasm"
    out.write_bytes(compile_file(FILTER))
    return out


def test_grpc_lookup_in_envoy(lookup_wasm, start_envoy, backend):
    service = LookupService()
    with running_grpc_server("test.lookup.Lookup", {"Check": service.check}) as port:
        envoy = start_envoy(lookup_wasm, "lookup", concurrency=2,
                            extra_clusters=[grpc_cluster("lookup", port)])
        status, _, body = http_get(envoy.port, "/ok/a")
        assert (status, body) == (200, b"backend ok\n")
        assert backend.requests[-1].headers["x-lookup-tag"] == "tag-ok-a"
        path, metadata = service.seen[-1]
        assert (path, metadata["x-caller"]) == ("/ok/a", "grpc-lookup")

        assert http_get(envoy.port, "/other")[0] == 403
        status, headers, _ = http_get(envoy.port, "/broken")
        assert (status, headers["x-lookup-status"]) == (503, "13")
        assert "lookup: gRPC status 13 'boom" in envoy.log()  # Envoy appends {via_upstream}

        started = time.monotonic()
        status, headers, _ = http_get(envoy.port, "/slow", timeout=10)
        waited = time.monotonic() - started
        service.release.set()
        assert (status, headers["x-lookup-status"]) == (503, "14")  # Envoy: 504 -> UNAVAILABLE
        assert "lookup: gRPC status 14 'upstream request timeout" in envoy.log()
        assert 1.9 < waited < 5
        assert [p for p, _ in service.seen] == ["/ok/a", "/other", "/broken", "/slow"]


def test_grpc_lookup_unknown_cluster_in_envoy(lookup_wasm, start_envoy, backend):
    envoy = start_envoy(lookup_wasm, "nowhere", concurrency=1)
    status, _, body = http_get(envoy.port, "/ok")
    assert (status, body) == (503, b"lookup unavailable\n")
    assert "lookup: cannot call cluster 'nowhere'" in envoy.log()
