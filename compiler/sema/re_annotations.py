"""``re.Pattern[str]`` and ``re.Match[str]`` annotations: CPython's classes are generic over
str and bytes; ours (compiler/stdlib/re) match str only, so the subscript names the same class
as a bare ``re.Pattern``. ``[bytes]`` stays an error (not available: a compile error, never
a str pattern where CPython's would take bytes)."""
from __future__ import annotations

import ast as py_ast

from ..program import STR, ClassInfo, Type


def generic_re_class(sym: object, args: list[py_ast.expr], resolve) -> Type | None:
    """The class type of ``Pattern[str]`` / ``Match[str]`` from our re, else None."""
    if not (isinstance(sym, ClassInfo) and sym.module.name == "re" and sym.name in ("Pattern", "Match")):
        return None
    if len(args) != 1 or resolve(args[0]) != STR:
        return None
    from .types import class_type
    return class_type(sym)
