"""``a < b`` (and ``<=``, ``>``, ``>=``) between objects: a call of the method sema/ordering.py
chose, on the left object's runtime class (or the mirrored method with the operands swapped)."""
from __future__ import annotations

from ..program import ClassType
from ..sema.ordering import ordering_method


def object_ordering(lowerer, kind, left: str, left_ty: ClassType, right: str) -> None:
    fn, swapped = ordering_method(left_ty.info, kind())
    first, second = (right, left) if swapped else (left, right)
    lowerer.emit("local.get", first)
    lowerer.emit("local.get", second)
    lowerer.emit("call", lowerer.classes.dispatcher(fn, left_ty.info))
