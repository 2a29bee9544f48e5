"""Every rate-limiter rule in the host emulator with a controlled clock, under both runners
(compiled wasm and the CPython source) with identical observations, plus the bounds: shared
data and module memory stay within maxClients whatever the traffic, and no request bytes trap."""
import json
from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from abi.emulator import Plugin
from compiler import compile_file

SOURCE = Path(__file__).resolve().parents[2] / "filter" / "main.py"


@lru_cache(maxsize=1)
def wasm() -> bytes:
    return compile_file(SOURCE)


def start(runner: str, **options) -> Plugin:
    config = json.dumps({"ttlSecond": 60, "burst": 2, **options.pop("config", {})})
    if runner == "wasm":
        return Plugin.wasm(wasm(), configuration=config, **options)
    return Plugin.cpython(str(SOURCE), configuration=config, **options)


def both(scenario, **options):
    observed = [scenario(start(runner, **dict(options))) for runner in ("wasm", "cpython")]
    assert observed[0] == observed[1]
    return observed[0]


def outcome(r) -> tuple:
    local = r.local_response
    return (r.status, dict(local.headers) if local else None, local.body if local else None,
            {k: v for k, v in r.response_headers.items() if k.startswith("x-ratelimit")})


def test_allowlist_is_never_limited():
    def scenario(plugin):
        seen = [plugin.http_request(source_address=a).status
                for a in ["10.9.8.7:1"] * 4 + ["[2001:db8::5]:1"] * 4 + ["11.0.0.1:1"] * 3]
        return seen, plugin.metrics["ip_rate_limit.allowlisted"]
    seen, allowlisted = both(scenario, config={"allowlist": ["10.0.0.0/8", "2001:db8::/32"]})
    assert seen == [200] * 8 + [200, 200, 429] and allowlisted == 8


def test_forwarded_for_trusted_hops():
    def scenario(plugin):
        def get(xff):
            return plugin.http_request({"x-forwarded-for": xff}, source_address="192.168.0.1:1").status
        return [get("1.1.1.1, 203.0.113.9, 10.0.0.2"), get("2.2.2.2, 203.0.113.9, 10.0.0.2"),
                get("3.3.3.3, 203.0.113.9, 10.0.0.2"), get("203.0.113.10, 10.0.0.2"), get("10.0.0.2"),
                get("10.0.0.2"), get("x, y, z"), get("")]
    # two trusted hops: the client is 2nd from the right; a short chain or garbage falls back
    # to the downstream address 192.168.0.1
    assert both(scenario, config={"xffTrustedHops": 2}) == [200, 200, 429, 200, 200, 200, 429, 429]


def test_rate_limit_headers_on_passed_and_rejected_responses():
    def scenario(plugin):
        return [outcome(plugin.http_request(source_address="10.0.0.1:1")) for _ in range(3)]
    passed1, passed2, rejected = both(scenario, config={"rateLimitHeaders": True, "rejectStatus": 503,
                                                        "rejectBody": "slow down\n"})
    assert passed1[3] == {"x-ratelimit-limit": "2", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "60"}
    assert passed2[3]["x-ratelimit-remaining"] == "0"
    assert rejected[:3] == (503, {"retry-after": "60", "x-ratelimit-limit": "2", "x-ratelimit-remaining": "0",
                                  "x-ratelimit-reset": "60"}, b"slow down\n")


def test_retry_after_counts_down_and_the_window_restarts():
    def scenario(plugin):
        seen = []
        for step in (0, 20, 39.5, 20.5):
            plugin.advance_clock(seconds=step)
            seen.append(outcome(plugin.http_request(source_address="10.0.0.1:1"))[:2])
        return seen
    assert both(scenario, config={"burst": 1}) == [(200, None), (429, {"retry-after": "40"}),
                                                   (429, {"retry-after": "1"}), (200, None)]


def test_shadow_mode_counts_and_logs_but_passes():
    def scenario(plugin):
        seen = [plugin.http_request(source_address="10.0.0.1:1").status for _ in range(4)]
        return seen, plugin.metrics["ip_rate_limit.shadow_limited"], plugin.logs("info")[-1]
    assert both(scenario, config={"shadowMode": True}) == (
        [200] * 4, 2, "ip-rate-limit: shadow mode: would limit 10.0.0.1")


