"""Global mode in two real Envoys (2 workers each, same module and configuration) sharing one
rate-limit service (tests/e2e/rls_server.py, served by grpc_services.py in its own process)
over a real Redis: one count across both, the failure modes when the service is stopped or
stalled, a Redis restart, and a flood that the over-limit cache keeps away from the service."""
import json
import threading
import time

import pytest

from envoy_harness import grpc_cluster, http_get
from grpc_services import running_service
from redis_server import running_redis

HOUR = 3600


def global_config(burst: int, timeout_ms: int, mode: str, **options) -> str:
    return json.dumps({"ttlSecond": HOUR, "burst": burst, **options, "global": {
        "cluster": "ratelimit", "domain": "ip-rate-limit", "timeoutMs": timeout_ms, "failureMode": mode}})


@pytest.fixture
def redis_server():
    with running_redis() as server:
        yield server


@pytest.fixture
def rls(redis_server):
    with running_service("rls", str(redis_server.socket)) as service:
        yield service


@pytest.fixture
def two_envoys(start_envoy, filter_wasm):
    def start(rls_port: int, burst: int = 5, timeout_ms: int = 2000, mode: str = "closed", **options):
        return [start_envoy(filter_wasm, global_config(burst, timeout_ms, mode, **options), concurrency=2,
                            extra_clusters=[grpc_cluster("ratelimit", rls_port)]) for _ in range(2)]
    return start


def clear_of_window_end() -> None:
    """The HOUR window must not end during the test: wait out its last 30 s (rarely needed)."""
    left = HOUR - time.time() % HOUR
    if left < 30:
        time.sleep(left + 0.5)


def timed_get(port: int, source_ip: str) -> tuple[int, float]:
    started = time.monotonic()
    status = http_get(port, "/", source_ip=source_ip, timeout=10)[0]
    return status, time.monotonic() - started


def no_trap(envoy) -> bool:
    log = envoy.log()
    return "Uncaught" not in log and "wasm_fail" not in log


def test_exactly_burst_passes_across_two_envoys(rls, two_envoys, redis_server):
    envoys = two_envoys(rls.port)
    clear_of_window_end()
    statuses = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.2")[0] for i in range(40)]
    assert (statuses.count(200), statuses.count(429)) == (5, 35)
    assert statuses[:5] == [200] * 5
    # each Envoy asked once more, heard OVER_LIMIT, then answered from its over-limit cache
    assert rls.control("calls") == 7
    other = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.3")[0] for i in range(7)]
    assert other == [200] * 5 + [429] * 2
    window = int(time.time()) // HOUR * HOUR
    client = redis_server.client()
    key = f"ip-rate-limit_remote_address_127.0.0.2_{window}".encode()
    assert int(client.get(key)) == 7 and 0 < client.ttl(key) <= HOUR


def test_headers_and_retry_after_come_from_the_service(rls, two_envoys):
    envoys = two_envoys(rls.port, burst=2, rateLimitHeaders=True)
    clear_of_window_end()
    answers = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.8") for i in range(3)]
    to_hour_end = HOUR - int(time.time()) % HOUR
    limits = [(status, h["x-ratelimit-limit"], h["x-ratelimit-remaining"]) for status, h, _ in answers]
    assert limits == [(200, "2", "1"), (200, "2", "0"), (429, "2", "0")]
    for _, headers, _ in answers:  # the service's duration_until_reset: to the HOUR's end
        assert abs(int(headers["x-ratelimit-reset"]) - to_hour_end) <= 2
    assert abs(int(answers[2][1]["retry-after"]) - to_hour_end) <= 2


@pytest.mark.parametrize("mode, expected", [("open", 200), ("closed", 503)])
def test_service_stopped_gives_the_failure_mode_within_the_timeout(rls, two_envoys, mode, expected):
    envoys = two_envoys(rls.port, timeout_ms=200, mode=mode)
    assert http_get(envoys[0].port, "/", source_ip="127.0.0.4")[0] == 200
    rls.stop()
    results = [timed_get(envoys[i % 2].port, "127.0.0.4") for i in range(4)]
    assert [status for status, _ in results] == [expected] * 4
    assert max(seconds for _, seconds in results) < 0.2 + 1.0
    stats = envoys[0].stats("ip_rate_limit")
    assert stats[f"wasmcustom.ip_rate_limit.failure_{mode}"] >= 1
    assert all(no_trap(e) for e in envoys)


@pytest.mark.parametrize("mode, expected", [("open", 200), ("closed", 503)])
def test_service_stalled_past_the_timeout(rls, two_envoys, mode, expected):
    envoys = two_envoys(rls.port, timeout_ms=200, mode=mode)
    rls.control("stall", 5.0)
    results = [timed_get(envoys[i % 2].port, "127.0.0.5") for i in range(2)]
    assert [status for status, _ in results] == [expected] * 2
    assert all(0.18 < seconds < 0.2 + 1.0 for _, seconds in results), results
    log = envoys[0].log() + envoys[1].log()  # Envoy's timeout, or the server's to its grpc-timeout
    assert "gRPC status 14 'upstream request timeout" in log or "gRPC status 4 'Deadline Exceeded" in log


def test_redis_restart_no_trap_and_limiting_resumes(rls, two_envoys, redis_server):
    envoys = two_envoys(rls.port, burst=3)
    clear_of_window_end()
    before = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.6")[0] for i in range(2)]
    redis_server.stop()
    during = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.6")[0] for i in range(2)]
    redis_server.start()  # empty: the window's count starts again
    after = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.6")[0] for i in range(5)]
    assert (before, during, after) == ([200] * 2, [503] * 2, [200] * 3 + [429] * 2)
    assert all(no_trap(e) for e in envoys)


def test_a_flood_makes_few_service_calls(rls, two_envoys):
    envoys = two_envoys(rls.port)
    clear_of_window_end()
    counts = {200: 0, 429: 0}
    lock = threading.Lock()
    per_thread, threads = 250, 4

    def flood(index: int) -> None:
        for i in range(per_thread):
            status = http_get(envoys[(index + i) % 2].port, "/", source_ip="127.0.0.7")[0]
            with lock:
                counts[status] = counts.get(status, 0) + 1
    started = time.monotonic()
    workers = [threading.Thread(target=flood, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    seconds = time.monotonic() - started
    assert counts[200] == 5 and counts[429] == per_thread * threads - 5
    # 5 passes, then at most one OVER_LIMIT answer per Envoy worker racing the cache
    calls = rls.control("calls")
    assert calls <= 5 + 2 * 2 + threads, calls
    print(f"flood: {per_thread * threads} requests in {seconds:.2f}s "
          f"({per_thread * threads / seconds:.0f}/s), {calls} service calls")
