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

import marshal
import os
import sys
from importlib.machinery import PathFinder, SourceFileLoader
from pathlib import Path
from types import CodeType

from . import cache_store

KEEP_FILES = 8
INSIDE = str(cache_store.COMPILER_DIR) + os.sep


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
        if not self.path.startswith(INSIDE):  # the digest in the bundle's name covers compiler/ only
            return super().get_code(fullname)
        known = self.finder.codes.get(fullname)
        if isinstance(known, tuple) and len(known) == 2 and known[0] == self.path \
                and isinstance(known[1], CodeType):
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
        codes = marshal.loads(cache_store.read_bytes(_file(folder, version)))
        if not isinstance(codes, dict):
            codes = {}
    except Exception:  # absent, cut, altered, from another Python: compiled as usual
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
        cache_store.write_bytes(folder, _file(folder, version), marshal.dumps(codes))
        old = sorted(folder.glob("code-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP_FILES:]:
            stale.unlink()
    except (OSError, ValueError):
        pass
