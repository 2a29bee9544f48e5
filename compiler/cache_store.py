"""compiler/cache.py's memos kept on disk from one run of ``python build.py`` to the next.

Problem: each run of build.py is a new process, so the per-process memos start empty and every
build redoes the same work on the same runtime, SDK and filter texts (syntax checks, the name
walks of ~480 functions, the range analysis of ~370): about a quarter of a compile.
Guarantees: the bytes are those of a compile without the files (every key holds a digest of
what its answer depends on: the module's text, the function's span, the function's IR; see
cache.py). The files are named by a digest of the compiler itself (each of its source files' path
and contents, and the Python version), so a changed compiler never reads an older compiler's
answers. Each file holds a digest of its contents: a missing, unreadable, cut or altered file is a
cold start; a file that cannot be written is skipped. Only the entries the build read or added are
kept (one build's worth, not a growing history): a base file, and a delta beside it of what later
builds added (an edited filter's facts), folded into the base when it grows.
Where: ``$PYWASM_CACHE_DIR``, else ``$XDG_CACHE_HOME/pywasm`` (``~/.cache/pywasm``); PYWASM_NO_CACHE=1
turns it off with the memos. Used by build.py only: tests and library callers keep in-process memos.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import sys
from pathlib import Path
from collections.abc import Iterator

from . import cache

COMPILER_DIR = Path(__file__).resolve().parent
KEEP_FILES = 16  # one per compiler version (each worktree, each edit of the compiler); the oldest go


def directory() -> Path:
    chosen = os.environ.get("PYWASM_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pywasm"


def folder() -> Path | None:
    """Where build.py keeps what it reuses; None with PYWASM_NO_CACHE=1 or no home directory."""
    if os.environ.get("PYWASM_NO_CACHE"):
        return None
    try:
        return directory()
    except RuntimeError:  # no home directory to keep it in
        return None


def compiler_version() -> str:
    """A digest of the compiler's source files' contents (and the Python version, the folder):
    the runtime, the stdlib and every pass are in it. Within a process the contents are hashed
    again only when a file's size or modification time changed."""
    global _version
    files = _source_files()
    signature = tuple((path, st.st_size, st.st_mtime_ns) for path, st in files)
    if _version is not None and _version[0] == signature:
        return _version[1]
    h = cache.blake2b(f"{sys.version}\0{COMPILER_DIR}".encode(), digest_size=16)
    for path, _ in files:
        with open(path, "rb") as file:
            data = file.read()
        h.update(f"{path}\0{len(data)}\0".encode())
        h.update(data)
    _version = (signature, h.hexdigest())
    return _version[1]


_version: tuple[tuple, str] | None = None


def _source_files() -> list:
    """(path, stat) of every .py file of the compiler, in a fixed order."""
    found, stack = [], [str(COMPILER_DIR)]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        stack.append(entry.path)
                elif entry.name.endswith(".py"):
                    found.append((entry.path, entry.stat()))
    return found


@contextlib.contextmanager
def kept_on_disk(where: Path | None = None) -> Iterator[None]:
    """Within: the memos start from the files, and what the builds read or add is written back.
    Two files: the base, and beside it a delta of what later builds added (an edited filter's
    facts: a few kB, where rewriting the base would cost a twentieth of a build); the base is
    rewritten when the delta grows past a quarter of it or a quarter of it went unused."""
    place = where if where is not None else folder()
    if os.environ.get("PYWASM_NO_CACHE") or place is None:
        yield
        return
    version = compiler_version()
    base_path, delta_path = place / f"{version}.pickle", place / f"delta-{version}.pickle"
    base, delta = _load(base_path), _load(delta_path)
    cache.start_tracking()
    try:
        yield
        entries, added = cache.tracked_entries()
        _save(place, base_path, delta_path, entries, added, base, delta)
    finally:
        cache.stop_tracking()


def _load(path: Path) -> dict:
    """The entries of one file (as ``cache.tracked_entries`` gave them), put back into the memos."""
    try:
        saved = read_whole(path)
        cache.restore(saved)
        return saved
    except Exception:  # absent, unreadable, or written by something else: a cold start
        return {}


def _size(entries: dict) -> int:
    return sum(map(len, entries.values()))


def _save(place: Path, base_path: Path, delta_path: Path, entries: dict, added: bool,
          base: dict, delta: dict) -> None:
    fresh = {memo: keys.difference(base.get(memo, ())) if isinstance(keys, set) else
             {k: v for k, v in keys.items() if k not in base.get(memo, {})} for memo, keys in entries.items()}
    used_of_base = _size(entries) - _size(fresh)
    if not base or used_of_base < _size(base) * 3 // 4 or _size(fresh) > _size(base) // 4:
        if added or _size(entries) < _size(base) + _size(delta):
            write_whole(place, base_path, entries)
            with contextlib.suppress(OSError):
                os.unlink(delta_path)
    elif added or _size(fresh) < _size(delta):
        write_whole(place, delta_path, fresh)


def write_whole(folder: Path, path: Path, value, keep: int = KEEP_FILES) -> None:
    """Pickle ``value`` to ``path`` (``read_whole`` reads it back); a folder that cannot be
    written is skipped. Of the files named like ``path`` (its prefix before the digest), the
    newest ``keep`` are kept."""
    try:
        write_bytes(folder, path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _forget_old(folder, path.name[:path.name.index("-") + 1] if "-" in path.name else "", keep)
    except (OSError, pickle.PicklingError):
        pass


def read_whole(path: Path):
    """What ``write_whole`` wrote to ``path``; an error if it is absent, truncated or altered."""
    return pickle.loads(read_bytes(path))


def write_bytes(folder: Path, path: Path, payload: bytes) -> None:
    """``payload`` behind a digest of it, in a file that appears whole or not at all (builds may
    run side by side). Raises OSError when the folder cannot be written."""
    import tempfile  # only when writing: build.py's look-up of a previous output stays light
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(cache.blake2b(payload, digest_size=DIGEST).digest())
            file.write(payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def read_bytes(path: Path) -> bytes:
    """The payload ``write_bytes`` wrote; ValueError when the file is not whole (a cut, a flipped
    bit: an unpickled value could otherwise be wrong without an error)."""
    with open(path, "rb") as file:
        data = file.read()
    payload = data[DIGEST:]
    if len(data) < DIGEST or cache.blake2b(payload, digest_size=DIGEST).digest() != data[:DIGEST]:
        raise ValueError(f"{path}: not a whole cache file")
    return payload


DIGEST = 16


def _forget_old(folder: Path, prefix: str, keep: int) -> None:
    named = (p for p in folder.glob(f"{prefix}*.pickle") if prefix or "-" not in p.name)
    files = sorted(named, key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
