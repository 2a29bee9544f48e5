"""f-string pieces CPython formats through repr, rewritten as the expression giving that text:

- ``{x!r}`` of ``T | None`` (x a name, T a scalar ``!r`` takes): ``("None" if x is None else f"{x!r}")``;
- ``{xs}`` or ``{xs!r}`` of ``list[T]`` (T a scalar ``!r`` takes): ``"[" + ", ".join([f"{v!r}" for v in xs]) + "]"``,
  the text of CPython's ``list.__repr__`` (each item's repr, ``", "`` between).

The piece is then a str (its spec, if any, applies to that text, as in CPython)."""
from __future__ import annotations

import ast as py_ast

from ..program import NONE, ListType, OptionalType, Type

ITEM = "__repr_item"


def repr_rewrite(part: py_ast.FormattedValue, ty: Type, scalars: tuple[Type, ...]) -> py_ast.expr | None:
    """The expression whose str is the piece's text, or None if the piece is not one of these."""
    value = part.value
    if part.conversion == ord("r") and isinstance(ty, OptionalType) and ty.inner in scalars \
            and ty.inner != NONE and isinstance(value, py_ast.Name):
        test = py_ast.Compare(left=_name(value.id, value), ops=[py_ast.Is()], comparators=[_const(None, value)])
        return _at(py_ast.IfExp(test=_at(test, value), body=_const("None", value),
                                orelse=_repr_of(_name(value.id, value))), value)
    if part.conversion in (-1, ord("s"), ord("r")) and isinstance(ty, ListType) and ty.item in scalars:
        target = _at(py_ast.Name(id=ITEM, ctx=py_ast.Store()), value)
        generator = py_ast.comprehension(target=target, iter=value, ifs=[], is_async=0)
        items = _at(py_ast.ListComp(elt=_repr_of(_name(ITEM, value)), generators=[generator]), value)
        join = _at(py_ast.Attribute(value=_const(", ", value), attr="join", ctx=py_ast.Load()), value)
        joined = _at(py_ast.Call(func=join, args=[items], keywords=[]), value)
        text = _at(py_ast.BinOp(left=_const("[", value), op=py_ast.Add(), right=joined), value)
        return _at(py_ast.BinOp(left=text, op=py_ast.Add(), right=_const("]", value)), value)
    return None


def _repr_of(value: py_ast.expr) -> py_ast.expr:
    piece = _at(py_ast.FormattedValue(value=value, conversion=ord("r"), format_spec=None), value)
    return _at(py_ast.JoinedStr(values=[piece]), value)


def _name(name: str, where: py_ast.AST) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=py_ast.Load()), where)


def _const(value: object, where: py_ast.AST) -> py_ast.Constant:
    return _at(py_ast.Constant(value=value), where)


def _at(node, where: py_ast.AST):
    return py_ast.copy_location(node, where)
