"""Before and after in one run: a baseline build (a git ref, bench/baseline.py) and the
current build, measured side by side on this machine, with issue 12's targets printed
beside the figures (never asserted).

Per build: the rate limiter's fuel per allowed and per limited request over many
clients, its startup fuel (instantiation through proxy_on_configure), main.wasm's bytes
(code, data and name sections), `python build.py`'s wall time, and the fuel of one
request through each SDK example (bench/examples.py). Beside them, the same figures of
the hand-written C limiter (bench/c_limiter, committed), the comparator issue 12's
targets name ("twice hand-written C").
"""
from __future__ import annotations

import time
from pathlib import Path

from bench import baseline as baselines
from bench import examples, fuel, size

KB = 1024
# (key, label, target text, met(current value) or None when the figure has no target)
ROWS = [
    ("allowed", "rate limiter fuel per allowed request", "≤ 5,000 (stretch ≤ 3,000)", lambda v: v <= 5000),
    ("limited", "rate limiter fuel per limited request", "≤ 6,500", lambda v: v <= 6500),
    ("startup", "startup fuel (instantiate → on_configure)", "reported", None),
    ("startup_instantiate", "  of which the start function", "", None),
    ("startup_configure", "  of which proxy_on_configure", "", None),
    ("bytes", "main.wasm bytes", "≤ 16 KB = 16,384 (stretch ≤ 12 KB)", lambda v: v <= 16 * KB),
    ("code", "  code section", "", None),
    ("data", "  data section", "", None),
    ("names", "  name section", "", None),
    ("build_ms", "`python build.py` ms after an edit of the filter", "< 1,000", lambda v: v < 1000),
    ("envoy_ratio", "Envoy CPU added per request ÷ the no-op WAT filter's [90% interval]", "≤ 1.5×",
     lambda v: v <= 1.5),
]


def measure(build: baselines.Build, clients: int) -> dict:
    """The figures of one build (its build.py times are taken beforehand, alternating)."""
    sizes = size.measure(build.main_wasm.read_bytes())
    sections = sizes["sections"]
    try:  # reads the emulator's runner from inside: if that changes, lose this figure only
        start = fuel.startup(build.main_wasm.read_bytes())
    except Exception as err:  # noqa: BLE001
        start = {"fuel": {}, "total": None, "error": f"{type(err).__name__}: {err}"}
    many = fuel.many_clients(build.main_wasm, clients=clients)
    return {
        "label": build.label,
        "allowed": many["allowed"], "limited": many["limited"], "clients": many["clients"],
        "startup": start["total"], "startup_steps": start["fuel"], "startup_error": start.get("error"),
        "startup_instantiate": start["fuel"].get("instantiate"),
        "startup_configure": start["fuel"].get("proxy_on_configure"),
        "bytes": sizes["total"], "code": sections.get("code", 0), "data": sections.get("data", 0),
        "names": sections.get("custom:name", 0),
        "build_ms": round(build.build_py_s * 1000) if build.build_py_s is not None else None,
        "build_py_runs_s": build.build_py_runs_s,
        "examples": examples.run(build.examples),
        "examples_from_current_source": build.borrowed,
    }


def measure_c(clients: int) -> dict:
    """The hand-written C limiter's figures in the same harness (bench/c_limiter: no build,
    the module is committed): a third column beside the two builds."""
    wasm = fuel.C_LIMITER.read_bytes()
    sections = size.measure(wasm)["sections"]
    start = fuel.startup(wasm)
    many = fuel.many_clients(fuel.C_LIMITER, clients=clients)
    return {"label": "hand-written C", "allowed": many["allowed"], "limited": many["limited"],
            "startup": start["total"], "startup_instantiate": start["fuel"].get("instantiate"),
            "startup_configure": start["fuel"].get("proxy_on_configure"), "bytes": len(wasm),
            "code": sections.get("code", 0), "data": sections.get("data", 0),
            "names": sections.get("custom:name", 0)}


