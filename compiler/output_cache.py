"""build.py's previous output, handed back when nothing it was built from changed.

Problem: a rebuild with no change (make, a CI step, an editor's build-on-save) redid the whole
compile, and importing the compiler alone is a fifth of it.
Guarantees: the bytes handed back are those the same compiler built from the same files: the
entry names the compiler (cache_store.compiler_version: the contents of its sources, the runtime
and stdlib included, and the Python version), the entry file's resolved path and the working
directory (a traceback's text shows paths relative to it), and holds every observation
frontend/load.py made (``observing_files``): each path probed for a module and whether it was a file (a new file that would shadow one is a change), and
each file read with a digest of its text. All are checked again before the bytes are used; any
difference, or a file missing, unreadable or corrupt, is a miss and a full compile. Only
successful builds are kept (errors are reported afresh): the last ``KEEP_BUILDS`` per compiler,
entry file and working directory.
Light on purpose: build.py looks here before importing the rest of the compiler.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import cache, cache_store

FORMAT = 2  # changed when the layout of the stored entry changes
KEEP_BUILDS = 4  # per compiler, entry file and working directory


def _path(folder: Path, version: str, entry: Path) -> Path:
    # The working directory too: the paths in a traceback's text are shown relative to it
    # (diagnostics.display_path, lower/exceptions.py), so the bytes depend on it.
    where = f"{FORMAT}\0{version}\0{entry}\0{Path.cwd().resolve()}"
    key = cache.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return folder / f"out-{key}.pickle"


def lookup(folder: Path, version: str, entry: Path) -> bytes | None:
    """The wasm bytes built from ``entry`` (resolved) by this compiler, if every file one of the
    last builds was built from is as it was then; else None."""
    try:
        builds = cache_store.read_whole(_path(folder, version, entry))
        now: dict = {}  # what each path is now, read once whatever the number of builds kept
        for build in builds:
            observed, wasm = build["observed"], build["wasm"]
            if isinstance(wasm, bytes) and all(_still(seen, now) for seen in observed):
                return wasm
        return None
    except Exception:  # absent, unreadable, cut, altered, written by something else: a miss
        return None


def _still(seen: tuple, now: dict) -> bool:
    kind, path = seen[0], seen[1]
    if (kind, path) not in now:
        now[kind, path] = _observe(kind, path)
    return kind in ("probe", "read") and now[kind, path] == seen[2]


def _observe(kind: str, path: str):
    """Whether ``path`` is a file ("probe"), or the digest of its text ("read"; None if unreadable)."""
    if kind == "probe":
        return os.path.isfile(path)
    if kind == "read":
        try:
            return cache.digest(Path(path).read_text(encoding="utf-8"))  # as frontend/load.py reads it
        except (OSError, UnicodeDecodeError):
            return None
    return None  # "given" (a text not from disk) or unknown: never reused


def store(folder: Path, version: str, entry: Path, observed: list, wasm: bytes) -> None:
    """Keep ``wasm`` as built from what ``observed`` lists (when every input came from disk), with
    the last few other builds of ``entry`` (an edit undone, a branch switched back: no compile)."""
    if not observed or any(seen[0] not in ("probe", "read") for seen in observed):
        return
    path = _path(folder, version, entry)
    try:
        earlier = [b for b in cache_store.read_whole(path) if b["observed"] != observed]
    except Exception:
        earlier = []
    builds = [{"observed": list(observed), "wasm": bytes(wasm)}, *earlier][:KEEP_BUILDS]
    cache_store.write_whole(folder, path, builds)
