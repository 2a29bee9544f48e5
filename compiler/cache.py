"""Per-process memos of facts the compiler derives from a module's source text alone.

Problem: every compile re-reads the whole runtime (~430 functions), the SDK and the stdlib modules
it imports, and a few of its steps (CPython's syntax check of a module, the walks that collect a
function's ``global`` and assigned names, a module's attribute stores) cost a quarter of a compile
and give the same answer for the same text every time.
Guarantees: a memo hit returns exactly what the computation it stands for returned for the same
text (keys hold the module's name, path and a digest of its text; for a function also its exact
span), so compiled bytes are the same with or without it (tests/compiler/test_cache.py compares
them). Only successes are kept: an error is raised afresh every time. Functions without a span of
their own in the source (a dataclass's generated ``__init__``, holders with no location) are never
memoised. ``disabled()`` turns every memo off (the test), as PYWASM_NO_CACHE=1 does for a process.
Every key and value is plain data (str, int, tuples, frozensets, the IR's interval values), so
compiler/cache_store.py can keep the memos on disk from one run of build.py to the next.
"""
from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Callable, Iterator

try:  # hashlib's own blake2b, without loading OpenSSL (a few ms of every build.py run)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

MAX_ENTRIES = 20000  # per memo; cleared past that (a long fuzz session compiles many programs)
_enabled = not os.environ.get("PYWASM_NO_CACHE")
_syntax_ok: set[tuple[str, str]] = set()
_module_facts: dict[tuple, frozenset] = {}
_function_facts: dict[tuple, tuple] = {}
_digests: dict[int, tuple[str, str]] = {}  # id(text) -> (text, digest): the same str object again
# While compiler/cache_store.py keeps the memos on disk: the keys this run read or added, per memo
# (only those are written back, so the file holds one build's worth), and whether any was added.
_touched: dict[str, set] | None = None
_added = False


@contextlib.contextmanager
def disabled() -> Iterator[None]:
    global _enabled
    previous, _enabled = _enabled, False
    try:
        yield
    finally:
        _enabled = previous


def digest(text: str) -> str:
    known = _digests.get(id(text))
    if known is not None and known[0] is text:
        return known[1]
    value = blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    if len(_digests) > 64:  # only the texts of the compile under way are asked for again
        _digests.clear()
    _digests[id(text)] = (text, value)
    return value


def _room(memo) -> None:
    if len(memo) >= MAX_ENTRIES:
        memo.clear()


def check_syntax(text: str, shown: str) -> None:
    """CPython's compile-time errors for ``text`` (raised as ``compile`` raises them)."""
    key = (shown, digest(text)) if _enabled else None
    if key is not None and key in _syntax_ok:
        _touch("syntax", key)
        return
    compile(text, shown, "exec", dont_inherit=True)
    if key is not None:
        _room(_syntax_ok)
        _syntax_ok.add(key)
        _touch("syntax", key, added=True)


def module_fact(module, kind: str, compute: Callable[[], frozenset]) -> frozenset:
    """``compute()`` (a fact about ``module``'s tree, e.g. the attributes it assigns), memoised."""
    if not _enabled:
        return compute()
    key = (kind, module.name, module.display_path, digest(module.text))
    found = _module_facts.get(key)
    if found is None:
        found = compute()
        _room(_module_facts)
        _module_facts[key] = found
        _touch("module", key, added=True)
    else:
        _touch("module", key)
    return found


def function_fact(fn, kind: str, compute: Callable[[], tuple]) -> tuple:
    """``compute()`` (a fact about a function's own tree, e.g. the names it declares global and
    the names it assigns), memoised for a function read from its module's source (not one the
    compiler generated)."""
    node = fn.node
    span = (getattr(node, "lineno", None), getattr(node, "col_offset", None),
            getattr(node, "end_lineno", None), getattr(node, "end_col_offset", None))
    if not _enabled or None in span or getattr(node, "generated", False):
        return compute()
    module = fn.module
    key = (kind, module.name, module.display_path, digest(module.text), fn.qualname,
           getattr(node, "name", None), span)
    found = _function_facts.get(key)
    if found is None:
        found = compute()
        _room(_function_facts)
        _function_facts[key] = found
        _touch("function", key, added=True)
    else:
        _touch("function", key)
    return found


# -- passes/ranges.py, passes/function_memo.py: results for the same IR (and assumptions) ---------
# What a function is (its IR, signature, its callees' signatures) -> a digest of ``marshal``
# version 2's bytes (no shared references; anything but plain data is refused), then (that digest,
# the assumptions) -> the result. The bytes tell 0.0 from -0.0 and 1 from True or 1.0, which ``==``
# (a dict keyed by the IR itself) does not; equal bytes are equal values of the same types, so
# the results can be kept on disk.
_ranges: dict[tuple, tuple] = {}


def function_id(what: tuple) -> str | None:
    """A digest of ``what`` (plain data), or None when off or not plain data."""
    if not _enabled:
        return None
    try:
        return blake2b(marshal.dumps(what, 2), digest_size=16).hexdigest()
    except ValueError:
        return None


def ranges_get(key: tuple | None) -> tuple | None:
    found = _ranges.get(key) if key is not None and _enabled else None
    if found is not None:
        _touch("ranges", key)
    return found


def ranges_put(key: tuple | None, value: tuple) -> None:
    if key is not None and _enabled:
        _room(_ranges)
        _ranges[key] = value
        _touch("ranges", key, added=True)


# -- passes/function_memo.py: a per-function step's body and locals, by a digest of what it reads --
_passes: dict[str, tuple] = {}


def passes_get(key: str | None) -> tuple | None:
    found = _passes.get(key) if key is not None and _enabled else None
    if found is not None:
        _touch("passes", key)
    return found


def passes_put(key: str | None, value: tuple) -> None:
    if key is not None and _enabled:
        _room(_passes)
        _passes[key] = value
        _touch("passes", key, added=True)


# -- kept on disk (compiler/cache_store.py) -------------------------------------------------------
_MEMOS = {"syntax": _syntax_ok, "module": _module_facts, "function": _function_facts, "ranges": _ranges,
          "passes": _passes}


def _touch(memo: str, key, added: bool = False) -> None:
    global _added
    if _touched is not None:
        _touched[memo].add(key)
        _added = _added or added


def start_tracking() -> None:
    global _touched, _added
    _touched, _added = {memo: set() for memo in _MEMOS}, False


def restore(saved: dict) -> int:
    """Put entries written by ``tracked_entries`` back into the memos; how many."""
    count = 0
    for memo, entries in saved.items():
        _MEMOS[memo].update(entries)  # a set's or a dict's update
        count += len(entries)
    return count


def tracked_entries() -> tuple[dict, bool]:
    """The entries this run read or added, per memo, and whether it added any."""
    touched = _touched or {}
    entries: dict = {}
    for memo, keys in touched.items():
        target = _MEMOS[memo]
        entries[memo] = (set(keys) & target) if isinstance(target, set) else \
            {k: target[k] for k in keys if k in target}
    return entries, _added


def clear() -> None:
    for memo in (*_MEMOS.values(), _digests):
        memo.clear()


def stop_tracking() -> None:
    global _touched
    _touched = None
