"""envoy/envoy.yaml, taken out of the kustomize-generated ConfigMap, in the real Envoy.

Only ports and the wasm path are rewritten (demo.localize); where a test changes
anything else (a trusted address, the failure policy) it says so.
"""
from __future__ import annotations

import copy
import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import wasmtime
import yaml

import demo
from deploy_support import FIXTURES, ROOT
from envoy_harness import find_envoy, http_get

REFERENCE = {"ttlSecond": 60, "burst": 3}
DOCS = ROOT / "docs" / "deployment.md"


def envoy_validate(config: dict, tmp_path: Path) -> tuple[bool, str]:
    path = tmp_path / "validate.yaml"
    path.write_text(yaml.safe_dump(config))
    result = subprocess.run([find_envoy(), "--mode", "validate", "-c", str(path),
                             "--disable-hot-restart"], capture_output=True, text=True, timeout=60)
    return result.returncode == 0, result.stdout + result.stderr


def with_wasm(config: dict, wasm: Path) -> dict:
    config = copy.deepcopy(config)
    demo.wasm_plugin_of(config)["vm_config"]["code"]["local"]["filename"] = str(wasm)
    return config


def statuses(port: int, source_ip: str, count: int = 4, **kwargs) -> list[int]:
    return [http_get(port, source_ip=source_ip, **kwargs)[0] for _ in range(count)]


# -- as shipped -------------------------------------------------------------------
def test_the_configmap_holds_envoy_yaml_byte_for_byte(rendered):
    from deploy_support import find
    text = find(rendered, "ConfigMap", "envoy-config-")["data"]["envoy.yaml"]
    assert text == (ROOT / "envoy" / "envoy.yaml").read_text()


def test_shape_of_the_shipped_configuration(configmap_config):
    config = configmap_config
    assert config["admin"]["address"]["socket_address"] == {"address": "0.0.0.0",
                                                            "port_value": 9901}
    addresses = {item["name"]: item["address"]["socket_address"]
                 for item in config["static_resources"]["listeners"]}
    assert addresses == {"ingress": {"address": "0.0.0.0", "port_value": 10000},
                         "direct": {"address": "0.0.0.0", "port_value": 10001}}
    assert demo.backend_address_of(config) == {"address": "127.0.0.1", "port_value": 8080}
    filters = demo.hcm_of(config)["http_filters"]
    assert [f["name"] for f in filters] == ["envoy.filters.http.wasm", "envoy.filters.http.router"]
    assert filters[1]["typed_config"]["@type"] == (
        "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router")
    plugin = demo.wasm_plugin_of(config)
    assert plugin["vm_config"]["runtime"] == "envoy.wasm.runtime.v8"
    assert plugin["vm_config"]["vm_id"] == "ip-rate-limit"
    assert plugin["vm_config"]["code"]["local"]["filename"] == "/etc/wasm/ip-rate-limit/main.wasm"
    assert plugin["failure_policy"] == "FAIL_RELOAD"
    assert plugin["configuration"]["@type"] == "type.googleapis.com/google.protobuf.StringValue"
    assert json.loads(plugin["configuration"]["value"]) == REFERENCE


def test_every_typed_config_names_a_v3_type(configmap_config):
    seen = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "typed_config" in node:
                seen.append(node["typed_config"]["@type"])
            if str(node.get("name", "")).startswith(("envoy.filters.", "envoy.http.")):
                assert "typed_config" in node, f"{node['name']} has no typed_config"
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(configmap_config)
    assert len(seen) >= 4
    for type_url in seen:
        assert type_url.startswith("type.googleapis.com/envoy.") and ".v3." in type_url, type_url


def test_envoy_validates_the_configmap_config_with_its_module(configmap_config, configmap_wasm,
                                                               tmp_path):
    ok, output = envoy_validate(with_wasm(configmap_config, configmap_wasm), tmp_path)
    assert ok, output
    # 1.40 runs on_configure in validate mode: the filter logs the limit it read.
    assert "ip-rate-limit: 3 requests per 60s per client" in output


