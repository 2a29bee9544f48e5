"""Lowering of the walrus operator (checked in sema/walrus.py): the value is stored into the
name, converted to the name's type (an int into an ``int | None`` local is boxed), and the
expression's result is the value as computed."""
from __future__ import annotations

import ast as py_ast


class WalrusLowerer:
    def lower_NamedExpr(self, node: py_ast.NamedExpr) -> None:
        self.lower(node.value)
        declared = self.target_type(node.target, node.ty)
        kept = self.stash(node.ty.wasm)
        self.emit("local.get", kept)
        self.coerce(node.ty, declared)
        self.store(node.target, declared)
        self.emit("local.get", kept)
