"""The benchmark's own tools (no timings): the wasm size parser, the README splice, the
baseline build from a git ref, the example requests, startup fuel and the before/after table."""
import functools
import subprocess
from pathlib import Path

import pytest
import wasmtime

from bench import baseline, compare, envoy_overhead, examples, fuel, report, size
from compiler import compile_file

ROOT = Path(__file__).resolve().parent.parent.parent


@functools.cache
def main_wasm() -> bytes:
    """filter/main.py compiled once for the tests that only read it."""
    return compile_file(ROOT / "filter" / "main.py")


def test_sections_add_up_and_every_function_has_a_part():
    wasm = main_wasm()
    figures = size.measure(wasm)
    assert sum(figures["sections"].values()) == len(wasm) == figures["total"]
    parts = figures["parts"]
    assert set(parts) == {"runtime", "SDK", "filter"}
    assert parts["SDK"]["imports"] > 0
    # code section = function bodies + its own header (id, size, count)
    body_bytes = sum(p["code"] for p in parts.values())
    assert 0 < figures["sections"]["code"] - body_bytes <= 1 + 5 + 5


def test_opcode_bytes_cover_every_function_body():
    wasm = main_wasm()
    module = size.parse(wasm)
    per_opcode = size.opcode_bytes(wasm)
    assert sum(per_opcode.values()) == sum(module.code_sizes.values())
    assert per_opcode["call"] > 0 and per_opcode["(locals)"] > 0
    text = size.report(wasm, top=5)
    assert "largest 5 of" in text and "code bytes per instruction" in text


def test_part_of_names():
    assert size.part_of("abi.hostcalls.log") == "SDK"
    assert size.part_of("abi.memory.proxy_abi_version_0_2_1@export") == "runtime"
    assert size.part_of("compiler.runtime.memory.alloc") == "runtime"
    assert size.part_of("rt.add") == "runtime"
    assert size.part_of("OverflowError") == "runtime"
    assert size.part_of("filter.main.find") == "filter"
    assert size.part_of(None) == "unnamed"


def test_wat_module_without_names_parses():
    wasm = wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "noop.wat").read_text())
    figures = size.measure(wasm)
    assert sum(figures["sections"].values()) == len(wasm)


def test_markers_are_replaced_and_the_rest_kept(tmp_path):
    doc = tmp_path / "README.md"
    quoted = f"markers `{report.START}` and `{report.END}` quoted in a sentence\n"
    doc.write_text(f"{quoted}intro\n{report.START}\nold\n{report.END}\noutro\n")
    assert report.insert_between_markers(doc, "| new |")
    assert doc.read_text() == f"{quoted}intro\n{report.START}\n| new |\n{report.END}\noutro\n"
    plain = tmp_path / "plain.md"
    plain.write_text("no markers\n")
    assert not report.insert_between_markers(plain, "x")


def test_the_two_noop_filters_export_the_same_callbacks():
    engine = wasmtime.Engine()
    wat = wasmtime.Module(engine, wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "noop.wat").read_text()))
    py = wasmtime.Module(engine, compile_file(ROOT / "bench" / "wasm" / "noop.py"))
    assert {e.name for e in wat.exports} == {e.name for e in py.exports}


# -- before/after (bench/baseline.py, bench/compare.py, bench/examples.py) ------------------
def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@test",
                           *args], check=True, capture_output=True, text=True).stdout.strip()


