"""f-strings: each piece checked, its format spec parsed at compile time into what lowering needs.

Supported: ``[[fill]align][sign][#][0][width][,|_][.precision][type]`` with align in
``< > ^ =`` and sign ``+ - space``:

- int: type ``d x X o b`` or none (``#`` puts ``0x``/``0X``/``0o``/``0b`` before the digits), or
  ``e E f F g G %`` (formatted as ``float(n)``);
- float: ``e E f F g G %`` (precision 6 by default; ``#`` keeps the point and, for ``g``, the
  trailing zeros), or no type: the text of ``str(x)``, or with a precision ``g`` that writes
  an exponent one digit sooner and ``.0`` after a whole number (runtime/float_format.py);
- str (also any value converted with ``!s``): no type or ``s``, no sign, no ``=``; a
  precision keeps that many leading code points;
- bool: an empty spec only (with a spec CPython formats it as the int 0/1).

CPython's defaults are resolved here: numbers align right and str left; a
``0`` before the width means fill ``0`` (unless a fill is given) and, for
numbers, align ``=`` (unless an alignment is given). An int's ``c``: sema/char_format.py. Everything else (``n``, ``z``, ``#``
with ``0`` padding of x/o/b, grouping with ``0`` padding, a precision on an int without a float
type) is an error message naming the spec.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import ast as py_ast

from .type_values import refuse_type_value_use
from .char_format import char_format
from ..program import ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, ClassType, Type, UnionType, members_of
from .exceptions import is_exception
from .format_methods import own_format_method
from .reprs import defines_str, shown_by_repr
from .int_enums import int_operand
from .stdlib_operators import stdlib_format_method

STR_ARGUMENTS = (INT, BOOL, STR, FLOAT)  # what str(x) converts
REPR_ARGUMENTS = (INT, BOOL, STR, FLOAT, BYTES, NONE)  # what !r and !a convert

_SPEC = re.compile(r"^(?:(?P<fill>.)?(?P<align>[<>^=]))?(?P<sign>[+\- ])?(?P<alternate>#)?(?P<zero>0)?(?P<width>\d+)?(?P<grouping>[,_])?"
                   r"(?:\.(?P<precision>\d+))?(?P<type>[dxXobfFeEgG%s])?$", re.S)
DEFAULT_FLOAT_PRECISION = 6
INT_BASE_TYPES = ("x", "X", "o", "b")
FLOAT_TYPES = ("f", "F", "e", "E", "g", "G", "%")  # an int is formatted as float(n) with these


@dataclass(frozen=True)
class Spec:
    fill: str = " "
    align: str = ">"  # '<', '>', '^' or '=' (padding between the sign and the digits)
    sign: str = "-"  # '-' (only negatives), '+' or ' ' (before non-negatives)
    width: int = 0
    precision: int = -1  # -1: none given
    type: str = ""
    alternate: bool = False  # '#': 0x/0o/0b before the digits of x, X, o, b (nothing for d)
    grouping: str = ""  # ',' or '_' between groups of 3 digits (4 in x, X, o, b)


def parse_spec(text: str, ty: Type) -> Spec | str:
    """The ``Spec`` for formatting a value of type ``ty``, or an error message."""
    match = _SPEC.match(text)
    if match is None:
        return f"unsupported format spec '{text}'"
    g = match.groupdict()
    zero = g["zero"] is not None
    fill = g["fill"] or ("0" if zero else " ")
    align = g["align"] or ("<" if ty == STR else "=" if zero else ">")  # str: '0' is only a fill
    precision = int(g["precision"]) if g["precision"] is not None else -1
    kind = g["type"] or ""
    if kind in FLOAT_TYPES and precision < 0:
        precision = DEFAULT_FLOAT_PRECISION
    spec = Spec(fill, align, g["sign"] or "-", int(g["width"] or 0), precision, kind, g["alternate"] is not None,
                g["grouping"] or "")
    problem = _problem(spec, ty, text, g["sign"] is not None) or _grouping_problem(spec, ty, text)
    return problem or spec


def _grouping_problem(spec: Spec, ty: Type, text: str) -> str:
    if not spec.grouping:
        return ""
    if ty == STR or (spec.grouping == "," and spec.type in INT_BASE_TYPES):
        return f"Cannot specify '{spec.grouping}' with '{spec.type or 's'}'."  # CPython's ValueError
    if spec.fill == "0" and spec.align == "=":
        return f"format spec '{text}' is not supported yet (grouping with '0' padding)"
    return ""


def _problem(spec: Spec, ty: Type, text: str, signed: bool) -> str:
    if ty == STR:
        if spec.type not in ("", "s") or signed or spec.align == "=" or spec.alternate:
            return f"format spec '{text}' does not apply to str"
    elif ty == BOOL:
        if text:
            return "format a bool with {flag} only (with a spec CPython formats it as 0/1)"
    elif ty == INT:
        if spec.type == "s" or (spec.precision >= 0 and spec.type not in FLOAT_TYPES):
            return f"format spec '{text}' does not apply to int"
        if spec.alternate and spec.align == "=" and spec.type not in FLOAT_TYPES:
            return f"format spec '{text}' is not supported yet ('#' with '0' or '=')"
    elif ty == FLOAT:
        if spec.type not in FLOAT_TYPES + ("",):
            return f"Unknown format code '{spec.type}' for object of type 'float'"  # CPython's ValueError
    else:
        return f"{ty} values cannot be formatted in an f-string"
    return ""


def str_convertible(ty: Type) -> bool:
    """What str(x) converts: an int, bool, float or str, or a T | None or union of those and None
    (whose text is decided at run time)."""
    if ty == ANY:
        return True  # on what it holds (runtime/held_items.py held_text; sema/held.py refuses some programs)
    return all(m in STR_ARGUMENTS or m == NONE for m in members_of(ty)) and ty != NONE


def unformatted_help(ty: Type) -> str:
    """What to write instead of f"{x}" for an x of a type without a text here."""
    if isinstance(ty, UnionType):
        return "narrow it first ('if isinstance(x, list): ...') and format each case"
    if isinstance(ty, ClassType):
        return "define __str__ or __repr__ in its class, or format its fields"
    return "format its parts, or convert it first"


def is_plain_enum(ty: Type) -> bool:
    """A member of an Enum that is not an IntEnum or a Flag (their formatting is their own)."""
    info = ty.info if isinstance(ty, ClassType) else None
    return getattr(info, "enum", False) and not getattr(info, "int_enum", False) and not getattr(info, "flag", False)


class FormatChecks:
    """The checker of f-string pieces: the value, its conversion and its constant spec."""

    def check_JoinedStr(self, node: py_ast.JoinedStr, expected: Type | None) -> Type:
        for part in node.values:
            if isinstance(part, py_ast.FormattedValue):
                self.check_formatted(part)
        return STR

    def check_formatted(self, part: py_ast.FormattedValue) -> None:
        text = self.args_text(part.value) if part.conversion != ord("a") else None
        if text is not None:  # f"{e.args}": the tuple's text (sema/exception_args.py)
            part.value, part.conversion = text, -1
        ty = self.check(part.value) if text is None else STR
        if part.conversion in (-1, ord("s")):
            ty = int_operand(part.value, ty)  # an IntEnum's format and str are its int's (3.11)
        refuse_type_value_use(self, part.value, ty, "formatting")  # sema/type_values.py
        optional = self.optional_exception_text(part.value, ty, "__str__") \
            if part.conversion in (-1, ord("s")) and part.format_spec is None else None
        if optional is not None:  # f"{e.__cause__}": sema/exceptions.py
            part.value, part.conversion, ty = optional, -1, STR
        if is_exception(ty):
            if part.format_spec is not None and part.conversion == -1:  # CPython: TypeError
                raise self.fail(part.value, "an exception is formatted only without a spec",
                                "format its text: f\"{e!s:>10}\"")
            part.value = self.exception_text(part.value, {ord("r"): "__repr__", ord("a"): "_exc_ascii"}.get(
                part.conversion, "__str__"))
            part.conversion = -1
            ty = STR
        if part.conversion == -1 and _has_spec(part) and stdlib_format_method(ty):  # f"{dt:%Y-%m-%d}"
            self.refuse_format_directive(part.format_spec)  # sema/stdlib_operators.py
            call = py_ast.Call(func=py_ast.Attribute(value=part.value, attr="__format__", ctx=py_ast.Load()),
                               args=[part.format_spec], keywords=[])
            part.value, part.format_spec = py_ast.copy_location(call, part.value), None
            ty = self.check(part.value)
        if own_format_method(self, part, ty):  # the class's __format__(spec): sema/format_methods.py
            ty = STR
        if part.conversion == -1 and _has_spec(part) and is_plain_enum(ty):
            part.conversion = ord("s")  # 3.11's Enum.__format__ formats str(member) with the spec
        if part.conversion == -1 and _has_spec(part) and (shown_by_repr(ty) or defines_str(ty)):
            name = ty.info.name if isinstance(ty, ClassType) else str(ty).split("[")[0]
            raise self.fail(part.value, f"unsupported format string passed to {name}.__format__",
                            'CPython raises TypeError: format the text instead: f"{str(x):>10}"')
        if part.conversion == ord("r") and ty not in REPR_ARGUMENTS or \
                part.conversion in (-1, ord("s")) and shown_by_repr(ty):
            part.value, part.conversion = self.repr_of(part.value, ty), -1  # sema/reprs.py
            ty = self.check(part.value)
        elif part.conversion in (-1, ord("s")) and defines_str(ty):  # format(x, "") is str(x): its __str__
            call = py_ast.Call(func=py_ast.Name(id="str", ctx=py_ast.Load()), args=[part.value], keywords=[])
            part.value, part.conversion = py_ast.copy_location(call, part.value), -1
            ty = self.check(part.value)
        if part.conversion in (ord("r"), ord("a")):
            if ty not in REPR_ARGUMENTS:
                raise self.fail(part.value, f"repr() of {ty} is not supported in f-strings",
                                "convert it with !s, or format its parts")
            ty = STR  # the spec applies to the text of repr(value)
        if part.conversion == -1 and ty not in STR_ARGUMENTS and str_convertible(ty) and part.format_spec is None:
            part.conversion = ord("s")  # format(x, "") is str(x) for None and these scalars
        if part.conversion == ord("s"):  # the spec then applies to the text of str(value)
            self.held_text_allowed(part.value, ty)
            if not str_convertible(ty):
                raise self.fail(part.value, f"str() of {ty} is not supported")
            ty = STR
        spec = ""
        if part.format_spec is not None:
            pieces = part.format_spec.values
            if not all(isinstance(p, py_ast.Constant) for p in pieces):
                raise self.fail(part, "format specs must be constant", "write {x:>5}, not {x:>{width}}")
            spec = "".join(p.value for p in pieces)
        if spec.endswith("c") and part.conversion == -1 and (ty == INT or hasattr(part, "percent_c")):
            part.spec = char_format(self, part, spec, ty)  # sema/char_format.py
            return
        parsed = parse_spec(spec, ty)
        if isinstance(parsed, str):
            raise self.fail(part, parsed, unformatted_help(ty) if not spec else
                            "supported: [[fill]align][sign][#][0][width][,|_][.precision][d|x|X|o|b|c|e|E|f|F|g|G|%|s]")
        part.spec = parsed


def _has_spec(part: py_ast.FormattedValue) -> bool:
    """A non-empty format spec (``{x:}`` is format(x, ""), which every object takes)."""
    spec = part.format_spec
    return spec is not None and any(not (isinstance(v, py_ast.Constant) and v.value == "") for v in spec.values)
