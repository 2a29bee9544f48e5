"""The SDK's gRPC call in a real Envoy: tests/sdk/filters/grpc_lookup.py against a grpcio
server (grpc_services.py, in its own process), through an HTTP/2 cluster."""
import time
from pathlib import Path

import pytest

from compiler import compile_file
from envoy_harness import grpc_cluster, http_get
from grpc_services import running_service

FILTER = Path(__file__).resolve().parent.parent / "sdk" / "filters" / "grpc_lookup.py"


@pytest.fixture(scope="module")
def lookup_wasm(tmp_path_factory):
    out = tmp_path_factory.mktemp("grpc") / "grpc_lookup.wasm"
    out.write_bytes(compile_file(FILTER))
    return out


def test_grpc_lookup_in_envoy(lookup_wasm, start_envoy, backend):
    """The service allows paths under /ok, fails /broken with INTERNAL, holds /slow past 2 s."""
    with running_service("lookup") as service:
        envoy = start_envoy(lookup_wasm, "lookup", concurrency=2,
                            extra_clusters=[grpc_cluster("lookup", service.port)])
        status, _, body = http_get(envoy.port, "/ok/a")
        assert (status, body) == (200, b"backend ok\n")
        assert backend.requests[-1].headers["x-lookup-tag"] == "tag-ok-a"
        path, metadata = service.control("seen")[-1]
        assert (path, metadata["x-caller"]) == ("/ok/a", "grpc-lookup")

        assert http_get(envoy.port, "/other")[0] == 403
        status, headers, _ = http_get(envoy.port, "/broken")
        assert (status, headers["x-lookup-status"]) == (503, "13")
        assert "lookup: gRPC status 13 'boom" in envoy.log()  # Envoy appends {via_upstream}

        started = time.monotonic()
        status, headers, _ = http_get(envoy.port, "/slow", timeout=10)
        waited = time.monotonic() - started
        service.control("release")
        # Envoy's own timeout (its router's 504 -> 14 UNAVAILABLE), or the server's answer to
        # the grpc-timeout header Envoy sends (4 DEADLINE_EXCEEDED), whichever comes first
        assert status == 503 and headers["x-lookup-status"] in ("14", "4")
        assert ("lookup: gRPC status 14 'upstream request timeout" in envoy.log()
                or "lookup: gRPC status 4 'Deadline Exceeded" in envoy.log())
        assert 1.9 < waited < 5
        assert [p for p, _ in service.control("seen")] == ["/ok/a", "/other", "/broken", "/slow"]


def test_grpc_lookup_unknown_cluster_in_envoy(lookup_wasm, start_envoy, backend):
    envoy = start_envoy(lookup_wasm, "nowhere", concurrency=1)
    status, _, body = http_get(envoy.port, "/ok")
    assert (status, body) == (503, b"lookup unavailable\n")
    assert "lookup: cannot call cluster 'nowhere'" in envoy.log()
