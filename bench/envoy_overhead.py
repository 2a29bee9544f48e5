"""Envoy overhead of a filter: variants side by side, each in its own Envoy, on loopback.

Variants (every Envoy `--concurrency 1`, its own kernel-chosen ports, all
running at the same time, all in front of one shared backend):

    none          no filter (just the router)
    none_copy     a second, identical no-filter Envoy: the noise floor of the run
    local_rl      Envoy's native local_ratelimit, a bucket so big nothing is rejected
    lua           an Envoy Lua filter doing the filter's keying work (client address -> key)
    noop_wat      a do-nothing proxy-wasm filter in hand-written WAT (V8 + the ABI's own cost)
    noop_py       the same do-nothing filter in our Python subset (+ our runtime's own cost)
    noop_sdk      a do-nothing filter written with our SDK (+ the SDK's context dispatch)
    hostcalls_wat the rate limiter's host-call floor in hand-written WAT: per request the same
                  host calls and callbacks as ours, trivial logic between (bench/wasm/hostcalls.wat)
    c_limiter     a hand-written C rate limiter doing the same job with the same host calls
                  (bench/c_limiter/limiter.wasm, committed: no C compiler needed), configured
                  like ours
    ratelimit     our rate limiter, filter/main.py, {"ttlSecond": 60, "burst": 1000000000}
    ratelimit_baseline  the same, built from a baseline git ref (bench/baseline.py), when given

The backend is one more Envoy answering every request itself (`direct_response`,
200 "ok"): a C++ server that costs a fraction of a proxying Envoy, so it is never
the bottleneck (a Python http.server would be, and would add its own noise),
while every variant still runs its router, cluster and upstream connection pool
as in a deployment. Its CPU is not counted.

Headline: Envoy CPU time per request under a fixed request rate. Every variant
gets the same rate at the same time (one `h2load --rps` per variant, all started
together), so machine noise hits all alike. In each round the CPU time of each
Envoy is read (the sum over its threads of /proc/PID/task/TID/schedstat field 1,
ns on CPU) together with the requests it served (its own
`downstream_rq_completed`), at the start and at the end of the round's measured
part. Per round this gives a variant's CPU per request, and its *added* cost:
minus the no-filter Envoy's in the same round (paired, so a disturbance that hits
both cancels). Each round starts new load generators: how requests happen to
bunch up (which changes the CPU per request by several percent) is drawn anew
each round instead of favouring one variant for the whole run. Figures are
medians over the rounds, with their interquartile range; the added costs and
ratios come with a bootstrap 90% interval (whole rounds resampled, pairing kept).

Cross-checks: p50 latency at the fixed rate (h2load's per-request log), and
requests/s at saturation (`wrk`, one variant at a time, rounds rotated).
"""
from __future__ import annotations

import contextlib
import json
import math
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
from envoy_harness import Envoy, EnvoyError, _die_with_parent, find_envoy, write_bootstrap  # noqa: E402

HERE = Path(__file__).resolve().parent
C_LIMITER = HERE / "c_limiter" / "limiter.wasm"  # built by bench/c_limiter/build.sh, committed
RATELIMIT_CONFIG = '{"ttlSecond": 60, "burst": 1000000000}'
COMPLETED = "http.ingress_http.downstream_rq_completed"
OK_2XX = "http.ingress_http.downstream_rq_2xx"

# The Lua equivalent of the rate limiter's keying: Envoy's downstream address, its
# IP without the port ("[v6]:port" too), the shared-data key. The key is used (an
# impossible branch on it) so the work cannot be skipped.
LUA_SOURCE = r"""
function envoy_on_request(request_handle)
  local address = request_handle:streamInfo():downstreamRemoteAddress()
  local ip
  if string.byte(address, 1) == 91 then
    ip = string.match(address, "^%[(.-)%]")
  else
    ip = string.match(address, "^(.*):%d+$") or address
  end
  if ip == nil then
    request_handle:respond({[":status"] = "500"}, "no client address")
    return
  end
  local key = "ip-rate-limit:" .. ip
  if #key > 4096 then
    request_handle:respond({[":status"] = "500"}, "key too long")
  end
end
"""


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    http_filters: tuple[dict, ...] = ()


