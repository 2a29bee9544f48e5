"""Lowering of item access, membership, equality and iteration on what an ``Any`` holds
(checked by compiler/sema/held.py; the work is in compiler/runtime/held_items.py)."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BOOL, INT, NONE, STR, Type, dict_of
from ..sema.held import holds_any
from .expressions import ExprLowerer

HELD = "compiler.runtime.held_items"
IN_PLACE = 8  # runtime/held_arith.py, dynamic_ops.py: op= (a list changes in place; "op=" in messages)
HELD_OPERATOR_CODES = {py_ast.Add: 0, py_ast.Sub: 1, py_ast.Mult: 2, py_ast.Div: 3, py_ast.FloorDiv: 4,
                       py_ast.Mod: 5}  # runtime/held_arith.py


def held_pair(a: Type, b: Type) -> bool:
    """``a == b`` compared by content on what both hold (sema/held.py ``held_same_allowed``)."""
    return holds_any(a) and holds_any(b)


class HeldLowerer(ExprLowerer):
    def push_held(self, *temps: str) -> None:
        """Each Any (an i32 temporary) as the i64 the runtime's parameters take."""
        for tmp in temps:
            self.emit("local.get", tmp)
            self.emit("i64.extend_i32_u")

    def push_names(self, *temps: str) -> None:
        """The type name of what each Any holds, for CPython's messages."""
        for tmp in temps:
            self.emit("local.get", tmp)
            self.held_type_name()

    def held_method_lookup(self, held: str, method: str) -> None:
        """AttributeError unless the Any holds a dict (runtime/held_items.py held_view_method)."""
        self.push_held(held)
        self.push_names(held)
        self.emit("i32.const", self.layout.str_constant(method))
        self.emit("call", f"{HELD}.held_view_method")

    def lower_HeldDictSource(self, node) -> None:
        """The dict ``dict(x)`` copies: x's dict, or one built from its pairs (sema/held_conversions.py)."""
        self.value(node.value)
        held = self.stash("i32")
        self.push_held(held)
        self.push_names(held)
        self.emit("call", "compiler.runtime.dynamic_ops.held_dict_source")
        self.emit("i32.wrap_i64")

    def held_subscript(self, node: py_ast.Subscript) -> None:
        if isinstance(node.slice, py_ast.Slice):
            return self.held_slice(node)  # lower/dynamic_ops.py
        self.value(node.value)
        held = self.stash("i32")
        self.push_held(held)
        key_ty = node.slice.ty
        if key_ty in (INT, BOOL):
            self.value(node.slice, INT)
            self.push_names(held)
            self.emit("call", f"{HELD}.held_index")
            self.emit("i32.wrap_i64")
            return
        key = self.held_value(node.slice, key_ty)
        self.push_held(key)
        self.push_names(held, key)
        self.emit("call", f"{HELD}.held_item")
        self.emit("i32.wrap_i64")

    def held_value(self, node: py_ast.expr, ty: Type) -> str:
        """``node`` as an Any in an i32 temporary (None as 0, numbers boxed)."""
        if ty == NONE:
            self.emit("i32.const", 0)
        else:
            self.value(node)
            self.to_any(ty)
        return self.stash("i32")

    def held_operands(self, container: str, key: str, key_ty: Type) -> None:
        """Push (container, key as an Any, their type names) for held_contains / held_same."""
        self.push_held(container)
        if key_ty == NONE:
            self.emit("i32.const", 0)
        else:
            self.emit("local.get", key)
            self.to_any(key_ty)
        boxed = self.stash("i32")
        self.push_held(boxed)
        self.push_names(container, boxed)

    def held_membership(self, left: str, left_ty: Type, right: str) -> None:
        self.held_operands(right, left, left_ty)
        self.emit("call", f"{HELD}.held_contains")

    def held_equality(self, left: str, right: str) -> None:
        self.push_held(left, right)
        self.emit("call", f"{HELD}.held_same")

    def call_held_get(self, node: py_ast.Call) -> None:
        """``x.get(key[, default])`` of an Any (runtime/held_items.py held_get)."""
        self.value(node.func.value)
        held = self.stash("i32")
        self.held_method_lookup(held, "get")  # AttributeError before the arguments run
        key = self.held_value(node.args[0], node.args[0].ty)
        if len(node.args) == 2:
            default = self.held_value(node.args[1], node.args[1].ty)
        else:
            self.emit("i32.const", 0)
            default = self.stash("i32")
        self.push_held(held, key, default)
        self.push_names(key)
        self.emit("call", f"{HELD}.held_get")
        self.emit("i32.wrap_i64")

    def held_binary(self, node: py_ast.BinOp) -> None:
        """``a op b`` with an Any operand (runtime/held_arith.py)."""
        if getattr(node, "held_bits", False):
            return self.held_bits(node)  # ** << >> & | ^: lower/dynamic_ops.py
        operands = [self.held_value(node.left, node.left.ty), self.held_value(node.right, node.right.ty)]
        self.push_held(*operands)
        op = HELD_OPERATOR_CODES[type(node.op)] + (IN_PLACE if getattr(node, "held_in_place", False) else 0)
        self.emit("i64.const", op)
        self.push_names(*operands)
        self.emit("call", "compiler.runtime.held_arith.held_arith")
        self.emit("i32.wrap_i64")

    def held_conversion(self, arg: py_ast.expr, function: str) -> None:
        """int(x) / float(x) of an Any (runtime/held_items.py)."""
        self.value(arg)
        held = self.stash("i32")
        self.push_held(held)
        self.push_names(held)
        self.emit("call", f"{HELD}.{function}")

    def held_ordering(self, op: int, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        boxed = []
        for tmp, ty in ((left, left_ty), (right, right_ty)):
            self.emit("local.get", tmp)
            self.to_any(ty)
            boxed.append(self.stash("i32"))
        self.push_held(*boxed)
        self.emit("i64.const", op)
        self.push_names(*boxed)
        self.emit("call", f"{HELD}.held_order")

    def iterate_held_view(self, target, body, orelse, node, view: str) -> None:
        """``for k, v in x.items()`` (keys, values) of an Any: a dict's loop, else AttributeError."""
        self.value(node)
        held = self.stash("i32")
        self.held_method_lookup(held, view)
        self.push_held(held)
        self.dict_loop(target, body, orelse, self.stash("i64"), dict_of(STR, ANY), view)

    def iterate_held(self, target, body, orelse, node) -> None:
        """A position per kind held (list/str/bytes index, dict entry), from -1 to -1 at the end."""
        self.value(node)
        held = self.stash("i32")
        position, size = self.temp("i64"), self.temp("i64")
        self.emit("i64.const", -1)
        self.emit("local.set", position)
        self.push_held(held)
        self.push_names(held)
        self.emit("call", f"{HELD}.held_iter_size")  # TypeError: 'int' object is not iterable
        self.emit("local.set", size)

        def test(exit_label: str) -> None:
            self.push_held(held)
            self.emit("local.get", position)
            self.emit("local.get", size)
            self.emit("call", f"{HELD}.held_next")
            self.emit("local.tee", position)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("br_if", exit_label)
            self.push_held(held)
            self.emit("local.get", position)
            self.emit("call", f"{HELD}.held_at")
            self.emit("i32.wrap_i64")
            self.store(target, ANY)
        self.loop_frame(body, test, lambda: None, orelse)
