"""Lowering of ``del``, slice assignment and ``dict | dict`` (checked in sema/deletion.py and
sema/check_expr.py). Slices go to runtime/list_slices.py with the bounds as ``slice`` passes
them to list_slice (ContainerLowerer.slice_bounds)."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BYTEARRAY, INT, CounterType, DequeType, DictType
from .deques import DEQUES
from .user_keys import dict_symbol, user_keyed
from .values import LISTS

LIST_SLICES = "compiler.runtime.list_slices"


class DeleteLowerer:
    def stmt_Delete(self, stmt: py_ast.Delete) -> None:
        for target in stmt.targets:
            if isinstance(target, py_ast.Name):
                continue  # unbound from here on: the checker refuses any later read
            base = target.value.ty
            if base == ANY:
                self.held_delete(target)  # lower/dynamic_ops.py
                continue
            if base == BYTEARRAY:
                self.bytearray_delete(target)  # lower/bytearrays.py
                continue
            self.slot(target.value)
            if isinstance(target.slice, py_ast.Slice):
                self.slice_bounds(target.slice)
                self.emit("call", f"{LIST_SLICES}.list_del_slice")
            elif isinstance(base, CounterType):  # a missing key is no KeyError (Counter.__delitem__)
                self.slot(target.slice, base.key)
                if user_keyed(base.key):  # `in`, then del, as Counter.__delitem__: lower/user_keys.py
                    self.emit("call", dict_symbol(self, base, "counter_delete", target))
                    continue
                self.emit("i64.const", 0)
                self.emit("call", dict_symbol(self, base, "dict_pop_or"))
                self.emit("drop")
            elif isinstance(base, DictType):
                self.slot(target.slice, base.key)
                self.emit("call", dict_symbol(self, base, "dict_delete", target))
            else:
                self.value(target.slice, INT)
                self.emit("call", f"{DEQUES}.deque_delete" if isinstance(base, DequeType) else f"{LISTS}.list_delete")

    def store_slice(self, target: py_ast.Subscript, value: str) -> None:
        """``target[i:j:k] = <the list in local value>``: the list is evaluated first, as CPython."""
        self.slot(target.value)
        self.slice_bounds(target.slice)
        self.emit("local.get", value)
        self.emit("i64.extend_i32_u")
        self.emit("call", f"{LIST_SLICES}.list_set_slice")

    def dict_or(self, node: py_ast.BinOp) -> None:
        """``a | b``: a copy of a updated with b; ``a |= b`` updates a itself (aliases see it)."""
        self.slot(node.left)
        left = self.stash("i64")
        self.slot(node.right)
        right = self.stash("i64")
        self.emit("local.get", left)
        if not getattr(node, "in_place", False):
            self.emit("call", dict_symbol(self, node.ty, "dict_copy", node))
        result = self.stash("i64")
        self.emit("local.get", result)
        self.emit("local.get", right)
        self.emit("call", dict_symbol(self, node.ty, "dict_update", node))
        self.emit("local.get", result)
        self.from_slot(node.ty)
