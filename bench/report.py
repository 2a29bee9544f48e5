"""Write the figures: results.json, a Markdown table, the PNG plot, and the README section.

Every number a reader sees in README.md, docs/benchmarks.md and bench/results.md
is produced here from results.json: nothing is typed by hand. The generated
Markdown goes between the markers below; the text around them is left alone.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
SIZE_GOAL_BYTES = 16 * 1024
ORDER = ("none", "none_copy", "local_rl", "lua", "noop_wat", "noop_py", "noop_sdk", "hostcalls_wat",
         "c_limiter", "ratelimit_baseline", "ratelimit")
FUEL_OVER_C_GOAL = 2.0  # issue 12: the rate limiter's fuel per request twice hand-written C's


def _num(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def _ratio(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}×"


def _verdict(ratio: dict, limit: float) -> str:
    """'yes' / 'no' when the whole 90% interval is on one side of the limit, else 'unclear'."""
    low, high = ratio["ci90"]
    if high <= limit:
        return "yes"
    if low > limit:
        return "**no**"
    return "unclear (interval spans the goal)" if ratio["value"] <= limit else "**no** (within noise)"


def _ratio_text(ratio: dict) -> str:
    low, high = ratio["ci90"]
    return f"{_ratio(ratio['value'])} (90% interval {_ratio(low)}–{_ratio(high)})"


def goals(results: dict) -> list[dict]:
    """The issue's goals, each with its measured figure and a verdict."""
    out = []
    size = results.get("size", {}).get("main.wasm")
    if size:
        out.append({"goal": "main.wasm under 16 KB", "measured": f"{size['total']:,} bytes",
                    "met": "yes" if size["total"] < SIZE_GOAL_BYTES else "**no**"})
    c = results.get("fuel", {}).get("c_limiter")
    if c:
        many = c["many_clients"]
        over = many["ours_over_c"]
        out.append({"goal": f"rate limiter's fuel per request ≤ {FUEL_OVER_C_GOAL:g}× the hand-written C "
                            "limiter's (bench/c_limiter; mean over many clients)",
                    "measured": "; ".join(f"{kind} {many['ours'][kind]:,} vs {many['c'][kind]:,}: "
                                          f"{_ratio(over[kind])}" for kind in ("allowed", "limited")),
                    "met": "yes" if max(over.values()) <= FUEL_OVER_C_GOAL else "**no**"})
    envoy = results.get("envoy", {})
    if "ratios" in envoy:
        r, v = envoy["ratios"], envoy["variants"]
        added = {k: v[k]["added_cpu_us_per_request"]["median"] for k in v}
        out.append({"goal": "rate limiter's added Envoy CPU/request ≤ 1.2× the no-op WAT filter's",
                    "measured": _ratio_text(r["ratelimit_over_noop_wat_added"]),
                    "met": _verdict(r["ratelimit_over_noop_wat_added"], 1.2)})
        out.append({"goal": "rate limiter's added Envoy CPU/request below the Lua filter's",
                    "measured": f"{_num(added['ratelimit'])} vs {_num(added['lua'])} µs: "
                                + _ratio_text(r["ratelimit_over_lua_added"]),
                    "met": _verdict(r["ratelimit_over_lua_added"], 1.0)})
        out.append({"goal": "no-op Python filter's added CPU/request within 1.05× of the no-op WAT's",
                    "measured": _ratio_text(r["noop_py_over_noop_wat_added"])
                    + f"; {_num(added['noop_py'] - added['noop_wat'])} µs apart; "
                      f"whole Envoy CPU/request {_ratio(r['noop_py_over_noop_wat_total']['value'])}",
                    "met": _verdict(r["noop_py_over_noop_wat_added"], 1.05)})
        if "ratelimit_over_hostcalls_wat_added" in r:
            out.append({"goal": "rate limiter's added Envoy CPU/request vs its host-call floor (the same "
                                "host calls and callbacks, by hand in WAT: bench/wasm/hostcalls.wat)",
                        "measured": f"{_num(added['ratelimit'])} vs {_num(added['hostcalls_wat'])} µs: "
                                    + _ratio_text(r["ratelimit_over_hostcalls_wat_added"])
                                    + "; the floor itself vs the no-op WAT: "
                                    + _ratio_text(r["hostcalls_wat_over_noop_wat_added"]),
                        "met": "reported"})
        if "ratelimit_over_c_limiter_added" in r:
            out.append({"goal": "rate limiter's added Envoy CPU/request vs the hand-written C limiter's "
                                "(the same job and host calls: bench/c_limiter)",
                        "measured": f"{_num(added['ratelimit'])} vs {_num(added['c_limiter'])} µs: "
                                    + _ratio_text(r["ratelimit_over_c_limiter_added"])
                                    + "; the C limiter itself vs the no-op WAT: "
                                    + _ratio_text(r["c_limiter_over_noop_wat_added"]),
                        "met": "reported"})
    return out