@dataclass
class Settings:
    rate: int = 500                 # requests/s offered to each variant, all at once
    connections: int = 16           # h2load connections per variant (HTTP/1.1, keep-alive)
    warmup_seconds: float = 8.0     # a first round with nothing read (V8 tiers up, pools fill)
    rounds: int = 20                # measured rounds, new load generators each (20: with two
                                    # more variants since 24, the full run keeps its length)
    round_seconds: float = 5.0      # measured part of a round
    lead_seconds: float = 0.5       # load on before the first read (connections set up)
    tail_seconds: float = 0.3       # load still on after the last read
    slack_seconds: float = 0.7      # requests for this long more: h2load on a busy machine may
                                    # run ahead of its rate and end before the last read
    saturation_seconds: float = 2.0
    saturation_rounds: int = 5
    saturation_connections: int = 16

    @classmethod
    def quick(cls) -> "Settings":
        # h2load stops early on rounds much shorter than 2 s; no saturation cross-check
        return cls(warmup_seconds=2.0, rounds=3, round_seconds=2.0,
                   saturation_seconds=1.0, saturation_rounds=0)


# -- Envoy configuration (v3 API) ----------------------------------------------------
def _loopback(port: int) -> dict:
    return {"socket_address": {"address": "127.0.0.1", "port_value": port}}


def _bootstrap(route_action: dict, http_filters: tuple[dict, ...], upstream_port: int | None) -> dict:
    router = {"name": "envoy.filters.http.router", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}
    hcm = {"@type": "type.googleapis.com/envoy.extensions.filters.network"
                    ".http_connection_manager.v3.HttpConnectionManager",
           "stat_prefix": "ingress_http",
           "route_config": {"virtual_hosts": [{"name": "all", "domains": ["*"], "routes": [
               {"match": {"prefix": "/"}, **route_action}]}]},
           "http_filters": [*http_filters, router]}
    listener = {"name": "ingress", "address": _loopback(0), "filter_chains": [{"filters": [
        {"name": "envoy.filters.network.http_connection_manager", "typed_config": hcm}]}]}
    resources: dict = {"listeners": [listener]}
    if upstream_port is not None:
        resources["clusters"] = [{
            "name": "backend", "type": "STATIC", "connect_timeout": "2s",
            "load_assignment": {"cluster_name": "backend", "endpoints": [
                {"lb_endpoints": [{"endpoint": {"address": _loopback(upstream_port)}}]}]}}]
    return {"admin": {"address": _loopback(0)}, "static_resources": resources}


def backend_config() -> dict:
    return _bootstrap({"direct_response": {"status": 200, "body": {"inline_string": "ok\n"}}},
                      (), None)


def variant_config(variant: Variant, upstream_port: int) -> dict:
    return _bootstrap({"route": {"cluster": "backend"}}, variant.http_filters, upstream_port)


def wasm_filter(vm_id: str, wasm_path: Path, configuration: str = "") -> dict:
    return {"name": "envoy.filters.http.wasm", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
        "config": {"name": vm_id,
                   "configuration": {"@type": "type.googleapis.com/google.protobuf.StringValue",
                                     "value": configuration},
                   "vm_config": {"vm_id": vm_id, "runtime": "envoy.wasm.runtime.v8",
                                 "code": {"local": {"filename": str(wasm_path.resolve())}}}}}}


