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

from ..program import ClassInfo, ClassType, Type


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
