"""Run every benchmark and write the figures.

    python bench/run.py            # the full run (< 10 minutes): bench/results.json,
                                   # bench/results.md, docs/benchmarks.png, and the
                                   # generated sections of README.md and docs/benchmarks.md
    python bench/run.py --quick    # a short smoke run (< 1 minute) into bench/out-quick/;
                                   # the committed figures are left alone
    python bench/run.py --only size,compile
    python bench/run.py --baseline REF   # compare with another git ref (default a38fd6b)

Parts: size (bench/size.py), compile (compile_time.py), fuel (fuel.py; the hand-written
C limiter of bench/c_limiter beside ours), compare
(compare.py: a baseline build from a git ref against the current tree, with issue
12's targets), envoy (envoy_overhead.py, the baseline's rate limiter and the C one
beside ours),
global (global_mode.py; the full run only: it needs the dev extras and a minute).
--quick leaves out global and compile (the compare part times build.py too).
Figures are printed, never asserted. Loopback only; every process it starts is
stopped and reaped, also on Ctrl-C, SIGTERM or an error.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import baseline, compare, compile_time, envoy_overhead, fuel, report, size  # noqa: E402

PARTS = ("size", "compile", "fuel", "compare", "envoy", "global")
C_LABEL = "hand-written C limiter"  # bench/c_limiter/limiter.wasm in the size table
SOAK_BUDGET_SECONDS = 530.0  # the memory soak's limit: with the rest beside it, the run stays under 10 minutes


def machine() -> dict:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    envoy_version = "unknown"
    try:
        out = subprocess.run([envoy_overhead.find_envoy(), "--version"], capture_output=True,
                             text=True, timeout=30).stdout
        envoy_version = out.strip().split("version:")[-1].strip().split("/")[1]
    except Exception:  # noqa: BLE001 - informational only
        pass
    cores = os.cpu_count()
    return {"cores": cores, "cpu": model, "kernel": platform.release(),
            "python": platform.python_version(), "envoy": envoy_version,
            "summary": f"{cores} cores, {model}, Linux {platform.release()}, Envoy {envoy_version}"}


@contextlib.contextmanager
def _reaped(process: subprocess.Popen):
    """A background process, terminated (then killed) and reaped whatever happens."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _on_sigterm(signum, frame):  # noqa: ARG001
    raise SystemExit(128 + signum)  # unwinds every `with`: Envoys and load generators reaped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="short smoke run into bench/out-quick/")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default: all of {','.join(PARTS)})")
    parser.add_argument("--out", type=Path, help="directory for results.json/results.md")
    parser.add_argument("--baseline", default=baseline.DEFAULT_REF, metavar="REF",
                        help=f"git ref of the build to compare with (default {baseline.DEFAULT_REF})")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite results.md, the plot and the generated "
                             "parts of README.md and docs/benchmarks.md from bench/results.json")
    args = parser.parse_args(argv)
    only = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(only) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    if args.quick and args.only == parser.get_default("only"):
        # global: Envoys, Redis and a gRPC service for a minute; compile: the compare part
        # times `python build.py` already, for both builds
        only = [p for p in only if p not in ("global", "compile")]
    if "compare" in only:
        try:
            baseline.resolve(args.baseline)
        except ValueError as err:
            parser.error(str(err))
    signal.signal(signal.SIGTERM, _on_sigterm)
    if args.report_only:
        results = json.loads((ROOT / "bench" / "results.json").read_text())
        written = report.write(results, ROOT / "bench", ROOT / "docs" / "benchmarks.png",
                               [ROOT / "README.md", ROOT / "docs" / "benchmarks.md"])
        print("wrote " + ", ".join(str(p.relative_to(ROOT)) for p in written))
        return 0

    official = (not args.quick and args.out is None and set(only) == set(PARTS)
                and args.baseline == baseline.DEFAULT_REF)
    out_dir = args.out or (ROOT / "bench" / ("out-quick" if args.quick else ""))
    if not official and args.out is None and not args.quick:
        out_dir = ROOT / "bench" / "out-partial"  # a partial run never overwrites the committed set
    plot_path = ROOT / "docs" / "benchmarks.png" if official else out_dir / "benchmarks.png"
    started = time.monotonic()
    results: dict = {"generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                     "command": "python bench/run.py" + (" --quick" if args.quick else ""),
                     "quick": args.quick, "machine": machine()}
    print(f"bench: {results['machine']['summary']}", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp, contextlib.ExitStack() as stack:
        work = Path(tmp)
        main_wasm = work / "main.wasm"
        from compiler import compile_file
        import wasmtime
        main_wasm.write_bytes(compile_file(ROOT / "filter" / "main.py"))

        def part(name: str, fn) -> None:
            if name.split()[0] not in only:
                return
            t = time.monotonic()
            print(f"[{name}]", flush=True)
            try:
                results[name_key[name]] = fn()
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as err:  # noqa: BLE001 - one part failing still reports the others
                traceback.print_exc()
                results[name_key[name]] = {"skipped": f"failed: {type(err).__name__}: {err}"}
            print(f"[{name}] {time.monotonic() - t:.1f} s", flush=True)

        name_key = {"size": "size", "compile": "compile_time", "fuel": "fuel", "envoy": "envoy",
                    "fuel soak": "fuel_soak", "compare": "compare", "global": "global_mode"}

        built: dict[str, Path] = {}  # modules the size part built, reused by the Envoy part

        def do_size() -> dict:
            noop_py, noop_sdk, noop_wat = work / "noop_py.wasm", work / "noop_sdk.wasm", work / "noop_wat.wasm"
            noop_py.write_bytes(compile_file(ROOT / "bench" / "wasm" / "noop.py"))
            noop_sdk.write_bytes(compile_file(ROOT / "bench" / "wasm" / "noop_sdk.py"))
            noop_wat.write_bytes(wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "noop.wat").read_text()))
            built.update({"ratelimit": main_wasm, "noop_py": noop_py, "noop_sdk": noop_sdk, "noop_wat": noop_wat})
            figures = size.run({"main.wasm": main_wasm, "no-op Python, SDK": noop_sdk,
                                "no-op Python": noop_py, "no-op WAT": noop_wat,
                                C_LABEL: fuel.C_LIMITER})
            # part_of splits by our module names; every function of the C module is its filter
            c_parts = figures[C_LABEL]["parts"].values()
            figures[C_LABEL]["parts"] = {"filter": {k: sum(p[k] for p in c_parts)
                                                    for k in ("functions", "imports", "code", "names")}}
            for label, m in figures.items():
                parts = ", ".join(f"{p} {d['code']:,}" for p, d in m["parts"].items())
                print(f"  {label}: {m['total']:,} bytes (code {m['sections'].get('code', 0):,}: {parts}; "
                      f"data {m['sections'].get('data', 0):,}; names {m['sections'].get('custom:name', 0):,})")
            return figures

        def do_compile() -> dict:
            figures = compile_time.run(repeats=1 if args.quick else 7)
            print(f"  python build.py: {figures['build_py_s'] * 1000:.0f} ms, "
                  f"{figures['build_py_edited_s'] * 1000:.0f} ms after an edit; "
                  f"compile_file alone: {figures['compile_s'] * 1000:.0f} ms")
            return figures

        # The memory soak (a million requests in the emulator, minutes of one core) runs in
        # its own process beside the other parts, so the whole run stays under 10 minutes.
        # For the Envoy part it is one more busy process on the machine: CPU time per
        # request does not count waiting, and it hits every variant alike.
        why_not = fuel.available() if "fuel" in only else "not selected"
        soak_out = work / "soak.json"
        soak = None
        if why_not is None:
            requests, clients, budget = ((20_000, 2_000, 15.0) if args.quick
                                         else (1_000_000, 100_000, SOAK_BUDGET_SECONDS))
            with open(soak_out, "wb") as out:
                soak = stack.enter_context(_reaped(subprocess.Popen(
                    fuel.soak_command(main_wasm, requests, clients, budget), cwd=ROOT,
                    stdin=subprocess.DEVNULL, stdout=out, preexec_fn=envoy_overhead._die_with_parent)))
            print(f"[fuel soak] started in the background: {requests:,} requests over "
                  f"{clients:,} clients, at most {budget:.0f} s", flush=True)

        def do_fuel() -> dict:
            if why_not:
                print(f"  skipped: {why_not}")
                return {"skipped": why_not}
            figures = fuel.per_request(main_wasm)
            print(f"  fuel per request: {figures['fuel_total']}")
            figures["c_limiter"] = fuel.against_c(main_wasm, clients=100 if args.quick else 1000)
            many = figures["c_limiter"]["many_clients"]
            print(f"  hand-written C: {figures['c_limiter']['per_request']['fuel_total']}; over many "
                  f"clients, allowed/limited: ours {many['ours']['allowed']:,}/{many['ours']['limited']:,}, "
                  f"C {many['c']['allowed']:,}/{many['c']['limited']:,}")
            return figures

        def do_soak() -> dict:
            soak.wait(timeout=SOAK_BUDGET_SECONDS + 120)
            if soak.returncode != 0:
                raise RuntimeError(f"the soak exited {soak.returncode}")
            memory = json.loads(soak_out.read_text())
            print(f"  {memory['pages_after']} pages after {memory['requests']:,} requests over "
                  f"{memory['clients']:,} clients ({memory['seconds']:.0f} s)")
            return memory

        baseline_wasm: list[Path] = []

        def do_compare() -> dict:
            figures, wasm = compare.run(args.baseline, work / "compare", args.quick,
                                        log=lambda m: print(m, flush=True))
            baseline_wasm.append(wasm)
            print(compare.table(figures))
            return figures

        def do_envoy() -> dict:
            settings = envoy_overhead.Settings.quick() if args.quick else envoy_overhead.Settings()
            return envoy_overhead.run(settings, work / "envoy", log=lambda m: print(m, flush=True),
                                      baseline_wasm=baseline_wasm[0] if baseline_wasm else None,
                                      prebuilt=built)

        def do_global() -> dict:
            from bench import global_mode
            return global_mode.run(log=lambda m: print(m, flush=True))

        part("size", do_size)
        part("compile", do_compile)
        part("fuel", do_fuel)
        part("compare", do_compare)
        part("envoy", do_envoy)
        part("global", do_global)
        if "baseline" in results.get("compare", {}) and "ratios" in results.get("envoy", {}):
            compare.add_envoy(results["compare"], results["envoy"])
        if soak is not None and "skipped" not in results["fuel"]:
            part("fuel soak", do_soak)
            results["fuel"]["memory"] = results.pop("fuel_soak")

    docs = [ROOT / "README.md", ROOT / "docs" / "benchmarks.md"] if official else []
    written = report.write(results, out_dir, plot_path, docs)
    print()
    print(report.summary_markdown(results))
    print()
    print("wrote " + ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)
                              for p in written))
    print(f"total {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: every process this run started has been stopped", file=sys.stderr)
        sys.exit(130)
