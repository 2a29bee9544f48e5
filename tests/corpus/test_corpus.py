"""The corpus of ordinary filters (tests/corpus/filters/) in the host emulator.

- test_cpython_matches_the_recorded_answers: each filter's scenario under CPython gives what tests/corpus/expected.py records
  (so the filters and scenarios are right as plain Python; UPDATE_CORPUS=1 rewrites the file).
- test_compiled_matches_cpython: each filter compiled gives the same observations as under CPython. A filter
  that does not compile yet is an expected failure (xfail, strict, CompileError only): when it
  starts compiling, the test XPASSes and fails, so move it out of NOT_YET; a compiled run that
  differs from CPython, or a compiler crash, is a plain failure.
Each filter is compiled once per test process (`compiled`, cached).
"""
import os
from functools import lru_cache
from pathlib import Path
from pprint import pformat

import pytest

from abi.emulator import Plugin
from compiler import CompileError, compile_file
from tests.corpus.scenarios import SCENARIOS
from tests.corpus import status
from tests.corpus.status import FILTERS, filter_names

EXPECTED_FILE = Path(__file__).resolve().parent / "expected.py"

# What stops each filter today (the first error of `python -m tests.corpus.status`).
NOT_YET = {
    "cors_preflight": "an Any into a list[str] dataclass field (`headers=raw.get(\"allowed_headers\", [])`: list(...) "
                      "would copy it)",
    "json_body_validation": "an Any assigned to a dict[str, str] field (`self.required = config.get(\"required\", {})`: dict(...) would copy it)",
    "query_rewrite": "an Any into a list[str] dataclass field (`drop=config.get(\"drop\", [])`: list(...) "
                     "would copy it)",
}


@lru_cache(maxsize=None)
def compiled(name: str) -> bytes | CompileError:
    try:
        return compile_file(FILTERS / f"{name}.py")
    except CompileError as err:
        # Keep only the diagnostics: pytest would otherwise render the compiler's deep traceback
        # (with its locals) for every expected failure, which takes minutes and gigabytes.
        return CompileError(err.diagnostics)


def run(runner: str, name: str):
    options, scenario = SCENARIOS[name]
    if runner == "cpython":
        return scenario(Plugin.cpython(str(FILTERS / f"{name}.py"), **options))
    wasm = compiled(name)
    if isinstance(wasm, CompileError):
        raise wasm
    return scenario(Plugin.wasm(wasm, **options))


def load_expected() -> dict:
    namespace: dict = {}
    exec(EXPECTED_FILE.read_text(), namespace)
    return namespace["EXPECTED"]


def test_every_filter_has_a_scenario_and_a_status():
    assert sorted(SCENARIOS) == filter_names() and len(SCENARIOS) == 14
    assert set(NOT_YET) <= set(SCENARIOS)


@pytest.mark.skipif(not os.environ.get("UPDATE_CORPUS"), reason="UPDATE_CORPUS=1 rewrites expected.py")
def test_update_recorded_answers():
    observed = {name: run("cpython", name) for name in filter_names()}
    EXPECTED_FILE.write_text('"""What each corpus scenario observes under CPython (UPDATE_CORPUS=1 '
                             'python -m pytest -n 0 tests/corpus rewrites it)."""\n\n'
                             f"EXPECTED = {pformat(observed, width=110)}\n")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_cpython_matches_the_recorded_answers(name: str):
    assert run("cpython", name) == load_expected()[name]


def compiled_case(name: str):
    if name not in NOT_YET:
        return name
    mark = pytest.mark.xfail(raises=CompileError, strict=True, reason=f"does not compile yet: {NOT_YET[name]}")
    return pytest.param(name, marks=mark)


@pytest.mark.parametrize("name", [compiled_case(n) for n in sorted(SCENARIOS)])
def test_compiled_matches_cpython(name: str):
    wasm_run = run("wasm", name)
    assert wasm_run == run("cpython", name)


def test_status_row_of_a_compile_error_and_of_a_compiler_crash(tmp_path, monkeypatch):
    (tmp_path / "sets.py").write_text("x = 1\nz: complex = 1j\n")
    refused = status.compile_one("sets", tmp_path)
    assert (refused.compiles, refused.error) == (False, f"{tmp_path}/sets.py:2:4: 'complex' is not a type")

    def crash(path):
        raise KeyError("boom\nsecond line")
    monkeypatch.setattr(status, "compile_file", crash)
    crashed = status.compile_one("sets", tmp_path)
    assert (crashed.compiles, crashed.error) == (False, "internal error: KeyError: 'boom\\nsecond line'")
    assert "| sets | no | `internal error: KeyError" in status.table([crashed])
