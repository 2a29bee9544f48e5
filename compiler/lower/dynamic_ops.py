"""Lowering of the operations on an ``Any`` checked in compiler/sema/dynamic_ops.py: item
assignment and deletion, slices, unary ``- + ~`` and ``** << >> & | ^`` (the work is in
compiler/runtime/dynamic_ops.py). Operands are evaluated in CPython's order before the call."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY
from ..sema.dynamic_ops import BITS_CODES, UNARY_CODES
from .held import IN_PLACE

DYNAMIC_OPS = "compiler.runtime.dynamic_ops"


class DynamicOpLowerer:
    def held_store_item(self, target: py_ast.Subscript, value: str) -> None:
        """``target = <the Any in local value>`` where target is ``x[k]`` of an Any: the value was
        evaluated first, then the container and the key, as CPython does."""
        self.value(target.value)
        held = self.stash("i32")
        key = self.held_value(target.slice, target.slice.ty)
        self.push_held(held, key, value)
        self.push_names(held, key)
        self.emit("call", f"{DYNAMIC_OPS}.held_set_item")

    def held_augmented(self, stmt: py_ast.AugAssign, temp_class) -> None:
        """``x[k] op= v`` of an Any: x and k once, then ``x[k]``, v, the operation and the store, in
        CPython's order (a list held changes in place for += and *=, as ``list.__iadd__``)."""
        target = stmt.target
        self.value(target.value)
        holder = self.stash("i32")
        key = self.held_value(target.slice, target.slice.ty)
        temp = temp_class(holder, key, target)
        temp.ty = ANY
        temp.held = True
        stmt.operation.left = temp
        self.value(stmt.operation, ANY)
        result = self.stash("i32")
        self.push_held(holder, key, result)
        self.push_names(holder, key)
        self.emit("call", f"{DYNAMIC_OPS}.held_set_item")

    def held_reread(self, temp) -> None:
        """``x[k]`` read back from the temporaries of an augmented assignment."""
        self.push_held(temp.holder, temp.key)
        self.push_names(temp.holder, temp.key)
        self.emit("call", "compiler.runtime.held_items.held_item")
        self.emit("i32.wrap_i64")

    def held_delete(self, target: py_ast.Subscript) -> None:
        self.value(target.value)
        held = self.stash("i32")
        if getattr(target, "held_slice", False):
            self.push_held(held)
            self.slice_bounds(target.slice)
            self.push_names(held)
            self.emit("call", f"{DYNAMIC_OPS}.held_del_slice")
            return
        key = self.held_value(target.slice, target.slice.ty)
        self.push_held(held, key)
        self.push_names(held, key)
        self.emit("call", f"{DYNAMIC_OPS}.held_del_item")

    def held_slice(self, node: py_ast.Subscript) -> None:
        self.value(node.value)
        held = self.stash("i32")
        self.push_held(held)
        self.slice_bounds(node.slice)
        self.push_names(held)
        self.emit("call", f"{DYNAMIC_OPS}.held_slice")
        self.emit("i32.wrap_i64")

    def held_unary(self, node: py_ast.UnaryOp) -> None:
        self.value(node.operand)
        held = self.stash("i32")
        self.push_held(held)
        self.emit("i64.const", UNARY_CODES[type(node.op)])
        self.push_names(held)
        self.emit("call", f"{DYNAMIC_OPS}.held_unary")
        self.emit("i32.wrap_i64")

    def held_bits(self, node: py_ast.BinOp) -> None:
        operands = [self.held_value(node.left, node.left.ty), self.held_value(node.right, node.right.ty)]
        self.push_held(*operands)
        self.emit("i64.const", BITS_CODES[type(node.op)] + (IN_PLACE if getattr(node, "held_in_place", False) else 0))
        self.push_names(*operands)
        self.emit("call", f"{DYNAMIC_OPS}.held_bits")
        self.emit("i32.wrap_i64")
