"""``x in obj`` by obj's ``__contains__`` (sema/contains.py): the method of obj's runtime class
called with obj and x (both already evaluated, left first)."""
from __future__ import annotations

from ..program import ClassType, Type
from ..sema.contains import contains_method


def object_membership(lowerer, left: str, left_ty: Type, right: str, right_ty: ClassType) -> None:
    fn = contains_method(right_ty)
    lowerer.emit("local.get", right)
    lowerer.emit("local.get", left)
    lowerer.coerce(left_ty, fn.params[1].ty)
    lowerer.emit("call", lowerer.classes.dispatcher(fn, right_ty.info))  # compare() negates 'not in'
