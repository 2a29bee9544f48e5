"""Global mode in the host emulator, under both runners with identical observations: what the
filter asks the rate-limit service, how it acts on OK, OVER_LIMIT and every kind of failure,
the over-limit cache shared by workers, and that no answer bytes can trap it. The service here
is an in-memory stand-in (FakeService) speaking the real messages (tests/rls_messages.py)."""
import json
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import rls_messages as rls
from abi.emulator import MANUAL, GrpcResponse, Plugin
from compiler import compile_file
from config import read_config

SOURCE = Path(__file__).resolve().parents[2] / "filter" / "main.py"
GLOBAL = {"cluster": "ratelimit", "domain": "edge", "timeoutMs": 20}


@lru_cache(maxsize=1)
def wasm() -> bytes:
    return compile_file(SOURCE)


def start(runner: str, config: dict, **options) -> Plugin:
    text = json.dumps({"ttlSecond": 60, "burst": 2, "global": GLOBAL, **config})
    if runner == "wasm":
        return Plugin.wasm(wasm(), configuration=text, **options)
    return Plugin.cpython(str(SOURCE), configuration=text, **options)


def both(scenario, config: dict | None = None, service=None, **options):
    """``scenario(plugin, service)`` under each runner with a fresh service; same observations."""
    observed = []
    for runner in ("wasm", "cpython"):
        fake = service() if service is not None else FakeService()
        plugin = start(runner, config or {}, grpc_services={"ratelimit": fake}, **options)
        observed.append(scenario(plugin, fake))
    assert observed[0] == observed[1]
    return observed[0]


class FakeService:
    """Counts per (domain, descriptor) the way the real service does within one window, and
    answers with the limit, remaining, reset and the headers the test asks for."""

    def __init__(self, reset_seconds: int = 30, response_headers=(), request_headers=()) -> None:
        self.counts: dict[tuple, int] = {}
        self.requests: list = []
        self.reset_seconds = reset_seconds
        self.response_headers = response_headers
        self.request_headers = request_headers

    def __call__(self, call) -> bytes:
        request = rls.RateLimitRequest.FromString(call.sent[0])
        self.requests.append(request)
        descriptor = request.descriptors[0]
        key = (request.domain, tuple((e.key, e.value) for e in descriptor.entries))
        self.counts[key] = self.counts.get(key, 0) + 1
        limit = descriptor.limit.requests_per_unit
        over = self.counts[key] > limit
        response = rls.RateLimitResponse(overall_code=rls.CODE_OVER_LIMIT if over else rls.CODE_OK)
        status = response.statuses.add(code=response.overall_code, limit_remaining=max(limit - self.counts[key], 0))
        status.current_limit.requests_per_unit = limit
        status.current_limit.unit = descriptor.limit.unit
        status.duration_until_reset.seconds = self.reset_seconds
        for name, value in self.response_headers if over else ():
            response.response_headers_to_add.add(key=name, value=value)
        for name, value in self.request_headers if not over else ():
            response.request_headers_to_add.add(key=name, value=value)
        return response.SerializeToString()


def outcome(r) -> tuple:
    local = r.local_response
    return (r.status, dict(local.headers) if local else None,
            {k: v for k, v in r.response_headers.items() if k.startswith("x-ratelimit")})


# -- configuration -------------------------------------------------------------------------
@pytest.mark.parametrize("config, named", [
    ({"global": {"domain": "d"}}, "'global.cluster' is required"),
    ({"global": {"cluster": ""}}, "'global.cluster' is required"),
    ({"global": {"cluster": "r", "failureMode": "sometimes"}}, "'global.failureMode' must be \"open\" or \"closed\""),
    ({"global": {"cluster": "r", "timeoutMs": 0}}, "'global.timeoutMs' must be between 1 and 60000, not 0"),
    ({"global": {"cluster": "r", "timeoutMs": 60001}}, "'global.timeoutMs' must be between 1 and 60000"),
    ({"global": {"cluster": "r", "timeoutMs": "20"}}, "'global.timeoutMs' must be an integer"),
    ({"global": {"cluster": "r", "colour": 1}}, "unknown key 'global.colour'"),
    ({"global": {"cluster": "r", "domain": 5}}, "'global.domain' must be a non-empty string"),
    ({"global": "ratelimit"}, "'global' must be an object"),
    ({"ttlSecond": 30, "global": {"cluster": "r"}}, "'ttlSecond' must be 1, 60, 3600 or 86400 with 'global'"),
])
def test_bad_global_block_is_refused_naming_the_key(config, named):
    error = read_config(json.dumps({"ttlSecond": 60, "burst": 2, **config}).encode()).error
    assert named in error
    plugin = Plugin.wasm(wasm(), configuration=json.dumps({"ttlSecond": 60, "burst": 2, **config}))
    assert not plugin.configured and any(named in line for line in plugin.logs("error"))


