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
successful builds are kept (errors are reported afresh). One entry per compiler, entry file and
working directory.
Light on purpose: build.py looks here before importing the rest of the compiler.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import cache, cache_store

FORMAT = 1  # changed when the layout of the stored entry changes


def _path(folder: Path, version: str, entry: Path) -> Path:
    # The working directory too: the paths in a traceback's text are shown relative to it
    # (diagnostics.display_path, lower/exceptions.py), so the bytes depend on it.
    where = f"{FORMAT}\0{version}\0{entry}\0{Path.cwd().resolve()}"
    key = cache.blake2b(where.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return folder / f"out-{key}.pickle"


def lookup(folder: Path, version: str, entry: Path) -> bytes | None:
    """The wasm bytes built from ``entry`` (resolved) by this compiler, if every file it was
    built from is as it was; else None."""
    try:
        stored = cache_store.read_whole(_path(folder, version, entry))
        observed, wasm = stored["observed"], stored["wasm"]
        if not isinstance(wasm, bytes) or not all(_still(seen) for seen in observed):
            return None
        return wasm
    except Exception:  # absent, unreadable, truncated, written by something else: a miss
        return None


def _still(seen: tuple) -> bool:
    kind, path = seen[0], seen[1]
    if kind == "probe":
        return os.path.isfile(path) == seen[2]
    if kind == "read":
        try:
            text = Path(path).read_text(encoding="utf-8")  # as frontend/load.py reads it
        except (OSError, UnicodeDecodeError):
            return False
        return cache.digest(text) == seen[2]
    return False  # "given" (a text not from disk) or unknown: never reused


def store(folder: Path, version: str, entry: Path, observed: list, wasm: bytes) -> None:
    """Keep ``wasm`` as built from what ``observed`` lists (when every input came from disk)."""
    if not observed or any(seen[0] not in ("probe", "read") for seen in observed):
        return
    cache_store.write_whole(folder, _path(folder, version, entry),
                            {"observed": list(observed), "wasm": bytes(wasm)})