def test_failure_mode_when_shared_data_stays_contended():
    def scenario(plugin):
        plugin.http_request(source_address="10.0.0.1:1")
        # another worker changes the slot after every read: the CAS never wins
        plugin.interleave_after_shared_get(lambda: plugin.set_shared_data(*next_slot(plugin)), times=64)
        r = plugin.http_request(source_address="10.0.0.1:1")
        return r.status, plugin.metrics["ip_rate_limit.errors"], plugin.logs("warn")[-1]
    for mode, status in (("open", 200), ("closed", 503)):
        seen = both(scenario, config={"failureMode": mode})
        assert seen == (status, 1, f"ip-rate-limit: shared data stayed contended for 64 attempts; "
                                   f"failing {mode}")


def test_shared_data_written_by_someone_else_does_not_trap():
    """Entries whose time has its top bit set (a u64 beyond int64, or any bytes another writer
    left): the limiter never traps with OverflowError; a window starting far in the future is not
    one it wrote, so a new one starts now."""
    def scenario(plugin):
        plugin.http_request(source_address="10.0.0.1:1")
        key, value = next_slot(plugin)
        plugin.set_shared_data(key, value[:16] + b"\xff" * 12 + value[28:])
        statuses = [plugin.http_request(source_address="10.0.0.1:1").status for _ in range(3)]
        return statuses, plugin.http_request(source_address="10.0.0.2:1").status
    assert both(scenario) == ([200, 200, 429], 200)


def next_slot(plugin):
    key = next(k for k in plugin.shared_data if b":seed" not in k)
    return key, plugin.shared_data[key]


def test_bounded_shared_data_and_memory_under_many_clients():
    plugin = start("wasm", config={"maxClients": 64, "burst": 1})
    for i in range(600):  # past the first collections (a request allocates about 1 KB)
        plugin.http_request(source_address=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}:1")
    pages_after_warmup = plugin.vms[0].memory.size()
    for i in range(600, 3000):
        plugin.http_request(source_address=f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}:1")
    slots = {k: v for k, v in plugin.shared_data.items() if b":seed" not in k}
    assert len(slots) <= 8 and all(len(v) <= 8 * 32 for v in slots.values())
    assert plugin.metrics["ip_rate_limit.evicted"] > 0  # the bound was reached and counted
    assert plugin.metrics["ip_rate_limit.allowed"] == 3000  # every new client got its window
    assert plugin.vms[0].memory.size() == pages_after_warmup


HEADER_TEXT = st.binary(max_size=300).map(lambda b: b.decode("latin-1"))


@settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(["x-forwarded-for", "x-real-ip", "forwarded", "host", "x"]),
                          HEADER_TEXT), max_size=6),
       st.sampled_from(["10.0.0.1:1", "[::1]:80", "[2001:db8::1]:443", "garbage", ""]),
       st.integers(0, 3))
def test_no_request_bytes_trap_the_module(headers, source, hops):
    plugin = wasm_plugin(hops)
    r = plugin.http_request(headers, source_address=source)
    assert r.status in (200, 429)


@lru_cache(maxsize=4)
def wasm_plugin(hops: int) -> Plugin:
    return start("wasm", config={"xffTrustedHops": hops, "burst": 1000000})


def test_client_addresses_from_envoy_in_every_form():
    """source.address bytes go straight to the parser: each form counts as its client (burst 2:
    the third request of one client is limited), a malformed one is an error let through, and
    a long dotted chain in x-forwarded-for (once an int64 overflow trap) falls back."""
    forms = ["10.0.0.9:1", "10.0.0.9:2", "[::ffff:10.0.0.9]:3", "[2001:db8::9]:1", "[2001:db8:0::9]:2",
             "2001:db8::9", "garbage", "1.2.3.4.5:6", "", "01.2.3.4:5", "10.0.0.9"]

    def scenario(plugin):
        seen = [plugin.http_request(source_address=a).status for a in forms]
        long_chain = ".".join(["255"] * 20)
        seen.append(plugin.http_request({"x-forwarded-for": long_chain}, source_address="10.0.0.7:1").status)
        return seen, plugin.metrics["ip_rate_limit.errors"]
    seen, errors = both(scenario, config={"xffTrustedHops": 1})
    assert seen == [200, 200, 429, 200, 200, 429, 200, 200, 200, 200, 429, 200] and errors == 4