@pytest.mark.parametrize("ttl, unit", [(1, 1), (60, 2), (3600, 3), (86400, 4)])
def test_request_carries_domain_descriptor_and_limit_override(ttl, unit):
    def scenario(plugin, service):
        plugin.http_request(source_address="10.0.0.1:5000")
        plugin.http_request(source_address="[2001:db8::7]:5000")
        call = plugin.grpc_calls[min(plugin.grpc_calls)]
        return ([(r.domain, [(e.key, e.value) for e in r.descriptors[0].entries],
                  r.descriptors[0].limit.requests_per_unit, r.descriptors[0].limit.unit) for r in service.requests],
                (call.service, call.service_name, call.method, call.timeout_ms))
    requests, call = both(scenario, {"ttlSecond": ttl})
    assert requests == [("edge", [("remote_address", "10.0.0.1")], 2, unit),
                        ("edge", [("remote_address", "2001:0db8:0000:0000:0000:0000:0000:0007")], 2, unit)]
    assert call == ("ratelimit", "envoy.service.ratelimit.v3.RateLimitService", "ShouldRateLimit", 20)


# -- answers ---------------------------------------------------------------------------------
def test_ok_and_over_limit_with_headers_from_the_service():
    def scenario(plugin, service):
        results = [plugin.http_request(source_address="10.0.0.1:1") for _ in range(3)]
        return ([outcome(r) for r in results], results[0].forwarded_request_headers.get("x-rls"),
                results[2].response_body, plugin.metrics["ip_rate_limit.allowed"],
                plugin.metrics["ip_rate_limit.limited"], len(plugin.metrics["ip_rate_limit.global_calls"]))
    service = lambda: FakeService(reset_seconds=42, response_headers=[("x-over", "yes")],  # noqa: E731
                                  request_headers=[("x-rls", "checked")])
    observed = both(scenario, {"rateLimitHeaders": True}, service)
    assert observed == (
        [(200, None, {"x-ratelimit-limit": "2", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "42"}),
         (200, None, {"x-ratelimit-limit": "2", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "42"}),
         (429, {"retry-after": "42", "x-over": "yes", "x-ratelimit-limit": "2", "x-ratelimit-remaining": "0",
                "x-ratelimit-reset": "42"},
          {"x-ratelimit-limit": "2", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "42"})],
        "checked", b"Too Many Requests\n", 2, 1, 3)


def test_a_flood_after_over_limit_is_answered_locally_by_every_worker():
    def scenario(plugin, service):
        statuses = [plugin.http_request(source_address="10.0.0.9:1", worker=i % 2).status for i in range(200)]
        calls_during = len(service.requests)
        other = plugin.http_request(source_address="10.0.0.10:1", worker=1).status
        plugin.advance_clock(seconds=30)  # the service's duration_until_reset has passed
        service.counts.clear()            # ... and its window with it
        after = plugin.http_request(source_address="10.0.0.9:1", worker=1).status
        return statuses.count(200), statuses.count(429), calls_during, other, after, len(service.requests)
    assert both(scenario, workers=2) == (2, 198, 3, 200, 200, 5)


def test_shadow_mode_lets_over_limit_through_and_counts_it():
    def scenario(plugin, service):
        statuses = [plugin.http_request(source_address="10.0.0.1:1").status for _ in range(4)]
        return statuses, plugin.metrics["ip_rate_limit.shadow_limited"], len(service.requests)
    assert both(scenario, {"shadowMode": True}) == ([200] * 4, 2, 3)


def test_allowlist_and_forwarded_for_work_globally():
    def scenario(plugin, service):
        allowed = plugin.http_request(source_address="10.1.1.1:1").status
        forwarded = plugin.http_request({"x-forwarded-for": "203.0.113.5, 192.168.0.1"},
                                        source_address="192.168.0.2:1").status
        return allowed, forwarded, [r.descriptors[0].entries[0].value for r in service.requests]
    config = {"allowlist": ["10.0.0.0/8"], "xffTrustedHops": 2}
    assert both(scenario, config) == (200, 200, ["203.0.113.5"])


