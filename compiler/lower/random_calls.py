"""``random.choice(xs)`` of any item type (sema/random_calls.py): the stdlib function returns the
chosen item's 8-byte slot as an int; here it becomes the item's own wasm value."""
from __future__ import annotations

import ast as py_ast

from ..program import FuncSym


class RandomCallLowerer:
    def call_slot_function(self, node: py_ast.Call, fn: FuncSym) -> None:
        self.call_function(node, fn)
        self.from_slot(node.ty)
