"""``"literal".format(...)`` as the f-string it equals, so f-strings' checking and lowering apply.

CPython evaluates every argument, then formats the fields in order. The f-string evaluates each
field's value as it formats it, so the rewrite is exact only when that cannot differ: every
argument is a constant or a local variable (reading one has no effect and cannot fail), or the
fields take the positional arguments once each, in order, with no keywords. Anything else, and
what CPython would refuse when the call runs (a bad format string, a missing argument, mixed
automatic and manual numbering), is a compile error. Conversions are those of f-strings (``!s``,
``!r``, ``!a``).
"""
from __future__ import annotations

import ast as py_ast
import string
from typing import Callable

Fail = Callable[[py_ast.AST, str, str], Exception]
SUPPORTED = "'{}', '{0}', '{name}', with a format spec and !s, !r or !a; arguments constants or local variables"


def as_fstring(node: py_ast.Call, is_local: Callable[[py_ast.expr], bool], fail: Fail) -> py_ast.JoinedStr:
    """The f-string that ``node`` (a ``str.format`` call on a str literal) computes."""
    text = node.func.value.value
    for arg in node.args:
        if isinstance(arg, py_ast.Starred):
            raise fail(arg, "str.format() with *args is not supported", SUPPORTED)
    if any(k.arg is None for k in node.keywords):
        raise fail(node, "str.format() with **kwargs is not supported", SUPPORTED)
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError as err:  # CPython raises this ValueError when the call runs
        raise fail(node.func.value, f"invalid format string: {err}", SUPPORTED) from None
    keywords = {k.arg: k.value for k in node.keywords}
    values: list[py_ast.expr] = []
    used: list[int] = []
    automatic = None
    for literal, name, spec, conversion in fields:
        if literal:
            values.append(py_ast.Constant(literal))
        if name is None:
            continue
        if name == "" or name.isdigit():
            if automatic is not None and automatic != (name == ""):
                raise fail(node.func.value, "cannot switch between automatic field numbering and manual "
                           "field specification", SUPPORTED)
            automatic = name == ""
            index = len(used) if name == "" else int(name)
            if index >= len(node.args):
                raise fail(node, f"replacement index {index} out of range for the {len(node.args)} "
                           "positional argument(s)", SUPPORTED)
            used.append(index)
            value = node.args[index]
        elif name.isidentifier():
            if name not in keywords:  # CPython: KeyError
                raise fail(node, f"str.format() has no argument '{name}' for the field '{{{name}}}'", SUPPORTED)
            used.append(-1)
            value = keywords[name]
        else:
            raise fail(node.func.value, f"the field '{{{name}}}' is not supported here", SUPPORTED)
        if conversion not in (None, "s", "r", "a"):  # CPython: ValueError when the call runs
            raise fail(node.func.value, f"unknown conversion specifier {conversion}", "use !s, !r or !a")
        if "{" in spec:
            raise fail(node.func.value, "nested fields in a format spec are not supported",
                       "write the spec out: '{:>5}'")
        format_spec = py_ast.JoinedStr([py_ast.Constant(spec)]) if spec else None
        values.append(py_ast.FormattedValue(value, -1 if conversion is None else ord(conversion), format_spec))
    arguments = list(node.args) + list(keywords.values())
    in_order = not keywords and used == list(range(len(node.args)))
    if not in_order and not all(isinstance(a, py_ast.Constant) or is_local(a) for a in arguments):
        raise fail(node, "str.format() here needs its arguments to be constants or local variables",
                   "CPython evaluates every argument before formatting: compute them into variables "
                   "first, or use each positional argument once, in order")
    joined = py_ast.JoinedStr(values)
    for part in [joined, *values]:
        py_ast.copy_location(part, node)
        if isinstance(part, py_ast.FormattedValue) and part.format_spec is not None:
            py_ast.copy_location(part.format_spec, node)
            py_ast.copy_location(part.format_spec.values[0], node)
    return joined
