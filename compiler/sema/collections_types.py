"""``collections.defaultdict`` (and ``Counter``): dicts whose missing keys read differently.

Problem: ``d[k].append(x)`` on a ``defaultdict(list)`` inserts ``[]`` for a missing key, where a
dict raises KeyError. Accepts: ``defaultdict[K, V]`` annotations and ``defaultdict(F)`` calls
where F is V's own builtin type (``list`` for a ``list[int]`` value). Guarantees: the value's type
is a ``DefaultDictType`` (a dict to every dict operation but ``d[k]``, which lower/collections_ops.py
makes insert V's empty value, and repr); other factories (a lambda, a function, another type than
V's) and a defaultdict where a plain dict or an Any is expected are located compile errors.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (BOOL, BYTES, FLOAT, INT, STR, Builtin, DefaultDictType, DictType, ListType, SetType, Type,
                       default_dict_of)

DEFAULTDICT = Builtin("collections.defaultdict")
ANNOTATE = "annotate it: d: defaultdict[str, list[int]] = defaultdict(list)"
NAMED_TUPLE_HELP = "write a class: from typing import NamedTuple; class P(NamedTuple): x: int"


def factory_name(value: Type) -> str | None:
    """The builtin type whose call makes V's empty value (CPython's factory), or None."""
    scalars = {INT: "int", FLOAT: "float", BOOL: "bool", STR: "str", BYTES: "bytes"}
    if value in scalars:
        return scalars[value]
    if isinstance(value, ListType):
        return "list"
    if isinstance(value, SetType):
        return "frozenset" if value.frozen else "set"
    if type(value) is DictType:
        return "dict"
    return None


def collections_annotation(sym, args: list[Type], fail) -> Type | None:
    """``defaultdict[K, V]``, or None when ``sym`` is not a collections name. ``fail(message,
    help)`` makes the located error."""
    if sym != DEFAULTDICT:
        return None
    if len(args) != 2:
        raise fail("defaultdict takes two types", "write defaultdict[K, V]")
    key, value = args
    if key not in (INT, STR, BYTES):
        raise fail("dict keys must be int, str or bytes", "write defaultdict[str, V] (or int, bytes keys)")
    if factory_name(value) is None:
        raise fail(f"a defaultdict of {value} values is not available yet", "its values may be int, float, "
                   "bool, str, bytes, list[T], set[T] or dict[K, V] (the factory is their type)")
    return default_dict_of(key, value)


def unavailable_import(name: str) -> tuple[str, str] | None:
    """The message for ``from collections import name`` of a name ours does not have yet."""
    import collections
    if not hasattr(collections, name):
        return None
    if name == "namedtuple":
        return "collections.namedtuple is not available yet", NAMED_TUPLE_HELP
    return f"collections.{name} is not available yet", "see docs/stdlib.md for what collections has"


class CollectionsChecks:
    def collections_call(self, node: py_ast.Call, sym: Builtin, expected: Type | None) -> Type:
        if sym == DEFAULTDICT:
            return self.defaultdict_call(node, expected)
        raise self.fail(node.func, f"'{sym.name}' cannot be called")

    def defaultdict_call(self, node: py_ast.Call, expected: Type | None) -> Type:
        if node.keywords or len(node.args) != 1:
            raise self.fail(node, "defaultdict() takes its factory only here (no initial items, no keywords)",
                            "create it empty, then add the items: d = defaultdict(list); d[k] = v")
        if not isinstance(expected, DefaultDictType):
            raise self.fail(node, "the type of this defaultdict is not known", ANNOTATE if not isinstance(
                expected, DictType) else "a defaultdict is not a plain dict here (d[k] inserts): annotate it "
                "as defaultdict[K, V], where it is made and where it is passed")
        want = factory_name(expected.value)
        factory = node.args[0]
        given = factory.id if isinstance(factory, py_ast.Name) and factory.id not in self.local_names \
            and self.module.namespace.get(factory.id) is None else None
        if given != want:
            raise self.fail(factory, f"the factory of a {expected} must be {want}",
                            "a lambda, a function or another type as the factory is not available yet")
        made = py_ast.copy_location(py_ast.Dict(keys=[], values=[]), node)
        made.ty = expected  # an empty dict of this type (lower/containers.py new_dict)
        node.call = ("rewritten", made)
        return expected
