"""``f(**d)``: the checks CPython 3.11 makes as it merges a dict into a call's keywords and binds
them to the parameters, with its messages (compiler/lower/kwargs_unpack.py emits the calls).

Parameter names come as one str, each name between spaces (" a b c "): identifiers hold no
space, so a key is one of the names exactly when it holds none and " " + key + " " is in them.
"""
from compiler.runtime.dicts import dict_entry_key, dict_next, key_text
from compiler.runtime.reprs import type_error


def not_a_mapping(func: str, name: str) -> None:
    type_error(func + " argument after ** must be a mapping, not " + name)


def named(key: str, names: str) -> bool:
    return " " not in key and " " + key + " " in names


def holds(d: int, name: str) -> bool:
    entry = dict_next(d, -1)
    while entry >= 0:
        if key_text(d, dict_entry_key(d, entry)) == name:
            return True
        entry = dict_next(d, entry)
    return False


def merge_check(d: int, before: str, func: str) -> None:
    """A key of d also passed by keyword ahead of it: CPython's merge raises on the first, in d's order."""
    entry = dict_next(d, -1)
    while entry >= 0:
        key = key_text(d, dict_entry_key(d, entry))
        if named(key, before):
            type_error(func + " got multiple values for keyword argument '" + key + "'")
        entry = dict_next(d, entry)


def bind_check(d: int, after: str, func: str, names: str, given: str, required: str, keyword_only: str,
               qualname: str) -> None:
    """After every argument is evaluated: keywords after ``**d`` that d holds too (in their order),
    then d's keys in order (unknown, or a parameter passed positionally), then missing parameters."""
    for name in after.split():
        if holds(d, name):
            type_error(func + " got multiple values for keyword argument '" + name + "'")
    entry = dict_next(d, -1)
    while entry >= 0:
        key = key_text(d, dict_entry_key(d, entry))
        if not named(key, names):
            type_error(qualname + "() got an unexpected keyword argument '" + key + "'")
        if named(key, given):
            type_error(qualname + "() got multiple values for argument '" + key + "'")
        entry = dict_next(d, entry)
    missing_check(d, required, "positional", qualname)
    missing_check(d, keyword_only, "keyword-only", qualname)


def missing_check(d: int, required: str, kind: str, qualname: str) -> None:
    missing: list[str] = []
    for name in required.split():
        if not holds(d, name):
            missing.append("'" + name + "'")
    n = len(missing)
    if n == 0:
        return
    shown = missing[0]
    if n == 2:
        shown = missing[0] + " and " + missing[1]
    elif n > 2:
        shown = ", ".join(missing[:n - 1]) + ", and " + missing[n - 1]
    type_error(qualname + "() missing " + str(n) + " required " + kind + " argument" + ("s" if n > 1 else "")
               + ": " + shown)