def local_ratelimit_filter() -> dict:
    everyone = {"default_value": {"numerator": 100, "denominator": "HUNDRED"}}
    return {"name": "envoy.filters.http.local_ratelimit", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        "stat_prefix": "bench_local_rate_limit",
        "token_bucket": {"max_tokens": 1_000_000_000, "tokens_per_fill": 1_000_000_000,
                         "fill_interval": "1s"},
        "filter_enabled": {"runtime_key": "bench_lrl_enabled", **everyone},
        "filter_enforced": {"runtime_key": "bench_lrl_enforced", **everyone}}}


def lua_filter() -> dict:
    return {"name": "envoy.filters.http.lua", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua",
        "default_source_code": {"inline_string": LUA_SOURCE}}}


def build_wasm(workdir: Path, prebuilt: dict[str, Path] | None = None) -> dict[str, Path]:
    """noop.wat assembled, noop.py, noop_sdk.py and filter/main.py compiled by our compiler,
    the committed C limiter copied; those in `prebuilt` (same keys, built by the caller from
    the same sources) are reused."""
    import wasmtime
    from compiler import compile_file
    out = {"noop_wat": workdir / "noop_wat.wasm", "noop_py": workdir / "noop_py.wasm",
           "noop_sdk": workdir / "noop_sdk.wasm", "hostcalls_wat": workdir / "hostcalls_wat.wasm",
           "c_limiter": workdir / "c_limiter.wasm", "ratelimit": workdir / "main.wasm"}
    makers = {"noop_wat": lambda: wasmtime.wat2wasm((HERE / "wasm" / "noop.wat").read_text()),
              "hostcalls_wat": lambda: wasmtime.wat2wasm((HERE / "wasm" / "hostcalls.wat").read_text()),
              "noop_py": lambda: compile_file(HERE / "wasm" / "noop.py"),
              "noop_sdk": lambda: compile_file(HERE / "wasm" / "noop_sdk.py"),
              "c_limiter": C_LIMITER.read_bytes,
              "ratelimit": lambda: compile_file(ROOT / "filter" / "main.py")}
    for key, make in makers.items():
        out[key].write_bytes(prebuilt[key].read_bytes() if prebuilt and key in prebuilt else make())
    return out


def variants(wasm: dict[str, Path]) -> list[Variant]:
    """Every variant; `ratelimit_baseline` too when `wasm` has it (the rate limiter built
    from a baseline ref, bench/baseline.py: before and after side by side)."""
    extra = [Variant("ratelimit_baseline", "rate limiter (baseline)",
                     (wasm_filter("ip-rate-limit-baseline", wasm["ratelimit_baseline"], RATELIMIT_CONFIG),))
             ] if "ratelimit_baseline" in wasm else []
    return [
        Variant("none", "no filter"),
        Variant("none_copy", "no filter (copy)"),
        Variant("local_rl", "local_ratelimit", (local_ratelimit_filter(),)),
        Variant("lua", "Lua", (lua_filter(),)),
        Variant("noop_wat", "no-op WAT", (wasm_filter("noop-wat", wasm["noop_wat"]),)),
        Variant("noop_py", "no-op Python", (wasm_filter("noop-py", wasm["noop_py"]),)),
        Variant("noop_sdk", "no-op Python, SDK", (wasm_filter("noop-sdk", wasm["noop_sdk"]),)),
        Variant("hostcalls_wat", "host-call floor (WAT)",
                (wasm_filter("hostcalls-wat", wasm["hostcalls_wat"], RATELIMIT_CONFIG),)),
        Variant("c_limiter", "hand-written C limiter",
                (wasm_filter("c-limiter", wasm["c_limiter"], RATELIMIT_CONFIG),)),
        Variant("ratelimit", "rate limiter",
                (wasm_filter("ip-rate-limit", wasm["ratelimit"], RATELIMIT_CONFIG),)),
        *extra,
    ]