def test_a_baseline_is_built_from_its_ref_by_its_own_compiler(tmp_path):
    """A throwaway clone gets a tiny commit (a longer log message, one example removed); the
    ref before it and the one after build apart, each from its own tree."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--shared", str(ROOT), str(repo)], check=True)
    main = repo / "filter" / "main.py"
    main.write_text(main.read_text().replace("no client address; request let through",
                                             "no client address; request let through " + "x" * 100))
    git(repo, "rm", "-q", "tests/sdk/filters/tick_counter.py")
    git(repo, "commit", "-qam", "tiny change")
    names = ["tick_counter", "header_rewrite"]
    built = {}
    for ref in ("HEAD~1", "HEAD"):
        commit = baseline.resolve(ref, repo)
        build = baseline.Build(f"baseline {commit}", baseline.export_tree(commit, tmp_path / ref, repo))
        out = tmp_path / f"{ref}-out"
        baseline.finish_compile(build, baseline.start_compile(build, out, names), out, names)
        built[ref] = build
    before, after = built["HEAD~1"], built["HEAD"]
    assert (before.borrowed, after.borrowed) == ([], ["tick_counter"])  # from the current tree
    data = [size.measure(b.main_wasm.read_bytes())["sections"]["data"] for b in (before, after)]
    assert data[1] > data[0]  # the longer message
    assert all(isinstance(b.examples[n], Path) and b.examples[n].is_file() for b in built.values() for n in names)
    with pytest.raises(ValueError, match="not a commit"):
        baseline.resolve("no-such-ref-anywhere", repo)


def test_a_tree_whose_compiler_fails_says_so(tmp_path):
    tree = tmp_path / "tree"
    (tree / "compiler").mkdir(parents=True)
    (tree / "compiler" / "__init__.py").write_text("raise ImportError('broken on purpose')\n")
    build = baseline.Build("baseline broken", tree)
    with pytest.raises(RuntimeError, match="broken on purpose"):
        baseline.finish_compile(build, baseline.start_compile(build, tmp_path / "out", []), tmp_path / "out", [])


def test_every_example_filter_has_a_bench_request():
    assert set(examples.examples()) == set(baseline.example_names())


def test_example_requests_go_through(tmp_path):
    for name, outcome in (("jwt_check", "200"), ("tcp_guard", "passed"), ("callout_auth", "200")):
        figures = examples.request_fuel(compile_file(examples.FILTERS / f"{name}.py"), examples.examples()[name])
        assert figures["outcome"] == outcome and figures["fuel"] > 1000, (name, figures)
    assert examples.run({"jwt_check": "SyntaxError: x"})["jwt_check"]["skipped"] == "SyntaxError: x"


def test_startup_fuel_counts_the_start_function():
    wasm = compile_file(ROOT / "bench" / "wasm" / "noop_sdk.py")
    figures = fuel.startup(wasm, b"")
    steps = figures["fuel"]
    assert steps["instantiate"] > 0 and steps["proxy_on_configure"] > 0
    assert figures["total"] == sum(steps.values())
    from abi.emulator import Plugin
    assert figures["total"] - steps["instantiate"] == sum(Plugin.wasm(wasm).fuel.values())


def sample_figures(**current) -> dict:
    side = {"label": "baseline abc1234", "allowed": 30000, "limited": 40000, "clients": 100, "startup": 270000,
            "startup_instantiate": 170000, "startup_configure": 100000, "bytes": 70000, "code": 48000,
            "data": 6000, "names": 13000, "build_ms": 400, "envoy_ratio": 2.8, "examples_from_current_source": [],
            "examples": {"jwt_check": {"what": "a token", "fuel": 900000, "outcome": "200"},
                         "metrics": {"what": "a read", "skipped": "SyntaxError: nope"}}}
    after = {**side, "label": "current", "examples_from_current_source": [], **current}
    return {"ref": "abc1234", "baseline": {**side, "examples_from_current_source": ["jwt_check"]},
            "current": after}


def test_the_before_after_table_renders_targets_and_changes():
    text = compare.table(sample_figures(allowed=4500, limited=7000, envoy_ratio=1.4, envoy_ratio_ci90=[1.2, 1.7],
                                        examples={
        "jwt_check": {"what": "a token", "fuel": 90000, "outcome": "401"},
        "metrics": {"what": "a read", "fuel": 1200, "outcome": "200"}}))
    rows = {line.split(" | ")[0].lstrip("| ").strip(): line for line in text.splitlines() if line.startswith("|")}
    assert rows["rate limiter fuel per allowed request"].endswith("| 30,000 | 4,500 | 0.15× | ≤ 5,000 (stretch ≤ 3,000) | yes |")
    assert rows["rate limiter fuel per limited request"].endswith("| ≤ 6,500 | no |")
    assert "| 2.80× | 1.40× [1.20, 1.70] | 0.50× | ≤ 1.5× | yes |" in \
        rows["Envoy CPU added per request ÷ the no-op WAT filter's [90% interval]"]
    assert "| 70,000 | 70,000 | 1.00× |" in rows["main.wasm bytes"]
    assert rows["jwt_check (source: current)"].endswith("| 900,000 | 90,000 | 0.10× | 200 → 401 |")
    assert rows["metrics"].endswith("| – | 1,200 | – | 200 |")
    assert "Not measured: baseline metrics: SyntaxError: nope." in text


def test_the_before_after_table_has_the_c_limiter_beside_when_measured():
    figures = sample_figures(allowed=4500)
    figures["c_limiter"] = {"label": "hand-written C", "allowed": 1500, "limited": 1600, "bytes": 12000,
                            "envoy_ratio": 2.0, "envoy_ratio_ci90": [1.5, 2.5]}
    rows = {line.split(" | ")[0].lstrip("| ").strip(): line for line in compare.table(figures).splitlines()}
    assert rows["rate limiter fuel per allowed request"].endswith(
        "| 30,000 | 4,500 | 0.15× | 1,500 | 3.00× | ≤ 5,000 (stretch ≤ 3,000) | yes |")
    assert "| 2.00× [1.50, 2.50] | 1.40× |" in rows["Envoy CPU added per request ÷ the no-op WAT filter's [90% interval]"]
    assert "| 400 | 400 | 1.00× | – | – | < 1,000 | yes |" in rows["`python build.py` ms after an edit of the filter"]


def test_the_fuel_report_sets_ours_beside_the_c_limiter(tmp_path):
    c = fuel.against_c(C_LIMITER, clients=20)  # the C module stands in for ours: ratio 1
    results = {"generated": "now", "command": "python bench/run.py --quick", "quick": True,
               "machine": {"summary": "a machine"}, "fuel": {**fuel.per_request(C_LIMITER), "c_limiter": c}}
    report.write(results, tmp_path, tmp_path / "plot.png", [])
    text = (tmp_path / "results.md").read_text()
    assert "| hand-written C: rejected | 1 | " in text and "| ours ÷ C (issue 12: ≤ 2×) | 1.00× | 1.00× |" in text
    [goal] = results["goals"]
    assert goal["met"] == "yes" and goal["measured"].startswith("allowed ")


def test_the_report_carries_the_before_after_table(tmp_path):
    results = {"generated": "now", "command": "python bench/run.py --quick", "quick": True,
               "machine": {"summary": "a machine"}, "compare": sample_figures()}
    written = report.write(results, tmp_path, tmp_path / "plot.png", [])
    text = (tmp_path / "results.md").read_text()
    assert "## Before and after" in text and "| rate limiter fuel per allowed request | 30,000 | 30,000 |" in text
    assert [p.name for p in written] == ["results.json", "results.md"]
    assert "Before (baseline abc1234)" in report.summary_markdown(results)


def test_the_envoy_part_adds_the_baseline_variant_only_when_given(tmp_path):
    wasm = {k: tmp_path / f"{k}.wasm"
            for k in ("noop_wat", "noop_py", "noop_sdk", "hostcalls_wat", "c_limiter", "ratelimit")}
    keys = [v.key for v in envoy_overhead.variants(wasm)]
    assert "ratelimit_baseline" not in keys and keys[-1] == "ratelimit"
    keys = [v.key for v in envoy_overhead.variants({**wasm, "ratelimit_baseline": tmp_path / "b.wasm"})]
    assert keys[-2:] == ["ratelimit", "ratelimit_baseline"] and set(keys) <= set(report.ORDER)


def _host_calls(monkeypatch, wasm: bytes) -> list[list[str]]:
    """Callbacks that ran and host calls made (allocations too) per request of one client,
    {"ttlSecond": 60, "burst": 2} in the emulator: allowed, allowed, limited."""
    from abi.emulator import Plugin
    from abi.emulator import vm as vm_module
    trace: list[str] = []
    call, call_import, allocate = vm_module.Vm.call, vm_module.Vm.call_import, vm_module.Vm.allocate

    def traced_call(self, export, *args, **kwargs):
        result = call(self, export, *args, **kwargs)
        if result is not None or self.has(export):
            trace.append(export)
        return result

    monkeypatch.setattr(vm_module.Vm, "call", traced_call)
    monkeypatch.setattr(vm_module.Vm, "call_import",
                        lambda self, name, args: trace.append(name) or call_import(self, name, args))
    monkeypatch.setattr(vm_module.Vm, "allocate",
                        lambda self, size: trace.append("allocate") or allocate(self, size))
    plugin = Plugin.wasm(wasm, configuration=b'{"ttlSecond": 60, "burst": 2}')
    requests = []
    for expected in (200, 200, 429):
        trace.clear()
        assert plugin.http_request(source_address="10.0.0.1:1234").status == expected
        requests.append([t for t in trace if t != "proxy_define_metric"])  # ours: lazily, once
    return requests


def test_the_host_call_floor_makes_the_rate_limiters_host_calls(monkeypatch):
    """bench/wasm/hostcalls.wat is the rate limiter's floor only while it makes the same host
    calls and gets the same callbacks per request as filter/main.py."""
    floor = wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "hostcalls.wat").read_text())
    ours = main_wasm()
    assert _host_calls(monkeypatch, floor) == _host_calls(monkeypatch, ours)
    engine = wasmtime.Engine()
    assert ({e.name for e in wasmtime.Module(engine, floor).exports}
            == {e.name for e in wasmtime.Module(engine, ours).exports})


C_LIMITER = ROOT / "bench" / "c_limiter" / "limiter.wasm"


def test_the_c_limiter_limits_per_client():
    """The committed hand-written C limiter (bench/c_limiter, rebuilt by its build.sh): 3
    requests per client pass, the 4th gets 429 with retry-after, other clients (IPv6 too)
    are counted apart; a bad configuration is refused."""
    from abi.emulator import Plugin
    plugin = Plugin.wasm(C_LIMITER.read_bytes(), configuration=fuel.REFERENCE_CONFIG)
    assert plugin.configured
    for address in ("10.0.0.1:1234", "[2001:db8::1]:443"):
        assert [plugin.http_request(source_address=address).status for _ in range(3)] == [200] * 3
        reply = plugin.http_request(source_address=address).local_response
        assert (reply.status, reply.body, reply.headers, reply.details) == (
            429, b"Too Many Requests\n", {"retry-after": "60"}, "ip_rate_limited")
    for other in ("10.0.0.2:1234", "[2001:db8::2]:443", "[::1]:80"):
        assert plugin.http_request(source_address=other).status == 200
    assert plugin.http_request(source_address="[::ffff:10.0.0.1]:80").status == 429  # the same client
    for bad in (b"", b'{"ttlSecond": 60}', b'{"ttlSecond": 60, "burst": 3, "allowlist": []}',
                b'{"ttlSecond": 60, "burst": 0}', b'{"ttlSecond": 60, "burst": 3} x',
                b'{"ttlSecond": 60 "burst": 3}'):
        assert not Plugin.wasm(C_LIMITER.read_bytes(), configuration=bad).configured, bad


def test_the_c_limiter_makes_the_rate_limiters_host_calls(monkeypatch):
    """Per request the same host calls and callbacks as filter/main.py, and the same exports."""
    ours = main_wasm()
    c = C_LIMITER.read_bytes()
    assert _host_calls(monkeypatch, c) == _host_calls(monkeypatch, ours)
    engine = wasmtime.Engine()
    assert ({e.name for e in wasmtime.Module(engine, c).exports}
            == {e.name for e in wasmtime.Module(engine, ours).exports})


def test_perf_split_classifies_stacks_by_shape():
    from bench import perf_split
    samples = [["jit", "entry", "filter"],                                   # wasm code
               ["hostwork", "wrapper", "capi", "jit", "entry", "filter"],    # a host call
               ["v8", "entry", "wrapper", "capi", "jit", "entry", "filter"],  # copy-out
               ["entry", "filter"],                                          # callback entry
               ["codec", "loop"]]                                            # rest of Envoy
    parts, wrappers = perf_split.split(samples)
    assert parts == {"wasm code": 1, "host calls": 1, "copy-out": 1, "callback entry": 1, "rest of Envoy": 1}
    assert wrappers == {"host wrapper": 2}
