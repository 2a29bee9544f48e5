"""A few Envoy variants side by side, for experiments (bench/envoy_overhead.py's method).

    python bench/sidebyside.py noop_wat hostcalls_wat ratelimit --rounds 12
    python bench/sidebyside.py noop_wat hostcalls_wat ratelimit c_limiter --rounds 20 --round-seconds 3
    python bench/sidebyside.py ratelimit --extra mine=/tmp/main.wasm --rounds 12

Variants are envoy_overhead's keys (`none` always runs: the added cost is against it);
`--extra NAME=PATH` adds a module configured like the rate limiter. Prints each
variant's added CPU µs/request (median [90% interval]), every paired difference between
them, and the ratios of added costs envoy_overhead names (e.g. c_limiter_over_noop_wat_added).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import envoy_overhead  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="*")
    parser.add_argument("--extra", action="append", default=[], metavar="NAME=PATH")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--round-seconds", type=float, default=3.0)
    parser.add_argument("--warmup", type=float, default=8.0)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument("--json", type=Path, help="also write the whole summary here")
    args = parser.parse_args(argv)
    extra = dict(item.split("=", 1) for item in args.extra)
    settings = envoy_overhead.Settings(rate=args.rate, warmup_seconds=args.warmup, rounds=args.rounds,
                                       round_seconds=args.round_seconds, saturation_rounds=0)
    summary = envoy_overhead.run(settings, only=args.variants,
                                 extra={k: Path(v).resolve() for k, v in extra.items()})
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2, default=str))
    print(table(summary))
    return 0


def table(summary: dict) -> str:
    v = summary["variants"]
    lines = [f"{summary['rounds']} rounds of {summary['round_seconds']:.1f} s; machine busy "
             f"{summary['machine_busy']['median'] * 100:.0f}%",
             f"{'variant':<24} {'CPU µs/req':>10} {'added':>7}  90% interval"]
    for key, e in v.items():
        a = e["added_cpu_us_per_request"]
        lines.append(f"{key:<24} {e['cpu_us_per_request']['median']:>10.1f} {a['median']:>7.1f}  "
                     f"[{a['ci90'][0]:.1f}, {a['ci90'][1]:.1f}]")
    cpu = summary["per_round_cpu_us"]
    keys = [k for k in v if k != "none"]
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:  # paired per round, like the added cost against `none`
            diff = [y - x for x, y in zip(cpu[a], cpu[b])]
            low, high = envoy_overhead._resampled({"d": diff}, lambda m: m["d"])
            lines.append(f"  {b} - {a}: {statistics.median(diff):+.1f} µs [{low:+.1f}, {high:+.1f}]")
    for name, r in summary["ratios"].items():  # those envoy_overhead knows, of the variants run
        lines.append(f"  {name}: {r['value']:.2f}× [{r['ci90'][0]:.2f}, {r['ci90'][1]:.2f}]")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
