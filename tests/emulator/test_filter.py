"""The rate limiter (filter/main.py) under both runners: same observations from each."""
from __future__ import annotations

import pytest

from conftest import FILTER, start

CONFIG = '{"ttlSecond": 60, "burst": 3}'
CLIENT = "10.0.0.1:5555"


def scenario(runner: str) -> list[tuple]:
    """Everything the reference deployment cares about, as a list of observations."""
    plugin = start(runner, FILTER, configuration=CONFIG)
    seen: list[tuple] = [("configured", plugin.configured, tuple(plugin.logs()))]
    for _ in range(4):
        r = plugin.http_request({":path": "/"}, source_address=CLIENT)
        seen.append(("client", r.status, r.local_response, r.forwarded_request_headers))
    seen.append(("other client", plugin.http_request(source_address="10.0.0.2:1").status))
    plugin.advance_clock(seconds=30)
    r = plugin.http_request(source_address="10.0.0.1:6666")  # another port: the same client
    seen.append(("after 30 s", r.status, r.local_response.headers))
    plugin.advance_clock(seconds=30)
    seen.append(("after 60 s", plugin.http_request(source_address=CLIENT).status))
    seen.append(("ipv6", [plugin.http_request(source_address="[::1]:80").status for _ in range(4)]))
    seen.append(("shared keys", sorted(plugin.shared_data)))
    return seen


def test_both_runners_observe_the_same():
    assert scenario("wasm") == scenario("cpython")


def test_three_pass_then_429_with_retry_after(start_plugin):
    plugin = start_plugin(FILTER, configuration=CONFIG)
    assert plugin.configured
    assert plugin.logs("info") == ["ip-rate-limit: 3 requests per 60s per client"]

    passed = [plugin.http_request(source_address=CLIENT) for _ in range(3)]
    limited = plugin.http_request(source_address=CLIENT)

    assert [r.status for r in passed] == [200, 200, 200]
    assert all(r.forwarded_request_headers is not None for r in passed)
    assert limited.status == 429
    assert limited.forwarded_request_headers is None  # never reached the upstream
    reply = limited.local_response
    assert (reply.status, reply.body, reply.details) == (429, b"Too Many Requests\n", "ip_rate_limited")
    assert reply.headers == {"retry-after": "60"}
    assert limited.response_headers["retry-after"] == "60"
    assert plugin.metrics == {"ip_rate_limit.allowed": 3, "ip_rate_limit.limited": 1}


def test_other_clients_are_unaffected(start_plugin):
    plugin = start_plugin(FILTER, configuration=CONFIG)
    for _ in range(4):
        plugin.http_request(source_address=CLIENT)
    assert plugin.http_request(source_address="10.0.0.2:5555").status == 200


def test_window_expires_after_ttl(start_plugin):
    plugin = start_plugin(FILTER, configuration=CONFIG)
    for _ in range(3):
        plugin.http_request(source_address=CLIENT)
    plugin.advance_clock(seconds=59)
    r = plugin.http_request(source_address=CLIENT)
    assert (r.status, r.local_response.headers["retry-after"]) == (429, "1")
    plugin.advance_clock(seconds=1)
    assert plugin.http_request(source_address=CLIENT).status == 200


@pytest.mark.parametrize("config, error", [
    ('{"ttlSecond": 0, "burst": 3}', "'ttlSecond' must be between 1 and 86400, not 0"),
    ('{"ttlSecond": 60}', "'burst' is required (a positive integer)"),
    ('not json', "the configuration is not valid JSON: unexpected character 'n' at offset 0")])
def test_bad_configuration_is_refused(start_plugin, config, error):
    plugin = start_plugin(FILTER, configuration=config)
    assert plugin.configured is False
    assert plugin.logs("error") == [f"ip-rate-limit: {error}"]


def test_workers_share_counts_through_shared_data(start_plugin):
    plugin = start_plugin(FILTER, configuration=CONFIG, workers=2)
    statuses = [plugin.http_request(source_address=CLIENT, worker=i % 2).status for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_cas_race_between_workers_is_retried(start_plugin):
    """Worker 1 counts a request between worker 0's read and write: worker 0's write gets
    CasMismatch, it retries, and both requests are counted."""
    plugin = start_plugin(FILTER, configuration=CONFIG, workers=2)
    plugin.http_request(source_address=CLIENT)  # the key exists: CAS applies
    other = []
    plugin.interleave_after_shared_get(
        lambda: other.append(plugin.http_request(source_address=CLIENT, worker=1)))

    r = plugin.http_request(source_address=CLIENT, worker=0)

    assert [o.status for o in other] == [200] and r.status == 200
    assert plugin.http_request(source_address=CLIENT).status == 429  # 3 counted, the 4th limited
    assert plugin.metrics["ip_rate_limit.allowed"] == 3


def test_wasm_runner_reports_fuel_per_callback():
    plugin = start("wasm", FILTER, configuration=CONFIG)
    r = plugin.http_request(source_address=CLIENT)
    assert {"proxy_on_context_create", "proxy_on_request_headers"} <= set(r.fuel)
    assert r.fuel_total == sum(r.fuel.values()) > 0
    assert plugin.fuel["proxy_on_configure"] > 0
    assert start("cpython", FILTER, configuration=CONFIG).http_request().fuel == {}
