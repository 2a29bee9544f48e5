"""The statements of a tree, nested ones included, without visiting an expression.

What ``ast.walk`` finds of statements (assignments, ``global``, ``nonlocal``, defs) in a fraction
of its time: a function's expressions are most of its nodes, and no statement is inside one (a
lambda's body is an expression; comprehensions assign only names, in their own scope).
"""
from __future__ import annotations

import ast as py_ast

BODIES = ("body", "orelse", "finalbody", "handlers", "cases")  # the fields that hold statements


def statements(nodes: list[py_ast.AST]):
    """Each node of ``nodes`` and every statement (and except handler, match case) nested in them,
    nested functions and classes included."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        for field in BODIES:
            children = getattr(node, field, None)
            if isinstance(children, list):
                stack.extend(reversed(children))
