"""Signatures of the methods of built-in types, for the checker.

Each entry: method name -> (parameters as (name, type, has_default), result).
Types are written against the receiver: ``T`` is the list item type, ``K``/``V``
the dict key/value types, ``S`` the receiver type itself (str or bytes).
How each method runs is decided by lowering (``lower/methods.py``).
"""
from __future__ import annotations

from ..program import (BOOL, BYTES, INT, NONE, STR, DictType, ListType, Type, list_of, optional_of,
                       tuple_of, view_of)

OPTIONAL_INT = optional_of(INT)


def text_methods(s: Type) -> dict[str, tuple[list[tuple[str, Type, bool]], Type]]:
    other = s
    search = [("sub", other, False), ("start", OPTIONAL_INT, True), ("end", OPTIONAL_INT, True)]
    methods = {
        "startswith": ([("prefix", other, False)], BOOL),
        "endswith": ([("suffix", other, False)], BOOL),
        "find": (search, INT), "rfind": (search, INT), "index": (search, INT), "rindex": (search, INT),
        "split": ([("sep", optional_of(other), True), ("maxsplit", INT, True)], list_of(s)),
        "strip": ([("chars", optional_of(other), True)], s),
        "lstrip": ([("chars", optional_of(other), True)], s),
        "rstrip": ([("chars", optional_of(other), True)], s),
        "lower": ([], s), "upper": ([], s), "isdigit": ([], BOOL), "isspace": ([], BOOL),
        "replace": ([("old", other, False), ("new", other, False), ("count", INT, True)], s),
        "join": ([("iterable", list_of(s), False)], s),
    }
    if s == STR:
        methods["encode"] = ([("encoding", STR, True)], BYTES)
    else:
        methods["decode"] = ([("encoding", STR, True)], STR)
    return methods


def list_methods(ty: ListType) -> dict[str, tuple[list[tuple[str, Type, bool]], Type]]:
    t = ty.item
    return {
        "append": ([("item", t, False)], NONE),
        "pop": ([("index", INT, True)], t),
        "insert": ([("index", INT, False), ("item", t, False)], NONE),
        "extend": ([("items", ty, False)], NONE),
        "index": ([("item", t, False)], INT),
        "count": ([("item", t, False)], INT),
        "remove": ([("item", t, False)], NONE),
        "clear": ([], NONE), "copy": ([], ty), "reverse": ([], NONE),
        "sort": ([("reverse", BOOL, True)], NONE),  # keyword-only, as CPython's
    }


def dict_methods(ty: DictType) -> dict[str, tuple[list[tuple[str, Type, bool]], Type]]:
    k, v = ty.key, ty.value
    return {
        "get": ([("key", k, False), ("default", v, True)], optional_of(v)),
        "pop": ([("key", k, False), ("default", v, True)], v),
        "setdefault": ([("key", k, False), ("default", v, False)], v),
        "keys": ([], view_of("keys", k)), "values": ([], view_of("values", v)),
        "items": ([], view_of("items", tuple_of((k, v)))),
        "clear": ([], NONE), "copy": ([], ty), "update": ([("other", ty, False)], NONE),
    }


def methods_of(ty: Type) -> dict[str, tuple[list[tuple[str, Type, bool]], Type]] | None:
    if ty in (STR, BYTES):
        return text_methods(ty)
    if isinstance(ty, ListType):
        return list_methods(ty)
    if isinstance(ty, DictType):
        return dict_methods(ty)
    return None
