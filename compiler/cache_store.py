"""compiler/cache.py's memos kept on disk from one run of ``python build.py`` to the next.

Problem: each run of build.py is a new process, so the per-process memos start empty and every
build redoes the same work on the same runtime, SDK and filter texts (syntax checks, the name
walks of ~480 functions, the range analysis of ~370): about a quarter of a compile.
Guarantees: the bytes are those of a compile without the file (every key holds a digest of what
its answer depends on: the module's text, the function's span, the function's IR; see cache.py).
The file is named by a digest of the compiler itself (each of its source files' path, size and
modification time, the test CPython's bytecode cache uses, and the Python version), so a changed
compiler never reads an older compiler's answers. A missing, unreadable or corrupt file is a cold
start; a file that cannot be written is skipped. Only the entries the build read or added are
written back (one build's worth, not a growing history), and only when it added some.
Where: ``$PYWASM_CACHE_DIR``, else ``$XDG_CACHE_HOME/pywasm`` (``~/.cache/pywasm``); PYWASM_NO_CACHE=1
turns it off with the memos. Used by build.py only: tests and library callers keep in-process memos.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Iterator

from . import cache

COMPILER_DIR = Path(__file__).resolve().parent
KEEP_FILES = 16  # one per compiler version (each worktree, each edit of the compiler); the oldest go


def directory() -> Path:
    chosen = os.environ.get("PYWASM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pywasm"


def compiler_version() -> str:
    """A digest of the compiler's source files as they are now (path, size, mtime)."""
    h = hashlib.blake2b(f"{sys.version}\0{COMPILER_DIR}".encode(), digest_size=16)
    stack = [str(COMPILER_DIR)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    st = entry.stat()
                    h.update(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


@contextlib.contextmanager
def kept_on_disk(where: Path | None = None) -> Iterator[None]:
    """Within: the memos start from the file, and what the builds read or add is written back."""
    try:
        folder = where if where is not None else directory()
    except RuntimeError:  # no home directory to keep it in
        folder = None
    if os.environ.get("PYWASM_NO_CACHE") or folder is None:
        yield
        return
    path = folder / f"{compiler_version()}.pickle"
    loaded = _load(path)
    cache.start_tracking()
    try:
        yield
        entries, added = cache.tracked_entries()
        if added or sum(map(len, entries.values())) < loaded:
            _save(folder, path, entries)
    finally:
        cache.stop_tracking()


def _load(path: Path) -> int:
    try:
        with open(path, "rb") as file:
            saved = pickle.load(file)
        return cache.restore(saved)
    except Exception:  # absent, unreadable, or written by something else: a cold start
        return 0


def _save(folder: Path, path: Path, entries: dict) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            pickle.dump(entries, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)  # whole or not at all, even with builds running side by side
        _forget_old(folder)
    except OSError:
        pass


def _forget_old(folder: Path) -> None:
    files = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        with contextlib.suppress(OSError):
            old.unlink()
