"""A filter is a typed Python program: ``mypy --strict`` (the project's [tool.mypy] config) passes
on every example filter, on the rate limiter and on the SDK itself, and it sees the SDK's real
signatures (a misuse is an error, so nothing came back as Any). One mypy run over all files."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

import abi.sdk

pytest.importorskip("mypy", reason="mypy is in the dev extra: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[2]
FILTERS = sorted((ROOT / "tests" / "sdk" / "filters").glob("*.py")) + [ROOT / "filter" / "main.py"]
SDK = sorted(p for p in (ROOT / "abi").glob("*.py"))
REEXPORTING = ("context", "grpc", "headers", "host", "metrics", "shared", "wire")
MISUSE = 'set_request_header("x-count", 1)\n'  # the one error the probe must get


def sdk_names() -> list[str]:
    """The public functions and classes abi.sdk takes from the SDK's modules."""
    names = []
    for module in REEXPORTING:
        for node in ast.parse((ROOT / "abi" / f"{module}.py").read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                names.append(node.name)
    return sorted(n for n in set(names) if hasattr(abi.sdk, n))


def test_filters_and_sdk_pass_mypy_strict(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    names = sdk_names()
    assert {"HttpContext", "RootContext", "set_request_header", "get_shared_data"} <= set(names)
    # pytest's cache keeps mypy's warm; the probe keeps its path too (mypy reports a cached
    # module's errors under the path it had when they were cached)
    work = request.config.cache.mkdir("typecheck") if request.config.cache else tmp_path
    probe = work / "sdk_probe.py"
    probe.write_text(f"from abi.sdk import ({', '.join(names)})\n\n{MISUSE}")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(work / "mypy-cache"), "--no-error-summary", "--no-pretty", *map(str, FILTERS + SDK), str(probe)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and f"{probe.name}:3: error:" in errors[0] and "[arg-type]" in errors[0], \
        result.stdout + result.stderr
