"""Where the compiled code checks an Any at run time, for the emulator's CPython runner.

Problem: where an ``Any`` meets a declared type the compiled module checks the value (TypeError if
it does not fit; stricter than CPython, which carries on). The CPython runner must raise at the
same places, or the two runners answer differently. Accepts: a program's entry file. Guarantees:
for each of the program's own source files, the expressions whose value the compiled code checks,
keyed by node class and exact source span, each with a ``Check`` saying what must fit. A program
that does not compile has no checks (it never runs compiled).
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import CompileError
from ..program import ANY, BOOL, BYTES, FLOAT, INT, STR, ClassType, DictType, ListType, Local, OptionalType, \
    Program, SetType, Type

Key = tuple[str, int, int, int, int]
ANY_FITS_NAME = "any"
NAMES = {INT: "int", FLOAT: "float", BOOL: "bool", STR: "str", BYTES: "bytes"}


@dataclass(frozen=True)
class Check:
    """What fits: a built-in type's name (``list``, ``int``, ...) or a class's, and None where the
    declared type is ``T | None``."""

    expected: str
    none_ok: bool
    class_module: str | None = None  # the module defining the class, for a class
    item: "Check | None" = None  # a list, set or dict made from an Any: each item (dict: value) fits


ANY_FITS = Check(ANY_FITS_NAME, True)  # an Any's item: anything fits


def key_of(node: py_ast.AST) -> Key:
    return (type(node).__name__, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)


def boundaries(entry: Path) -> dict[str, dict[Key, Check]]:
    """{resolved source path: {node key: check}} for the program's files outside the SDK/runtime."""
    from ..frontend import load
    from . import check, declare
    try:
        program = check.run(declare.run(load.run(entry, None)))
    except CompileError:
        return {}
    return _collect(program)


def _collect(program: Program) -> dict[str, dict[Key, Check]]:
    found: dict[str, dict[Key, Check]] = {}
    for module in program.modules.values():
        checks: dict[Key, Check] = {}
        for node in py_ast.walk(module.tree):
            if getattr(node, "synthetic", False):
                continue  # made by the compiler (sema/held_conversions.py): its span is another node's
            check_ = _items_check(node)
            target = _checked_target(node)
            if target is not None and hasattr(node, "lineno"):
                check_ = _check_of(target)
            if check_ is not None:
                checks[key_of(node)] = check_
        if checks:
            found[str(Path(module.path).resolve())] = checks
    for fn in program.functions.values():
        for node in py_ast.walk(fn.node):
            if isinstance(node, py_ast.Name) and isinstance(node.ctx, py_ast.Load) and \
                    isinstance(getattr(node, "sym", None), Local) and \
                    fn.locals.get(node.sym.name) == ANY and getattr(node, "ty", ANY) in NAMES:
                found.setdefault(str(Path(fn.module.path).resolve()), {})[key_of(node)] = _check_of(node.ty)
    return found


def _checked_target(node: py_ast.AST) -> Type | None:
    """The declared type an Any value converts to here (lower/values.py ``from_any``), if any."""
    if getattr(node, "ty", None) == ANY:
        target = getattr(node, "target_ty", None)
        return target if target not in (None, ANY) else None
    if getattr(node, "narrowed_from", None) == ANY and getattr(node, "ty", None) in NAMES:
        return node.ty  # a field declared Any read where isinstance() narrowed it
    return None


def _items_check(node: py_ast.AST) -> Check | None:
    """``list(x)``/``set(x)``/``dict(x)`` of an Any made as a typed container: its items checked."""
    target = getattr(node, "items_target", None)
    if target is None:
        return None
    if isinstance(target, DictType):  # keys are str, as CPython's dict() would not require
        return Check("dict", False, item=_check_of(target.value) or ANY_FITS)
    kind = ("frozenset" if target.frozen else "set") if isinstance(target, SetType) else "list"
    return Check(kind, False, item=_check_of(target.item))


def _check_of(target: Type) -> Check | None:
    none_ok = isinstance(target, OptionalType)
    inner = target.inner if none_ok else target
    if isinstance(inner, ClassType):
        return Check(inner.info.name, none_ok, inner.info.module.name)
    if inner in NAMES:
        return Check(NAMES[inner], none_ok)
    if isinstance(inner, ListType):
        return Check("list", none_ok)
    if isinstance(inner, DictType):
        return Check("dict", none_ok)
    return None