def run(ref: str, work: Path, quick: bool, log=print) -> tuple[dict, Path]:
    """Both builds measured; returns the figures and the baseline's main.wasm (for Envoy)."""
    base, current = baselines.prepare(ref, work, log)
    repeats = 1 if quick else 5
    started = time.perf_counter()
    baselines.time_build_py([base, current], repeats, work)
    log(f"  python build.py timed {repeats}× in each tree: {time.perf_counter() - started:.1f} s")
    clients = 100 if quick else 1000
    started = time.perf_counter()
    figures = {"ref": ref, "baseline": measure(base, clients), "current": measure(current, clients),
               "c_limiter": measure_c(clients)}
    log(f"  both builds measured in the emulator: {time.perf_counter() - started:.1f} s")
    return figures, base.main_wasm


def add_envoy(figures: dict, envoy: dict) -> None:
    """The Envoy part's added-CPU ratios (ours ÷ no-op WAT), per build and for the C
    limiter, when it ran."""
    ratios = envoy.get("ratios", {})
    for side, key in (("current", "ratelimit_over_noop_wat_added"),
                      ("baseline", "ratelimit_baseline_over_noop_wat_added"),
                      ("c_limiter", "c_limiter_over_noop_wat_added")):
        if key in ratios and side in figures:
            figures[side]["envoy_ratio"] = ratios[key]["value"]
            figures[side]["envoy_ratio_ci90"] = ratios[key]["ci90"]


def _cell(key: str, value, interval: list[float] | None = None) -> str:
    if value is None:
        return "–"
    if key == "envoy_ratio":
        return f"{value:.2f}×" + (f" [{interval[0]:.2f}, {interval[1]:.2f}]" if interval else "")
    return f"{value:,}"


def _change(before, after) -> str:
    if not before or after is None or before is None:
        return "–"
    return f"{after / before:.2f}×"


def table(figures: dict) -> str:
    """Markdown: the targets table, then the examples' fuel per request."""
    base, cur = figures["baseline"], figures["current"]
    c = figures.get("c_limiter")  # absent from results written before it existed
    lines = [f"Before ({base['label']}) and after (the current tree), built each by its own compiler and "
             f"measured here in one run. Rate limiter: `{fuel.REFERENCE_CONFIG.decode()}`, "
             f"{cur['clients']:,} clients × 5 requests, round-robin (3 allowed, 2 limited each), "
             "mean fuel per request over its whole lifecycle. Targets from issue 12, not asserted."
             + (" Beside them the hand-written C limiter (bench/c_limiter: the same job and host calls, "
                "committed, built by clang 14) in the same harness." if c else ""), "",
             f"| figure | {base['label']} | current | current ÷ baseline |"
             + (" hand-written C | current ÷ C |" if c else "") + " target | met now |",
             "|---|--:|--:|--:|" + ("--:|--:|" if c else "") + "---|---|"]
    for key, label, target, met in ROWS:
        before, after = base.get(key), cur.get(key)
        if before is None and after is None:
            continue
        verdict = "" if met is None or after is None else ("yes" if met(after) else "no")
        cells = [_cell(key, f.get(key), f.get(f"{key}_ci90")) for f in (base, cur)]
        beside_c = ""
        if c:
            beside_c = f" {_cell(key, c.get(key), c.get(f'{key}_ci90'))} | {_change(c.get(key), after)} |"
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {_change(before, after)} |{beside_c}"
                     f" {target} | {verdict} |")
    lines += ["", "Fuel of one request through each SDK example (tests/sdk/filters/, the second request "
              "through a fresh plugin; every callback it causes, on any VM):", "",
              f"| example | request | {base['label']} | current | current ÷ baseline | outcome |",
              "|---|---|--:|--:|--:|---|"]
    for name, after in cur["examples"].items():
        before = base["examples"].get(name, {"skipped": "not built"})
        b, a = before.get("fuel"), after.get("fuel")
        outcome = after.get("outcome", "–")
        if "outcome" in before and before["outcome"] != outcome:
            outcome = f"{before['outcome']} → {outcome}"
        note = "" if name not in base["examples_from_current_source"] else " (source: current)"
        lines.append(f"| {name}{note} | {after['what']} | {_cell('', b)} | {_cell('', a)} | {_change(b, a)} "
                     f"| {outcome} |")
    skipped = [f"{side} {name}: {e['skipped']}" for side, f in (("baseline", base), ("current", cur))
               for name, e in f["examples"].items() if "skipped" in e]
    skipped += [f"{f['label']} startup fuel: {f['startup_error']}" for f in (base, cur) if f.get("startup_error")]
    if skipped:
        lines += ["", "Not measured: " + "; ".join(skipped) + "."]
    return "\n".join(lines)
