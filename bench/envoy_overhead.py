"""Envoy overhead of a filter: variants side by side, each in its own Envoy, on loopback.

Variants (every Envoy `--concurrency 1`, its own kernel-chosen ports, all
running at the same time, all in front of one shared backend):

    none          no filter (just the router)
    none_copy     a second, identical no-filter Envoy: the noise floor of the run
    local_rl      Envoy's native local_ratelimit, a bucket so big nothing is rejected
    lua           an Envoy Lua filter doing the filter's keying work (client address -> key)
    noop_wat      a do-nothing proxy-wasm filter in hand-written WAT (V8 + the ABI's own cost)
    noop_py       the same do-nothing filter in our Python subset (+ our runtime's own cost)
    ratelimit     our rate limiter, filter/main.py, {"ttlSecond": 60, "burst": 1000000000}

The backend is one more Envoy answering every request itself (`direct_response`,
200 "ok"): a C++ server that costs a fraction of a proxying Envoy, so it is never
the bottleneck (a Python http.server would be, and would add its own noise),
while every variant still runs its router, cluster and upstream connection pool
as in a deployment. Its CPU is not counted.

Headline: Envoy CPU time per request under a fixed request rate. Every variant
gets the same rate at the same time (one `h2load --rps` per variant, started
together, for a fixed number of requests), so machine noise hits all alike. A
variant's CPU is the sum over its threads of /proc/PID/task/TID/schedstat
(field 1: ns on CPU), read before and after each round with no load running;
divided by the requests its Envoy served in the round (its own
`downstream_rq_completed`). Each round also gives the added cost of a variant
over `none` in the same round (paired difference); figures are medians over rounds.

Cross-checks: p50 latency at the fixed rate (h2load's per-request log), and
requests/s at saturation (`wrk`, one variant at a time, rounds rotated).
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
from envoy_harness import Envoy, EnvoyError, _die_with_parent, find_envoy, write_bootstrap  # noqa: E402

HERE = Path(__file__).resolve().parent
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
    rate: int = 500            # requests/s offered to each variant, all at once
    connections: int = 4       # h2load connections per variant (HTTP/1.1, keep-alive)
    round_requests: int = 10_000
    rounds: int = 6
    warmup_requests: int = 4_000
    saturation_seconds: float = 3.0
    saturation_rounds: int = 3
    saturation_connections: int = 16

    @classmethod
    def quick(cls) -> "Settings":
        return cls(round_requests=1_500, rounds=2, warmup_requests=1_000,
                   saturation_seconds=1.0, saturation_rounds=1)


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


def build_wasm(workdir: Path) -> dict[str, Path]:
    """noop.wat assembled, noop.py and filter/main.py compiled by our compiler."""
    import wasmtime
    from compiler import compile_file
    out = {"noop_wat": workdir / "noop_wat.wasm", "noop_py": workdir / "noop_py.wasm",
           "ratelimit": workdir / "main.wasm"}
    out["noop_wat"].write_bytes(wasmtime.wat2wasm((HERE / "wasm" / "noop.wat").read_text()))
    out["noop_py"].write_bytes(compile_file(HERE / "wasm" / "noop.py"))
    out["ratelimit"].write_bytes(compile_file(ROOT / "filter" / "main.py"))
    return out


def variants(wasm: dict[str, Path]) -> list[Variant]:
    return [
        Variant("none", "no filter"),
        Variant("none_copy", "no filter (copy)"),
        Variant("local_rl", "local_ratelimit", (local_ratelimit_filter(),)),
        Variant("lua", "Lua", (lua_filter(),)),
        Variant("noop_wat", "no-op WAT", (wasm_filter("noop-wat", wasm["noop_wat"]),)),
        Variant("noop_py", "no-op Python", (wasm_filter("noop-py", wasm["noop_py"]),)),
        Variant("ratelimit", "rate limiter",
                (wasm_filter("ip-rate-limit", wasm["ratelimit"], RATELIMIT_CONFIG),)),
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


def _h2load_latencies_us(log_file: Path) -> list[int]:
    """Per-request durations (µs) from h2load's log: start(µs) <TAB> status <TAB> duration(µs)."""
    out = []
    for line in log_file.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[1].startswith("2"):
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
class RoundResult:
    cpu_ns: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    ok: dict[str, int] = field(default_factory=dict)
    p50_us: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    machine_busy: float = 0.0   # share of the machine's CPU time in use, by anything
    envoys_share: float = 0.0   # share of the machine's CPU time used by this run's Envoys


