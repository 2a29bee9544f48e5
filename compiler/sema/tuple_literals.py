"""A tuple literal where only its items matter: ``x in ("POST", "PUT")`` and
``for b in (1, 2)``. CPython compares (``is``, then ``==``) or iterates the items in order,
exactly as for a list literal of them, which the compiler already has: the literal is checked
and lowered as that list. Its items must then share a type, as a list's do. Only the last
operand of a comparison: in ``a in (x,) == b`` the tuple is also compared to ``b`` as a tuple.
"""
from __future__ import annotations

import ast as py_ast


def as_list(node: py_ast.Tuple) -> py_ast.List:
    return py_ast.copy_location(py_ast.List(elts=node.elts, ctx=py_ast.Load()), node)


def membership_operands(node: py_ast.Compare) -> None:
    """Rewrite the tuple literal right of a final ``in`` / ``not in`` as a list literal."""
    last = node.comparators[-1]
    if isinstance(node.ops[-1], (py_ast.In, py_ast.NotIn)) and isinstance(last, py_ast.Tuple) and last.elts:
        node.comparators[-1] = as_list(last)


def iterable(owner: py_ast.AST, iterated: py_ast.expr) -> py_ast.expr:
    """``for x in (a, b)`` (or a comprehension's): iterate the list literal of the items."""
    if isinstance(iterated, py_ast.Tuple) and iterated.elts and getattr(owner, "iter", None) is iterated:
        owner.iter = as_list(iterated)
        return owner.iter
    return iterated