# -- failures ----------------------------------------------------------------------------------
FAILURES = {
    "error status": lambda call: GrpcResponse(status=13, message="redis down"),
    "malformed": lambda call: b"\x08",
    "unknown code": lambda call: rls.RateLimitResponse(overall_code=0).SerializeToString(),
}


@pytest.mark.parametrize("kind", sorted(FAILURES))
@pytest.mark.parametrize("mode, status", [("open", 200), ("closed", 503)])
def test_failure_modes(kind, mode, status):
    def scenario(plugin, service):
        results = [plugin.http_request(source_address="10.0.0.1:1").status for _ in range(2)]
        metrics = plugin.metrics
        return (results, metrics["ip_rate_limit.errors"], metrics.get(f"ip_rate_limit.failure_{mode}"),
                plugin.logs("warn"))
    results, errors, counted, warnings = both(
        scenario, {"global": {**GLOBAL, "failureMode": mode}}, lambda: FAILURES[kind])
    assert (results, errors, counted, len(warnings)) == ([status] * 2, 2, 2, 2)
    assert all(w.startswith("ip-rate-limit: the rate-limit service") and w.endswith(f"failing {mode}")
               for w in warnings)


@pytest.mark.parametrize("mode, status", [("open", 200), ("closed", 503)])
def test_no_answer_within_timeout(mode, status):
    def scenario(plugin, service):
        pending = plugin.http_request(source_address="10.0.0.1:1")
        paused = pending.paused
        plugin.advance_clock(milliseconds=19)
        waiting = pending.done
        plugin.advance_clock(milliseconds=1)
        return paused, waiting, pending.status, plugin.logs("warn")
    observed = both(scenario, {"global": {**GLOBAL, "failureMode": mode}}, lambda: MANUAL)
    assert observed == ("request", False, status, [
        "ip-rate-limit: the rate-limit service call failed: gRPC status 14 'upstream request timeout'; "
        f"failing {mode}"])


def test_unknown_cluster_fails_per_failure_mode():
    def scenario(plugin, service):
        return plugin.http_request().status, plugin.logs("warn")
    config = {"global": {**GLOBAL, "cluster": "nowhere", "failureMode": "closed"}}
    assert both(scenario, config, strict=False) == (
        503, ["ip-rate-limit: cannot call the rate-limit service on cluster 'nowhere'; failing closed"])


def descriptor_status(code: int, remaining: int, seconds: int, nanos: int):
    status = rls.DescriptorStatus(code=code, limit_remaining=remaining)
    status.duration_until_reset.seconds, status.duration_until_reset.nanos = seconds, nanos
    return status


STATUSES = st.builds(descriptor_status, st.integers(0, 3), st.integers(0, 2**32 - 1),
                     st.integers(-2**63, 2**63 - 1), st.integers(-2**31, 2**31 - 1))


_HOSTILE: dict[str, object] = {}


def hostile_plugin() -> Plugin:
    """One plugin for every example (answered with whatever ``_HOSTILE["answer"]`` holds)."""
    if "plugin" not in _HOSTILE:
        _HOSTILE["plugin"] = Plugin.wasm(wasm(), configuration=json.dumps(
            {"ttlSecond": 60, "burst": 2, "rateLimitHeaders": True, "global": GLOBAL}),
            grpc_services={"ratelimit": lambda call: _HOSTILE["answer"]})
    return _HOSTILE["plugin"]


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=60) | st.builds(lambda m: m.SerializeToString(), st.builds(
    rls.RateLimitResponse, overall_code=st.integers(-3, 4),
    statuses=st.lists(STATUSES, max_size=2))))
def test_no_answer_bytes_trap_the_module(answer):
    plugin = hostile_plugin()
    _HOSTILE["answer"] = answer
    _HOSTILE["client"] = client = _HOSTILE.get("client", 0) + 1  # a fresh client: never cached
    for _ in range(3):
        r = plugin.http_request(source_address=f"10.{client // 65536 % 256}.{client // 256 % 256}.{client % 256}:1")
        assert r.status in (200, 429) and plugin.vms[0].failed is None