# -- processes --------------------------------------------------------------------------
@contextlib.contextmanager
def envoys(configs: dict[str, dict], workdir: Path, ready_timeout: float = 30.0
           ) -> Iterator[dict[str, Envoy]]:
    """Start one Envoy per config, all at once; every one stopped and reaped on exit."""
    started: dict[str, Envoy] = {}
    try:
        for name, config in configs.items():
            work = workdir / name
            work.mkdir(parents=True, exist_ok=True)
            admin_path, log_path = work / "admin_address.txt", work / "envoy.log"
            admin_path.unlink(missing_ok=True)
            args = [find_envoy(), "-c", str(write_bootstrap(config, work / "envoy.yaml")),
                    "--concurrency", "1", "--disable-hot-restart", "-l", "warning",
                    "--admin-address-path", str(admin_path)]
            with open(log_path, "wb") as log:
                process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                           stderr=subprocess.STDOUT, cwd=work,
                                           preexec_fn=_die_with_parent)
            started[name] = Envoy(process, log_path, admin_path)
        deadline = time.monotonic() + ready_timeout
        for name, envoy in started.items():
            if not envoy._wait(deadline):
                raise EnvoyError(f"Envoy {name!r} exited with code {envoy.process.returncode}"
                                 f"\n{envoy.log_tail()}")
            envoy.port = envoy._discover_listener_port()
        yield started
    finally:
        for envoy in started.values():
            envoy.stop()


def _cpu_ns(pid: int) -> dict[int, int]:
    """ns on CPU per thread of `pid` (schedstat field 1)."""
    times = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                times[int(tid)] = int(f.read().split()[0])
    return times


def _cpu_delta(before: dict[int, int], after: dict[int, int]) -> int:
    return sum(ns - before.get(tid, 0) for tid, ns in after.items())


def _machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine, from /proc/stat."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _counters(envoy: Envoy) -> dict[str, int]:
    stats = envoy.stats(r"^http\.ingress_http\.downstream_rq_(completed|2xx)$")
    return {COMPLETED: int(stats.get(COMPLETED, 0)), OK_2XX: int(stats.get(OK_2XX, 0))}


@contextlib.contextmanager
def _processes(commands: dict[str, list[str]], logs: dict[str, Path]) -> Iterator[dict[str, subprocess.Popen]]:
    """Load generators, one per variant; killed and reaped whatever happens."""
    running: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            with open(logs[name], "wb") as log:
                running[name] = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                                 stderr=subprocess.STDOUT,
                                                 preexec_fn=_die_with_parent)
        yield running
    finally:
        for process in running.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in running.values():
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_all(processes: dict[str, subprocess.Popen], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for name, process in processes.items():
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"load generator for {name!r} still running after {timeout:.0f} s")
        if process.returncode != 0:
            raise RuntimeError(f"load generator for {name!r} exited {process.returncode}")


# -- load generators ---------------------------------------------------------------------
def find_tools() -> dict[str, str]:
    """h2load (fixed rate) and wrk (saturation) from Debian; installed if missing and root."""
    notes = {}
    missing = [pkg for tool, pkg in (("h2load", "nghttp2-client"), ("wrk", "wrk"))
               if shutil.which(tool) is None]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"  installing {' '.join(missing)} with apt-get (running as root)", flush=True)
        for command in (["apt-get", "update", "-qq"],
                        ["apt-get", "install", "-y", "-qq", *missing]):
            result = subprocess.run(command, capture_output=True, text=True,
                                    env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
            if result.returncode != 0:
                print(f"  `{' '.join(command)}` failed: {result.stderr.strip()[-300:]}", flush=True)
                break
    for tool in ("h2load", "wrk"):
        path = shutil.which(tool)
        if path is None:
            raise RuntimeError(f"`{tool}` not found and could not be installed "
                               "(Debian packages nghttp2-client, wrk)")
        version = subprocess.run([path, "--version"], capture_output=True, text=True)
        first = (version.stdout or version.stderr).strip().splitlines()
        notes[tool] = f"{path} ({first[0] if first else 'version unknown'})"
    return notes


def _h2load(port: int, settings: Settings, requests: int, log_file: Path | None) -> list[str]:
    command = ["h2load", "--h1", "-c", str(settings.connections), "-n", str(requests),
               f"--rps={settings.rate / settings.connections:g}"]
    if log_file is not None:
        command += ["--log-file", str(log_file)]
    return command + [f"http://127.0.0.1:{port}/"]


def _h2load_latencies_us(log_file: Path, since: float, until: float) -> list[int]:
    """Durations (µs) of the 2xx requests started in [since, until] (epoch seconds), from
    h2load's log: start (µs since the epoch) <TAB> status <TAB> duration (µs)."""
    out = []
    low, high = since * 1e6, until * 1e6
    for line in log_file.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1].startswith("2") and low <= int(parts[0]) <= high:
            out.append(int(parts[2]))
    return out


