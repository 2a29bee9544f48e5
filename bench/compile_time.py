"""Compile time of `python build.py` for the filter.

Three figures, each the median of several runs:
- `build_py_s`: wall time of the README's command as a user runs it again with
  nothing changed (a new interpreter: start-up, finding the previous build's output
  still valid, compiler/output_cache.py, writing main.wasm);
- `build_py_cold_s`: the same with an empty cache directory (the first build after
  the compiler changed);
- `build_py_edited_s`: the same after an edit of one filter module (a comment in a
  copy of filter/ in a temporary directory): the runtime's and the SDK's facts are
  on disk, the edited module's are not, and the previous output does not apply;
- `compile_s`: `compiler.compile_file(filter/main.py)` alone, in this process,
  after one warm-up call (parsing the sources, checking, lowering, emitting).
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTER = ROOT / "filter" / "main.py"


def run(repeats: int = 5) -> dict:
    from compiler import compile_file

    walls, colds, edits = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        out = Path(tmp) / "main.wasm"
        warm = str(Path(tmp) / "cache")
        _build(out, warm)  # the previous build's facts, as a user rebuilding has them
        copy = Path(tmp) / "filter"
        shutil.copytree(FILTER.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
        edited, text = copy / "limiter.py", (copy / "limiter.py").read_text()
        _build(Path(tmp) / "edited.wasm", warm, copy / "main.py")  # the copy's own facts on disk too
        for index in range(repeats):
            colds.append(_build(out, str(Path(tmp) / f"cold-{index}")))
            walls.append(_build(out, warm))
            edited.write_text(f"{text}\n# edit {index}\n")
            edits.append(_build(Path(tmp) / "edited.wasm", warm, copy / "main.py"))
        size = out.stat().st_size
    compile_file(FILTER)  # warm-up: imports and first-call costs out of the figure
    inproc = []
    for _ in range(repeats):
        start = time.perf_counter()
        compile_file(FILTER)
        inproc.append(time.perf_counter() - start)
    return {"command": "python build.py", "repeats": repeats,
            "build_py_s": statistics.median(walls), "build_py_runs_s": walls,
            "build_py_cold_s": statistics.median(colds), "build_py_cold_runs_s": colds,
            "build_py_edited_s": statistics.median(edits), "build_py_edited_runs_s": edits,
            "compile_s": statistics.median(inproc), "compile_runs_s": inproc,
            "main_wasm_bytes": size}


def _build(out: Path, cache_dir: str, source: Path = FILTER) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True, env={**os.environ, "PYWASM_CACHE_DIR": cache_dir})
    return time.perf_counter() - start


if __name__ == "__main__":
    import json
    print(json.dumps(run(), indent=2))
