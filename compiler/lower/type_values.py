"""Lowering of type values (sema/type_values.py): a class as an i64 code, and isinstance(x, t)
with t such a value or a tuple of them, tested by compiler/runtime/dynamic.py."""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo
from .type_names import class_names_table, held_names_table
from .values import DYNAMIC

OBJECT_CODE = 8
TUPLE_CODE = 9


def type_value_code(value: ClassInfo | int) -> int:
    """The i64 of a type value: a built-in's type code, or a class's id range (runtime/dynamic.py)."""
    if isinstance(value, ClassInfo):
        return OBJECT_CODE | value.class_id << 8 | value.last_descendant_id << 32
    return value


class TypeValueLowerer:
    def type_value(self, node: py_ast.expr) -> None:
        self.emit("i64.const", type_value_code(node.type_value))

    def dynamic_isinstance(self, node: py_ast.Call) -> None:
        suffix = "types" if node.isinstance_types else "type"
        self.type_test(node.bound[0], node.isinstance_subject, node.args[1], f"held_is_{suffix}",
                       "types_hold" if node.isinstance_types else "type_holds")

    def exact_type_test(self, node: py_ast.Compare) -> None:
        """``type(x) is t``: x's own type code (and class id) is t."""
        self.type_test(node.left.args[0], node.exact_type_subject, node.comparators[0], "held_is_exactly", "code_is_exactly")
        if isinstance(node.ops[0], (py_ast.IsNot, py_ast.NotEq)):
            self.emit("i32.eqz")

    def type_test(self, subject: py_ast.expr, kind, target: py_ast.expr, held_test: str, code_test: str) -> None:
        """Push x (when held), or x's type code and record id, then t, then call the test."""
        self.value(subject)
        if kind == "held":
            self.emit("i64.extend_i32_u")
            self.type_operand(target)
            self.emit("call", f"{DYNAMIC}.{held_test}")
            return
        if kind == "object":
            obj = self.stash("i32")
            self.emit("i64.const", OBJECT_CODE)
            self.emit("local.get", obj)
            self.emit("i32.load", 4)
            self.emit("i32.const", 8)
            self.emit("i32.shr_u")
            self.emit("i64.extend_i32_u")
        else:
            if subject.ty.wasm is not None:
                self.emit("drop")  # evaluated for its effects; its static type gives the code
            self.emit("i64.const", kind)
            self.emit("i64.const", 0)
        record = self.stash("i64")
        code = self.stash("i64")
        self.type_operand(target)
        self.emit("local.get", code)
        self.emit("local.get", record)
        self.emit("call", f"{DYNAMIC}.{code_test}")

    def type_operand(self, target: py_ast.expr) -> None:
        self.value(target)
        self.to_slot(getattr(target, "target_ty", None) or target.ty)

    def type_value_name(self, node: py_ast.Attribute) -> None:
        """``t.__name__``: a class's name by its id, tuple's, or a built-in's by its type code."""
        self.value(node.value)
        t = self.stash("i64")
        self.emit("local.get", t)
        self.emit("i64.const", 255)
        self.emit("i64.and")
        self.emit("i32.wrap_i64")
        code = self.stash("i32")
        self.emit("local.get", code)
        self.emit("i32.const", OBJECT_CODE)
        self.emit("i32.eq")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", t)  # (t >> 8 & 0xffffff) * 4: the id's entry in the table
        self.emit("i64.const", 6)
        self.emit("i64.shr_u")
        self.emit("i64.const", 0x3FFFFFC)
        self.emit("i64.and")
        self.emit("i32.wrap_i64")
        self.emit("i32.load", class_names_table(self.layout, self.classes.program))
        self.emit("else")
        self.emit("local.get", code)
        self.emit("i32.const", TUPLE_CODE)
        self.emit("i32.eq")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("i32.const", self.layout.str_constant("tuple"))
        self.emit("else")
        self.emit("local.get", code)
        self.emit("i32.const", 2)
        self.emit("i32.shl")
        self.emit("i32.load", held_names_table(self.layout))
        self.emit("end")
        self.emit("end")
