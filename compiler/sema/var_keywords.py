"""``**kwargs: T`` parameters: the keyword arguments no other parameter takes, as a ``dict[str, T]``.

A call ``f(a, x=1, y=g())`` of ``def f(a: int, **kw: int)`` passes ``{"x": 1, "y": g()}`` as ``kw``
(CPython's dict: the keywords in source order); no extra keyword gives ``{}``. CPython evaluates
the arguments in source order. The dict literal is evaluated as one argument, at the place of its
first keyword, so extra keywords separated by a named one (``f(x=h(), a=g(), y=k())``) must each be
a constant or a variable (reading one has no effect), else the call is a compile error. Unpacking
``**d`` into such a function, an exported or host function with ``**kwargs``, and the function as a
value are compile errors.
"""
from __future__ import annotations

import ast as py_ast

from ..program import STR, Param, dict_of
from .types import annotation


def var_keyword_param(module, arg: py_ast.arg, fn) -> Param:
    from .declare import fail
    if arg.annotation is None:
        raise fail(module, arg, f"parameter '**{arg.arg}' needs a type annotation", f"write '**{arg.arg}: int'")
    ty, _ = annotation(module, arg.annotation)
    return Param(arg.arg, dict_of(STR, ty), "i32", var_keyword=True)


def var_keyword_index(params: list[Param]) -> int | None:
    return next((i for i, p in enumerate(params) if p.var_keyword), None)


def packed_keywords(checker, node: py_ast.Call, extras: list[py_ast.keyword], keyword_order: list[str],
                    name: str) -> py_ast.Dict:
    """The dict ``**kwargs`` receives: the extra keywords, in source order."""
    if extras:
        first = keyword_order.index(extras[0].arg)
        last = keyword_order.index(extras[-1].arg)
        if last - first + 1 != len(extras):  # a named keyword between them: evaluated out of order
            for keyword in node.keywords[first:last + 1]:
                if not _reads_only(checker, keyword.value):
                    raise checker.fail(keyword.value, f"the extra keyword arguments of {name}() are evaluated "
                                       "together here, and a named one stands between them",
                                       "pass the extra keywords next to each other, or compute this value "
                                       "into a variable first")
    where = extras[0] if extras else node
    keys = [py_ast.copy_location(py_ast.Constant(value=k.arg), k) for k in extras]
    return py_ast.copy_location(py_ast.Dict(keys=keys, values=[k.value for k in extras]), where)


def _reads_only(checker, value: py_ast.expr) -> bool:
    return isinstance(value, py_ast.Constant) or (
        isinstance(value, py_ast.Name) and value.id in checker.local_names and value.id not in checker.global_names)
