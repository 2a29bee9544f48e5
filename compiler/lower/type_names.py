"""``type(x).__name__``: the name of the class of what ``x`` holds.

Where the static type decides it (an int, a str, a class without subclasses) the name is a
constant. Otherwise it is read at run time from tables in the data segment, made when first
used: the names of the program's classes by record id (the id sits in an object's header), and
the names of what an Any holds by its type code (compiler/runtime/dynamic.py).
"""
from __future__ import annotations

from ..program import (BOOL, BYTES, FLOAT, INT, NONE, STR, ClassType, CounterType, DefaultDictType, DequeType, DictType,
                       ListType, OrderedDictType, SetType, TupleType, Type, VarTupleType, ViewType)

HELD_NAMES = ("NoneType", "int", "float", "bool", "str", "bytes", "list", "dict")  # by dynamic type code
OBJECT_CODE = 8
BUILTIN_NAMES = {INT: "int", FLOAT: "float", BOOL: "bool", STR: "str", BYTES: "bytes", NONE: "NoneType"}


def static_name(ty: Type) -> str | None:
    if ty in BUILTIN_NAMES:
        return BUILTIN_NAMES[ty]
    for kind, name in ((DequeType, "deque"), (ListType, "list"), (DefaultDictType, "defaultdict"), (CounterType, "Counter"),
                       (OrderedDictType, "OrderedDict"),
                       (DictType, "dict"), (TupleType, "tuple"), (VarTupleType, "tuple"),
                       (ViewType, "list")):
        if isinstance(ty, kind):
            return name
    if isinstance(ty, SetType):
        return "frozenset" if ty.frozen else "set"
    if isinstance(ty, ClassType) and ty.info.class_id == ty.info.last_descendant_id:
        return ty.info.name
    return None


def class_names_table(layout, program) -> int:
    """Address of the table of class names (a str address per record id)."""
    ids = {info.class_id: layout.str_constant(info.name) for info in program.classes.values() if info.class_id}
    return layout.word_table("class_names", [ids.get(i, 0) for i in range(max(ids, default=0) + 1)])


def held_names_table(layout) -> int:
    return layout.word_table("held_names", [layout.str_constant(name) for name in HELD_NAMES])
