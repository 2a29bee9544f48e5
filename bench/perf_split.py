"""Where a wasm filter's Envoy CPU goes: `perf` call stacks of Envoys under load, split.

    python bench/perf_split.py noop_wat hostcalls_wat ratelimit [--seconds 30]
    python bench/perf_split.py ratelimit --extra mine=/tmp/main.wasm

Every variant (envoy_overhead's keys, `none` always; `--extra NAME=PATH` modules are
configured like the rate limiter) runs in its own Envoy at the same fixed rate while
`perf record -g -e cpu-clock` samples each one (Envoy has frame pointers; its binary has
no symbols, V8's JIT code none either, so the split is by call-stack shape):

    wasm code       the sample is in JIT code (the module's own instructions)
    copy-out        inside a host call, Envoy calling back into wasm (proxy_on_memory_allocate
                    for the data a host call returns): V8's entry and the allocator
    host calls      inside a host call made by wasm, the rest (Envoy's work for the call,
                    V8's C-API wrapper); per host-call wrapper too (`host 0x...`, an address
                    in the Envoy binary: one wrapper per ABI signature)
    callback entry  V8 entering and leaving wasm for a callback, outside the wasm code
    rest of Envoy   everything else (HTTP, sockets, kernel): the same for every variant but
                    for cache effects and noise

Figures are µs per request (samples / rate / requests). One run, one sampling: compare
variants of the same run only. Needs `perf` with call graphs (root or perf_event_paranoid <= 1).
"""
from __future__ import annotations

import argparse
import bisect
import collections
import contextlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import envoy_overhead as eo  # noqa: E402

FREQUENCY = 4999  # samples/s per Envoy
PARTS = ("wasm code", "copy-out", "host calls", "callback entry", "rest of Envoy")


def record(keys: list[str], extra: dict[str, Path], seconds: float, work: Path) -> dict[str, int]:
    """Run the fleet, perf-record every Envoy for `seconds`; returns requests served each."""
    with contextlib.ExitStack() as stack:
        wasm = eo.build_wasm(work)
        chosen = [v for v in eo.variants(wasm) if v.key in keys or v.key == "none"]
        chosen += [eo.Variant(n, n, (eo.wasm_filter(n, p, eo.RATELIMIT_CONFIG),)) for n, p in extra.items()]
        backend = stack.enter_context(eo.envoys({"backend": eo.backend_config()}, work))["backend"]
        fleet = stack.enter_context(eo.envoys({v.key: eo.variant_config(v, backend.port) for v in chosen},
                                              work))
        settings = eo.Settings()
        load = {n: eo._h2load(e.port, settings, int(settings.rate * (seconds + 10)), None)
                for n, e in fleet.items()}
        with eo._processes(load, {n: work / f"h2load-{n}.txt" for n in fleet}):
            time.sleep(5)  # connections up, V8 warm
            before = {n: eo._counters(e)[eo.COMPLETED] for n, e in fleet.items()}
            perfs = [subprocess.Popen(["perf", "record", "-q", "-g", "-F", str(FREQUENCY), "-e", "cpu-clock",
                                       "-p", str(e.process.pid), "-o", str(work / f"{n}.perf"),
                                       "--", "sleep", str(seconds)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for n, e in fleet.items()]
            for p in perfs:
                p.wait()
            return {n: eo._counters(e)[eo.COMPLETED] - before[n] for n, e in fleet.items()}


class Functions:
    """Function start addresses of a stripped binary, from its .eh_frame (one FDE a function)."""

    def __init__(self, binary: str) -> None:
        out = subprocess.run(["readelf", "--debug-dump=frames", binary], capture_output=True, text=True).stdout
        ranges = sorted((int(lo, 16), int(hi, 16)) for lo, hi in
                        re.findall(r"FDE cie=[0-9a-f]+ pc=([0-9a-f]+)\.\.([0-9a-f]+)", out))
        self.starts = [lo for lo, _ in ranges]
        self.ends = [hi for _, hi in ranges]

    def of(self, address: int) -> str:
        i = bisect.bisect_right(self.starts, address) - 1
        return f"{self.starts[i]:x}" if i >= 0 and address < self.ends[i] else f"?{address:x}"


_functions: dict[str, Functions] = {}


def stacks(perf_data: Path) -> list[list[str]]:
    """Each sample's frames, leaf first: 'jit', 'kernel', or the function of an Envoy frame."""
    out = subprocess.run(["perf", "script", "-i", str(perf_data), "-F", "ip,dso"],
                         capture_output=True, text=True, check=True).stdout
    samples = []
    for block in out.split("\n\n"):
        frames = []
        for line in block.strip().splitlines():
            words = line.split()
            if not words:
                continue
            dso = words[-1]
            frames.append("jit" if "perf-" in dso and ".map" in dso else
                          "kernel" if "kernel" in dso else envoy_function(dso, words[0]) if "envoy" in dso
                          else "other")
        if frames:
            samples.append(frames)
    return samples


def envoy_function(dso: str, ip: str) -> str:
    binary = dso.strip("()")
    if binary not in _functions:
        _functions[binary] = Functions(binary)
    return _functions[binary].of(int(ip, 16))


def split(samples: list[list[str]]) -> tuple[collections.Counter, collections.Counter]:
    """Samples per part, and per host-call wrapper (frame two below wasm: the C-API
    wrapper, then the ABI signature's)."""
    entry = collections.Counter(f[max(i for i, x in enumerate(f) if x == "jit") + 1]
                                for f in samples if "jit" in f and f[-1] != "jit")
    entry_fn = entry.most_common(1)[0][0] if entry else None  # V8's call into wasm
    parts: collections.Counter = collections.Counter()
    wrappers: collections.Counter = collections.Counter()
    for frames in samples:
        jits = [i for i, x in enumerate(frames) if x == "jit"]
        if not jits:
            parts["callback entry" if entry_fn in frames else "rest of Envoy"] += 1
        elif jits[0] == 0:
            parts["wasm code"] += 1
        else:
            leafward = frames[:jits[0]]  # frames inside the innermost wasm frame's host call
            parts["copy-out" if entry_fn in leafward else "host calls"] += 1
            if jits[0] >= 2:
                wrappers[f"host {frames[jits[0] - 2]}"] += 1
    return parts, wrappers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    extra = {k: Path(v).resolve() for k, v in (item.split("=", 1) for item in args.extra)}
    with tempfile.TemporaryDirectory(prefix="perf-split-") as tmp:
        work = Path(tmp)
        served = record(args.variants, extra, args.seconds, work)
        rows = {n: split(stacks(work / f"{n}.perf")) for n in served}
    scale = {n: 1e6 / FREQUENCY / max(1, served[n]) for n in served}
    print(f"µs of Envoy CPU per request, {args.seconds:g} s of perf at {FREQUENCY} Hz "
          f"({min(served.values()):,}+ requests each)")
    print(f"{'variant':<16}" + "".join(f"{p:>15}" for p in (*PARTS, "total")))
    for n, (parts, _) in rows.items():
        print(f"{n:<16}" + "".join(f"{parts[p] * scale[n]:>15.2f}" for p in PARTS)
              + f"{sum(parts.values()) * scale[n]:>15.2f}")
    for n, (_, wrappers) in rows.items():
        if wrappers:
            print(f"  {n}: " + ", ".join(f"{w} {c * scale[n]:.2f}" for w, c in wrappers.most_common(6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
