"""Only the Ingress controller may speak for clients: who each envoy/k8s variant admits.

Port 10000 trusts X-Forwarded-For from private addresses, and every Pod has one, so
a Pod that can reach it picks its own identity per request. Each variant (the
default and the kustomize components, enabled the way kustomization.yaml says) is
rendered and its NetworkPolicy asked, for every probe below, whether the connection
is admitted (netpol.py applies the Kubernetes API's rules). No cluster runs here:
enforcing the policy is the network plugin's job.
"""
from __future__ import annotations

import copy
import itertools
import json

import pytest

import demo
import kustomize_lite
import netpol
from deploy_support import K8S, VARIANTS, find, variant_id

POLICY_NAMESPACE = "apps"  # where the user applies envoy/k8s
APP_LABELS = {"app.kubernetes.io/name": "ip-rate-limit"}
PROBE_NAMESPACES = {
    "ingress-nginx": {}, "higress-system": {}, "istio-system": {}, "kube-system": {},
    POLICY_NAMESPACE: {},  # our Pod's neighbours, its other replicas among them
    "team-ingress": {"ip-rate-limit/ingress-controller": "true"},
    "team-caller": {"ip-rate-limit/direct-caller": "true"},
    # Cannot pass for ingress-nginx: the API server owns kubernetes.io/metadata.name.
    "impostor": {"kubernetes.io/metadata.name": "ingress-nginx"},
}
PROBE_POD_LABELS = [{}, {"app.kubernetes.io/name": "ingress-nginx"}, APP_LABELS]
PROBE_PORTS = [10000, 10001, 9901, 8080]  # ingress, direct, admin, backend (loopback)


def policy_of(variant_dir, components: tuple[str, ...]) -> dict:
    return find(kustomize_lite.render(variant_dir(components)), "NetworkPolicy")


def probes():
    for (namespace, labels), pod_labels, port in itertools.product(
            PROBE_NAMESPACES.items(), PROBE_POD_LABELS, PROBE_PORTS):
        yield netpol.Peer(namespace, labels, pod_labels), port


@pytest.mark.parametrize("components", VARIANTS, ids=variant_id)
def test_each_port_admits_only_the_chosen_namespaces(variant_dir, components):
    policy = policy_of(variant_dir, components)
    expected = VARIANTS[components]
    for peer, port in probes():
        admitted = netpol.admits(policy, POLICY_NAMESPACE, APP_LABELS, peer, port)
        assert admitted == (peer.namespace in expected.get(port, set())), (peer, port)


@pytest.mark.parametrize("components", VARIANTS, ids=variant_id)
def test_the_admin_port_stays_closed_to_every_pod(variant_dir, components):
    policy = policy_of(variant_dir, components)
    assert not any(netpol.admits(policy, POLICY_NAMESPACE, APP_LABELS, peer, 9901)
                   for peer, _ in probes())


def test_the_checker_sees_an_open_door(rendered):
    """The policy before this fix (port 10000 from anywhere) must fail the probes."""
    policy = copy.deepcopy(find(rendered, "NetworkPolicy"))
    del policy["spec"]["ingress"][0]["from"]
    anyone = netpol.Peer("kube-system")
    assert netpol.admits(policy, POLICY_NAMESPACE, APP_LABELS, anyone, 10000)
    assert not netpol.admits(policy, POLICY_NAMESPACE, APP_LABELS, anyone, 9901)
    del policy["spec"]["ingress"][0]["ports"]
    assert netpol.admits(policy, POLICY_NAMESPACE, APP_LABELS, anyone, 9901)


def test_every_component_is_offered_in_the_kustomization():
    offered = {line.split("components/")[1].split()[0]
               for line in (K8S / "kustomization.yaml").read_text().splitlines()
               if line.startswith("# - components/")}
    shipped = {path.parent.name for path in (K8S / "components").glob("*/kustomization.yaml")}
    assert offered == shipped == {name for combo in VARIANTS for name in combo}


def listener(config: dict, name: str) -> tuple[int, dict]:
    [match] = [item for item in config["static_resources"]["listeners"] if item["name"] == name]
    [chain] = match["filter_chains"]
    [manager] = chain["filters"]
    return match["address"]["socket_address"]["port_value"], manager["typed_config"]


def test_the_guarded_port_is_the_one_that_trusts_x_forwarded_for(configmap_config):
    """Port 10000 (Ingress only) trusts X-Forwarded-For from private addresses; port 10001
    (direct callers) uses the peer's address and trusts no header."""
    ingress_port, ingress = listener(configmap_config, "ingress")
    direct_port, direct = listener(configmap_config, "direct")
    assert (ingress_port, direct_port) == (10000, 10001)
    [detection] = ingress["original_ip_detection_extensions"]
    assert detection["name"] == "envoy.http.original_ip_detection.xff"
    assert "original_ip_detection_extensions" not in direct
    assert direct["use_remote_address"] is True and "xff_num_trusted_hops" not in direct
    # The same filter and routes: one VM, one set of counters for both ports.
    assert direct["http_filters"] == ingress["http_filters"]
    assert direct["route_config"] == ingress["route_config"]
    plugin = json.loads(demo.wasm_plugin_of(configmap_config)["configuration"]["value"])
    assert "xffTrustedHops" not in plugin  # the filter itself trusts no header on either port


def test_direct_callers_reach_the_direct_listener_through_the_service(variant_dir):
    rendered = kustomize_lite.render(variant_dir(("direct-callers",)))
    ports = {p["name"]: p for p in find(rendered, "Service")["spec"]["ports"]}
    assert ports["direct"]["targetPort"] == "direct"
    deployment = find(rendered, "Deployment")
    [envoy] = [c for c in deployment["spec"]["template"]["spec"]["containers"]
               if c["name"] == "envoy"]
    container_ports = {p["name"]: p["containerPort"] for p in envoy["ports"]}
    assert container_ports["direct"] == ports["direct"]["port"] == 10001
    default_service = find(kustomize_lite.render(variant_dir(())), "Service")
    assert [p["port"] for p in default_service["spec"]["ports"]] == [10000]

