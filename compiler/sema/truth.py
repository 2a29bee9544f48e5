"""Which types a truth test (``if x:``, ``not x``, ``bool(x)``, ``while x:``) compiles for.

An IntEnum member or a Flag value tests as its value (ExprChecker.truthy reads it first); held in an
Optional or a Union it is refused, since the test there is made on what the union holds.
"""
from __future__ import annotations

from ..program import (ANY, BYTEARRAY, MEMORYVIEW, ClassType, DictType, ListType, OptionalType, SetType, TupleType,
                       Type, UnionType, VarTupleType)
from .comparisons import NUMERIC, TEXT
from .flags import is_flag
from .int_enums import is_int_enum


def truthy_type(ty: Type, objects_have_truth: bool = True) -> bool:
    """Whether a truth test of a ``ty`` compiles. An Any is tested on what it holds, unless some
    class of the program defines __bool__ or __len__ (``objects_have_truth``), which would decide."""
    if ty == ANY:
        return not objects_have_truth
    if is_int_enum(ty) or is_flag(ty) or value_truth_member(ty):
        return False  # a member's truth is its value's: read there (ExprChecker.truthy), not in an Optional/Union
    if isinstance(ty, UnionType):  # tested on what it holds; a class's __bool__/__len__ is not looked up
        return not any(isinstance(m, (ClassType, TupleType)) for m in ty.members)
    return ty in NUMERIC + TEXT or ty in (BYTEARRAY, MEMORYVIEW) or isinstance(ty, (ListType, DictType, TupleType, OptionalType, ClassType, SetType,
                                                   VarTupleType))


def value_truth_member(ty: Type) -> bool:
    """Whether ``ty`` is an Optional or Union holding an IntEnum or Flag (whose truth is its value's)."""
    members = [ty.inner] if isinstance(ty, OptionalType) else ty.members if isinstance(ty, UnionType) else []
    return any(is_int_enum(m) or is_flag(m) for m in members)
