"""Run the filter's Python source under CPython, against the same host as the wasm runner.

Each instance imports the filter with private copies of ``abi.*`` (but not
``abi.emulator``), ``compiler.runtime.*`` and the user's modules (every
module in the entry file's folder), then restores ``sys.modules``: two plugin
instances, or two tests, never share globals or emulated memory. The private
``abi`` package is bound to the VM: its ``@wasm_import`` trampolines call
``Vm.call_import`` and its ``@export`` registry is what the runner calls (less
the ``@export_if_overridden`` callbacks no class overrides, as when compiled).
The filter's own modules run with int64 checks (runners/int64.py): an int
result that leaves int64 raises OverflowError, where the compiled module traps.
Breakpoints (``breakpoint()``, pdb) work as in any Python code.
"""
from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from ..errors import ModuleError, RestrictedCallError
from ..memory import EmulatedMemory
from ..table import ABI_VERSION_MARKER, ALLOCATORS, to_i32
from .any_checks import NAMES as ANY_NAMES
from .any_checks import program_checks
from .int64 import NAMES, checked_code

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def _private(name: str, module: ModuleType, entry_dir: Path) -> bool:
    """Modules each instance imports afresh."""
    if name == "abi" or (name.startswith("abi.") and not name.startswith("abi.emulator")):
        return True
    if name == "compiler.runtime" or name.startswith("compiler.runtime."):
        return True
    file = getattr(module, "__file__", None)
    return bool(file) and Path(file).resolve().is_relative_to(entry_dir) and entry_dir != PROJECT_ROOT


def _filters_own(file: Path, entry_dir: Path) -> bool:
    """The filter's own source (not the SDK or the runtime): run with the int64 checks."""
    ours = (PROJECT_ROOT / "abi", PROJECT_ROOT / "compiler")
    return file.suffix == ".py" and file.is_relative_to(entry_dir) and \
        not any(file.is_relative_to(root) for root in ours)


class Int64CheckedLoader(importlib.machinery.SourceFileLoader):
    """Loads a filter module with the int64 checks (runners/int64.py) and the Any checks of its
    program (runners/any_checks.py), never from a .pyc."""

    def __init__(self, fullname: str, path: str, checks: dict | None = None):
        super().__init__(fullname, path)
        self.checks = (checks or {}).get(str(Path(path).resolve()))

    def get_code(self, fullname: str):
        return checked_code(self.get_data(self.path), self.path, self.checks)

    def exec_module(self, module: ModuleType) -> None:
        module.__dict__.update(NAMES)
        module.__dict__.update(ANY_NAMES)
        super().exec_module(module)


class _Int64CheckedFinder(importlib.abc.MetaPathFinder):
    def __init__(self, entry_dir: Path, checks: dict):
        self.entry_dir = entry_dir
        self.checks = checks

    def find_spec(self, name: str, path=None, target=None):
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not spec.origin or not _filters_own(Path(spec.origin).resolve(), self.entry_dir):
            return None
        spec.loader = Int64CheckedLoader(name, spec.origin, self.checks)
        return spec


def module_name(entry: Path) -> str:
    """Like the compiler: dotted path under the project root, else the file's stem."""
    try:
        parts = list(entry.relative_to(PROJECT_ROOT).with_suffix("").parts)
    except ValueError:
        return entry.stem
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class CPythonModule:
    """A filter source file; ``instantiate()`` imports a private copy of it for one VM."""

    runner = "cpython"

    def __init__(self, source: str | Path):
        self.path = Path(source).resolve()
        if not self.path.is_file():
            raise ModuleError(f"no such filter source: {source}")

    def instantiate(self) -> "CPythonInstance":
        return CPythonInstance(self.path)


class CPythonInstance:
    def __init__(self, path: Path):
        self.path = path
        self.vm: Any = None
        self.last_fuel: int | None = None  # CPython has no fuel
        self.modules = self._import_privately()
        self.abi = self.modules["abi"]
        self.abi.HOST = self  # imports called while importing are restricted (no VM yet)
        self.abi.RUNTIME_MEMORY = self.modules.get("compiler.runtime.memory")
        self.entry = self.modules[module_name(path)]
        self.exports = self.abi.active_exports()  # the compiled module's exports, by the same rule
        if ABI_VERSION_MARKER not in self.exports or not any(a in self.exports for a in ALLOCATORS):
            raise ModuleError(f"{path} exports no {ABI_VERSION_MARKER}/proxy_on_memory_allocate: "
                              "import abi.memory (the compiled module would lack them too)")
        self.memory = EmulatedMemory(self.modules["abi.intrinsics"], self._allocate)

    def _import_privately(self) -> dict[str, ModuleType]:
        saved_modules = dict(sys.modules)
        saved_path = list(sys.path)
        compiler_pkg = sys.modules.get("compiler")
        saved_runtime = getattr(compiler_pkg, "runtime", None)
        entry_dir = self.path.parent
        checks = program_checks(self.path)
        finder = _Int64CheckedFinder(entry_dir, checks)
        sys.meta_path.insert(0, finder)
        try:
            for name, module in list(sys.modules.items()):
                if _private(name, module, entry_dir):
                    del sys.modules[name]
            for root in (str(PROJECT_ROOT), str(entry_dir)):
                if root not in sys.path:
                    sys.path.insert(0, root)
            abi = importlib.import_module("abi")
            abi.HOST = self
            name = module_name(self.path)
            spec = importlib.util.spec_from_file_location(
                name, self.path, loader=Int64CheckedLoader(name, str(self.path), checks))
            entry = importlib.util.module_from_spec(spec)
            sys.modules[name] = entry
            spec.loader.exec_module(entry)
            return {k: v for k, v in sys.modules.items() if saved_modules.get(k) is not v}
        finally:
            sys.meta_path.remove(finder)
            sys.modules.clear()
            sys.modules.update(saved_modules)
            sys.path[:] = saved_path
            if compiler_pkg is not None and saved_runtime is not None:
                compiler_pkg.runtime = saved_runtime

    # -- what the VM uses --------------------------------------------------------------
    def bind(self, vm: Any) -> None:
        self.vm = vm

    def call_import(self, name: str, args: tuple[int, ...]) -> int:
        """The private abi package's trampolines land here."""
        if self.vm is None:
            raise RestrictedCallError(f"{name} called while importing the filter: Envoy traps "
                                      "(restricted_callback) on host calls during start-up")
        return self.vm.call_import(name, args)

    def _allocate(self, size: int) -> int:
        return self.vm.allocate(size)

    def call(self, name: str, args: tuple[int, ...], outer: bool) -> int | None:
        result = self.exports[name](*args)
        if result is None:
            return None
        return to_i32(int(result))  # bool -> 0/1; an int is narrowed like the compiled i32
