"""The real-Envoy harness, proven with tiny hand-written proxy-wasm modules."""
from __future__ import annotations

import pytest

from envoy_harness import (EnvoyError, bootstrap_config, envoy_rejects_config, http_get,
                           running_envoy, validate_config, write_bootstrap)

DEBUG_WASM_LOGS = ("--component-log-level", "wasm:debug")


def test_passthrough_module_forwards_to_the_backend(start_envoy, backend, wat_module):
    envoy = start_envoy(wat_module("passthrough"), "{}", extra_args=DEBUG_WASM_LOGS)

    status, headers, body = http_get(envoy.port, "/hello?n=1", headers={"x-test": "yes"})

    assert (status, body) == (200, b"backend ok\n")
    assert headers["server"] == "envoy"
    [seen] = backend.requests
    assert (seen.method, seen.path, seen.headers["x-test"]) == ("GET", "/hello?n=1", "yes")
    assert envoy.stats(r"^cluster\.backend\.upstream_rq_total$") == {
        "cluster.backend.upstream_rq_total": 1}
    log = envoy.log()
    assert "passthrough configured" in log
    assert "passthrough request" in log  # a debug line: extra_args reached Envoy


def test_client_x_forwarded_for_reaches_the_backend_unchanged(start_envoy, backend, wat_module):
    envoy = start_envoy(wat_module("passthrough"))

    http_get(envoy.port, headers={"x-forwarded-for": "10.0.0.1"})
    http_get(envoy.port, source_ip="127.0.0.2")

    first, second = backend.requests
    assert first.headers["x-forwarded-for"] == "10.0.0.1"
    assert "x-forwarded-for" not in second.headers  # use_remote_address is off


def test_local_response_418_never_reaches_the_backend(start_envoy, backend, wat_module):
    envoy = start_envoy(wat_module("local_reply_418"))

    status, _, body = http_get(envoy.port, "/tea")

    assert (status, body) == (418, b"short and stout\n")
    assert backend.requests == []


def test_distinct_loopback_addresses_are_distinct_clients_to_the_filter(start_envoy, wat_module):
    envoy = start_envoy(wat_module("echo_source_address"))

    seen = {ip: http_get(envoy.port, source_ip=ip)[2].decode() for ip in
            ("127.0.0.1", "127.0.0.2", "127.0.0.3")}

    for ip, address in seen.items():
        host, _, port = address.rpartition(":")
        assert host == ip and int(port) > 0


def test_plugin_refusing_its_configuration_stops_envoy(wat_module, tmp_path):
    log = envoy_rejects_config(wat_module("reject_config"), "{}", workdir=tmp_path)

    assert "Failed to configure base Wasm plugin" in log
    assert "Unable to create Wasm plugin ip-rate-limit" in log


def test_rejects_config_raises_when_envoy_accepts(wat_module, tmp_path):
    with pytest.raises(EnvoyError, match="accepted the configuration"):
        envoy_rejects_config(wat_module("passthrough"), "{}", workdir=tmp_path)


def test_envoy_failing_to_start_raises_with_its_log(backend, tmp_path):
    with pytest.raises(EnvoyError, match="exited with code 1") as failure:
        with running_envoy(tmp_path / "missing.wasm", "{}", backend.port):
            pass
    assert "missing.wasm" in str(failure.value)  # the log tail is in the message


def test_validate_mode_runs_the_plugin_configuration(wat_module, tmp_path):
    good = write_bootstrap(bootstrap_config(wat_module("passthrough"), "{}", 9), tmp_path / "ok.yaml")
    bad = write_bootstrap(bootstrap_config(wat_module("reject_config"), "{}", 9), tmp_path / "no.yaml")

    assert validate_config(good)[0]
    accepted, output = validate_config(bad)
    assert not accepted
    assert "Failed to configure base Wasm plugin" in output


def test_envoys_run_side_by_side_and_are_reaped(backend, wat_module, tmp_path):
    wasm = wat_module("passthrough")
    with running_envoy(wasm, "{}", backend.port, workdir=tmp_path / "a") as first, \
            running_envoy(wasm, "{}", backend.port, workdir=tmp_path / "b") as second:
        assert len({first.port, second.port, first.admin_port, second.admin_port}) == 4
        assert http_get(first.port)[0] == http_get(second.port)[0] == 200

    assert first.process.returncode is not None
    assert second.process.returncode is not None
