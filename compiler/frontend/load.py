"""Load: find, read and parse the entry module and every module it imports.

Problem: a filter is several Python files (the filter, the ABI shim, the SDK).
Accepts: the entry file. Guarantees: every module reachable through
``from X import name`` is parsed once into a ``SourceModule``; syntax errors,
missing modules and unsupported import forms are located diagnostics. Modules
in ``BUILTIN_MODULES`` are provided by the compiler and never read.

Modules are searched first next to the entry file, then in the project root
(the folder holding ``abi/``), so ``from abi.imports import proxy_log`` works
for a filter anywhere on disk. A standard library module (``from base64 import
b64encode``) not found there is ours from ``compiler/stdlib/``, loaded under its
own name; a file of that name next to the entry shadows it, as in CPython.
"""
from __future__ import annotations

import ast as py_ast
import contextlib
import re
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import CompileError, Diagnostic, display_path, loc_of
from ..program import (BUILTIN_MODULES, BYTEARRAY_RUNTIME_MODULES, CODEC_RUNTIME_MODULES, COLLECTIONS_RUNTIME_MODULES,
                       DEQUE_RUNTIME_MODULES, OPTIONAL_RUNTIME_MODULES, SORT_RUNTIME_MODULES,
                       RUNTIME_MODULES, SET_RUNTIME_MODULES, USER_KEY_RUNTIME_MODULES, Program, SourceModule)
from .. import cache
from . import function_caches, module_imports, stdlib_check

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
STDLIB_DIR = PROJECT_ROOT / "compiler" / "stdlib"


CODEC_CALL = re.compile(r"\.(?:en|de)code\(\s*[^)\s]")  # an encode/decode call with arguments
CPYTHON_RECURSION_LIMIT = 1000  # CPython's default sys.getrecursionlimit()


# While build.py records what its output depends on (compiler/output_cache.py): each path probed
# for a module (and whether it was a file) and each file read (the digest of its text).
_observed: list | None = None


@contextlib.contextmanager
def observing_files() -> Iterator[list]:
    """Within: ("probe", path, is a file), ("read", path, digest of its text) and ("given", path)
    (a text not read from disk) for everything this process's loads look at, in order."""
    global _observed
    previous, _observed = _observed, []
    try:
        yield _observed
    finally:
        _observed = previous


def run(entry: Path, text: str | None = None) -> Program:
    entry = entry.resolve()
    roots = [entry.parent, PROJECT_ROOT]
    name = _entry_name(entry)
    modules: dict[str, SourceModule] = {}
    stdlib: set[str] = set()  # the standard library modules loaded from STDLIB_DIR
    pending = [(name, entry, text)]
    _add_runtime(pending, RUNTIME_MODULES, name)
    _load_pending(pending, modules, roots, stdlib)
    if _uses_sets(m for n, m in modules.items() if n not in RUNTIME_MODULES):
        _add_runtime(pending, SET_RUNTIME_MODULES, name)
        _load_pending(pending, modules, roots, stdlib)
    if any("__hash__" in m.text for n, m in modules.items() if n not in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES):
        _add_runtime(pending, USER_KEY_RUNTIME_MODULES, name)  # dicts keyed by a written __hash__
        _load_pending(pending, modules, roots, stdlib)
    if any(target == "collections" for m in modules.values() for target, _ in imported_modules(m)):
        _add_runtime(pending, COLLECTIONS_RUNTIME_MODULES, name)  # Counter's and OrderedDict's helpers
        _load_pending(pending, modules, roots, stdlib)
    if any(target == "collections" and any(a.name == "deque" for a in node.names)
           for m in modules.values() for target, node in imported_modules(m)):
        _add_runtime(pending, DEQUE_RUNTIME_MODULES, name)  # the deque's ring of slots
        _load_pending(pending, modules, roots, stdlib)
    if _names_bytearray(m for n, m in modules.items() if n not in RUNTIME_MODULES):
        _add_runtime(pending, BYTEARRAY_RUNTIME_MODULES, name)
        _load_pending(pending, modules, roots, stdlib)
    if any(CODEC_CALL.search(m.text) for n, m in modules.items() if n not in RUNTIME_MODULES):
        _add_runtime(pending, CODEC_RUNTIME_MODULES, name)  # s.encode("latin-1"): sema/text_codecs.py
        _load_pending(pending, modules, roots, stdlib)
    if any("sort" in m.text for n, m in modules.items() if n not in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES):
        _add_runtime(pending, SORT_RUNTIME_MODULES, name)  # sorts of floats and objects: runtime/timsort.py
        _load_pending(pending, modules, roots, stdlib)
    errors = stdlib_check.check(modules, stdlib)
    if errors:
        raise CompileError(errors)
    return Program(modules=modules, entry=name)


