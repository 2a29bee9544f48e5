"""A filter is a typed Python program: ``mypy --strict`` (the project's [tool.mypy] config) passes
on every example filter, the rate limiter, the filters of README.md and docs/sdk.md and the SDK
itself, and it sees the SDK's real signatures (a misuse is an error, so nothing came back as
Any). One mypy run over all files."""
import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import abi.sdk

pytest.importorskip("mypy", reason="mypy is in the dev extra: pip install -e '.[dev]'")

ROOT = Path(__file__).resolve().parents[2]
FILTERS = sorted((ROOT / "tests" / "sdk" / "filters").glob("*.py")) + [ROOT / "filter" / "main.py"]
SDK = sorted((ROOT / "abi").glob("*.py"))
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


def documented_filters(work: Path) -> list[Path]:
    """The filters README.md and docs/sdk.md show, each written to ``work``."""
    readme = (ROOT / "README.md").read_text().split("## Writing your own filter", 1)[1]
    blocks = {"readme_filter": re.findall(r"```python\n(.*?)```", readme, re.S)[0]}
    for i, block in enumerate(re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "sdk.md").read_text(), re.S)):
        if "set_root_context(" in block:
            blocks[f"sdk_doc_filter_{i}"] = block
    for name, block in blocks.items():
        (work / f"{name}.py").write_text(block)
    return [work / f"{name}.py" for name in blocks]


def test_filters_and_sdk_pass_mypy_strict(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    names = sdk_names()
    assert {"HttpContext", "RootContext", "set_request_header", "get_shared_data"} <= set(names)
    # pytest's cache keeps mypy's warm; the written files keep their paths too (mypy reports a
    # cached module's errors under the path it had when they were cached)
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    work = cache.mkdir("typecheck") if cache is not None else tmp_path
    documented = documented_filters(work)
    assert len(documented) >= 2
    probe = work / "sdk_probe.py"
    probe.write_text(f"from abi.sdk import ({', '.join(names)})\n\n{MISUSE}")
    files = [str(p) for p in FILTERS + SDK + documented + [probe]]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"),
         "--cache-dir", str(work / "mypy-cache"), "--no-error-summary", "--no-pretty", *files],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and f"{probe.name}:3: error:" in errors[0] and "[arg-type]" in errors[0], \
        result.stdout + result.stderr
