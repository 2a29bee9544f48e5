"""Every wasm module the test session builds must also validate in V8, the engine Envoy runs.

The tests run modules in wasmtime, which accepts some things V8 does not (and
the other way round), so wasmtime running a module proves nothing about Envoy.
While the session runs, every module the tests build is recorded here: the
output of ``compiler.compile_file``, of ``wasmtime.wat2wasm`` (WAT fixtures,
the WAT printer's round trip) and files built by a subprocess (``record_file``,
e.g. main.wasm from build.py). Modules are deduplicated by content hash and
remember which tests built them. At the end of the session ONE node process
validates them all (``validate.js``); an invalid module fails the session with
V8's message and the tests that built it. Without ``node`` the session fails
too: a skipped check would look exactly like a passed one.

Under pytest-xdist the workers record into the controller's directory (each
file written atomically, so two workers building the same module cannot tear
it) and send back which tests built what; only the controller runs node, over
every file in the directory, so a module from a worker that crashed before
reporting is still checked.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

VALIDATE_JS = Path(__file__).resolve().parent / "v8" / "validate.js"
MAX_ORIGINS = 3  # tests named per module in a report


@dataclass(frozen=True)
class Invalid:
    name: str  # the module's file name (its hash)
    error: str  # V8's message
    origins: tuple[str, ...]  # tests that built it


@dataclass
class Registry:
    """Modules recorded during a session, one file per distinct content."""

    directory: Path
    origins: dict[str, list[str]] = field(default_factory=dict)  # file name -> tests

    def record(self, wasm: bytes, origin: str) -> None:
        name = hashlib.sha256(wasm).hexdigest()[:24] + ".wasm"
        if name not in self.origins:
            partial = self.directory / f"{name}.{os.getpid()}.part"  # not *.wasm: node skips it
            partial.write_bytes(wasm)
            os.replace(partial, self.directory / name)  # atomic: another worker may write it too
            self.origins[name] = []
        self.add_origins(name, [origin])

    def add_origins(self, name: str, origins: list[str]) -> None:
        known = self.origins.setdefault(name, [])
        for origin in origins:
            if origin not in known and len(known) < MAX_ORIGINS:
                known.append(origin)

    def merge(self, origins: dict[str, list[str]]) -> None:
        """Origins recorded by another process (an xdist worker) into the same directory."""
        for name, tests in origins.items():
            self.add_origins(name, tests)

    def modules(self) -> list[str]:
        """Every module in the directory, whoever recorded it."""
        return sorted(path.name for path in self.directory.glob("*.wasm"))

    def validate(self) -> list[Invalid]:
        """Run V8 over every module in the directory; the invalid ones."""
        count = len(self.modules())
        if count == 0:
            return []
        rejected = run_node(self.directory, count)
        return [Invalid(name, error, tuple(self.origins.get(name, ()))) for name, error in rejected]


def run_node(directory: Path, expected: int) -> list[tuple[str, str]]:
    """(file name, V8 error) for each invalid module in ``directory``, from one node process."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: the V8 validation of the built wasm modules cannot run "
                           "(install Node.js; Envoy runs V8, so this check is required)")
    result = subprocess.run([node, str(VALIDATE_JS), str(directory)], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"node {VALIDATE_JS.name} failed ({result.returncode}):\n{result.stderr}")
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if not lines or lines[-1].get("checked") != expected:
        raise RuntimeError(f"node checked {lines[-1:] if lines else 'nothing'}, expected {expected} modules")
    return [(line["file"], line["error"]) for line in lines[:-1]]


# -- the session -------------------------------------------------------------------

SESSION: Registry | None = None
CURRENT = "<collection>"  # the test running now (set by tests/conftest.py)


def start(directory: str | None = None) -> Registry:
    """A registry for this session (in a fresh directory, or an xdist worker's in the
    controller's ``directory``), and the hooks that feed it."""
    global SESSION
    SESSION = Registry(Path(directory) if directory else Path(tempfile.mkdtemp(prefix="v8_modules_")))
    _install_hooks()
    return SESSION


def record(wasm: bytes, origin: str | None = None) -> None:
    if SESSION is not None:
        SESSION.record(wasm, origin or CURRENT)


def record_file(path: Path) -> None:
    """A module built outside this process (e.g. ``python build.py``)."""
    record(Path(path).read_bytes())


def _install_hooks() -> None:
    """Wrap the functions through which the tests build modules (before test modules import them)."""
    import wasmtime

    import compiler
    import compiler.pipeline

    def recorded(build):
        def wrapper(*args, **kwargs):
            wasm = build(*args, **kwargs)
            record(wasm)
            return wasm
        wrapper.__wrapped__ = build
        wrapper.__doc__ = build.__doc__
        return wrapper

    if not hasattr(compiler.compile_file, "__wrapped__"):
        compiler.compile_file = compiler.pipeline.compile_file = recorded(compiler.pipeline.compile_file)
    if not hasattr(compiler.pipeline.compile_file_observed, "__wrapped__"):
        compiler.pipeline.compile_file_observed = recorded(compiler.pipeline.compile_file_observed)
    if not hasattr(wasmtime.wat2wasm, "__wrapped__"):
        wasmtime.wat2wasm = recorded(wasmtime.wat2wasm)


def finish() -> tuple[int, float, list[Invalid]]:
    """Validate the session's modules: (count, seconds, invalid); keeps the files only if some are invalid."""
    assert SESSION is not None
    started = time.monotonic()
    count = len(SESSION.modules())
    invalid = SESSION.validate()
    if not invalid:
        shutil.rmtree(SESSION.directory, ignore_errors=True)
    return count, time.monotonic() - started, invalid


def report(invalid: list[Invalid], directory: Path) -> str:
    lines = [f"{len(invalid)} wasm module(s) built by the tests do not validate in V8 (kept in {directory}):"]
    for module in invalid:
        lines.append(f"  {module.name}: {module.error}")
        lines += [f"      built by {origin}" for origin in module.origins]
    return "\n".join(lines)