def _add_runtime(pending: list, names: tuple[str, ...], entry: str) -> None:
    for runtime in names:  # what the compiled code calls for objects and memory
        found = _find(runtime, [PROJECT_ROOT])
        if found is not None and runtime != entry:
            pending.append((runtime, found, None))


def _uses_sets(modules) -> bool:
    """A set literal or comprehension, or the name ``set``/``frozenset`` (a call or an annotation,
    quoted too). Memoised per module text: the SDK and stdlib modules are walked once per process."""
    return any(cache.module_fact(module, "uses sets", lambda module=module: _sets_in(module.tree))
               for module in modules)


def _sets_in(tree: py_ast.AST) -> frozenset:
    for node in py_ast.walk(tree):
        if isinstance(node, (py_ast.Set, py_ast.SetComp)) or (
                isinstance(node, py_ast.Name) and node.id in ("set", "frozenset")):
            return frozenset({True})
        if isinstance(node, py_ast.Constant) and isinstance(node.value, str) and "set[" in node.value:
            return frozenset({True})
    return frozenset()


def _names_bytearray(modules) -> bool:
    """The name ``bytearray`` or ``memoryview`` (a call or an annotation, quoted too): their runtime
    is loaded then."""
    return any("bytearray" in module.text or "memoryview" in module.text for module in modules)


def _load_pending(pending: list, modules: dict[str, SourceModule], roots: list[Path], stdlib: set[str]) -> None:
    while pending:
        mod_name, path, source = pending.pop()
        if mod_name in modules:
            continue
        module = _parse(mod_name, path, source, trusted=mod_name in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES)
        rewritten = module_imports.rewrite(module)  # import X -> from X import ...
        rewritten = rewritten or function_caches.rewrite(module)  # @lru_cache -> code
        if rewritten:
            raise CompileError(rewritten)
        modules[mod_name] = module
        for target, py_node in imported_modules(module):
            if target in BUILTIN_MODULES or target in modules:
                continue
            found = _find(target, roots) if py_node.level == 0 else None
            if found is None and py_node.level == 0 and target.split(".")[0] in sys.stdlib_module_names:
                found = _find(target, [STDLIB_DIR])
                if found is not None:
                    stdlib.add(target)
            if found is None:
                raise CompileError([_missing_module(module, py_node, target)])
            pending.append((target, found, None))


def _missing_module(module: SourceModule, py_node: py_ast.ImportFrom, target: str) -> Diagnostic:
    supported = "import only from the SDK (abi...), typing, dataclasses, __future__ or your program's own modules"
    if py_node.level:
        return Diagnostic(module.loc(py_node), "relative imports are not supported",
                          "write the module's full name: from package.module import name")
    if target.split(".")[0] in sys.stdlib_module_names:
        return Diagnostic(module.loc(py_node), f"the standard library module '{target}' is not available "
                          "in a compiled filter", supported)
    return Diagnostic(module.loc(py_node), f"cannot find module '{target}'",
                      "import the SDK (abi...) or a module of your program next to it")


def imported_modules(module: SourceModule) -> list[tuple[str, py_ast.ImportFrom]]:
    """The modules named by the top-level ``from X import ...`` statements."""
    return [(n.module or "", n) for n in module.tree.body if isinstance(n, py_ast.ImportFrom)]