def _parse_wrk(text: str) -> dict:
    """Requests/sec and the 50% latency line of `wrk --latency` output."""
    result: dict = {}
    units = {"us": 1.0, "ms": 1e3, "s": 1e6}
    for line in text.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            result["rps"] = float(words[1])
        elif len(words) == 2 and words[0] == "50%":
            number = words[1].rstrip("usm")
            unit = words[1][len(number):]
            result["p50_us"] = float(number) * units[unit]
        elif "requests in" in line:
            result["requests"] = int(words[0])
        elif line.strip().startswith("Non-2xx"):
            result["non_2xx"] = int(words[-1])
    if "rps" not in result:
        raise RuntimeError(f"could not read wrk's output:\n{text}")
    return result


# -- the measurement ------------------------------------------------------------------------
@dataclass
class Snapshot:
    at: float                          # time.monotonic()
    cpu: dict[str, dict[int, int]]     # Envoy -> tid -> ns on CPU
    counts: dict[str, dict[str, int]]  # variant -> its request counters
    machine: tuple[int, int]           # (busy, total) jiffies


@dataclass
class Interval:
    seconds: float
    cpu_ns: dict[str, int]
    requests: dict[str, int]
    ok: dict[str, int]
    machine_busy: float     # share of the machine's CPU time in use, by anything
    envoys_share: float     # share of the machine's CPU time used by this run's Envoys


def _snapshot(fleet: dict[str, Envoy], names: list[str]) -> Snapshot:
    cpu = {n: _cpu_ns(e.process.pid) for n, e in fleet.items()}
    return Snapshot(time.monotonic(), cpu, {n: _counters(fleet[n]) for n in names}, _machine_busy())


def _interval(a: Snapshot, b: Snapshot, names: list[str]) -> Interval:
    total_jiffies = max(1, b.machine[1] - a.machine[1])
    cpu_all = {n: _cpu_delta(a.cpu[n], b.cpu[n]) for n in b.cpu}
    return Interval(
        seconds=b.at - a.at,
        cpu_ns={n: cpu_all[n] for n in names},
        requests={n: b.counts[n][COMPLETED] - a.counts[n][COMPLETED] for n in names},
        ok={n: b.counts[n][OK_2XX] - a.counts[n][OK_2XX] for n in names},
        machine_busy=(b.machine[0] - a.machine[0]) / total_jiffies,
        envoys_share=sum(cpu_all.values()) / (total_jiffies * 1e9 / os.sysconf("SC_CLK_TCK")))


def _sleep_until(deadline: float, running: dict[str, subprocess.Popen]) -> None:
    while (left := deadline - time.monotonic()) > 0:
        time.sleep(min(left, 0.2))
        for name, process in running.items():
            if process.poll() is not None:
                raise RuntimeError(f"load generator for {name!r} ended early "
                                   f"(exit {process.returncode}): see its log")


