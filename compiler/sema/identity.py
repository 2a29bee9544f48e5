"""``a is b`` / ``a is not b`` beyond ``x is None``: where CPython's answer is fixed by what the
values are, not by how CPython happens to cache them.

- objects of classes, lists, dicts, bytearrays and memoryviews (or ``T | None`` of them): the same object exactly when
  the pointers are equal, since such objects never move and are never copied implicitly;
- two bools: True and False are singletons, so ``flag is True`` is ``flag == True``.

Ints, floats, str, bytes and tuples are refused: CPython's answer depends on its caches and
interning (``x is 5``, ``s is "a"``), so no compiled answer could always agree.
"""
from __future__ import annotations

from ..program import BOOL, BYTEARRAY, MEMORYVIEW, ClassType, DictType, ListType, OptionalType, Type


def _reference(ty: Type) -> bool:
    inner = ty.inner if isinstance(ty, OptionalType) else ty
    return isinstance(inner, (ClassType, ListType, DictType)) or inner in (BYTEARRAY, MEMORYVIEW)  # never cached nor copied


def identity_comparable(a: Type, b: Type) -> bool:
    return (_reference(a) and _reference(b)) or (a == BOOL and b == BOOL)
