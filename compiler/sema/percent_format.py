"""``"format" % args`` with a constant format: checked and lowered as the f-string it equals.

``"%s=%d" % (k, v)`` is ``f"{k!s}={v:d}"``: each conversion takes the next
argument (a tuple literal, a local holding a tuple, or one non-tuple value),
in order, once, so evaluating them as the f-string goes gives CPython's order.
Supported: ``%s %r %a`` (flag ``-``, width, precision), ``%d %i %u %x %X %o``
(flags ``- + space 0``, width) of an int (``%d %i %u`` of a float or bool variable: its ``int()``), ``%e %E %f %F %g %G`` (same flags and
``#``, width, precision) of an int or float, and ``%%``. What CPython raises for a constant format
(wrong argument count, a ``%d`` of a str, an unknown conversion) is a compile
error here, as are ``*`` widths and ``#`` with ``%x %o``. ``%c`` of an int or a one-character str:
sema/char_format.py. ``%(name)s`` fields take the
values of a dict literal written in place (constants or local variables).
"""
from __future__ import annotations

import ast as py_ast
import re

from ..program import BOOL, FLOAT, STR, TupleType, Type, VarTupleType

_FIELD = re.compile(r"%(?:\((?P<key>[^)]*)\))?(?P<flags>[-+ 0#]*)(?P<width>\d+)?(?:\.(?P<precision>\d+))?(?P<type>.?)",
                    re.S)
TEXT_TYPES = "sra"
INT_TYPES = {"d": "d", "i": "d", "u": "d", "x": "x", "X": "X", "o": "o"}
FLOAT_TYPES = "eEfFgG"  # an int argument is formatted as float(n), as CPython does
HELP = "supported: %s %r %a %c %d %i %x %X %o %e %E %f %F %g %G %% with flags - + space 0 (# with e f g), a width and a precision"


