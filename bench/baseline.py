"""Builds to compare: a baseline from a git ref and the current tree, each by its own compiler.

The baseline's tree is exported (`git archive REF`, so no checkout or worktree is touched)
into a temporary directory, and its own `compiler/` compiles its own `filter/main.py` and
SDK examples, in a new interpreter whose import path starts at that tree. An example the
baseline does not have (one added since, such as jwt_check) is compiled from the current
tree's source; if that does not compile with the baseline's compiler or SDK, the figure is
left out with the reason. Both builds are then measured by the current emulator and
tools (the ABI is the same).
"""
from __future__ import annotations

import io
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REF = "a38fd6b"  # main when issue 12's work started
EXAMPLES_DIR = Path("tests") / "sdk" / "filters"

# Runs inside the tree it compiles with: argv = tree, out dir, {name: source path}.
_COMPILE = """
import json, sys
from pathlib import Path
tree, out, sources = Path(sys.argv[1]).resolve(), Path(sys.argv[2]), json.loads(sys.argv[3])
sys.path.insert(0, str(tree))
import compiler
if not Path(compiler.__file__).resolve().is_relative_to(tree):
    sys.exit(f"compiler imported from {compiler.__file__}, not from {tree}")
from compiler import compile_file
errors = {}
for name, source in sources.items():
    try:
        (out / (name + ".wasm")).write_bytes(compile_file(Path(source)))
    except Exception as err:
        errors[name] = (type(err).__name__ + ": " + str(err)).strip().splitlines()[0]
print(json.dumps(errors))
"""


@dataclass
class Build:
    label: str                  # "baseline a38fd6b" or "current"
    tree: Path                  # the sources (and compiler) it was built from
    main_wasm: Path | None = None
    examples: dict[str, Path | str] = field(default_factory=dict)  # name -> module, or why none
    borrowed: list[str] = field(default_factory=list)  # examples compiled from the current tree's source
    build_py_runs_s: list[float] = field(default_factory=list)

    @property
    def build_py_s(self) -> float | None:
        return statistics.median(self.build_py_runs_s) if self.build_py_runs_s else None


def resolve(ref: str, repo: Path = ROOT) -> str:
    """The commit `ref` names (short hash), or a ValueError saying why not."""
    done = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "--verify", f"{ref}^{{commit}}"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(f"not a commit in {repo}: {ref!r} ({done.stderr.strip()})")
    return done.stdout.strip()


def export_tree(ref: str, dest: Path, repo: Path = ROOT) -> Path:
    """The files of commit `ref` under `dest` (git archive, nothing checked out)."""
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", ref],
                             capture_output=True, check=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def example_names() -> list[str]:
    return sorted(p.stem for p in (ROOT / EXAMPLES_DIR).glob("*.py"))


def start_compile(build: Build, out: Path, names: list[str]) -> subprocess.Popen:
    """main.wasm and the examples, compiled by `build.tree`'s own compiler in a new interpreter
    (started here, in the background; `finish_compile` collects it)."""
    out.mkdir(parents=True, exist_ok=True)
    sources = {"main": str(build.tree / "filter" / "main.py")}
    for name in names:
        source = build.tree / EXAMPLES_DIR / f"{name}.py"
        if not source.is_file():
            source.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / EXAMPLES_DIR / f"{name}.py", source)
            build.borrowed.append(name)
        sources[name] = str(source)
    return subprocess.Popen([sys.executable, "-c", _COMPILE, str(build.tree), str(out), json.dumps(sources)],
                            cwd=build.tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_compile(build: Build, process: subprocess.Popen, out: Path, names: list[str]) -> None:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"compiling with {build.label}'s compiler failed:\n{stderr[-2000:]}")
    errors = json.loads(stdout.strip().splitlines()[-1])
    if "main" in errors:
        raise RuntimeError(f"{build.label}: filter/main.py does not compile: {errors['main']}")
    build.main_wasm = out / "main.wasm"
    for name in names:
        build.examples[name] = errors.get(name) or (out / f"{name}.wasm")


def time_build_py(builds: list[Build], repeats: int, scratch: Path) -> None:
    """`python build.py` wall time in each tree (a new interpreter each time), the builds
    alternating so that a busy moment of the machine hits them alike. Each run builds a copy of
    the tree's filter/ just edited (a comment added to limiter.py), as a user rebuilds after a
    change: a previous build's output (compiler/output_cache.py) never answers it."""
    copies = []
    for index, build in enumerate(builds):
        copy = scratch / f"timed-filter-{index}"
        shutil.copytree(build.tree / "filter", copy, ignore=shutil.ignore_patterns("__pycache__"))
        copies.append((copy, (copy / "limiter.py").read_text()))
    for run in range(repeats):
        for build, (copy, text) in zip(builds, copies):
            (copy / "limiter.py").write_text(f"{text}\n# edit {run}\n")
            start = time.perf_counter()
            subprocess.run([sys.executable, str(build.tree / "build.py"), str(copy / "main.py"),
                            "-o", str(scratch / "timed.wasm")], cwd=build.tree, check=True, capture_output=True)
            build.build_py_runs_s.append(time.perf_counter() - start)


def prepare(ref: str, work: Path, log=print) -> tuple[Build, Build]:
    """(baseline, current): both compiled, not yet timed or measured."""
    commit = resolve(ref)
    started = time.perf_counter()
    baseline = Build(f"baseline {commit}", export_tree(commit, work / "baseline-tree"))
    current = Build("current", ROOT)
    names = example_names()
    outs = [work / "baseline-out", work / "current-out"]
    processes = [start_compile(b, out, names) for b, out in zip((baseline, current), outs)]
    try:  # the two compilers run at once: one per core on a 2-core machine
        for b, process, out in zip((baseline, current), processes, outs):
            finish_compile(b, process, out, names)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    log(f"  baseline {commit} exported and built, current built: {time.perf_counter() - started:.1f} s"
        + (f" (examples new since the baseline, compiled from the current source: {', '.join(baseline.borrowed)})"
           if baseline.borrowed else ""))
    return baseline, current
