"""``enum.IntEnum``: members are objects (as ``enum.Enum``'s, sema/enums.py) that act as their int
value where CPython's int methods run: operands of arithmetic and of ==, <, ... (not ``is``/``in``),
``int(m)``, ``str(m)`` and ``f"{m}"`` (3.11: IntEnum's str and format are int's), ``format``
specs. There the member becomes a read of its ``value`` field, an int (``value_read``).

Elsewhere the member stays an object: passing it where an int is declared, or storing it in an int
container, is a compile error (CPython keeps the member, whose repr ``<Color.RED: 1>`` would show in
a list's or dict's repr), and so is a truth test (its value's truth in CPython): write ``m.value``.
"""
from __future__ import annotations

import ast as py_ast

from ..program import INT, ClassType, Type

VALUE_HELP = "write m.value for its int"


def is_int_enum(ty: Type | None) -> bool:
    return isinstance(ty, ClassType) and ty.info is not None and getattr(ty.info, "int_enum", False)


def value_read(node: py_ast.expr) -> Type:
    """Turn ``node`` (a checked IntEnum member expression) in place into ``node.value``: every
    parent keeps pointing at it. The attribute read is typed, so lowering reads the field."""
    inner = py_ast.AST.__new__(type(node))
    inner.__dict__.update(node.__dict__)
    where = {k: getattr(node, k) for k in ("lineno", "col_offset", "end_lineno", "end_col_offset") if hasattr(node, k)}
    node.__dict__.clear()
    node.__class__ = py_ast.Attribute
    node.value, node.attr, node.ctx = inner, "value", py_ast.Load()
    node.__dict__.update(where)
    node.ty = INT
    return INT


def int_operand(node: py_ast.expr, ty: Type) -> Type:
    return value_read(node) if is_int_enum(ty) else ty


def compare_operands(node: py_ast.Compare, types: list[Type]) -> list[Type]:
    """Members compared with ==, <, ... or searched in an int container are their values."""
    operands = [node.left, *node.comparators]
    result = []
    for i, (operand, ty) in enumerate(zip(operands, types)):
        before = [] if i == 0 else [(node.ops[i - 1], None)]
        after = [] if i == len(node.ops) else [(node.ops[i], types[i + 1])]
        as_int = all(_converts(op, container) for op, container in before + after)
        result.append(int_operand(operand, ty) if as_int else ty)
    return result


def _converts(op: py_ast.cmpop, container: Type | None) -> bool:
    """Whether the operand of ``op`` (``container`` is the right operand of an 'in') acts as its int."""
    if isinstance(op, (py_ast.Is, py_ast.IsNot)):
        return False
    if isinstance(op, (py_ast.In, py_ast.NotIn)):
        held = getattr(container, "item", getattr(container, "key", None))
        return container is not None and held == INT  # x in [1, 2] / {1: ...}: == on ints
    return True