class PercentFormatChecks:
    def percent_format(self, node: py_ast.BinOp) -> Type:
        """Check ``node`` (constant str % args) as an f-string; lowering uses ``node.formatted_as``."""
        fields = self.percent_fields(node)
        keyed = [field.group("key") is not None for _, field in fields]
        args = self.percent_mapping(node, fields) if any(keyed) else self.percent_arguments(node, len(fields))
        values: list[py_ast.expr] = []
        for (literal, field), arg in zip(fields, args):
            if literal:
                values.append(py_ast.Constant(literal))
            values.append(self.percent_piece(node, field, arg))
        tail = self.percent_tail
        if tail:
            values.append(py_ast.Constant(tail))
        joined = py_ast.copy_location(py_ast.JoinedStr(values=values), node)
        for value in values:
            py_ast.copy_location(value, node)
        node.formatted_as = joined
        node.left.ty = STR
        self.check(joined)
        return STR

    def percent_fields(self, node: py_ast.BinOp) -> list[tuple[str, re.Match]]:
        """(literal text before, the field) per conversion; the text after the last is kept in
        ``percent_tail``. ``%%`` is literal text."""
        text = node.left.value
        fields, literal, pos = [], "", 0
        for match in _FIELD.finditer(text):
            literal += text[pos:match.start()]
            pos = match.end()
            if match.group("type") == "%" and not match.group("flags") and match.group(0) == "%%":
                literal += "%"
                continue
            if "*" in text[match.start():match.end() + 1]:  # %*d, %.*f: the width from the arguments
                raise self.fail(node.left, "a '*' width or precision in '%' formatting is not supported",
                                "write the number in the format ('%5d', '%.2f'); for a width known only at run "
                                "time, pad the text: str(x).rjust(width)")
            fields.append((literal, match))
            literal = ""
        self.percent_tail = literal + text[pos:]
        return fields

    def percent_mapping(self, node: py_ast.BinOp, fields: list[tuple[str, re.Match]]) -> list[py_ast.expr]:
        """``"%(host)s:%(port)d" % {"host": h, "port": p}``: each field takes its key's value from the
        dict literal. CPython evaluates the whole dict first, the f-string each field as it goes: the
        values must be constants or local variables, whose reading has no effect."""
        right = node.right
        if not all(field.group("key") is not None for _, field in fields):
            raise self.fail(node, "TypeError: format requires a mapping", "name every field: '%(name)s'")
        if not (isinstance(right, py_ast.Dict) and all(isinstance(k, py_ast.Constant) and isinstance(k.value, str)
                                                       for k in right.keys)):
            raise self.fail(right, "'%(name)s' formatting is supported with a dict literal of str keys here",
                            "write the dict in place: \"%(a)s\" % {\"a\": x}, or use an f-string")
        values = {k.value: v for k, v in zip(right.keys, right.values)}
        for value in right.values:
            if not (isinstance(value, py_ast.Constant) or self.plain_local(value)):
                raise self.fail(value, "the values of a '%(name)s' dict must be constants or local variables here",
                                "CPython evaluates the whole dict before formatting: compute them into variables first")
        args = []
        for _, field in fields:
            if field.group("key") not in values:
                raise self.fail(node, f"KeyError: {field.group('key')!r} (no such key in the dict)", HELP)
            args.append(values[field.group("key")])
        return args

    def percent_arguments(self, node: py_ast.BinOp, count: int) -> list[py_ast.expr]:
        right = node.right
        if isinstance(right, py_ast.Tuple):
            args = list(right.elts)
        else:
            ty = self.check(right)
            if isinstance(ty, VarTupleType):
                raise self.fail(right, "'%' formatting of a tuple[T, ...] is not supported (its length is not "
                                "known when compiling)", "use an f-string, or a tuple literal: \"%s %s\" % (t[0], t[1])")
            if isinstance(ty, TupleType):
                if not isinstance(right, py_ast.Name):
                    raise self.fail(right, "'%' formatting of a tuple value is supported from a local variable "
                                    "or a tuple literal", "assign the tuple to a variable first")
                args = [py_ast.copy_location(py_ast.Subscript(value=right, slice=py_ast.Constant(i), ctx=py_ast.Load()),
                                             right) for i in range(len(ty.items))]
            else:
                args = [right]
        if len(args) < count:
            raise self.fail(node, "TypeError: not enough arguments for format string", HELP)
        if len(args) > count:
            raise self.fail(node, "TypeError: not all arguments converted during string formatting", HELP)
        return args

    def percent_piece(self, node: py_ast.BinOp, field: re.Match, arg: py_ast.expr) -> py_ast.FormattedValue:
        flags, width, precision, kind = field.group("flags"), field.group("width") or "", \
            field.group("precision"), field.group("type")
        if kind and kind in TEXT_TYPES and set(flags) <= {"-"}:
            spec = ("<" if "-" in flags else ">") + width + ("" if precision is None else "." + precision)
            return _formatted(arg, ord(kind), spec if width or precision is not None else "")
        if kind in "diu" and kind and (isinstance(arg, py_ast.Constant) or self.plain_local(arg)) \
                and self.check(arg) in (FLOAT, BOOL):  # CPython's %d formats int(x) of a float or a bool
            arg = py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(py_ast.Name(id="int", ctx=py_ast.Load()),
                                                                             arg), args=[arg], keywords=[]), arg)
        if kind in INT_TYPES and precision is None and "#" not in flags or kind and kind in FLOAT_TYPES:
            align = "<" if "-" in flags else ""
            zero = "0" if "0" in flags and not align else ""
            sign = "+" if "+" in flags else " " if " " in flags else ""
            alternate = "#" if "#" in flags else ""
            digits = "" if kind not in FLOAT_TYPES else "." + (precision if precision is not None else "6")
            return _formatted(arg, -1, align + sign + alternate + zero + width + digits + INT_TYPES.get(kind, kind))
        if kind == "c":  # flags but '-' and a precision change nothing (sema/char_format.py)
            piece = _formatted(arg, -1, ("<" if "-" in flags else ">") + width + "c")
            piece.percent_c = True
            return piece
        raise self.fail(node, f"the '%' conversion '{field.group(0)}' is not supported", HELP)


def _formatted(value: py_ast.expr, conversion: int, spec: str) -> py_ast.FormattedValue:
    format_spec = py_ast.JoinedStr(values=[py_ast.Constant(spec)]) if spec else None
    return py_ast.copy_location(py_ast.FormattedValue(value=value, conversion=conversion, format_spec=format_spec),
                                value)


def is_percent_format(node: py_ast.BinOp) -> bool:
    return isinstance(node.op, py_ast.Mod) and isinstance(node.left, py_ast.Constant) \
        and isinstance(node.left.value, str)
