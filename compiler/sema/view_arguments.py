"""``xs.extend(d.items())``: a list extended by a dict's view (CPython's extend takes any iterable).

The view is made where it is passed, as a fresh list of its keys, values or items (its slot, as
``sorted(d.items())`` has it), and that list extends ``xs``. Other arguments keep extend's plain
check (a list of the same type), so this module only decides the case where the argument is
written as a view: ``d.keys()``, ``d.values()`` or ``d.items()``.
"""
from __future__ import annotations

import ast as py_ast

from ..program import NONE, ListType, Type, ViewType

VIEWS = ("keys", "values", "items")


def written_as_view(node: py_ast.Call) -> bool:
    arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
    return isinstance(arg, py_ast.Call) and isinstance(arg.func, py_ast.Attribute) \
        and arg.func.attr in VIEWS and not arg.args and not arg.keywords


def extend_by_view(checker, node: py_ast.Call, base: ListType) -> Type:
    """``base.extend(view)``: the argument is checked once here (a program's own ``items()``
    returning a list must give exactly ``base``'s type, as extend's plain check would)."""
    arg = node.args[0]
    ty = checker.check(arg)
    if isinstance(ty, ViewType) and ty.item == base.item:
        pass
    elif ty != base:
        raise checker.fail(arg, f"argument 'items' of extend() must be {base} or a view of {base.item}, not {ty}")
    node.call = ("type-method", "extend")
    node.bound = [arg]
    return NONE