def _one_round(fleet: dict[str, Envoy], names: list[str], settings: Settings, workdir: Path,
               tag: str, measure_seconds: float) -> tuple[Interval | None, dict[str, list[int]]]:
    """One h2load per variant, all started together at the same rate; CPU and request
    counters of every Envoy in `fleet` read `lead_seconds` after the start (connections
    up) and again `measure_seconds` later, while the load still runs. Envoys in `fleet`
    but not in `names` (the backend) get no load; their CPU counts in `envoys_share`."""
    total = settings.lead_seconds + measure_seconds + settings.tail_seconds
    logs = {n: workdir / f"h2load-{tag}-{n}.txt" for n in names}
    latency_logs = {n: workdir / f"h2load-{tag}-{n}.requests.tsv" for n in names}
    commands = {n: _h2load(fleet[n].port, settings, int(settings.rate * (total + settings.slack_seconds)),
                           latency_logs[n])
                for n in names}
    interval = None
    with _processes(commands, logs) as running:
        start = time.monotonic()
        _sleep_until(start + settings.lead_seconds, running)
        since, first = time.time(), _snapshot(fleet, names)
        if measure_seconds > 0:
            _sleep_until(start + settings.lead_seconds + measure_seconds, running)
            interval = _interval(first, _snapshot(fleet, names), names)
        until = time.time()
        _wait_all(running, timeout=settings.tail_seconds + settings.slack_seconds + 30)
    latencies = {n: _h2load_latencies_us(latency_logs[n], since, until) for n in names}
    for path in latency_logs.values():
        path.unlink(missing_ok=True)  # large; h2load's summary log stays
    if interval is not None and tag != "warmup":  # the warm-up is not kept: V8 may still tier up
        expected = settings.rate * measure_seconds
        for n in names:
            if interval.requests[n] < expected / 2:
                raise RuntimeError(f"{n!r} served {interval.requests[n]} requests in a round "
                                   f"(expected about {expected:.0f}): the load did not keep up")
    return interval, latencies


