"""Client hosts with their own real addresses (network namespaces) against the rate limiter in
a "pod" namespace holding Envoy (concurrency 2) and the backend on its loopback, as in the
sidecar Pod of the reference deployment."""
import http.client
import json

import pytest

import demo
import netns
from envoy_harness import running_backend, running_envoy

REASON = netns.available()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")


def get_status(host: str, port: int, headers: dict[str, str] | None = None) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request("GET", "/", headers=headers or {})
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


# The client hosts of the next test, one network each.
NETWORKS = ["10.203.1",     # the Ingress controller: a private address, trusted on port 10000
            "198.51.100",   # a client reaching Envoy without the Ingress: not a private address
            "10.203.3"]     # another service in the cluster: a private address, like any Pod


def statuses_from(client: netns.ClientHost, port: int, forwarded_for: list[str]) -> list[int]:
    """One request per X-Forwarded-For value, sent from `client`'s own address."""
    return netns.run_inside(client.namespace, lambda: [
        get_status(client.pod_address, port, {"x-forwarded-for": value})
        for value in forwarded_for])


def test_in_cluster_caller_cannot_escape_the_limit_by_spoofing_x_forwarded_for(filter_wasm,
                                                                               tmp_path):
    """The shipped envoy.yaml (addresses, ports, wasm path and backend port rewritten). Only
    the Ingress may speak for clients: on port 10000 its X-Forwarded-For entry counts, while a
    peer at an untrusted address, and on port 10001 any caller, is counted by its own address
    however it varies X-Forwarded-For. A private-address caller on port 10000 shows why the
    NetworkPolicy admits nothing but the Ingress there."""
    def fresh(first: int) -> list[str]:  # a new identity on every request
        return [f"203.0.113.{i}" for i in range(first, first + 4)]
    with netns.pod_with_clients(3, NETWORKS) as (pod, clients):
        def in_pod() -> dict[str, list[int]]:
            with running_backend() as backend, demo.running_envoy(demo.localize(
                    demo.load_config(), wasm_path=filter_wasm, port=0, admin_port=0,
                    backend_port=backend.port, address="0.0.0.0"),
                    tmp_path, concurrency=2) as envoy:
                ingress, direct = envoy.ports["ingress"], envoy.ports["direct"]
                proxy, outsider, service = clients
                return {
                    "client A via ingress": statuses_from(proxy, ingress, ["192.0.2.1"] * 4),
                    "client B via ingress": statuses_from(proxy, ingress, ["192.0.2.2"] * 4),
                    "outsider on 10000": statuses_from(outsider, ingress, fresh(10)),
                    "service on 10001": statuses_from(service, direct, fresh(20)),
                    "service on 10000": statuses_from(service, ingress, fresh(30)),
                }
        seen = netns.run_inside(pod, in_pod)
    limited = [200, 200, 200, 429]
    assert seen["client A via ingress"] == seen["client B via ingress"] == limited
    assert seen["outsider on 10000"] == limited
    assert seen["service on 10001"] == limited
    assert seen["service on 10000"] == [200] * 4  # the hole the NetworkPolicy closes
