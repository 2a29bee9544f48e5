"""envoy/k8s: schemas (offline), kustomize output wiring, and the CRD examples.

Kubernetes objects are checked against the OpenAPI-derived JSON schemas bundled
in PyPI `kubernetes-validate` (strict: unknown fields fail). Istio/Higress
WasmPlugin are CRDs those schemas lack: they are checked against the JSON schemas
in tests/deploy/schemas/, written by hand from the projects' documented fields.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import jsonschema
import kubernetes_validate
import pytest
import yaml

import kustomize_lite
from deploy_support import HERE, K8S, ROOT, VARIANTS, find, variant_id
from envoy_harness import find_envoy

KUBERNETES_VERSIONS = ["1.30.0", "1.33.0"]  # the oldest and a recent supported minor
WASMPLUGINS = {"istio": K8S / "wasmplugin" / "istio.yaml",
               "higress": K8S / "wasmplugin" / "higress.yaml"}


def kube_validate(resource: dict, version: str) -> None:
    try:
        kubernetes_validate.validate(resource, version, strict=True)
    except kubernetes_validate.ValidationError as err:
        path = ".".join(str(p) for p in err.path)
        pytest.fail(f"{resource['kind']}/{resource['metadata']['name']} against Kubernetes "
                    f"{version}: {path}: {err.message}")


# -- schemas ---------------------------------------------------------------------------
@pytest.mark.parametrize("components", VARIANTS, ids=variant_id)
@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_rendered_resource_validates_against_the_kubernetes_schemas(variant_dir, version,
                                                                         components):
    rendered = kustomize_lite.render(variant_dir(components))
    assert sorted(r["kind"] for r in rendered) == [
        "ConfigMap", "ConfigMap", "Deployment", "Ingress", "NetworkPolicy", "Service"]
    for resource in rendered:
        kube_validate(resource, version)


def test_the_schemas_do_catch_a_mistake(rendered):
    deployment = json.loads(json.dumps(find(rendered, "Deployment")))
    deployment["spec"]["template"]["spec"]["containers"][1]["readinessProbe"]["httpGet"][
        "prot"] = "admin"  # a typo
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSIONS[-1], strict=True)


@pytest.mark.parametrize("crd", sorted(WASMPLUGINS))
def test_wasmplugin_examples_validate_against_the_documented_fields(crd):
    schema = json.loads((HERE / "schemas" / f"{crd}-wasmplugin.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    [resource] = [d for d in yaml.safe_load_all(WASMPLUGINS[crd].read_text()) if d]
    jsonschema.validate(resource, schema)
    broken = json.loads(json.dumps(resource))
    broken["spec"]["phase"] = "AUTHENTICATION"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.parametrize("crd, field", [("istio", "pluginConfig"), ("higress", "defaultConfig")])
def test_wasmplugin_examples_carry_the_same_plugin_configuration(configmap_config, crd, field):
    import demo
    [resource] = [d for d in yaml.safe_load_all(WASMPLUGINS[crd].read_text()) if d]
    ours = json.loads(demo.wasm_plugin_of(configmap_config)["configuration"]["value"])
    assert resource["spec"][field] == ours == {"ttlSecond": 60, "burst": 3}


def docs_manifests() -> list[dict]:
    """Complete Kubernetes objects (not Istio/Higress ones) among the docs' yaml blocks."""
    text = (ROOT / "docs" / "deployment.md").read_text()
    found = []
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        for doc in yaml.safe_load_all(block):
            if isinstance(doc, dict) and {"apiVersion", "kind", "metadata"} <= set(doc) \
                    and not doc["apiVersion"].split("/")[0].endswith(("istio.io", "higress.io")):
                found.append(doc)
    return found


def test_complete_manifests_in_the_docs_validate():
    manifests = docs_manifests()
    assert "PersistentVolumeClaim" in {m["kind"] for m in manifests}
    for manifest in manifests:
        kube_validate(manifest, KUBERNETES_VERSIONS[-1])


# -- wiring -----------------------------------------------------------------------------
def container(rendered: list[dict], name: str) -> dict:
    pod = find(rendered, "Deployment")["spec"]["template"]["spec"]
    [match] = [c for c in pod["containers"] if c["name"] == name]
    return match


def mounted_file(rendered: list[dict], container_name: str, config_map_prefix: str) -> tuple[str, str]:
    """(path in the container, ConfigMap key) of the file a generated ConfigMap provides."""
    pod = find(rendered, "Deployment")["spec"]["template"]["spec"]
    config_map = find(rendered, "ConfigMap", config_map_prefix)
    [volume] = [v for v in pod["volumes"]
                if v.get("configMap", {}).get("name") == config_map["metadata"]["name"]]
    [mount] = [m for m in container(rendered, container_name)["volumeMounts"]
               if m["name"] == volume["name"]]
    [item] = volume["configMap"]["items"]
    keys = set(config_map.get("data", {})) | set(config_map.get("binaryData", {}))
    assert item["key"] in keys
    assert mount.get("readOnly") is True
    return f"{mount['mountPath'].rstrip('/')}/{item['path']}", item["key"]


