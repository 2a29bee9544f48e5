"""``x in obj`` (and ``not in``) where obj's class defines ``__contains__``: CPython calls
``type(obj).__contains__(obj, x)`` (the runtime class's method: an override in a subclass) and
takes the truth of its result. Accepted when the method is declared ``(self, item: T) -> bool`` and
x is a T; the operands are evaluated left then right, as CPython (lower/contains.py)."""
from __future__ import annotations

from ..program import BOOL, ClassType, FuncSym, Type
from .classes import inherited_method
from .types import assignable


def contains_method(b: Type) -> FuncSym | None:
    return inherited_method(b.info, "__contains__") if isinstance(b, ClassType) else None


def check_object_membership(checker, node, a: Type, b: Type) -> bool:
    """True if ``a in b`` calls b's ``__contains__``; False if b's class defines none."""
    fn = contains_method(b)
    if fn is None:
        return False
    if len(fn.params) != 2 or fn.result != BOOL:
        raise checker.fail(node, f"{fn.qualname} must be declared as 'def __contains__(self, item: T) -> bool'",
                           "CPython takes the truth of what it returns")
    if not assignable(a, fn.params[1].ty):
        raise checker.fail(node, f"'in' {b.info.name} takes {fn.params[1].ty} here, not {a}")
    return True