def _fixed_rate(fleet: dict[str, Envoy], names: list[str], settings: Settings, workdir: Path,
                log) -> tuple[list[Interval], dict[str, float]]:
    """A warm-up round, then `rounds` measured rounds; each round starts new load generators,
    so their timing (how requests happen to bunch up) is drawn anew each round instead of
    biasing one variant for the whole run. Returns the rounds and each variant's p50."""
    _one_round(fleet, names, settings, workdir, "warmup", settings.warmup_seconds)  # not kept
    rounds: list[Interval] = []
    latencies: dict[str, list[int]] = {n: [] for n in names}
    report_every = max(1, settings.rounds // 5)
    for r in range(settings.rounds):
        interval, lat = _one_round(fleet, names, settings, workdir, str(r), settings.round_seconds)
        assert interval is not None
        rounds.append(interval)
        for n in names:
            latencies[n] += lat[n]
        if (r + 1) % report_every == 0 or r + 1 == settings.rounds:
            done = rounds[-report_every:]
            log(f"  {r + 1}/{settings.rounds} rounds; last ones: machine "
                f"{100 * statistics.mean(x.machine_busy for x in done):.0f}% busy "
                f"({100 * statistics.mean(x.envoys_share for x in done):.0f}% these Envoys); "
                "CPU µs/request " + ", ".join(
                    f"{n} {sum(x.cpu_ns[n] for x in done) / max(1, sum(x.requests[n] for x in done)) / 1000:.1f}"
                    for n in names))
    p50 = {n: statistics.median(v) if v else float("nan") for n, v in latencies.items()}
    return rounds, p50


def _saturation(fleet: dict[str, Envoy], names: list[str], settings: Settings,
                workdir: Path) -> dict[str, list[dict]]:
    """wrk against one variant at a time (the others idle), the order rotated each round."""
    runs: dict[str, list[dict]] = {n: [] for n in names}
    for r in range(settings.saturation_rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            command = ["wrk", "-t1", f"-c{settings.saturation_connections}",
                       f"-d{settings.saturation_seconds:g}s", "--latency",
                       f"http://127.0.0.1:{fleet[n].port}/"]
            log = workdir / f"wrk-{r}-{n}.txt"
            with _processes({n: command}, {n: log}) as running:
                _wait_all(running, timeout=settings.saturation_seconds + 30)
            runs[n].append(_parse_wrk(log.read_text()))
    return runs


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    pos = q * (len(ordered) - 1)
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "p25": _quantile(values, 0.25),
            "p75": _quantile(values, 0.75), "min": min(values), "max": max(values)}


def _resampled(per_interval: dict[str, list[float]], statistic, resamples: int = 2000,
               seed: int = 1) -> tuple[float, float]:
    """90% interval of `statistic(medians)` resampling whole rounds (pairing kept)."""
    rng = random.Random(seed)
    count = len(next(iter(per_interval.values())))
    values = []
    for _ in range(resamples):
        picks = [rng.randrange(count) for _ in range(count)]
        medians = {k: statistics.median([v[i] for i in picks]) for k, v in per_interval.items()}
        values.append(statistic(medians))
    values = [v for v in values if not math.isnan(v)]
    return (_quantile(values, 0.05), _quantile(values, 0.95)) if values else (math.nan, math.nan)


def summarise(labels: dict[str, str], intervals: list[Interval], p50: dict[str, float],
              saturation: dict[str, list[dict]]) -> dict:
    names = list(labels)
    cpu = {n: [x.cpu_ns[n] / x.requests[n] / 1000 for x in intervals] for n in names}
    added = {n: [c - b for c, b in zip(cpu[n], cpu["none"])] for n in names}
    per_variant = {}
    for n in names:
        sat = saturation.get(n, [])
        low, high = _resampled({n: added[n]}, lambda m, n=n: m[n])
        per_variant[n] = {
            "label": labels[n],
            "cpu_us_per_request": _spread(cpu[n]),
            "added_cpu_us_per_request": {**_spread(added[n]), "ci90": [low, high]},
            "requests": sum(x.requests[n] for x in intervals),
            "non_2xx": sum(x.requests[n] - x.ok[n] for x in intervals),
            "p50_us_fixed_rate": p50[n],
            "saturation_rps": statistics.median([s["rps"] for s in sat]) if sat else None,
            "saturation_rps_runs": [s["rps"] for s in sat],
            "saturation_p50_us": statistics.median([s["p50_us"] for s in sat]) if sat else None,
            "saturation_non_2xx": sum(s.get("non_2xx", 0) for s in sat),
        }
    base_rps = per_variant["none"]["saturation_rps"]
    for entry in per_variant.values():
        entry["rps_vs_none"] = (entry["saturation_rps"] / base_rps
                                if base_rps and entry["saturation_rps"] else None)

    def ratio(a: str, b: str, what: dict[str, list[float]]) -> dict:
        def of(m: dict[str, float]) -> float:
            return m[a] / m[b] if m[b] > 0 else math.nan
        value = of({a: statistics.median(what[a]), b: statistics.median(what[b])})
        low, high = _resampled({a: what[a], b: what[b]}, of)
        return {"value": value, "ci90": [low, high]}

    pairs = {  # name: (numerator, denominator, added or whole CPU); those of variants run
        "ratelimit_over_noop_wat_added": ("ratelimit", "noop_wat", added),
        "ratelimit_over_lua_added": ("ratelimit", "lua", added),
        "noop_py_over_noop_wat_added": ("noop_py", "noop_wat", added),
        "noop_py_over_noop_wat_total": ("noop_py", "noop_wat", cpu),
        "noop_sdk_over_noop_wat_added": ("noop_sdk", "noop_wat", added),
        "ratelimit_over_noop_sdk_added": ("ratelimit", "noop_sdk", added),
        "ratelimit_over_hostcalls_wat_added": ("ratelimit", "hostcalls_wat", added),
        "hostcalls_wat_over_noop_wat_added": ("hostcalls_wat", "noop_wat", added),
        "c_limiter_over_noop_wat_added": ("c_limiter", "noop_wat", added),
        "ratelimit_over_c_limiter_added": ("ratelimit", "c_limiter", added),
        "c_limiter_over_hostcalls_wat_added": ("c_limiter", "hostcalls_wat", added),
        "ratelimit_baseline_over_noop_wat_added": ("ratelimit_baseline", "noop_wat", added),
        "ratelimit_over_ratelimit_baseline_added": ("ratelimit", "ratelimit_baseline", added),
    }
    ratios = {name: ratio(a, b, what) for name, (a, b, what) in pairs.items()
              if a in what and b in what}
    return {"variants": per_variant, "ratios": ratios,
            "noise_floor_us": per_variant.get("none_copy", {}).get("added_cpu_us_per_request"),
            "rounds": len(intervals),
            "round_seconds": statistics.mean(x.seconds for x in intervals),
            "machine_busy": _spread([x.machine_busy for x in intervals]),
            "envoys_share": _spread([x.envoys_share for x in intervals]),
            "per_round_cpu_us": cpu}


def run(settings: Settings | None = None, workdir: Path | None = None, log=print,
        baseline_wasm: Path | None = None, prebuilt: dict[str, Path] | None = None,
        only: list[str] | None = None, extra: dict[str, Path] | None = None) -> dict:
    """Every variant side by side; with `baseline_wasm`, the baseline's rate limiter too.
    `only`: just these variants (and `none`); `extra`: more wasm variants, name -> module,
    each configured like the rate limiter (bench/sidebyside.py)."""
    settings = settings or Settings()
    tools = find_tools()
    for tool, where in tools.items():
        log(f"  {tool}: {where}")
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-envoy-")))
        workdir.mkdir(parents=True, exist_ok=True)
        wasm = build_wasm(workdir, prebuilt)
        if baseline_wasm is not None:
            wasm["ratelimit_baseline"] = baseline_wasm
        chosen = [v for v in variants(wasm) if only is None or v.key in only or v.key == "none"]
        chosen += [Variant(name, name, (wasm_filter(name, path, RATELIMIT_CONFIG),))
                   for name, path in (extra or {}).items()]
        names = [v.key for v in chosen]
        backend = stack.enter_context(envoys({"backend": backend_config()}, workdir))["backend"]
        log(f"  backend: Envoy direct_response on 127.0.0.1:{backend.port}")
        fleet = stack.enter_context(envoys(
            {v.key: variant_config(v, backend.port) for v in chosen}, workdir))
        log(f"  {len(fleet)} Envoys up (--concurrency 1): "
            + ", ".join(f"{v.key}:{fleet[v.key].port}" for v in chosen))
        log(f"  fixed rate: {settings.rate}/s to each at once over {settings.connections} connections; "
            f"{settings.warmup_seconds:g} s warm-up, then {settings.rounds} rounds of "
            f"{settings.round_seconds:g} s")
        intervals, p50 = _fixed_rate({**fleet, "backend": backend}, names, settings, workdir, log)
        log(f"  saturation: wrk -c{settings.saturation_connections} "
            f"{settings.saturation_seconds:g} s per variant x {settings.saturation_rounds} rounds")
        saturation = _saturation(fleet, names, settings, workdir)
        for n, envoy in fleet.items():  # a crashed or restarted Envoy would void its figures
            if envoy.process.poll() is not None:
                raise EnvoyError(f"Envoy {n!r} exited during the run\n{envoy.log_tail()}")
    summary = summarise({v.key: v.label for v in chosen}, intervals, p50, saturation)
    summary["settings"] = dict(settings.__dict__)
    summary["cores"] = os.cpu_count()
    summary["tools"] = tools
    summary["backend"] = "Envoy direct_response (200, 3 bytes), --concurrency 1"
    summary["lua_source"] = LUA_SOURCE.strip()
    summary["ratelimit_config"] = RATELIMIT_CONFIG
    return summary


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    print(json.dumps(run(Settings.quick() if quick else Settings()), indent=2, default=str))