def _fixed_rate_round(fleet: dict[str, Envoy], names: list[str], settings: Settings,
                      requests: int, workdir: Path, tag: str) -> RoundResult:
    """All variants at `settings.rate` at once, `requests` each; fleet["backend"] is not loaded."""
    result = RoundResult()
    before_counts = {n: _counters(fleet[n]) for n in names}
    before_cpu = {n: _cpu_ns(e.process.pid) for n, e in fleet.items()}
    busy0, total0 = _machine_busy()
    start = time.monotonic()
    logs = {n: workdir / f"h2load-{tag}-{n}.txt" for n in names}
    latency_logs = {n: workdir / f"h2load-{tag}-{n}.requests.tsv" for n in names}
    commands = {n: _h2load(fleet[n].port, settings, requests, latency_logs[n]) for n in names}
    expected = requests / settings.rate
    with _processes(commands, logs) as running:
        _wait_all(running, timeout=3 * expected + 30)
    result.seconds = time.monotonic() - start
    busy1, total1 = _machine_busy()
    after_cpu = {n: _cpu_ns(e.process.pid) for n, e in fleet.items()}
    after_counts = {n: _counters(fleet[n]) for n in names}
    result.machine_busy = (busy1 - busy0) / max(1, total1 - total0)
    jiffy_ns = 1e9 / os.sysconf("SC_CLK_TCK")
    result.envoys_share = (sum(_cpu_delta(before_cpu[n], after_cpu[n]) for n in fleet)
                           / max(1.0, (total1 - total0) * jiffy_ns))
    for n in names:
        result.cpu_ns[n] = _cpu_delta(before_cpu[n], after_cpu[n])
        result.requests[n] = after_counts[n][COMPLETED] - before_counts[n][COMPLETED]
        result.ok[n] = after_counts[n][OK_2XX] - before_counts[n][OK_2XX]
        latencies = _h2load_latencies_us(latency_logs[n])
        result.p50_us[n] = statistics.median(latencies) if latencies else float("nan")
        latency_logs[n].unlink(missing_ok=True)  # large; the summary log stays
    return result


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


def _spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "rounds": values}


def summarise(labels: dict[str, str], rounds: list[RoundResult],
              saturation: dict[str, list[dict]]) -> dict:
    per_variant = {}
    for n, label in labels.items():
        cpu = [r.cpu_ns[n] / r.requests[n] / 1000 for r in rounds]
        added = [r.cpu_ns[n] / r.requests[n] / 1000 - r.cpu_ns["none"] / r.requests["none"] / 1000
                 for r in rounds]
        sat = saturation.get(n, [])
        per_variant[n] = {
            "label": label,
            "cpu_us_per_request": _spread(cpu),
            "added_cpu_us_per_request": _spread(added),
            "requests": sum(r.requests[n] for r in rounds),
            "non_2xx": sum(r.requests[n] - r.ok[n] for r in rounds),
            "p50_us_fixed_rate": statistics.median([r.p50_us[n] for r in rounds]),
            "saturation_rps": statistics.median([s["rps"] for s in sat]) if sat else None,
            "saturation_p50_us": statistics.median([s["p50_us"] for s in sat]) if sat else None,
            "saturation_non_2xx": sum(s.get("non_2xx", 0) for s in sat),
        }
    base_rps = per_variant["none"]["saturation_rps"]
    for entry in per_variant.values():
        entry["rps_vs_none"] = entry["saturation_rps"] / base_rps if base_rps and entry["saturation_rps"] else None

    def ratio(a: str, b: str, what: str = "added_cpu_us_per_request") -> dict:
        per_round = [x / y if y > 0 else float("nan") for x, y in
                     zip(per_variant[a][what]["rounds"], per_variant[b][what]["rounds"])]
        x, y = per_variant[a][what]["median"], per_variant[b][what]["median"]
        return {"of_medians": x / y if y > 0 else None,
                "per_round_min": min(per_round), "per_round_max": max(per_round)}

    ratios = {
        "ratelimit_over_noop_wat_added": ratio("ratelimit", "noop_wat"),
        "ratelimit_over_lua_added": ratio("ratelimit", "lua"),
        "noop_py_over_noop_wat_added": ratio("noop_py", "noop_wat"),
        "noop_py_over_noop_wat_total": ratio("noop_py", "noop_wat", "cpu_us_per_request"),
    }
    return {"variants": per_variant, "ratios": ratios,
            "noise_floor_us": per_variant["none_copy"]["added_cpu_us_per_request"],
            "machine_busy": [r.machine_busy for r in rounds],
            "envoys_share": [r.envoys_share for r in rounds],
            "round_seconds": [r.seconds for r in rounds]}


