"""The production rate limiter (filter/) in a real Envoy at --concurrency 2: window expiry,
exactness under parallel load, x-forwarded-for with trusted hops, allowlist, rate-limit
headers, shadow mode, refused configurations, and the counters in /stats."""
import json
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from envoy_harness import envoy_rejects_config, http_get


def config(**options: object) -> str:
    return json.dumps({"ttlSecond": 60, "burst": 3, **options})


def statuses(port: int, count: int, **kwargs) -> list[int]:
    return [http_get(port, **kwargs)[0] for _ in range(count)]


def test_window_expires_and_the_client_starts_again(filter_wasm, start_envoy):
    envoy = start_envoy(filter_wasm, config(ttlSecond=1, burst=2))
    assert statuses(envoy.port, 3, source_ip="127.0.0.2") == [200, 200, 429]
    deadline = time.monotonic() + 5
    while http_get(envoy.port, source_ip="127.0.0.2")[0] == 429:  # bounded: the window is 1 s
        assert time.monotonic() < deadline, "the 1 s window never ended"
        time.sleep(0.2)
    assert http_get(envoy.port, source_ip="127.0.0.2")[0] == 200  # 2nd of the new window
    assert http_get(envoy.port, source_ip="127.0.0.2")[0] == 429


def test_exactly_burst_pass_under_parallel_load_from_one_client(filter_wasm, start_envoy, backend):
    envoy = start_envoy(filter_wasm, config(burst=7))
    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda _: http_get(envoy.port, source_ip="127.0.0.9")[0], range(200)))
    assert results.count(200) == 7 and results.count(429) == 193
    assert len(backend.requests) == 7
    stats = envoy.stats("ip_rate_limit")
    assert stats["wasmcustom.ip_rate_limit.allowed"] == 7
    assert stats["wasmcustom.ip_rate_limit.limited"] == 193


def test_clients_are_counted_separately(filter_wasm, start_envoy):
    envoy = start_envoy(filter_wasm, config(burst=2))
    for ip in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
        assert statuses(envoy.port, 3, source_ip=ip) == [200, 200, 429]


def test_forwarded_for_with_one_trusted_hop(filter_wasm, start_envoy):
    envoy = start_envoy(filter_wasm, config(burst=1, xffTrustedHops=1))

    def get(xff: str) -> int:
        return http_get(envoy.port, source_ip="127.0.0.2", headers={"x-forwarded-for": xff})[0]
    # the rightmost entry is what our trusted proxy saw; the spoofed left part is ignored
    assert get("6.6.6.6, 10.0.0.1") == 200
    assert get("7.7.7.7, 10.0.0.1") == 429
    assert get("10.0.0.1, 10.0.0.2") == 200
    assert get("2001:db8::1") == 200  # IPv6 entry
    assert get("garbage") == 200  # malformed: falls back to the downstream address 127.0.0.2
    assert get("also garbage") == 429


def test_allowlist_headers_and_custom_rejection(filter_wasm, start_envoy):
    envoy = start_envoy(filter_wasm, config(burst=1, allowlist=["127.0.0.16/28", "::1"], rateLimitHeaders=True,
                                            rejectStatus=503, rejectBody="slow down\n"))
    assert statuses(envoy.port, 5, source_ip="127.0.0.20") == [200] * 5
    status, headers, _ = http_get(envoy.port, source_ip="127.0.0.2")
    assert (status, headers["x-ratelimit-limit"], headers["x-ratelimit-remaining"]) == (200, "1", "0")
    assert 1 <= int(headers["x-ratelimit-reset"]) <= 60
    status, headers, body = http_get(envoy.port, source_ip="127.0.0.2")
    assert (status, body, headers["x-ratelimit-remaining"]) == (503, b"slow down\n", "0")
    assert 1 <= int(headers["retry-after"]) <= 60
    assert envoy.stats("ip_rate_limit")["wasmcustom.ip_rate_limit.allowlisted"] == 5


def test_shadow_mode_only_counts_and_logs(filter_wasm, start_envoy, backend):
    envoy = start_envoy(filter_wasm, config(burst=1, shadowMode=True))
    assert statuses(envoy.port, 3, source_ip="127.0.0.2") == [200, 200, 200]
    assert len(backend.requests) == 3
    assert envoy.stats("ip_rate_limit")["wasmcustom.ip_rate_limit.shadow_limited"] == 2
    assert "shadow mode: would limit 127.0.0.2" in envoy.log()


BAD_CONFIGS = [
    ("not json", "the configuration is not valid JSON"),
    ('{"ttlSecond": 60, "burst": 3', "the configuration is not valid JSON"),
    ("[60, 3]", "the configuration must be a JSON object, not array"),
    ('{"burst": 3}', "'ttlSecond' is required"),
    ('{"ttlSecond": "60", "burst": 3}', "'ttlSecond' must be an integer, not string"),
    ('{"ttlSecond": 60, "burst": 1.5}', "'burst' must be an integer, not number"),
    ('{"ttlSecond": 60, "burst": -1}', "'burst' must be between 1 and 1000000000, not -1"),
    ('{"ttlSecond": 100000, "burst": 3}', "'ttlSecond' must be between 1 and 86400, not 100000"),
    ('{"ttlSecond": 60, "burst": 3, "brust": 4}', "unknown key 'brust'"),
    ('{"ttlSecond": 60, "burst": 3, "allowlist": ["10.0.0.0/33"]}', "'allowlist' entry 0 is not a valid CIDR"),
    ('{"ttlSecond": 60, "burst": 3, "allowlist": ["10.0.0.1/8"]}', "'allowlist' entry 0 is not a valid CIDR"),
    ('{"ttlSecond": 60, "burst": 3, "shadowMode": "yes"}', "'shadowMode' must be true or false, not string"),
    ('{"ttlSecond": 60, "burst": 3, "failureMode": "maybe"}', "'failureMode' must be \"open\" or \"closed\""),
    ('{"ttlSecond": 60, "burst": 3, "rejectStatus": 200}', "'rejectStatus' must be between 400 and 599"),
    ('{"ttlSecond": 60, "burst": 3, "maxClients": 1}', "'maxClients' must be between 64 and 1000000"),
    ('{"ttlSecond": 60, "ttlSecond": 30, "burst": 3}', "duplicate key 'ttlSecond'"),
]


@pytest.mark.parametrize("bad,message", BAD_CONFIGS, ids=[m for _, m in BAD_CONFIGS])
def test_bad_configuration_is_refused_with_one_line_naming_the_problem(filter_wasm, bad, message):
    log = envoy_rejects_config(filter_wasm, bad)
    lines = [line for line in log.splitlines() if "wasm log ip-rate-limit: ip-rate-limit: " in line]
    assert lines and message in lines[0], log[-2000:]
