"""envoy/k8s/global: the overlay for global mode, rendered like the base (kustomize_lite),
checked against the Kubernetes schemas, wired end to end (Envoy cluster -> ratelimit Service ->
its config and Redis), and its Envoy bootstrap validated by the real Envoy with the module."""
from __future__ import annotations

import copy
import json

import pytest
import yaml

import demo
import kustomize_lite
from deploy_support import K8S, find
from test_envoy_config import envoy_validate, with_wasm
from test_manifests import KUBERNETES_VERSIONS, kube_validate


@pytest.fixture(scope="module")
def overlay(k8s_dir) -> list[dict]:
    return kustomize_lite.render(k8s_dir / "global")


@pytest.fixture(scope="module")
def overlay_config(overlay) -> dict:
    return yaml.safe_load(find(overlay, "ConfigMap", "envoy-config-")["data"]["envoy.yaml"])


def plugin_configuration(config: dict) -> dict:
    return json.loads(demo.wasm_plugin_of(config)["configuration"]["value"])


def cluster(config: dict, name: str) -> dict:
    [found] = [c for c in config["static_resources"]["clusters"] if c["name"] == name]
    return found


def pod_spec(resources: list[dict], name: str) -> dict:
    return find(resources, "Deployment", name)["spec"]["template"]["spec"]


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_overlay_resource_validates(overlay, version):
    assert sorted(r["kind"] for r in overlay) == [
        "ConfigMap", "ConfigMap", "ConfigMap", "Deployment", "Deployment", "Deployment", "Ingress",
        "NetworkPolicy", "NetworkPolicy", "NetworkPolicy", "Service", "Service", "Service"]
    for resource in overlay:
        kube_validate(resource, version)


def test_overlay_changes_only_the_plugin_configuration_and_adds_the_cluster(overlay_config, configmap_config):
    stripped = copy.deepcopy(overlay_config)
    stripped["static_resources"]["clusters"].remove(cluster(stripped, "ratelimit"))
    plugin = demo.wasm_plugin_of(stripped)
    configuration = json.loads(plugin["configuration"]["value"])
    assert configuration.pop("global") == {"cluster": "ratelimit", "domain": "ip-rate-limit",
                                           "timeoutMs": 20, "failureMode": "open"}
    plugin["configuration"]["value"] = json.dumps(configuration)
    base = copy.deepcopy(configmap_config)
    base_plugin = demo.wasm_plugin_of(base)
    base_plugin["configuration"]["value"] = json.dumps(json.loads(base_plugin["configuration"]["value"]))
    assert stripped == base


def test_envoy_validates_the_overlay_bootstrap_with_the_module(overlay_config, configmap_wasm, tmp_path):
    ok, output = envoy_validate(with_wasm(overlay_config, configmap_wasm), tmp_path)
    assert ok, output
    assert "counted by the rate-limit service on cluster 'ratelimit' (domain 'ip-rate-limit')" in output


def test_the_cluster_reaches_the_ratelimit_service_over_http2(overlay, overlay_config):
    rls = cluster(overlay_config, "ratelimit")
    options = rls["typed_extension_protocol_options"]["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]
    assert "http2_protocol_options" in options["explicit_http_config"]
    address = rls["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]["socket_address"]
    service = find(overlay, "Service", "ratelimit")
    [port] = service["spec"]["ports"]
    assert (address["address"], address["port_value"]) == (service["metadata"]["name"], port["port"])
    [container] = pod_spec(overlay, "ratelimit")["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports[port["targetPort"]] == 8081
    labels = find(overlay, "Deployment", "ratelimit")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()


def test_the_service_config_names_the_filters_domain_and_key(overlay, overlay_config):
    config_map = find(overlay, "ConfigMap", "ratelimit-config-")
    service_config = yaml.safe_load(config_map["data"]["config.yaml"])
    assert service_config["domain"] == plugin_configuration(overlay_config)["global"]["domain"]
    assert [d["key"] for d in service_config["descriptors"]] == ["remote_address"]
    spec = pod_spec(overlay, "ratelimit")
    [container] = spec["containers"]
    env = {e["name"]: e["value"] for e in container["env"]}
    [volume] = [v for v in spec["volumes"] if v["configMap"]["name"] == config_map["metadata"]["name"]]
    [mount] = [m for m in container["volumeMounts"] if m["name"] == volume["name"]]
    assert mount["mountPath"] == f"{env['RUNTIME_ROOT']}/{env['RUNTIME_SUBDIRECTORY']}/config"
    host, _, port = env["REDIS_URL"].partition(":")
    redis = find(overlay, "Service", "redis")
    assert (host, int(port)) == (redis["metadata"]["name"], redis["spec"]["ports"][0]["port"])


def test_the_envoy_deployment_runs_several_replicas(overlay):
    assert find(overlay, "Deployment", "ip-rate-limit")["spec"]["replicas"] == 3
    base = yaml.safe_load((K8S / "deployment.yaml").read_text())
    assert base["spec"]["replicas"] == 1  # the base keeps its single local-mode replica


def test_only_envoy_reaches_the_service_and_only_the_service_reaches_redis(overlay):
    def labels(name: str) -> dict:
        return find(overlay, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
    for target, caller, port in (("ratelimit", "ip-rate-limit", 8081), ("redis", "ratelimit", 6379)):
        policy = find(overlay, "NetworkPolicy", target)
        assert policy["spec"]["podSelector"]["matchLabels"].items() <= labels(target).items()
        [rule] = policy["spec"]["ingress"]
        [source] = rule["from"]
        assert source["podSelector"]["matchLabels"].items() <= labels(caller).items()
        assert rule["ports"] == [{"protocol": "TCP", "port": port}]
        service = find(overlay, "Service", target)
        assert service["spec"]["ports"][0]["port"] == port
