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

By job: bench/envoy_variants.py (the variants and their Envoy configuration),
bench/envoy_load.py (Envoys, load generators, /proc), bench/envoy_stats.py (the figures);
this module runs the rounds. It keeps the names bench/run.py, bench/sidebyside.py and
bench/perf_split.py use.
"""
from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
from bench.envoy_load import (  # noqa: E402
    COMPLETED, OK_2XX, Envoy, EnvoyError, _counters, _cpu_delta, _cpu_ns, _die_with_parent, _h2load,
    _h2load_latencies_us, _machine_busy, _parse_wrk, _processes, _wait_all, envoys, find_envoy,
    find_tools)
from bench.envoy_stats import _resampled, summarise  # noqa: E402
from bench.envoy_variants import (  # noqa: E402
    LUA_SOURCE, RATELIMIT_CONFIG, Variant, backend_config, build_wasm, variant_config, variants,
    wasm_filter)

# names other tools use: they stay importable from here
__all__ = ["Settings", "run", "Variant", "variants", "build_wasm", "wasm_filter", "backend_config",
           "variant_config", "RATELIMIT_CONFIG", "LUA_SOURCE", "envoys", "find_envoy", "find_tools",
           "_die_with_parent", "_h2load", "_processes", "_counters", "COMPLETED", "OK_2XX",
           "_resampled", "summarise"]


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
