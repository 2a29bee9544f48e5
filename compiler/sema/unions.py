"""Unions (``A | B``, ``Union[A, B]``): which members a test keeps on each of its paths.

A union is held as an Any is (compiler/runtime/dynamic.py), so ``isinstance`` tests it at run
time, and each path sees the members the test leaves possible: ``x: int | str`` is an ``int``
after ``isinstance(x, int)`` and a ``str`` in the ``else``. ``x is None``, ``x is not None`` and
a truth test remove ``None`` the same way.
"""
from __future__ import annotations

from ..program import (BOOL, BYTES, FLOAT, INT, NONE, STR, ClassInfo, ClassType, DictType, ListType, OptionalType, TupleType,
                       Type, UnionType, union_of)
from .types import class_type, is_subclass

BUILTIN_MEMBERS = {
    "int": lambda m: m in (INT, BOOL), "bool": lambda m: m == BOOL, "float": lambda m: m == FLOAT,
    "str": lambda m: m == STR, "bytes": lambda m: m == BYTES, "list": lambda m: type(m) is ListType,
    "dict": lambda m: isinstance(m, DictType), "tuple": lambda m: isinstance(m, TupleType),
}


def split(union: UnionType, targets: list[ClassInfo | str]) -> tuple[Type | None, Type | None]:
    """(the type if ``isinstance(x, targets)`` holds, the type if not); None: that path is impossible."""
    yes: list[Type] = []
    no: list[Type] = []
    for member in union.members:
        matched = False
        for target in targets:
            if isinstance(target, str):
                matched = matched or BUILTIN_MEMBERS[target](member)
            elif isinstance(member, ClassType) and is_subclass(member.info, target):
                matched = True
            elif isinstance(member, ClassType) and is_subclass(target, member.info):
                yes.append(class_type(target))  # a subclass's instance may be there: both paths
        (yes if matched else no).append(member)
    return (union_of(yes) if yes else None), (union_of(no) if no else None)


def without_none(ty: Type) -> Type:
    if isinstance(ty, UnionType) and NONE in ty.members:
        return union_of([m for m in ty.members if m != NONE])
    return ty


def truthy_part(ty: Type) -> Type:
    """What a value of type ``ty`` can be where it tested true: never None."""
    if isinstance(ty, OptionalType):
        return ty.inner
    return without_none(ty)