def run(settings: Settings | None = None, workdir: Path | None = None, log=print) -> dict:
    settings = settings or Settings()
    tools = find_tools()
    for tool, where in tools.items():
        log(f"  {tool}: {where}")
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-envoy-")))
        workdir.mkdir(parents=True, exist_ok=True)
        wasm = build_wasm(workdir)
        chosen = variants(wasm)
        names = [v.key for v in chosen]
        backend = stack.enter_context(envoys({"backend": backend_config()}, workdir))["backend"]
        log(f"  backend: Envoy direct_response on 127.0.0.1:{backend.port}")
        fleet = stack.enter_context(envoys(
            {v.key: variant_config(v, backend.port) for v in chosen}, workdir))
        loaded = {**fleet, "backend": backend}  # CPU read for all, load sent to the variants
        log(f"  {len(fleet)} Envoys up (--concurrency 1): "
            + ", ".join(f"{v.key}:{fleet[v.key].port}" for v in chosen))
        log(f"  warm-up: {settings.warmup_requests} requests each at {settings.rate}/s")
        _fixed_rate_round(loaded, names, settings, settings.warmup_requests, workdir, "warmup")
        rounds = []
        for r in range(settings.rounds):
            result = _fixed_rate_round(loaded, names, settings, settings.round_requests, workdir, str(r))
            rounds.append(result)
            log(f"  round {r + 1}/{settings.rounds}: {result.seconds:.1f} s, machine "
                f"{100 * result.machine_busy:.0f}% busy ({100 * result.envoys_share:.0f}% these Envoys); CPU µs/request "
                + ", ".join(f"{n} {result.cpu_ns[n] / result.requests[n] / 1000:.1f}" for n in names))
        log(f"  saturation: wrk -c{settings.saturation_connections} "
            f"{settings.saturation_seconds:g} s per variant x {settings.saturation_rounds} rounds")
        saturation = _saturation(fleet, names, settings, workdir)
        summary = summarise({v.key: v.label for v in chosen}, rounds, saturation)
        for n, envoy in fleet.items():  # a crashed or restarted Envoy would void its figures
            if envoy.process.poll() is not None:
                raise EnvoyError(f"Envoy {n!r} exited during the run\n{envoy.log_tail()}")
    summary["settings"] = settings.__dict__
    summary["cores"] = os.cpu_count()
    summary["tools"] = tools
    summary["backend"] = "Envoy direct_response (200, 3 bytes), --concurrency 1"
    summary["lua_source"] = LUA_SOURCE.strip()
    summary["ratelimit_config"] = RATELIMIT_CONFIG
    return summary


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    print(json.dumps(run(Settings.quick() if quick else Settings()), indent=2, default=str))
