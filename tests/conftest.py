"""Shared test setup: the project root on sys.path, so tests import compiler/abi; and the V8
validation of every wasm module the session builds (see tests/v8_validation.py), also when
pytest-xdist runs the tests in worker processes (pyproject's addopts: ``-n auto``)."""
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for folder in (ROOT, HERE):  # HERE: v8_validation, under any pytest import mode
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import compile_memo  # noqa: E402
import v8_validation  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    # Before collection: test modules bind compiler.compile_file when they are imported.
    worker = getattr(config, "workerinput", None)  # set in an xdist worker
    compile_memo.install()  # first: the V8 recorder wraps it, and still sees every module
    v8_validation.start(worker["v8_modules"] if worker else None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (test items, imported modules) lives as long as the session: the
    cycle collector need not walk it again at every full collection during the tests."""
    gc.collect()
    gc.freeze()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` runs one worker per core, but a run of named tests (`pytest path::test`) runs in
    this process: starting workers would take longer than the tests. PYTEST_XDIST_AUTO_NUM_WORKERS
    still decides when set."""
    if not os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") and config.args \
            and all("::" in arg for arg in config.args):
        return 0
    return None  # xdist's own count


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist controller: every worker records into this session's one directory."""
    node.workerinput["v8_modules"] = str(v8_validation.SESSION.directory)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """xdist controller: which tests built which module, for the report (a worker that
    crashed sends nothing, but its modules are in the directory and are validated)."""
    v8_validation.SESSION.merge(getattr(node, "workeroutput", {}).get("v8_origins", {}))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    v8_validation.CURRENT = item.nodeid  # modules built now (also by fixtures) are this test's
    yield


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller validates
        session.config.workeroutput["v8_origins"] = v8_validation.SESSION.origins
        return
    directory = v8_validation.SESSION.directory
    try:
        count, seconds, invalid = v8_validation.finish()
    except RuntimeError as err:  # node missing or broken: fail, never skip silently
        session.config.v8_summary = f"V8 VALIDATION COULD NOT RUN: {err}"
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        return
    if invalid:
        session.config.v8_summary = "V8 VALIDATION FAILED: " + v8_validation.report(invalid, directory)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    else:
        session.config.v8_summary = f"V8 validated {count} distinct wasm modules built by the tests in {seconds:.1f}s"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    summary = getattr(config, "v8_summary", None)
    if summary:
        failed = summary.startswith("V8 VALIDATION")
        terminalreporter.write_sep("=", "V8 validation", red=failed, green=not failed)
        terminalreporter.write_line(summary)


@pytest.fixture(scope="session")
def filter_wasm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main.wasm built from filter/ by the README's build command (once per session, into a
    temp dir); a build failure fails the tests that need it."""
    out = tmp_path_factory.mktemp("build") / "main.wasm"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"python build.py failed:\n{result.stderr}"
    v8_validation.record_file(out)  # built in a subprocess: the compile hook cannot see it
    return out
