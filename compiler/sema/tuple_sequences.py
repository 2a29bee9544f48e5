"""Fixed-length tuples (``tuple[int, int]``, ``(a, b)``) used as sequences: ``len(t)``, ``for x in t``,
``x in t``, ``t.index(x)``, ``t.count(x)``, ``t[i:j]`` and ``t + u``.

Each is checked and lowered as the expression of the tuple's items that CPython's result equals:
``len`` is the constant, iteration, ``in``, ``index`` and ``count`` work on the list literal
``[t[0], t[1], ...]`` (a tuple is immutable: the same items in the same order), a slice with
constant bounds is the tuple literal of the items it keeps, ``t + u`` the literal of both. A
tuple that is not a variable is evaluated once, bound by a one-item comprehension. Iterating,
searching and a slice with bounds known only at run time need one item type (as a list's).
"""
from __future__ import annotations

import ast as py_ast
from typing import Callable

from ..program import TupleType

BOUND = "__tuple"
MIXED_HELP = "unpack it (a, b = t), or build a list of one item type"


def homogeneous(ty: TupleType) -> bool:
    return len(set(ty.items)) == 1


def bound(parts: list[tuple[py_ast.expr, TupleType]], build: Callable[[list[list[py_ast.expr]]], py_ast.expr],
          where: py_ast.AST) -> py_ast.expr:
    """``build(items of each part)``, each part evaluated once and in order: a variable is read
    item by item, anything else is bound first (``[build for __tuple0 in [part]][0]``)."""
    generators, item_lists = [], []
    for index, (expr, ty) in enumerate(parts):
        if reread_safely(expr):
            item_lists.append(_items(expr, ty))
            continue
        name = f"{BOUND}{index}"
        source = _at(py_ast.List(elts=[expr], ctx=py_ast.Load()), expr)
        generators.append(py_ast.comprehension(target=_at(py_ast.Name(id=name, ctx=py_ast.Store()), expr),
                                               iter=source, ifs=[], is_async=0))
        item_lists.append(_items(_at(py_ast.Name(id=name, ctx=py_ast.Load()), expr), ty))
    result = _at(build(item_lists), where)
    if not generators:
        return result
    made = _at(py_ast.ListComp(elt=result, generators=generators), where)
    return _at(py_ast.Subscript(value=made, slice=py_ast.Constant(0), ctx=py_ast.Load()), where)


def as_list(checker, node: py_ast.expr, ty: TupleType, what: str) -> py_ast.expr:
    """``[t[0], t[1], ...]`` for iterating or searching ``node``; its items must share a type."""
    if not homogeneous(ty):
        raise checker.fail(node, f"{what} a tuple of mixed item types ({ty}) is not supported", MIXED_HELP)
    return bound([(node, ty)], lambda lists: py_ast.List(elts=lists[0], ctx=py_ast.Load()), node)


def length(node: py_ast.expr, ty: TupleType) -> py_ast.expr:
    return bound([(node, ty)], lambda lists: py_ast.Constant(len(ty.items)), node)


def concatenation(node: py_ast.BinOp, left: TupleType, right: TupleType) -> py_ast.expr:
    return bound([(node.left, left), (node.right, right)],
                 lambda lists: py_ast.Tuple(elts=lists[0] + lists[1], ctx=py_ast.Load()), node)


def sliced(checker, node: py_ast.Subscript, ty: TupleType) -> py_ast.expr:
    """``t[a:b:c]``: the tuple literal of the kept items where the bounds are constants, else
    ``tuple([...][a:b:c])`` (items of one type)."""
    bounds = [_constant_int(part) for part in (node.slice.lower, node.slice.upper, node.slice.step)]
    given = [part is not None for part in (node.slice.lower, node.slice.upper, node.slice.step)]
    if all(b is not None or not g for b, g in zip(bounds, given)):
        if bounds[2] == 0:
            raise checker.fail(node.slice, "slice step cannot be zero", "CPython raises ValueError")
        kept = list(range(len(ty.items)))[slice(*bounds)]
        return bound([(node.value, ty)], lambda lists: py_ast.Tuple(elts=[lists[0][i] for i in kept],
                                                                     ctx=py_ast.Load()), node)
    items = as_list(checker, node.value, ty, "slicing with bounds known at run time")
    cut = _at(py_ast.Subscript(value=items, slice=node.slice, ctx=py_ast.Load()), node)
    return _at(py_ast.Call(func=_at(py_ast.Name(id="tuple", ctx=py_ast.Load()), node), args=[cut], keywords=[]),
               node)


def _constant_int(node: py_ast.expr | None) -> int | None:
    if isinstance(node, py_ast.UnaryOp) and isinstance(node.op, py_ast.USub):
        inner = _constant_int(node.operand)
        return None if inner is None else -inner
    if isinstance(node, py_ast.Constant) and type(node.value) is int:
        return node.value
    return None


def reread_safely(node: py_ast.expr) -> bool:
    """A variable or a constant index into one: reading it once per item gives the same tuple."""
    if isinstance(node, py_ast.Subscript):
        return _constant_int(node.slice) is not None and reread_safely(node.value)
    return isinstance(node, py_ast.Name)


def _items(node: py_ast.expr, ty: TupleType) -> list[py_ast.expr]:
    return [_at(py_ast.Subscript(value=node, slice=py_ast.Constant(i), ctx=py_ast.Load()), node)
            for i in range(len(ty.items))]


def _at(node, where: py_ast.AST):
    return py_ast.copy_location(node, where)