def test_the_module_reaches_the_path_envoy_yaml_loads(rendered, configmap_config, filter_wasm):
    import base64
    import demo
    path, key = mounted_file(rendered, "envoy", "ip-rate-limit-wasm-")
    assert path == "/etc/wasm/ip-rate-limit/main.wasm"
    assert path == demo.wasm_plugin_of(configmap_config)["vm_config"]["code"]["local"]["filename"]
    config_map = find(rendered, "ConfigMap", "ip-rate-limit-wasm-")
    assert "data" not in config_map  # not UTF-8: binaryData only
    assert base64.b64decode(config_map["binaryData"][key]) == filter_wasm.read_bytes()


def test_envoy_is_started_with_the_mounted_configuration(rendered):
    path, key = mounted_file(rendered, "envoy", "envoy-config-")
    assert key == "envoy.yaml"
    args = container(rendered, "envoy")["args"]
    assert args[args.index("-c") + 1] == path == "/etc/envoy/envoy.yaml"


def test_ports_probes_service_and_ingress_line_up(rendered, configmap_config):
    envoy = container(rendered, "envoy")
    ports = {p["name"]: p["containerPort"] for p in envoy["ports"]}
    listeners = {item["name"]: item["address"]["socket_address"]["port_value"]
                 for item in configmap_config["static_resources"]["listeners"]}
    assert ports == {"http": listeners["ingress"], "direct": listeners["direct"],
                     "admin": configmap_config["admin"]["address"]["socket_address"]["port_value"]}
    assert envoy["readinessProbe"]["httpGet"] == {"path": "/ready", "port": "admin"}
    assert envoy["livenessProbe"]["httpGet"]["port"] == "admin"
    service = find(rendered, "Service")
    [service_port] = service["spec"]["ports"]
    assert (service_port["port"], service_port["targetPort"]) == (10000, "http")
    pod_labels = find(rendered, "Deployment")["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= pod_labels.items()
    [rule] = find(rendered, "Ingress")["spec"]["rules"]
    [path] = rule["http"]["paths"]
    assert path["backend"]["service"] == {"name": service["metadata"]["name"],
                                          "port": {"name": service_port["name"]}}
    policy = find(rendered, "NetworkPolicy")  # who it admits: test_network_policy.py
    assert policy["spec"]["podSelector"]["matchLabels"].items() <= pod_labels.items()


def test_backend_is_on_the_loopback_port_the_cluster_routes_to(rendered, configmap_config):
    import demo
    env = {e["name"]: e["value"] for e in container(rendered, "backend")["env"]}
    assert demo.backend_address_of(configmap_config) == {
        "address": env["HOST"], "port_value": int(env["PORT"])} == {
        "address": "127.0.0.1", "port_value": 8080}


def test_containers_are_non_root_with_requests_and_limits(rendered):
    pod = find(rendered, "Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    for c in pod["containers"]:
        security = c["securityContext"]
        assert security["runAsUser"] > 0 and security["allowPrivilegeEscalation"] is False
        assert security["readOnlyRootFilesystem"] is True
        assert security["capabilities"]["drop"] == ["ALL"]
        assert {"cpu", "memory"} <= set(c["resources"]["requests"])
        assert {"cpu", "memory"} <= set(c["resources"]["limits"])


def test_envoy_image_is_the_version_the_tests_run():
    output = subprocess.run([find_envoy(), "--version"], capture_output=True, text=True,
                            timeout=30).stdout
    version = re.search(r"/(\d+\.\d+\.\d+)/", output).group(1)
    deployment = yaml.safe_load((K8S / "deployment.yaml").read_text())
    images = [c["image"] for c in deployment["spec"]["template"]["spec"]["containers"]]
    assert f"envoyproxy/envoy:v{version}" in images


def test_wasm_outside_the_kustomization_is_refused_like_kustomize_does(tmp_path):
    (tmp_path / "k").mkdir()
    (tmp_path / "outside.wasm").write_bytes(b"\0asm")
    (tmp_path / "k" / "kustomization.yaml").write_text(
        "configMapGenerator:\n- name: w\n  files:\n  - ../outside.wasm\n")
    with pytest.raises(kustomize_lite.KustomizeError, match="not in or below"):
        kustomize_lite.render(tmp_path / "k")


# -- against a real kustomize, where there is one ---------------------------------------
def _without_hash(resources: list[dict]) -> list[dict]:
    text = json.dumps(resources)
    text = re.sub(r'"(envoy-config|ip-rate-limit-wasm)-[a-z0-9]{10}"', r'"\1-HASH"', text)
    return sorted(json.loads(text), key=lambda r: (r["kind"], r["metadata"]["name"]))


@pytest.mark.parametrize("components", VARIANTS, ids=variant_id)
def test_real_kustomize_renders_the_same(variant_dir, components):
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("no kubectl (kustomize) on this machine: only the Python renderer ran")
    rendered = kustomize_lite.render(variant_dir(components))
    result = subprocess.run([kubectl, "kustomize", str(variant_dir(components))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    real = [d for d in yaml.safe_load_all(result.stdout) if d]
    assert _without_hash(real) == _without_hash(rendered)
    names = {r["metadata"]["name"] for r in real if r["kind"] == "ConfigMap"}
    volumes = find(real, "Deployment")["spec"]["template"]["spec"]["volumes"]
    assert names == {v["configMap"]["name"] for v in volumes if "configMap" in v}
    text_map = find(real, "ConfigMap", "envoy-config-")
    assert text_map["metadata"]["name"] == find(rendered, "ConfigMap", "envoy-config-")[
        "metadata"]["name"]  # text ConfigMaps: the very same hash suffix
