"""The figures of bench/envoy_overhead.py: per variant CPU per request and its added cost over
the no-filter Envoy (medians, interquartile range), ratios of added costs, each with a
bootstrap 90% interval that resamples whole rounds (pairing kept)."""
from __future__ import annotations

import math
import random
import statistics
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.envoy_overhead import Interval


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
