"""The ``c`` presentation of an int: ``f"{n:c}"``, ``format(n, "c")``, ``"%c" % x``.

The value becomes a call of chr() marked ``char_format`` (lowered to runtime/str_fmt.py
``format_char``: CPython's OverflowError "%c arg not in range(0x110000)"), formatted as a str
with the int's default right alignment. ``"%c"`` of a str takes a one-character str
(``format_char_text``: else CPython's TypeError). A sign, ``#``, grouping or precision with
``{n:c}`` is CPython's ValueError whatever the value: a compile error here.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, INT, STR, Type
from . import fstrings  # which imports this module: its names are read when called


def char_call(value: py_ast.expr, ty: Type) -> py_ast.Call:
    """chr(value) as the formatting runs it (``value`` already checked, of type ``ty``)."""
    func = py_ast.copy_location(py_ast.Name(id="chr", ctx=py_ast.Load()), value)
    call = py_ast.copy_location(py_ast.Call(func=func, args=[value], keywords=[]), value)
    call.call, call.bound, call.char_format, call.ty = ("builtin", "chr"), [value], ty, STR
    return call


def char_spec_problem(match) -> str:
    g = match.groupdict()
    if g["sign"]:
        return "Sign not allowed with integer format specifier 'c'"
    if g["alternate"]:
        return "Alternate form (#) not allowed with integer format specifier 'c'"
    if g["grouping"]:
        return f"Cannot specify '{g['grouping']}' with 'c'."
    if g["precision"] is not None:
        return "Precision not allowed in integer format specifier"
    return ""


def char_format(checker, part: py_ast.FormattedValue, spec: str, ty: Type):
    """``{n:...c}`` of an int (``"%c"``: or of a str): the value replaced by its character; the
    returned Spec pads it."""
    if ty not in (INT, STR):
        raise checker.fail(part.value, f"'%c' of {ty} is not supported: CPython requires an int or a str of one "
                           "character" if ty != BOOL else "'%c' of a bool is not supported here",
                           "convert it first: int(x)")
    match = fstrings._SPEC.match(spec[:-1])
    if match is None or match.group("type"):
        raise checker.fail(part, f"unsupported format spec '{spec}'")
    problem = char_spec_problem(match)
    if problem:
        raise checker.fail(part, problem, "CPython raises ValueError for this spec: write [[fill]align][0][width]c")
    g = match.groupdict()
    zero = g["zero"] is not None
    align = g["align"] or ">"
    part.value = char_call(part.value, ty)
    return fstrings.Spec(g["fill"] or ("0" if zero else " "), ">" if align == "=" else align,
                         width=int(g["width"] or 0))
