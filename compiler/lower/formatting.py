"""Lowering of f-strings: each formatted piece becomes text, then the pieces are concatenated.

A piece ``{value:spec}`` (spec parsed by ``sema.fstrings``) is built in three
steps, as CPython's ``format()`` does: the text of the value (its digits in the
spec's base or precision), then the sign ``+``/space before a non-negative
number, then the padding to the width.
"""
from __future__ import annotations

import ast as py_ast

from ..program import FLOAT, INT, STR
from ..sema.fstrings import FLOAT_TYPES, Spec
from .calls import CallLowerer
from .conversions import CONVERSIONS, ConversionLowerer
from .values import FLOATS, STR_FMT, STR_ITEMS, STRINGS

NUMBERS = "compiler.runtime.numbers"
FLOAT_FORMAT = "compiler.runtime.float_format"
INT_BASES = {"x": 16, "X": 16, "o": 8, "b": 2}
SLICE_STOP_GIVEN = 2  # runtime/strings.py FLAG_STOP


class FormatLowerer(ConversionLowerer, CallLowerer):
    def lower_JoinedStr(self, node: py_ast.JoinedStr) -> None:
        """Concatenate the pieces left to right."""
        pieces = [p for p in node.values if not (isinstance(p, py_ast.Constant) and p.value == "")]
        if not pieces:
            self.emit("i32.const", self.layout.str_constant(""))
            return
        for index, piece in enumerate(pieces):
            if isinstance(piece, py_ast.Constant):
                self.emit("i32.const", self.layout.str_constant(piece.value))
            else:
                self.formatted(piece)
            if index:
                acc_piece = self.stash("i32")
                self.emit("i64.extend_i32_u")
                self.emit("local.get", acc_piece)
                self.emit("i64.extend_i32_u")
                self.call_runtime(f"{STRINGS}.str_concat", STR)

    def formatted(self, piece: py_ast.FormattedValue) -> None:
        spec: Spec = piece.spec
        value = piece.value
        if piece.conversion == ord("s"):
            self.to_text(value)
        elif piece.conversion in CONVERSIONS:
            self.repr_text(value, piece.conversion)
        else:
            self.number_text(value, spec)
        if spec.precision >= 0 and (value.ty == STR or piece.conversion in CONVERSIONS):
            self.truncate(spec.precision)
        if spec.sign in "+ " and value.ty in (INT, FLOAT) and piece.conversion not in CONVERSIONS:
            self.emit("i64.extend_i32_u")
            self.emit("i64.const", ord(spec.sign))
            self.call_runtime(f"{STR_FMT}.str_with_sign", STR)
        if spec.width:
            self.pad(spec)

    def number_text(self, value: py_ast.expr, spec: Spec) -> None:
        """The text of the value before sign and padding (str, bool: their str())."""
        if value.ty == INT and spec.type in INT_BASES:
            self.value(value, INT)
            self.emit("i64.const", INT_BASES[spec.type])
            self.emit("i32.const", int(spec.type == "X"))
            self.call_runtime(f"{STR_FMT}.format_int", STR)
        elif spec.type == "f" and not spec.alternate:
            self.float_value(value)
            self.emit("i64.const", spec.precision)
            self.emit("call", f"{FLOATS}.float_fixed")
        elif spec.type in FLOAT_TYPES or (value.ty == FLOAT and (spec.precision >= 0 or spec.alternate)):
            self.float_value(value)
            self.emit("i64.const", ord(spec.type or "r"))  # 'r': no type, as CPython's format_float_internal
            self.emit("i64.const", spec.precision)
            self.emit("i32.const", int(spec.alternate))
            self.emit("call", f"{FLOAT_FORMAT}.format_float")
        else:
            self.to_text(value)
        if spec.grouping:
            self.emit("i32.const", self.layout.str_constant(spec.grouping))
            self.emit("i64.const", 4 if spec.type in INT_BASES else 3)
            self.emit("call", f"{NUMBERS}.grouped")
        if spec.alternate and value.ty == INT and spec.type in INT_BASES:
            self.emit("i32.const", self.layout.str_constant("0" + spec.type))
            self.emit("call", f"{NUMBERS}.with_base_prefix")

    def float_value(self, value: py_ast.expr) -> None:
        self.value(value)
        if value.ty != FLOAT:
            self.emit("f64.convert_i64_s")  # CPython formats an int with a float type as float(n)

    def truncate(self, precision: int) -> None:
        """``{s:.N}``: the first N code points, as text[:N]."""
        self.emit("i64.extend_i32_u")
        for value in (0, precision, 1, SLICE_STOP_GIVEN):
            self.emit("i64.const", value)
        self.call_runtime(f"{STR_ITEMS}.str_slice", STR)

    def pad(self, spec: Spec) -> None:
        self.emit("i64.extend_i32_u")
        self.emit("i64.const", ord(spec.fill))
        if spec.align == "=":
            self.emit("i64.const", spec.width)
            self.call_runtime(f"{STR_FMT}.str_pad_after_sign", STR)
            return
        self.emit("i64.const", ord(spec.align))
        self.emit("i64.const", spec.width)
        self.call_runtime(f"{STR_FMT}.str_pad", STR)
