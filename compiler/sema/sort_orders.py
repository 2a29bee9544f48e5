"""Sorts whose result depends on CPython's algorithm: lowered to its port, runtime/timsort.py.

A float could be NaN (neither less nor greater than anything: where it lands depends on which
pairs the sort compares), and an object's ``__lt__`` is the program's code (it may count its
calls, raise or be inconsistent). Both sort with CPython 3.11's exact sequence of ``<`` calls.

What lowering reads: ``node.sort_less`` = None (compare as floats) or the FuncSym of
``lambda a, b: a < b`` on two objects or tuples (the comparison CPython's sort makes).
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, BYTES, FLOAT, INT, STR, ClassType, FuncSym, TupleType, Type
from .lambdas import lambda_function

SCALARS = (INT, BOOL, FLOAT, STR, BYTES)


def sorts_by_less(item: Type) -> bool:
    """Items (or keys) the port sorts: floats, objects of a class (their ``<`` is checked when
    the comparison is made: sema/ordering.py) and tuples of scalars with a float among them (the
    others sort by each item in turn: sema/sort_keys.py). Comparing two tuples holding a NaN
    each at the same place raises ValueError, as ``==`` of two NaN items does (lists.py)."""
    if item == FLOAT:
        return True
    if not (item.pointer and item.wasm == "i32"):  # runtime/timsort.py passes objects as i32 pointers
        return False
    if isinstance(item, TupleType):
        return bool(item.items) and FLOAT in item.items and all(t in SCALARS for t in item.items)
    return isinstance(item, ClassType) and item.info is not None


def less_function(checker, item: Type, where: py_ast.AST) -> FuncSym | None:
    """None for floats, else the checked ``lambda a, b: a < b`` on two ``item`` values."""
    if item == FLOAT:
        return None
    names = ("__sort_a", "__sort_b")
    arguments = py_ast.arguments(posonlyargs=[], args=[py_ast.arg(arg=n, annotation=None) for n in names],
                                 vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[])
    body = py_ast.Compare(left=py_ast.Name(id=names[0], ctx=py_ast.Load()), ops=[py_ast.Lt()],
                          comparators=[py_ast.Name(id=names[1], ctx=py_ast.Load())])
    lam = py_ast.Lambda(args=arguments, body=body)
    for node in py_ast.walk(lam):
        py_ast.copy_location(node, where)
    return lambda_function(checker, lam, [item, item], BOOL, label="<lambda>@less")


def mark_sort(checker, node: py_ast.Call, item: Type, where: py_ast.AST) -> None:
    node.sort_less = less_function(checker, item, where)
