"""Compile time of `python build.py` for the filter.

Two figures, each the median of several runs:
- `build_py_s`: wall time of the README's command as a user runs it (a new
  interpreter: start-up, importing the compiler, compiling, writing main.wasm);
- `compile_s`: `compiler.compile_file(filter/main.py)` alone, in this process,
  after one warm-up call (parsing the sources, checking, lowering, emitting).
"""
from __future__ import annotations

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

    walls = []
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        out = Path(tmp) / "main.wasm"
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "build.py"), "-o", str(out)],
                           cwd=ROOT, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        size = out.stat().st_size
    compile_file(FILTER)  # warm-up: imports and first-call costs out of the figure
    inproc = []
    for _ in range(repeats):
        start = time.perf_counter()
        compile_file(FILTER)
        inproc.append(time.perf_counter() - start)
    return {"command": "python build.py", "repeats": repeats,
            "build_py_s": statistics.median(walls), "build_py_runs_s": walls,
            "compile_s": statistics.median(inproc), "compile_runs_s": inproc,
            "main_wasm_bytes": size}


if __name__ == "__main__":
    import json
    print(json.dumps(run(), indent=2))
