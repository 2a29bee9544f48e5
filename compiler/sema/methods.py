"""Signatures of the methods of built-in types, for the checker.

Each entry: method name -> (parameters as (name, type, has_default), result).
Types are written against the receiver: ``T`` is the list item type, ``K``/``V``
the dict key/value types, ``S`` the receiver type itself (str or bytes).
How each method runs is decided by lowering (``lower/methods.py``).
"""
from __future__ import annotations

from ..program import (BOOL, BYTES, INT, NONE, STR, DictType, ListType, Type, VarTupleType, list_of, optional_of,
                       tuple_of, view_of)

OPTIONAL_INT = optional_of(INT)


Signature = tuple[list[tuple[str, Type, bool]], Type]
BOUNDS = [("start", OPTIONAL_INT, True), ("end", OPTIONAL_INT, True)]
# Methods whose parameters CPython 3.11 takes by position only ("... takes no keyword arguments"):
# str/bytes ones, and every list and dict method but sort (d.update(other=x) would add a key).
POSITIONAL_ONLY = {
    "startswith", "endswith", "find", "rfind", "index", "rindex", "count", "strip", "lstrip", "rstrip",
    "replace", "join", "partition", "rpartition", "removeprefix", "removesuffix", "center", "ljust",
    "rjust", "zfill", "fromhex", "append", "pop", "insert", "extend", "remove", "get", "setdefault",
    "update",
}
KEYWORD_ONLY = {"signed"}  # int.to_bytes / int.from_bytes
PREDICATES = ("isalnum", "isalpha", "isascii", "isupper", "islower", "istitle")
STR_PREDICATES = ("isdecimal", "isnumeric", "isprintable", "isidentifier")
CASE_MAPPINGS = ("title", "capitalize", "swapcase")


def text_methods(s: Type) -> dict[str, Signature]:
    other = s
    search = [("sub", other, False), *BOUNDS]
    split = ([("sep", optional_of(other), True), ("maxsplit", INT, True)], list_of(s))
    pad = ([("width", INT, False), ("fillchar", other, True)], s)
    methods = {
        "startswith": ([("prefix", other, False), *BOUNDS], BOOL),
        "endswith": ([("suffix", other, False), *BOUNDS], BOOL),
        "find": (search, INT), "rfind": (search, INT), "index": (search, INT), "rindex": (search, INT),
        "count": (search, INT),
        "split": split, "rsplit": split,
        "partition": ([("sep", other, False)], tuple_of((s, s, s))),
        "rpartition": ([("sep", other, False)], tuple_of((s, s, s))),
        "splitlines": ([("keepends", BOOL, True)], list_of(s)),
        "removeprefix": ([("prefix", other, False)], s), "removesuffix": ([("suffix", other, False)], s),
        "center": pad, "ljust": pad, "rjust": pad, "zfill": ([("width", INT, False)], s),
        "expandtabs": ([("tabsize", INT, True)], s),
        "strip": ([("chars", optional_of(other), True)], s),
        "lstrip": ([("chars", optional_of(other), True)], s),
        "rstrip": ([("chars", optional_of(other), True)], s),
        "lower": ([], s), "upper": ([], s), "isdigit": ([], BOOL), "isspace": ([], BOOL),
        "replace": ([("old", other, False), ("new", other, False), ("count", INT, True)], s),
        "join": ([("iterable", list_of(s), False)], s),
    }
    methods.update({name: ([], BOOL) for name in PREDICATES})
    methods.update({name: ([], s) for name in CASE_MAPPINGS})
    if s == STR:
        methods["encode"] = ([("encoding", STR, True)], BYTES)
        methods.update({name: ([], BOOL) for name in STR_PREDICATES})
        methods["casefold"] = ([], s)
    else:
        methods["decode"] = ([("encoding", STR, True)], STR)
        methods["hex"] = ([("sep", optional_of(STR), True), ("bytes_per_sep", INT, True)], STR)
    return methods


def int_methods() -> dict[str, Signature]:
    return {
        "bit_length": ([], INT), "bit_count": ([], INT),
        "to_bytes": ([("length", INT, True), ("byteorder", STR, True), ("signed", BOOL, True)], BYTES),
    }


# Methods called on the class itself: int.from_bytes(...), bytes.fromhex(...).
CLASS_METHODS: dict[str, dict[str, Signature]] = {
    "int": {"from_bytes": ([("bytes", BYTES, False), ("byteorder", STR, True), ("signed", BOOL, True)], INT)},
    "bytes": {"fromhex": ([("string", STR, False)], BYTES)},
}


def with_tuple_argument(ty: Type, name: str, args: list, signature: Signature) -> Signature:
    """startswith/endswith given a literal tuple of prefixes: the first parameter takes that tuple."""
    params, result = signature
    if name in ("startswith", "endswith") and ty in (STR, BYTES) and args and type(args[0]).__name__ == "Tuple":
        params = [(params[0][0], tuple_of((ty,) * len(args[0].elts)), False), *params[1:]]
    return params, result


def argument_problem(name: str, params: list[tuple[str, Type, bool]], positional: int, keywords: list) -> str | None:
    """Why CPython would reject these arguments where binding by name would accept them, or None."""
    if name in POSITIONAL_ONLY and keywords:
        return f"{name}() takes no keyword arguments"
    keyword_only = [p for p in params if p[0] in KEYWORD_ONLY]
    if keyword_only and positional > len(params) - len(keyword_only):
        return f"{name}() takes at most {len(params) - len(keyword_only)} positional arguments"
    return None


def list_methods(ty: ListType) -> dict[str, Signature]:
    t = ty.item
    return {
        "append": ([("item", t, False)], NONE),
        "pop": ([("index", INT, True)], t),
        "insert": ([("index", INT, False), ("item", t, False)], NONE),
        "extend": ([("items", ty, False)], NONE),
        "index": ([("item", t, False), ("start", INT, True), ("stop", INT, True)], INT),
        "count": ([("item", t, False)], INT),
        "remove": ([("item", t, False)], NONE),
        "clear": ([], NONE), "copy": ([], ty), "reverse": ([], NONE),
        "sort": ([("reverse", BOOL, True)], NONE),  # keyword-only, as CPython's
    }


def var_tuple_methods(ty: VarTupleType) -> dict[str, Signature]:
    return {"index": ([("item", ty.item, False), ("start", INT, True), ("stop", INT, True)], INT),
            "count": ([("item", ty.item, False)], INT)}


def repr_unknown(ty: Type) -> bool:
    from .class_keys import repr_unknown as unknown  # class_keys imports types, as this module does
    return unknown(ty)


def dict_methods(ty: DictType) -> dict[str, Signature]:
    k, v = ty.key, ty.value
    return {
        "get": ([("key", k, False), ("default", v, True)], optional_of(v)),
        "pop": ([("key", k, False), ("default", v, repr_unknown(k) is False)], v),  # sema/class_keys.py
        "setdefault": ([("key", k, False), ("default", v, False)], v),
        "keys": ([], view_of("keys", k)), "values": ([], view_of("values", v)),
        "items": ([], view_of("items", tuple_of((k, v)))),
        "clear": ([], NONE), "copy": ([], ty), "update": ([("other", ty, False)], NONE),
    }


def methods_of(ty: Type) -> dict[str, Signature] | None:
    if ty in (STR, BYTES):
        return text_methods(ty)
    if ty == INT:
        return int_methods()
    if isinstance(ty, ListType):
        return list_methods(ty)
    if isinstance(ty, DictType):
        return dict_methods(ty)
    if isinstance(ty, VarTupleType):
        return var_tuple_methods(ty)
    return None
