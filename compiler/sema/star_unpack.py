"""``first, *rest = parts``: a starred name in an unpacking target.

CPython checks the length first (``ValueError: not enough values to unpack (expected at least
1, got 0)``), then assigns the items before the star, a new list of the items it covers, and the
items after it, left to right. Accepted sources: a list, a ``tuple[T, ...]``, and a fixed tuple
whose items share one type (copied into a list first, lower/values.py); the starred name is a
``list[T]``. A fixed tuple of mixed items is a compile error (the star's list would mix them).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ListType, TupleType, Type, VarTupleType, list_of

HELP = "unpack a list, a tuple[T, ...] or a tuple whose items share one type"


def starred_index(target: py_ast.Tuple) -> int | None:
    """The starred element's index (CPython's syntax check allows one at most)."""
    return next((i for i, element in enumerate(target.elts) if isinstance(element, py_ast.Starred)), None)


def assign_starred(checker, target: py_ast.Tuple, ty: Type, star: int) -> None:
    """Type the names of ``target`` (its element ``star`` starred) from a value of type ``ty``."""
    item = _item_type(checker, target, ty)
    fixed = len(target.elts) - 1
    if isinstance(ty, TupleType) and len(ty.items) < fixed:
        raise checker.fail(target, f"cannot unpack {ty}: not enough values to unpack "
                           f"(expected at least {fixed}, got {len(ty.items)})", "unpack fewer names")
    target.star_unpack = (star, fixed - star)  # (names before the star, names after it)
    for index, element in enumerate(target.elts):
        if index == star:
            checker.assign_to(element.value, None, list_of(item))
        else:
            checker.assign_to(element, None, item)


def _item_type(checker, target: py_ast.Tuple, ty: Type) -> Type:
    if isinstance(ty, (ListType, VarTupleType)):
        return ty.item
    if isinstance(ty, TupleType) and len(set(ty.items)) == 1:
        return ty.items[0]
    raise checker.fail(target, f"cannot unpack {ty} into a starred name", HELP)
