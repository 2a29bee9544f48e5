"""The CPython runner's Any checks: a filter's own modules raise TypeError where the compiled
module checks an ``Any`` that meets a declared type (docs/language.md, "Dynamic values").

The compiler says where those places are (compiler/sema/boundaries.py: node class and source
span); the runner wraps each such expression in ``__any_check__(value, check)``, which raises the
compiled module's TypeError ("expected int, got bool") when the value does not fit.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from compiler.sema.boundaries import ANY_FITS_NAME, Check, Key, boundaries, key_of

BUILTIN = {"int": int, "float": float, "bool": bool, "str": str, "bytes": bytes, "list": list, "dict": dict,
           "set": set, "frozenset": frozenset}


def type_name(value: object) -> str:
    """The name the compiled module's message gives a value's type (dynamic.type_name)."""
    if value is None:
        return "None"
    kind = type(value)
    for name, cls in BUILTIN.items():
        if kind is cls:
            return name
    return "object"


def fits(value: object, check: Check) -> bool:
    if check.expected == ANY_FITS_NAME:
        return True
    if value is None:
        return check.none_ok
    if check.class_module is not None:
        return any(c.__name__ == check.expected and c.__module__ == check.class_module for c in type(value).__mro__)
    return type(value) is BUILTIN[check.expected]  # exact: a bool is no int here, as compiled


def any_check(value: object, expected: str, none_ok: bool, class_module: str | None,
              item: tuple | None = None) -> object:
    check = Check(expected, none_ok, class_module)
    if not fits(value, check):
        raise TypeError(f"expected {expected}, got {type_name(value)}")
    if item is not None:  # list(x)/set(x)/dict(x) of an Any, made as a typed container
        if isinstance(value, dict):
            _str_keys(value)
        for each in (value.values() if isinstance(value, dict) else value):
            any_check(each, *item)
    return value


def _str_keys(made: dict) -> None:
    """The keys dict(x) of an Any gave: str only, as the compiled dict an Any holds keeps them."""
    for key in made:
        if type(key) is not str:
            raise TypeError(f"a dict held as an Any takes only str keys here, not {type_name(key)}")


NAMES = {"__any_check__": any_check}


@lru_cache(maxsize=64)
def _program_checks(entry: Path, stamp: int) -> dict[str, dict[Key, Check]]:
    return boundaries(entry)


def program_checks(entry: Path) -> dict[str, dict[Key, Check]]:
    """The checks of the program whose entry is ``entry`` (recomputed when the entry changes)."""
    return _program_checks(entry, entry.stat().st_mtime_ns)


def wrap(node: ast.expr, original: ast.AST, checks: dict[Key, Check]) -> ast.expr:
    """``node`` (the transformed ``original``) wrapped in a check if the compiled code checks it."""
    if not isinstance(original, ast.expr) or isinstance(getattr(original, "ctx", None), (ast.Store, ast.Del)):
        return node
    check = checks.get(key_of(original))
    if check is None:
        return node
    args = [node, *(ast.Constant(v) for v in (check.expected, check.none_ok, check.class_module))]
    if check.item is not None:
        args.append(ast.Constant((check.item.expected, check.item.none_ok, check.item.class_module)))
    return ast.copy_location(ast.Call(ast.Name("__any_check__", ast.Load()), args, []), original)
