"""``list(x)`` of an Any (``list(config.get("public", []))``): CPython iterates what ``x`` holds
(a list's items, a str's characters, a dict's keys; TypeError for a number or None), which is
``[v for v in x]``: checked and lowered as that comprehension over the Any (its held iteration,
runtime/held_items.py), giving a list[Any]."""
from __future__ import annotations

import ast as py_ast

from ..program import ListType, Type, list_of
from .map_filter import ITEM


def list_of_held(checker, node: py_ast.Call) -> Type:
    held = node.args[0]
    target = py_ast.copy_location(py_ast.Name(id=ITEM, ctx=py_ast.Store()), held)
    element = py_ast.copy_location(py_ast.Name(id=ITEM, ctx=py_ast.Load()), held)
    generator = py_ast.comprehension(target=target, iter=held, ifs=[], is_async=0)
    comprehension = py_ast.copy_location(py_ast.ListComp(elt=element, generators=[generator]), held)
    node.args[0] = comprehension
    node.bound = [comprehension]
    ty = checker.check(comprehension)
    assert isinstance(ty, ListType)
    return list_of(ty.item)
