"""Field types read from other fields: ``self.config = root.config`` in an ``__init__``.

Problem: a field's type is inferred from the value ``__init__`` assigns to it, and that value may
be another instance's field (``root.config``, root a parameter typed by a class defined further
down), whose own type is inferred from its class's ``__init__``. Guarantees: the classes' fields
are inferred to a fixed point (a round over every class until no field is added), so the order
of the classes in the file does not matter; a field still unknown then is the usual located error.
"""
from __future__ import annotations

import ast as py_ast
from typing import Callable

from ..program import BYTES, INT, STR, ClassInfo, ClassType, GlobalSym, SetType, Type, dict_of, list_of, set_of

SET_OPERATORS = (py_ast.BitOr, py_ast.BitAnd, py_ast.Sub, py_ast.BitXor)


def attribute_type(value: py_ast.expr, params: dict[str, Type]) -> Type | None:
    """The type of ``param.field`` (or ``param.a.b``) when the fields are known so far."""
    if isinstance(value, py_ast.Name):
        return params.get(value.id)
    if not isinstance(value, py_ast.Attribute):
        return None
    owner = attribute_type(value.value, params)
    info = owner.info if isinstance(owner, ClassType) else None
    while info is not None:
        if value.attr in info.fields:
            return info.fields[value.attr]
        info = info.base
    return None


def set_operation_type(value: py_ast.expr, infer: Callable[[py_ast.expr], Type | None]) -> Type | None:
    """``a | b`` (``&``, ``-``, ``^``) of two sets of one item type: the left operand's type, as
    sema/sets.py types the operator (``ALWAYS_REMOVED | root.extra``)."""
    if not (isinstance(value, py_ast.BinOp) and isinstance(value.op, SET_OPERATORS)):
        return None
    left, right = infer(value.left), infer(value.right)
    if isinstance(left, SetType) and isinstance(right, SetType) and left.item == right.item:
        return left
    return None


def global_type(module, value: py_ast.expr) -> Type | None:
    """The declared or inferred type of a module global named by ``value``, if it is one."""
    sym = module.namespace.get(value.id) if isinstance(value, py_ast.Name) else None
    if not isinstance(sym, GlobalSym):
        return None
    return sym.ty if sym.ty is not None else constant_set_type(sym.runtime_init)


def constant_set_type(value: py_ast.expr | None) -> Type | None:
    """``{"a", "b"}``, ``set({...})`` or ``frozenset({...})`` of constants of one type: a global
    check types later (at start-up), needed now for a field read from it."""
    frozen = False
    if isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name) and \
            value.func.id in ("set", "frozenset") and len(value.args) == 1 and not value.keywords:
        frozen, value = value.func.id == "frozenset", value.args[0]
    if not (isinstance(value, py_ast.Set) and all(isinstance(e, py_ast.Constant) for e in value.elts)):
        return None
    kinds = {type(e.value) for e in value.elts}
    item = {frozenset({str}): STR, frozenset({int}): INT, frozenset({bytes}): BYTES}.get(frozenset(kinds))
    return set_of(item, frozen) if item is not None else None


def infer_to_fixed_point(order: list[ClassInfo], init_fields: Callable[[ClassInfo], None],
                         failure: type[Exception]) -> None:
    """Run ``init_fields`` over the classes until a round adds no field; the last round's errors
    are left for the caller's final pass to report."""
    while True:
        before = sum(len(info.fields) for info in order)
        for info in order:
            try:
                init_fields(info)
            except failure:
                pass
        if sum(len(info.fields) for info in order) == before:
            return


def class_constant_type(info: ClassInfo, value: py_ast.expr, self_name: str) -> Type | None:
    """``C.LIMIT`` (C a class of the module, or ``self``: this class) read from a class constant,
    its own or a base's."""
    if not (isinstance(value, py_ast.Attribute) and isinstance(value.value, py_ast.Name)):
        return None
    owner = info if value.value.id == self_name else info.module.namespace.get(value.value.id)
    while isinstance(owner, ClassInfo):
        constant = owner.constants.get(value.attr)
        if constant is not None:
            return constant.ty
        owner = owner.base
    return None


def empty_field_type(init: py_ast.FunctionDef, self_name: str, field: str, value: py_ast.expr | None,
                     infer: Callable[[py_ast.expr], Type | None]) -> Type | None:
    """``self.items = []`` / ``{}`` / ``set()`` typed, as mypy does, by what ``__init__`` itself then
    puts in it: ``self.items.append(x)``, ``self.d[k] = v``, ``self.seen.add(x)``, x, k and v of
    types known here (a parameter, a constant, a constructor call, ...). None: not such a field."""
    kind = "list" if isinstance(value, py_ast.List) and not value.elts else \
        "dict" if isinstance(value, py_ast.Dict) and not value.keys else \
        "set" if isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name) and value.func.id == "set" \
        and not value.args and not value.keywords else None
    if kind is None:
        return None

    def is_field(node: py_ast.expr) -> bool:
        return isinstance(node, py_ast.Attribute) and node.attr == field and isinstance(node.value, py_ast.Name) \
            and node.value.id == self_name
    for node in py_ast.walk(init):
        if kind == "dict" and isinstance(node, py_ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], py_ast.Subscript) and is_field(node.targets[0].value):
            key, item = infer(node.targets[0].slice), infer(node.value)
            return dict_of(key, item) if key is not None and item is not None else None
        if isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Attribute) and is_field(node.func.value) \
                and node.func.attr == ("append" if kind == "list" else "add") and len(node.args) == 1:
            item = infer(node.args[0])
            return None if item is None else list_of(item) if kind == "list" else set_of(item)
    return None