def _goals_table(results: dict) -> list[str]:
    out = ["| goal | measured | met |", "|---|---|---|"]
    out += [f"| {g['goal']} | {g['measured']} | {g['met']} |" for g in results["goals"]]
    return out


def envoy_table(envoy: dict, soak_beside: bool = False) -> str:
    v = envoy["variants"]
    noise = envoy["noise_floor_us"]
    s = envoy["settings"]
    lines = [
        f"Envoy CPU per request with {s['rate']} requests/s going to every variant at once "
        f"({s['connections']} connections each), {envoy['rounds']} rounds of "
        f"{s['round_seconds']:g} s: median (interquartile range). *Added* is the "
        f"variant's CPU/request minus the no-filter Envoy's in the same round: median "
        f"[bootstrap 90% interval]. The identical no-filter copy shows the noise floor: "
        f"{_num(noise['median'])} µs [{_num(noise['ci90'][0])}, {_num(noise['ci90'][1])}].",
        "",
        "| variant | Envoy CPU µs/request | added µs/request | p50 at fixed rate | "
        "req/s at saturation | vs no filter |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for key in ORDER:
        if key not in v:
            continue
        e = v[key]
        cpu, added = e["cpu_us_per_request"], e["added_cpu_us_per_request"]
        added_text = ("–" if key == "none" else
                      f"{_num(added['median'])} [{_num(added['ci90'][0])}, {_num(added['ci90'][1])}]")
        lines.append(
            f"| {e['label']} | {_num(cpu['median'])} ({_num(cpu['p25'])}–{_num(cpu['p75'])}) "
            f"| {added_text} | {_num(e['p50_us_fixed_rate'] / 1000, 2)} ms "
            f"| {_num(e['saturation_rps'], 0)} | {_ratio(e['rps_vs_none'])} |")
    busy, share = envoy["machine_busy"], envoy["envoys_share"]
    lines += ["", f"Machine CPU in use while measuring: {busy['median'] * 100:.0f}% of "
              f"{envoy.get('cores', '?')} cores (median over rounds), of which these Envoys "
              f"{share['median'] * 100:.0f}%; the rest is everything else on the machine"
              + (" (this run's emulator soak among it)" if soak_beside else "")
              + ", which hits every variant alike. "
              + (f"Saturation: `wrk -c{s['saturation_connections']}` for "
                 f"{s['saturation_seconds']:g} s, one variant at a time, median of "
                 f"{s['saturation_rounds']} rotated rounds (a cross-check, noisier than the CPU figures)."
                 if s.get("saturation_rounds") else "No saturation cross-check in this run.")]
    return "\n".join(lines)


def _soak_beside(results: dict) -> bool:
    memory = results.get("fuel", {}).get("memory", {})
    return "requests" in memory


def size_table(size: dict) -> str:
    lines = ["| module | total | code | data | names | other | code: runtime / SDK / filter |",
             "|---|--:|--:|--:|--:|--:|--:|"]
    for label, m in size.items():
        sec = m["sections"]
        code, data, names = sec.get("code", 0), sec.get("data", 0), sec.get("custom:name", 0)
        parts = m["parts"]
        split = " / ".join(_num(parts.get(p, {}).get("code"), 0) for p in ("runtime", "SDK", "filter"))
        lines.append(f"| {label} | {m['total']:,} | {code:,} | {data:,} | {names:,} | "
                     f"{m['total'] - code - data - names:,} | {split} |")
    return "\n".join(lines)


def fuel_section(fuel: dict) -> str:
    if "skipped" in fuel:
        return f"Skipped: {fuel['skipped']}."
    lifecycle = ["proxy_on_context_create", "proxy_on_request_headers", "proxy_on_request_body",
                 "proxy_on_response_headers", "proxy_on_response_body", "proxy_on_log",
                 "proxy_on_done", "proxy_on_delete"]
    c = fuel.get("c_limiter")
    tables = [("", fuel)] + ([("hand-written C: ", c["per_request"])] if c else [])
    seen = {name for _, t in tables for per_callback in t["fuel"].values() for name in per_callback}
    columns = [name for name in lifecycle if name in seen] + sorted(seen - set(lifecycle))
    lines = [f"Configuration `{fuel['config']}`. Fuel (wasmtime) per callback of one request"
             + (" (ours, then the hand-written C limiter's):" if c else ":"), "",
             "| request | " + " | ".join(name.removeprefix("proxy_on_") for name in columns) + " | total |",
             "|---|" + "--:|" * (len(columns) + 1)]
    for prefix, t in tables:
        for kind, per_callback in t["fuel"].items():
            lines.append(f"| {prefix}{kind.replace('_', ' ')} | "
                         + " | ".join(f"{per_callback.get(name, 0):,}" for name in columns)
                         + f" | {t['fuel_total'][kind]:,} |")
    if c:
        lines += ["", *c_fuel_table(c)]
    m = fuel.get("memory", {"skipped": "not run"})
    if "skipped" in m:
        return "\n".join(lines + ["", f"Memory soak: {m['skipped']}."])
    passed, rejected = m["statuses"].get("200", m["statuses"].get(200, 0)), m["statuses"].get("429", m["statuses"].get(429, 0))
    lines += ["", f"Memory after {m['requests']:,} requests over {m['clients']:,} clients "
              f"(round-robin, {m['seconds']:.0f} s in the emulator): {m['pages_after']} pages of "
              f"64 KiB (at start: {m['pages_at_start']})."]
    lines[-1] += f" Of those requests {passed:,} passed and {rejected:,} were rejected"
    if passed > 3 * m["clients"]:
        lines[-1] += (" (more than 3 per client pass: there are more clients than the filter's "
                      "`maxClients` tracks by default, and a forgotten client starts a new window)")
    lines[-1] += "."
    if m.get("stopped_at_budget"):
        lines[-1] += (f" The soak stopped at its time budget, short of the planned "
                      f"{m['requests_planned']:,} requests.")
    return "\n".join(lines)


def c_fuel_table(c: dict) -> list[str]:
    """Ours beside the hand-written C limiter: mean fuel per request over many clients."""
    many = c["many_clients"]
    ours, theirs, over = many["ours"], many["c"], many["ours_over_c"]
    return [f"Mean fuel per request over {ours['clients']:,} clients × {ours['requests_per_client']} "
            "requests, round-robin (3 allowed, the rest limited, per client), the same harness for "
            f"both; the C limiter is `{c['module']}` ({c['bytes']:,} bytes, bench/c_limiter/build.sh):", "",
            "| module | allowed | limited |", "|---|--:|--:|",
            f"| rate limiter (main.wasm) | {ours['allowed']:,} | {ours['limited']:,} |",
            f"| hand-written C limiter | {theirs['allowed']:,} | {theirs['limited']:,} |",
            f"| ours ÷ C (issue 12: ≤ {FUEL_OVER_C_GOAL:g}×) | {_ratio(over['allowed'])} | {_ratio(over['limited'])} |"]


def compare_section(results: dict) -> list[str]:
    """Before/after against issue 12's targets (bench/compare.py), when that part ran."""
    figures = results.get("compare")
    if not figures:
        return []
    if "skipped" in figures:
        return [f"Before and after: skipped ({figures['skipped']}).", ""]
    from bench import compare
    return [compare.table(figures), ""]


def global_section(figures: dict) -> str:
    """bench/global_mode.py's figures, one line each."""
    if "skipped" in figures:
        return f"Skipped: {figures['skipped']}."
    lines = ["Two Envoys in global mode over the test rate-limit service and Redis "
             "(method: docs/deployment.md, Many replicas):", ""]
    for name, value in figures.items():
        if isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()):
            for sub, inner in value.items():
                lines.append(f"- {name}, {sub}: " + ", ".join(f"{k} {v}" for k, v in inner.items()))
        elif isinstance(value, dict):
            lines.append(f"- {name}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        else:
            lines.append(f"- {name}: {value}")
    return "\n".join(lines)


def summary_markdown(results: dict) -> str:
    """The short form for README.md: before/after with the targets, goals, then the Envoy table."""
    out = compare_section(results)
    if results.get("goals"):
        out += [*_goals_table(results), ""]
    if "envoy" in results and "variants" in results["envoy"]:
        out += [envoy_table(results["envoy"], _soak_beside(results)), ""]
    also = []
    m = results.get("size", {}).get("main.wasm")
    if m:
        sec = m["sections"]
        also.append(f"`main.wasm` {m['total']:,} bytes (code {sec.get('code', 0):,}, data "
                    f"{sec.get('data', 0):,}, names {sec.get('custom:name', 0):,})")
    ct = results.get("compile_time")
    if ct and "build_py_s" in ct:
        also.append(f"`python build.py` {ct['build_py_s'] * 1000:.0f} ms")
    fuel = results.get("fuel", {})
    if "fuel_total" in fuel:
        t = fuel["fuel_total"]
        also.append(f"fuel per request {t['passed_known_client']:,} passed / {t['rejected']:,} "
                    "rejected (host emulator)")
        mem = fuel.get("memory", {})
        if "requests" in mem:
            also.append(f"{mem['pages_after']} memory pages after {mem['requests']:,} requests "
                        f"over {mem['clients']:,} clients")
    if also:
        out += ["Also: " + "; ".join(also) + ".", ""]
    out.append(f"Generated by `{results['command']}` on {results['generated']} "
               f"({results['machine']['summary']}); details in "
               "[docs/benchmarks.md](docs/benchmarks.md).")
    return "\n".join(out)


def full_markdown(results: dict) -> str:
    out = ["# Benchmark results", "",
           f"Generated by `python bench/run.py` on {results['generated']}"
           f"{' (--quick)' if results.get('quick') else ''}; machine: {results['machine']['summary']}.", ""]
    if results.get("compare"):
        out += ["## Before and after", "", *compare_section(results)]
    if results.get("goals"):
        out += ["## Goals", "", *_goals_table(results), ""]
    envoy = results.get("envoy", {})
    out += ["## Envoy overhead", ""]
    out += [envoy_table(envoy, _soak_beside(results)) if "variants" in envoy else f"Skipped: {envoy.get('skipped', 'not run')}.", ""]
    if "variants" in envoy:
        out += ["![Envoy CPU per request](../docs/benchmarks.png)", ""]
    if "size" in results:
        out += ["## Module size (bytes)", "", size_table(results["size"]), "",
                "Code per part is the function bodies named `rt.*`/traps/export "
                "glue (runtime), `abi.*` (SDK) and the filter's own modules; names is the `name` "
                "section (so that backtraces name Python functions); other is every other section "
                "(type, import, function, memory, global, export, start) and the 8-byte header.", ""]
    ct = results.get("compile_time")
    if ct:
        out += ["## Compile time", "",
                f"`{ct['command']}`: {_num(ct['build_py_s'] * 1000, 0)} ms wall (median of "
                f"{ct['repeats']}, a new interpreter each time, nothing changed since the previous build)"
                + (f", {_num(ct['build_py_edited_s'] * 1000, 0)} ms after an edit of one filter module"
                   if "build_py_edited_s" in ct else "")
                + (f", {_num(ct['build_py_cold_s'] * 1000, 0)} ms with an empty cache directory"
                   if "build_py_cold_s" in ct else "")
                + f"; the compiler alone (`compile_file`, warm): {_num(ct['compile_s'] * 1000, 0)} ms.", ""]
    out += ["## Wasm work per request (host emulator)", "", fuel_section(results.get("fuel", {"skipped": "not run"})), ""]
    if "global_mode" in results:
        out += ["## Global mode", "", global_section(results["global_mode"]), ""]
    return "\n".join(out)


def plot(envoy: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    v = envoy["variants"]
    keys = [k for k in ORDER if k in v]
    labels = [v[k]["label"] for k in keys]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, field, title in ((axes[0], "cpu_us_per_request", "Envoy CPU per request (µs)"),
                             (axes[1], "added_cpu_us_per_request", "added over no filter (µs)")):
        med = [v[k][field]["median"] for k in keys]
        low = [m - v[k][field]["p25"] for m, k in zip(med, keys)]
        high = [v[k][field]["p75"] - m for m, k in zip(med, keys)]
        colors = ["#999999" if k.startswith("none") else "#4477aa" if k in ("local_rl", "lua", "c_limiter")
                  else "#66aa55" if k.startswith("noop") else "#cc6644" for k in keys]
        ax.barh(range(len(keys)), med, xerr=[low, high], color=colors, capsize=3)
        pad = max(1e-9, max(v[k][field]["p75"] for k in keys)) * 0.02
        for i, (m, k) in enumerate(zip(med, keys)):
            ax.text(max(v[k][field]["p75"], 0) + pad, i, f"{m:.1f}", va="center", fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_yticks(range(len(keys)), labels)
    axes[0].invert_yaxis()
    s = envoy["settings"]
    fig.suptitle(f"Envoy 1.40, --concurrency 1, {s['rate']} req/s to each variant at once; "
                 f"median of {envoy['rounds']} rounds of {s['round_seconds']:g} s, "
                 "bars: interquartile range", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def insert_between_markers(path: Path, generated: str) -> bool:
    """Replace what lies between the bench markers in `path`, each alone on its line (a
    marker quoted inside a sentence is left alone); False if it has no such markers."""
    lines = path.read_text().split("\n")
    try:
        start = lines.index(START)
        end = lines.index(END, start + 1)
    except ValueError:
        return False
    path.write_text("\n".join([*lines[:start + 1], generated.rstrip(), *lines[end:]]))
    return True


def write(results: dict, out_dir: Path, plot_path: Path, docs: list[Path]) -> list[Path]:
    """results.json and results.md in out_dir, the plot, and the generated parts of `docs`."""
    results["goals"] = goals(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    (out_dir / "results.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    written.append(out_dir / "results.json")
    if "variants" in results.get("envoy", {}):
        try:
            plot(results["envoy"], plot_path)
            written.append(plot_path)
        except ImportError as err:
            print(f"no plot: {err} (install the bench extra: pip install -e '.[bench]')")
    markdown = full_markdown(results)
    if plot_path.parent != out_dir.parent / "docs":  # the image link is relative to bench/
        markdown = markdown.replace("../docs/benchmarks.png", str(plot_path.resolve()))
    (out_dir / "results.md").write_text(markdown + "\n")
    written.append(out_dir / "results.md")
    for doc in docs:
        generated = summary_markdown(results) if doc.name == "README.md" else _doc_body(results)
        if insert_between_markers(doc, generated):
            written.append(doc)
    return written


def _doc_body(results: dict) -> str:
    """For docs/benchmarks.md: the full results, links adjusted to docs/."""
    body = full_markdown(results).split("\n", 2)[2]  # without the "# Benchmark results" title
    return body.replace("../docs/benchmarks.png", "benchmarks.png").replace("## ", "### ")


if __name__ == "__main__":
    import sys
    data = json.loads(Path(sys.argv[1]).read_text())
    print(full_markdown(data))
