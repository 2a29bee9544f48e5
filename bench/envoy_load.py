"""The processes of bench/envoy_overhead.py: Envoys started and reaped, load generators (h2load
at a fixed rate, wrk at saturation) and what they and /proc say (CPU per thread, the machine's
busy share, request counters, latencies)."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "tests" / "e2e"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
from envoy_harness import Envoy, EnvoyError, _die_with_parent, find_envoy, write_bootstrap  # noqa: E402

if TYPE_CHECKING:
    from bench.envoy_overhead import Settings

COMPLETED = "http.ingress_http.downstream_rq_completed"
OK_2XX = "http.ingress_http.downstream_rq_2xx"


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
