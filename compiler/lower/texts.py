"""Lowering of str(x): the text of an int, bool, float or str, and of what a ``T | None`` or a
union holds (decided at run time on the member it holds)."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BOOL, FLOAT, NONE, STR, INT, OptionalType, Type, UnionType, members_of
from .expressions import ExprLowerer
from .values import DYNAMIC, FLOATS, STR_FMT, type_code


class TextLowerer(ExprLowerer):
    def to_text(self, arg: py_ast.expr) -> None:
        """str(x) for int, bool, float and str, and for T | None or unions of them."""
        self.value(arg)
        if arg.ty == ANY:
            self.any_text()
        elif isinstance(arg.ty, (OptionalType, UnionType)):
            self.held_text(arg.ty)
        else:
            self.scalar_text(arg.ty)

    def scalar_text(self, ty: Type) -> None:
        """str() of the int, bool, float or str on the stack."""
        if ty == FLOAT:
            self.emit("call", f"{FLOATS}.float_repr")
        elif ty == BOOL:
            self.emit("if", self.fresh("L"), "i32")
            self.emit("i32.const", self.layout.str_constant("True"))
            self.emit("else")
            self.emit("i32.const", self.layout.str_constant("False"))
            self.emit("end")
        elif ty == INT:
            self.call_runtime(f"{STR_FMT}.str_from_int", STR)

    def any_text(self) -> None:
        """str() of the Any on the stack: a str as it is, else its repr (runtime/held_items.py)."""
        held = self.stash("i32")
        self.emit("local.get", held)
        self.emit("i64.extend_i32_u")
        self.emit("call", f"{DYNAMIC}.type_code")
        self.emit("i64.const", type_code(STR))
        self.emit("i64.eq")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", held)
        self.emit("else")
        self.emit("local.get", held)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", held)
        self.held_type_name()
        self.emit("call", "compiler.runtime.held_items.held_text")
        self.emit("end")

    def held_text(self, ty: Type) -> None:
        """str() of the T | None or union value on the stack: the text of the member it holds."""
        held = self.stash("i32")
        members = members_of(ty)
        for member in members[:-1]:
            self.emit("local.get", held)
            self.emit("i64.extend_i32_u")
            self.emit("call", f"{DYNAMIC}.type_code")
            self.emit("i64.const", 0 if member == NONE else type_code(member))
            self.emit("i64.eq")
            self.emit("if", self.fresh("L"), "i32")
            self.member_text(held, member)
            self.emit("else")
        self.member_text(held, members[-1])
        for _ in members[:-1]:
            self.emit("end")

    def member_text(self, held: str, member: Type) -> None:
        if member == NONE:
            self.emit("i32.const", self.layout.str_constant("None"))
            return
        self.emit("local.get", held)
        if member == STR:
            return
        self.unbox(member)
        self.scalar_text(member)