def test_envoy_reads_the_configmap_text_as_written(rendered, configmap_wasm, tmp_path):
    """The Pod's Envoy parses the file itself, YAML aliases (`*routes`, `*filters`) and all,
    not PyYAML's re-dump: validate the text with only the wasm path replaced."""
    from deploy_support import find
    text = find(rendered, "ConfigMap", "envoy-config-")["data"]["envoy.yaml"]
    assert "route_config: *routes" in text and "http_filters: *filters" in text
    path = tmp_path / "as-written.yaml"
    path.write_text(text.replace("/etc/wasm/ip-rate-limit/main.wasm", str(configmap_wasm)))
    result = subprocess.run([find_envoy(), "--mode", "validate", "-c", str(path),
                             "--disable-hot-restart"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "loading 2 listener(s)" in result.stdout + result.stderr


def test_without_the_module_in_place_validation_names_the_path(configmap_config, tmp_path):
    ok, output = envoy_validate(configmap_config, tmp_path)  # /etc/wasm/... is not here
    assert not ok
    assert "Invalid path: /etc/wasm/ip-rate-limit/main.wasm" in output


def test_configmap_config_and_module_serve_three_then_429(configmap_config, configmap_wasm,
                                                          serve, backend):
    envoy = serve(configmap_config, configmap_wasm)
    assert statuses(envoy.port, "127.0.0.2") == [200, 200, 200, 429]
    assert statuses(envoy.port, "127.0.0.3", 1) == [200]  # another client: its own budget
    assert len(backend.requests) == 4


# -- client IP behind an Ingress ------------------------------------------------------
def test_untrusted_peer_cannot_escape_the_limit_by_spoofing_x_forwarded_for(
        configmap_config, configmap_wasm, serve):
    """Changed for the test: 127.0.0.2/32 joins the trusted CIDRs (the Ingress controller's
    role); 127.0.0.3 stays untrusted, like a client reaching Envoy directly. The same with
    private addresses in network namespaces: tests/e2e/test_rate_limit_netns.py."""
    config = copy.deepcopy(configmap_config)
    [detection] = demo.hcm_of(config)["original_ip_detection_extensions"]
    detection["typed_config"]["xff_trusted_cidrs"]["cidrs"].append(
        {"address_prefix": "127.0.0.2", "prefix_len": 32})
    envoy = serve(config, configmap_wasm)
    for client in ("203.0.113.1", "203.0.113.2"):  # one proxy, two real clients
        assert statuses(envoy.port, "127.0.0.2",
                        headers={"x-forwarded-for": client}) == [200, 200, 200, 429]
    # Untrusted peer: a fresh X-Forwarded-For per request does not buy a fresh budget.
    assert [http_get(envoy.port, source_ip="127.0.0.3",
                     headers={"x-forwarded-for": f"198.51.100.{i}"})[0]
            for i in range(4)] == [200, 200, 200, 429]
    # Trusted peer: only the right-most untrusted entry counts, not what a client prepends.
    assert [http_get(envoy.port, source_ip="127.0.0.2",
                     headers={"x-forwarded-for": f"10.9.9.{i}, 203.0.113.9"})[0]
            for i in range(4)] == [200, 200, 200, 429]
    # The direct listener trusts no one's header, not even the trusted peer's.
    assert [http_get(envoy.ports["direct"], source_ip="127.0.0.2",
                     headers={"x-forwarded-for": f"198.51.100.{10 + i}"})[0]
            for i in range(4)] == [200, 200, 200, 429]


def test_both_listeners_count_into_one_budget(configmap_config, configmap_wasm, serve):
    envoy = serve(configmap_config, configmap_wasm)
    assert [http_get(port, source_ip="127.0.0.2")[0] for port in
            (envoy.port, envoy.ports["direct"], envoy.port, envoy.ports["direct"])
            ] == [200, 200, 200, 429]


def test_without_use_remote_address_the_direct_listener_would_trust_any_header(
        configmap_config, configmap_wasm, serve):
    """Why `direct` sets use_remote_address (docs/deployment.md, "Who may connect"): changed
    for the test, without it Envoy takes the caller's last X-Forwarded-For entry."""
    config = copy.deepcopy(configmap_config)
    [direct] = [item for item in config["static_resources"]["listeners"]
                if item["name"] == "direct"]
    del direct["filter_chains"][0]["filters"][0]["typed_config"]["use_remote_address"]
    envoy = serve(config, configmap_wasm)
    assert [http_get(envoy.ports["direct"], source_ip="127.0.0.3",
                     headers={"x-forwarded-for": f"198.51.100.{i}"})[0]
            for i in range(4)] == [200, 200, 200, 200]


# -- the documented Service-name variant ----------------------------------------------
def docs_block(marker: str) -> str:
    text = DOCS.read_text()
    match = re.search(rf"<!-- {marker} -->\s*```yaml\n(.*?)```", text, re.S)
    assert match, f"docs/deployment.md has no yaml block after <!-- {marker} -->"
    return match.group(1)


def test_documented_service_name_cluster_validates(configmap_config, configmap_wasm, tmp_path):
    [cluster] = yaml.safe_load(docs_block("cluster-service-variant"))
    config = with_wasm(configmap_config, configmap_wasm)
    config["static_resources"]["clusters"] = [cluster]
    ok, output = envoy_validate(config, tmp_path)
    assert ok, output


# -- the plugin configuration as Istio / Higress hand it over -------------------------
@pytest.mark.parametrize("configuration", [
    {"@type": "type.googleapis.com/google.protobuf.StringValue",
     "value": '{"burst":3,"ttlSecond":60}'},            # compact JSON, keys sorted
    {"@type": "type.googleapis.com/google.protobuf.StringValue",
     "value": '{"burst": 3,  "ttlSecond":  60}'},       # protojson's irregular spaces
], ids=["compact", "spaced"])
def test_plugin_configuration_forms_of_the_wasmplugin_controllers(configmap_config,
                                                                  configmap_wasm, serve,
                                                                  configuration):
    config = copy.deepcopy(configmap_config)
    demo.wasm_plugin_of(config)["configuration"] = configuration
    envoy = serve(config, configmap_wasm)
    assert statuses(envoy.port, "127.0.0.2") == [200, 200, 200, 429]


# -- failure_policy, with a module that traps on demand --------------------------------
@pytest.fixture(scope="module")
def trap_wasm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("trap") / "trap_on_header.wasm"
    out.write_bytes(wasmtime.wat2wasm((FIXTURES / "trap_on_header.wat").read_text()))
    return out


@pytest.mark.parametrize("policy, after_trap, in_the_end", [
    ("FAIL_CLOSED", 503, 503),   # the VM stays dead: every request 503 until a restart
    ("FAIL_OPEN", 200, 200),     # the filter is skipped: the backend answers, unlimited
    ("FAIL_RELOAD", 503, 418),   # 503 during the reload backoff, then a fresh VM
])
def test_failure_policy_after_a_trap(configmap_config, trap_wasm, serve, backend, policy,
                                     after_trap, in_the_end):
    """Changed for the test: the module (traps on `x-trap`, else answers 418) and the policy;
    one worker so every request meets the same VM."""
    config = copy.deepcopy(configmap_config)
    demo.wasm_plugin_of(config)["failure_policy"] = policy
    envoy = serve(config, trap_wasm, concurrency=1)
    assert http_get(envoy.port)[0] == 418
    assert http_get(envoy.port, headers={"x-trap": "1"})[0] == 503
    assert http_get(envoy.port)[0] == after_trap
    seen = []
    deadline = time.monotonic() + 4.0  # the reload backoff starts at 1 s, with jitter
    while time.monotonic() < deadline and (not seen or seen[-1] != 418):
        time.sleep(0.25)
        seen.append(http_get(envoy.port)[0])
    assert seen[-1] == in_the_end, seen
    assert set(seen) <= {after_trap, in_the_end}, seen
    log = envoy.log()
    assert "Function: proxy_on_request_headers failed: Uncaught RuntimeError: unreachable" in log


@pytest.mark.parametrize("policy", ["FAIL_CLOSED", "FAIL_OPEN", "FAIL_RELOAD"])
def test_a_bad_plugin_configuration_is_refused_whatever_the_policy(configmap_config,
                                                                   configmap_wasm, serve,
                                                                   policy):
    config = copy.deepcopy(configmap_config)
    plugin = demo.wasm_plugin_of(config)
    plugin["failure_policy"] = policy
    plugin["configuration"]["value"] = '{"ttlSecond": 0, "burst": 3}'
    with pytest.raises(demo.DemoError) as refused:
        serve(config, configmap_wasm)
    message = str(refused.value)
    assert "ip-rate-limit: 'ttlSecond' must be" in message  # the log line names the key
    assert "Failed to configure base Wasm plugin" in message
