"""``map(f, xs)`` and ``filter(f, xs)`` where they are consumed at once: as the argument of
``list()``, ``sorted()``, ``min()``/``max()`` or ``str.join()``. There CPython's lazy iterator
is drained before anything else runs, so the list comprehension it equals gives the same
calls in the same order: ``map(f, xs)`` is ``[f(v) for v in xs]``, ``map(lambda x: e, xs)`` is
``[e for x in xs]``, ``filter(f, xs)`` is ``[v for v in xs if f(v)]`` (``f`` None: ``if v``).
``f`` must be a name or a lambda of one parameter (a name is read once per item: it cannot
change meanwhile). Elsewhere (a ``for`` loop, a variable) map and filter stay refused.
"""
from __future__ import annotations

import ast as py_ast

from .builtins import is_builtin_call
from .reversed_builtin import as_slice, is_reversed

ITEM = "__item"


def consumed(checker, node: py_ast.Call) -> None:
    """Replace a map()/filter() first argument of ``node`` by its list comprehension."""
    if node.args and is_map_or_filter(checker, node.args[0]):
        node.args[0] = as_comprehension(checker, node.args[0])
    elif node.args and is_reversed(checker, node.args[0]):
        node.args[0] = as_slice(checker, node.args[0])  # list(reversed(xs)): xs[::-1]
    elif node.args and is_builtin_call(checker, node.args[0], "zip"):
        node.args[0] = zip_comprehension(node.args[0])  # list(zip(a, b)): [(x, y) for x, y in zip(a, b)]


def zip_comprehension(call: py_ast.Call) -> py_ast.ListComp:
    """The list a consumer draining ``zip(...)`` at once sees (the for loop checks the zip)."""
    names = [f"{ITEM}{i}" for i in range(len(call.args))]
    target = _at(py_ast.Tuple(elts=[_at(py_ast.Name(id=n, ctx=py_ast.Store()), call) for n in names],
                              ctx=py_ast.Store()), call)
    element = _at(py_ast.Tuple(elts=[_at(py_ast.Name(id=n, ctx=py_ast.Load()), call) for n in names],
                               ctx=py_ast.Load()), call)
    generator = py_ast.comprehension(target=target, iter=call, ifs=[], is_async=0)
    return _at(py_ast.ListComp(elt=element, generators=[generator]), call)


def is_map_or_filter(checker, node: py_ast.expr) -> bool:
    return is_builtin_call(checker, node, "map", "filter")


def as_comprehension(checker, call: py_ast.Call) -> py_ast.ListComp:
    name = call.func.id
    if len(call.args) != 2 or call.keywords:
        raise checker.fail(call, f"{name}() takes a function and one iterable here")
    f, items = call.args
    if isinstance(f, py_ast.Lambda):
        if len(f.args.args) != 1 or f.args.vararg or f.args.kwarg or f.args.kwonlyargs or f.args.defaults:
            raise checker.fail(f, f"the lambda of {name}() takes one plain parameter here")
        variable, applied = f.args.args[0].arg, f.body
    elif isinstance(f, py_ast.Name) or (name == "filter" and isinstance(f, py_ast.Constant) and f.value is None):
        variable = ITEM
        item = _at(py_ast.Name(id=ITEM, ctx=py_ast.Load()), f)
        applied = item if isinstance(f, py_ast.Constant) else _at(py_ast.Call(func=f, args=[item], keywords=[]), f)
    else:
        raise checker.fail(f, f"the function of {name}() must be a name or a lambda here",
                           f"write a lambda: {name}(lambda s: s.upper(), items)" if isinstance(f, py_ast.Attribute)
                           else "assign it to a variable first")
    target = _at(py_ast.Name(id=variable, ctx=py_ast.Store()), f)
    if name == "map":
        element, conditions = applied, []
    else:
        element, conditions = _at(py_ast.Name(id=variable, ctx=py_ast.Load()), f), [applied]
    generator = py_ast.comprehension(target=target, iter=items, ifs=conditions, is_async=0)
    return _at(py_ast.ListComp(elt=element, generators=[generator]), call)


def _at(node: py_ast.AST, where: py_ast.AST) -> py_ast.AST:
    return py_ast.copy_location(node, where)
