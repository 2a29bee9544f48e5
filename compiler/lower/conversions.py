"""Lowering of the f-string conversions ``!r`` and ``!a`` (and so of ``{x=}``, which is
``x=`` then ``{x!r}``): repr() of an int, bool or float is its str(); of a str and bytes,
runtime/reprs.py's repr (``!a`` escapes the non-ASCII characters, runtime/ascii_text.py);
of None, ``None``."""
from __future__ import annotations

import ast as py_ast

from ..program import BYTES, NONE, STR

REPRS = "compiler.runtime.reprs"
ASCII = "compiler.runtime.ascii_text"
CONVERSIONS = (ord("s"), ord("r"), ord("a"))  # each gives a str the spec then formats


class ConversionLowerer:
    def repr_text(self, value: py_ast.expr, conversion: int) -> None:
        ty = value.ty
        if ty == NONE:
            self.emit("i32.const", self.layout.str_constant("None"))
        elif ty == STR:
            self.value(value)
            self.emit("call", f"{ASCII}.str_ascii" if conversion == ord("a") else f"{REPRS}.str_repr")
        elif ty == BYTES:
            self.value(value)
            self.emit("call", f"{REPRS}.bytes_repr")
        else:
            self.to_text(value)
