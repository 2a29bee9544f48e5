"""Fixtures over envoy_harness: a recording backend, WAT fixtures, Envoys torn down per test.

The harness is imported as a top-level module: this directory goes on sys.path
(no packages, so it works under any pytest import mode).
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest
import wasmtime  # a dependency of the project: missing means broken, not skipped

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from envoy_harness import Backend, Envoy, running_backend, running_envoy  # noqa: E402

FIXTURES = HERE / "fixtures"


@pytest.fixture
def backend() -> Iterator[Backend]:
    with running_backend() as server:
        yield server


@pytest.fixture
def wat_module(tmp_path: Path) -> Callable[[str], Path]:
    """`wat_module("passthrough")` assembles fixtures/passthrough.wat to a .wasm file."""
    def assemble(name: str) -> Path:
        wasm = tmp_path / f"{name}.wasm"
        wasm.write_bytes(wasmtime.wat2wasm((FIXTURES / f"{name}.wat").read_text()))
        return wasm
    return assemble


@pytest.fixture
def start_envoy(request: pytest.FixtureRequest, backend: Backend,
                tmp_path: Path) -> Iterator[Callable[..., Envoy]]:
    """`start_envoy(wasm, config, **kw)`: a LIVE Envoy in front of `backend`, stopped after
    the test; its files stay in tmp_path/envoy-N, and a failing test shows its log tail."""
    envoys: list[Envoy] = []
    request.node.e2e_envoys = envoys
    with contextlib.ExitStack() as stack:
        def start(wasm_path: Path, plugin_configuration: str = "", **kwargs: object) -> Envoy:
            workdir = tmp_path / f"envoy-{len(envoys)}"
            envoy = stack.enter_context(running_envoy(
                wasm_path, plugin_configuration, backend.port, workdir=workdir, **kwargs))
            envoys.append(envoy)
            return envoy
        yield start


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Attach each Envoy's log tail to a failed test's report."""
    outcome = yield
    report = outcome.get_result()
    if report.failed and report.when == "call":
        for index, envoy in enumerate(getattr(item, "e2e_envoys", ())):
            report.sections.append((f"envoy-{index} log (tail)", envoy.log_tail()))
