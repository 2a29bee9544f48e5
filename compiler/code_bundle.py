"""The compiler's own modules compiled to bytecode once, kept in one file of build.py's cache.

Problem: importing the compiler is ~190 modules; where CPython keeps no bytecode cache
(PYTHONDONTWRITEBYTECODE=1, a read-only checkout) every run of build.py compiles all their
sources again, a fifth of a build. Where it does, reading ~190 .pyc files costs more than one.
Guarantees: a module's code comes from the file only when the file was written for this
compiler's exact sources (its name holds cache_store.compiler_version: every source's contents
and the Python version) and for this module's source path; anything else, or a file that does not
unmarshal, is an import as usual. Only modules under compiler/ are concerned; their ``__file__``,
``__spec__`` and search paths are those of the usual import.
"""
from __future__ import annotations

import contextlib
import marshal
import os
import sys
from importlib.machinery import PathFinder, SourceFileLoader
from pathlib import Path

from . import cache_store

KEEP_FILES = 8


class _Finder:
    """Finds compiler modules as the usual path finder does, then loads them with ``_Loader``."""

    def __init__(self, codes: dict) -> None:
        self.codes = codes      # module name -> (source path, code), from the file
        self.compiled: dict = {}  # what this run compiled itself, to keep

    def find_spec(self, name: str, path=None, target=None):
        if name != "compiler" and not name.startswith("compiler."):
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and type(spec.loader) is SourceFileLoader:
            spec.loader = _Loader(spec.loader.name, spec.loader.path, self)
        return spec

    def invalidate_caches(self) -> None:
        pass


class _Loader(SourceFileLoader):
    def __init__(self, fullname: str, path: str, finder: _Finder) -> None:
        super().__init__(fullname, path)
        self.finder = finder

    def get_code(self, fullname: str):
        known = self.finder.codes.get(fullname)
        if known is not None and known[0] == self.path:
            return known[1]
        code = super().get_code(fullname)
        self.finder.compiled[fullname] = (self.path, code)
        return code


_finder: _Finder | None = None


def _file(folder: Path, version: str) -> Path:
    return folder / f"code-{version}.marshal"


def install(folder: Path, version: str) -> None:
    """Import compiler modules from the bundle in ``folder`` from now on (before importing them)."""
    global _finder
    try:
        with open(_file(folder, version), "rb") as file:
            codes = marshal.loads(file.read())  # load(file) reads it a few bytes at a time
        if not isinstance(codes, dict):
            codes = {}
    except Exception:  # absent, truncated, from another Python: compiled as usual
        codes = {}
    _finder = _Finder(codes)
    sys.meta_path.insert(0, _finder)


def save(folder: Path, version: str) -> None:
    """Write the bundle again when this run compiled modules it did not hold, and the compiler's
    sources are still those of ``version``."""
    if _finder is None or not _finder.compiled or cache_store.compiler_version() != version:
        return
    codes = {**_finder.codes, **_finder.compiled}
    try:
        import tempfile  # only when writing
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                marshal.dump(codes, file)
            os.replace(temporary, _file(folder, version))  # whole or not at all
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        old = sorted(folder.glob("code-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_FILES:]:
            stale.unlink()
    except (OSError, ValueError):
        pass
