"""Client hosts with their own real addresses (network namespaces) against the rate limiter in
a "pod" namespace holding Envoy (concurrency 2) and the backend on its loopback, as in the
sidecar Pod of the reference deployment."""
import http.client
import json

import pytest

import netns
from envoy_harness import running_backend, running_envoy

REASON = netns.available()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def get_status(host: str, port: int) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_each_client_host_gets_its_own_window(filter_wasm, tmp_path):
    with netns.pod_with_clients(3) as (pod, clients):
        def in_pod() -> dict[str, object]:
            config = json.dumps({"ttlSecond": 60, "burst": 3})
            with running_backend() as backend, running_envoy(
                    filter_wasm, config, backend.port, concurrency=2, workdir=tmp_path / "envoy",
                    listen_address="0.0.0.0") as envoy:
                seen: dict[str, object] = {}
                for client in clients:
                    seen[client.address] = netns.run_inside(
                        client.namespace, lambda c=client: [get_status(c.pod_address, envoy.port) for _ in range(4)])
                seen["backend peers"] = sorted({r.client for r in backend.requests})
                return seen
        seen = netns.run_inside(pod, in_pod)
    for client in clients:
        assert seen[client.address] == [200, 200, 200, 429], client
    assert seen["backend peers"] == ["127.0.0.1"]  # the sidecar reaches the app on loopback