def _entry_name(entry: Path) -> str:
    try:
        rel = entry.relative_to(PROJECT_ROOT)
    except ValueError:
        return entry.stem
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _find(name: str, roots: list[Path]) -> Path | None:
    rel = Path(*name.split("."))
    for root in roots:
        for candidate in (root / rel.with_suffix(".py"), root / rel / "__init__.py"):
            found = candidate.is_file()
            if _observed is not None:
                _observed.append(("probe", str(candidate), found))
            if found:
                return candidate
    return None


@contextlib.contextmanager
def _cpython_recursion_limit():
    """Parse as a default CPython would: what nests too deeply for it is refused here too
    (the later passes run with a higher limit, see pipeline.py)."""
    previous = sys.getrecursionlimit()
    depth, frame = 0, sys._getframe()
    while frame is not None:  # as if imported from a shallow stack, whatever the caller's depth
        depth, frame = depth + 1, frame.f_back
    sys.setrecursionlimit(CPYTHON_RECURSION_LIMIT + depth)
    try:
        yield
    finally:
        sys.setrecursionlimit(previous)


def _parse(name: str, path: Path, text: str | None, trusted: bool = False) -> SourceModule:
    """Parse a module; CPython's own compile-time errors (``break`` outside a loop, ``global``
    after a use, ...) are syntax errors too, except in the runtime library (compiled every
    time, and known to be clean)."""
    shown = display_path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CompileError([Diagnostic(loc_of(shown, "", None), f"cannot read source: {err}")])
        if _observed is not None:
            _observed.append(("read", str(path), cache.digest(text)))
    elif _observed is not None:
        _observed.append(("given", str(path)))
    try:
        with warnings.catch_warnings(), _cpython_recursion_limit():  # SyntaxWarnings are not ours to print
            warnings.simplefilter("ignore")
            tree = py_ast.parse(text, filename=shown)
            if not trusted:
                cache.check_syntax(text, shown)  # the errors ast.parse leaves to CPython's compiler
    except (RecursionError, MemoryError):
        raise CompileError([Diagnostic(loc_of(shown, text, None), "the program nests too deeply for "
                                       "CPython's own compiler", "CPython rejects this too: split the "
                                       "expression into several statements")]) from None
    except SyntaxError as err:
        line = err.lineno or 1
        loc = loc_of(shown, text, None)
        loc = type(loc)(shown, line, max((err.offset or 1) - 1, 0), None,
                        (text.splitlines() or [""])[min(line, len(text.splitlines()) or 1) - 1])
        raise CompileError([Diagnostic(loc, f"syntax error: {err.msg}", "CPython rejects this too: fix the syntax")])
    module = SourceModule(name=name, path=path, display_path=shown, text=text, tree=tree)
    _reject_lone_surrogates(module)
    return module


_MAY_HOLD_SURROGATES = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]|[\ud800-\udfff]")


def _reject_lone_surrogates(module: SourceModule) -> None:
    """A str literal holding U+D800..U+DFFF has no UTF-8 form (docs/language.md, Strings). Only
    an escape (\\ud800, \\U0000dc00) or such a character in the text can make one: the walk is
    skipped for sources with neither (most, the runtime's included)."""
    text = module.text
    if text.isascii() and "\\u" not in text and "\\U" not in text:  # most texts: no regex scan at all
        return
    if not _MAY_HOLD_SURROGATES.search(text):
        return
    for py_node in py_ast.walk(module.tree):
        if isinstance(py_node, py_ast.Constant) and isinstance(py_node.value, str) \
                and any(0xD800 <= ord(c) <= 0xDFFF for c in py_node.value):
            raise CompileError([Diagnostic(module.loc(py_node), "a str holding a lone surrogate "
                                           "(U+D800..U+DFFF) is not supported: compiled str is UTF-8",
                                           "keep data that is not text in bytes")])
