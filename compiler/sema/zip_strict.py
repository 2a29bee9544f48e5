"""``zip(a, b, ..., strict=True)``: CPython's ValueError when the iterables' lengths differ.

CPython pulls argument 1, 2, ... in order each step. An argument i > 1 exhausted first:
"zip() argument i is shorter than argument(s 1-)i-1". Argument 1 exhausted: each other one
is pulled once more; the first that still has an item is "longer". Lowering
(lower/loops.py ``iterate_zip``) raises the checked exceptions built here.
"""
from __future__ import annotations

import ast as py_ast


def strict_flag(checker, call: py_ast.Call) -> bool | None:
    """True/False for ``strict=True``/``strict=False``; None when zip() has no keywords."""
    if not call.keywords:
        return None
    if len(call.keywords) == 1 and call.keywords[0].arg == "strict" and call.args:
        value = call.keywords[0].value
        if isinstance(value, py_ast.Constant) and isinstance(value.value, bool):
            return value.value
        raise checker.fail(value, "zip()'s strict= is supported as the constant True or False",
                           "write strict=True or strict=False")
    raise checker.fail(call, "zip() is supported with one or more iterables and strict=True/False",
                       "pass the iterables positionally")


def _message(index: int, relation: str) -> str:
    """CPython's text for argument ``index`` (0-based, >= 1) against the ones before it."""
    before = " 1" if index == 1 else f"s 1-{index}"
    return f"zip() argument {index + 1} is {relation} than argument{before}"


def strict_errors(checker, call: py_ast.Call) -> dict[str, list[py_ast.expr]]:
    """The checked ValueError(...) values for arguments 2.. being shorter / longer."""
    others = range(1, len(call.args))
    return {relation: [checker.error_value(call, "ValueError", _message(i, relation)) for i in others]
            for relation in ("shorter", "longer")}
