"""The spine: filter/ compiled to main.wasm rate-limits per client IP inside a real Envoy."""
from envoy_harness import envoy_rejects_config, http_get

REFERENCE_CONFIG = '{"ttlSecond": 60, "burst": 3}'


def test_three_requests_pass_then_429_and_other_clients_are_unaffected(filter_wasm, start_envoy, backend):
    envoy = start_envoy(filter_wasm, REFERENCE_CONFIG, concurrency=2)
    statuses = [http_get(envoy.port, source_ip="127.0.0.2")[0] for _ in range(3)]
    assert statuses == [200, 200, 200]
    status, headers, body = http_get(envoy.port, source_ip="127.0.0.2")
    assert status == 429
    assert 1 <= int(headers["retry-after"]) <= 60
    assert b"Too Many Requests" in body
    assert http_get(envoy.port, source_ip="127.0.0.3")[0] == 200
    assert len(backend.requests) == 4  # the 429 never reached the upstream


def test_bad_configuration_is_refused_with_the_key_named(filter_wasm):
    for config, message in (('{"ttlSecond": 0, "burst": 3}', "'ttlSecond' must be between 1 and 86400, not 0"),
                             ('{"ttlSecond": 60}', "'burst' is required")):
        log = envoy_rejects_config(filter_wasm, config)
        assert "ip-rate-limit: " + message in log
        assert "Failed to configure base Wasm plugin" in log
