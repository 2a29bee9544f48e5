"""Objects of user classes as dict keys: by identity, or by fields for frozen dataclasses.

CPython hashes an object whose class (and every class it may be: bases and subclasses) defines
neither ``__eq__`` nor ``__hash__`` by its address, and compares such keys by identity; an Enum
member hashes its name but also compares by identity. A dict keeps insertion order, so no result
depends on the hash: the runtime hashes the object's address (it never moves; runtime/dicts.py
KEY_OBJECT). A set iterates in hash order, which here would differ from CPython's: sets of objects
are refused. A frozen dataclass (eq=True) of int, bool, str and bytes fields keys by class and field
values instead, as CPython's generated __hash__/__eq__ (runtime/dicts.py KEY_RECORD; ``info.record_key``).
A family that writes __hash__ keys by it and its __eq__ (sema/user_hash.py, ``info.user_key``).
Reads that may raise KeyError (whose text is the key's repr) are refused, except with Enum
members, which carry theirs (sema/enums.py SHOWN, runtime/dicts.py KEY_ENUM).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo, ClassType, Type
from .types import KEY_TYPES, is_exception_class_info
from .user_hash import user_key_problem, writes_hash

MISSING_KEY = "d[key] of a dict keyed by objects is not supported: a missing key's KeyError shows its repr"
MISSING_HELP = "write d.get(key) (None if missing), d.get(key, default), or test `key in d` first"
FIELD_TYPES = ("int", "bool", "str", "bytes")
# The standard library's classes whose __eq__ and __hash__ are CPython's, which (as written there) compare
# exactly the class and the fields kept: they key a dict as a frozen dataclass does (a subclass of the
# program's may add fields that CPython's would not compare: then the family is not all of these).
LIBRARY_RECORDS = ("compiler.stdlib.ipaddress_addresses", "compiler.stdlib.ipaddress_networks")
KEY_HELP = "key the dict by an int or str field of the object (e.g. its name or id number)"


def identity_keyed(ty: Type) -> bool:
    return isinstance(ty, ClassType) and ty.info is not None and getattr(ty.info, "identity_key", False)


def repr_unknown(ty: Type) -> bool:
    """A key whose repr a missing key's KeyError could not show: an Enum member's is known (sema/enums.py),
    and so is that of an object whose family writes __hash__ and whose every class a __repr__."""
    if identity_keyed(ty) and getattr(ty.info, "user_key", False):
        return not all(any("__repr__" in a.methods for a in _ancestors(c)) for c in ty.info.key_family)
    return identity_keyed(ty) and not getattr(ty.info, "enum", False)


def key_problem(ty: Type) -> str | None:
    """Why ``ty`` cannot be a dict key, or None."""
    if ty in KEY_TYPES or identity_keyed(ty):
        return None
    if isinstance(ty, ClassType) and ty.info is not None:
        return getattr(ty.info, "key_problem", None) or f"{ty} objects cannot be dict keys here"
    return "dict keys must be int, str or bytes (or objects of a class without __eq__/__hash__)"


def mark_identity_keys(program) -> None:
    """``info.identity_key`` (objects typed ``info`` hash by identity) or ``info.key_problem``; runs
    once bases and decorators are known, before any annotation is resolved (from the class bodies)."""
    for info in program.classes.values():
        info.key_problem = _problem(program, info)
        info.identity_key = info.key_problem is None


def _ancestors(info: ClassInfo | None):
    while info is not None:
        yield info
        info = info.base


def _defines(info: ClassInfo, method: str) -> bool:
    """Whether the class or one of its bases defines (or @dataclass generates) ``method``."""
    for c in _ancestors(info):
        if any(isinstance(s, (py_ast.FunctionDef, py_ast.AsyncFunctionDef)) and s.name == method for s in c.node.body):
            return True
        options = getattr(c, "dataclass_options", {})
        if method == "__eq__" and c.dataclass and options.get("eq", True) and not getattr(c, "enum", False):
            return True
    return False


def _hashes_fields(info: ClassInfo) -> bool:
    options = getattr(info, "dataclass_options", {})
    return info.dataclass and options.get("frozen") and options.get("eq", True) and not getattr(info, "enum", False)


def _record_problem(info: ClassInfo, related: list[ClassInfo]) -> str | None:
    """A frozen dataclass keys a dict by class and fields (runtime/dicts.py KEY_RECORD) when every class
    its objects may be (or inherit from) is one with int, bool, str or bytes fields and no __eq__/__hash__."""
    for c in related:
        if not _hashes_fields(c):
            return (f"objects of the frozen dataclass {info.name} cannot be dict keys here: "
                    f"{c.name} is not a frozen dataclass")
        for stmt in c.node.body:
            if isinstance(stmt, py_ast.FunctionDef) and stmt.name in ("__eq__", "__hash__"):
                return f"objects of {info.name} cannot be dict keys yet: {c.name} defines {stmt.name}"
            if isinstance(stmt, py_ast.AnnAssign) and not (isinstance(stmt.annotation, py_ast.Name)
                                                            and stmt.annotation.id in FIELD_TYPES
                                                            and stmt.annotation.id not in c.module.namespace):
                return (f"objects of the frozen dataclass {info.name} cannot be dict keys here: field "
                        f"'{py_ast.unparse(stmt.target)}' of {c.name} is not int, bool, str or bytes")
    info.record_key = True
    return None


def _problem(program, info: ClassInfo) -> str | None:
    name = info.name
    if getattr(info, "named_tuple", False):
        return f"{name} is a NamedTuple: NamedTuple objects cannot be dict keys here"
    if is_exception_class_info(info):
        return f"{name} is an exception class: its objects cannot be dict keys here"
    family = [c for c in program.classes.values() if info in _ancestors(c)]
    info.key_family = family
    if all(c.module.name in LIBRARY_RECORDS for c in family + list(_ancestors(info.base))):
        info.record_key = True  # our ipaddress classes: equal exactly when of one class with equal fields
        return None
    bases = list(_ancestors(info.base))
    if any(writes_hash(c) for c in family + bases):
        return user_key_problem(info, family, bases)  # sema/user_hash.py
    if _hashes_fields(info):
        return _record_problem(info, family + bases)
    for c in family:
        if _defines(c, "__eq__"):
            why = ("a dataclass with eq=True has __hash__ = None" if c.dataclass
                   else "it defines __eq__ without __hash__")
            return f"unhashable type: '{c.name}' ({why}): {name} objects cannot be dict keys"
    return None
