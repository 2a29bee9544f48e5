"""Lowering of ``tuple(x)`` where compiler/sema/tuple_builtin.py typed it: as the argument of
``startswith``/``endswith``, the affixes copied into a list as ``list(x)`` copies them (so an
argument evaluated after it cannot change them), then tested one by one in the runtime."""
from __future__ import annotations

import ast as py_ast

from ..program import STR

AFFIXES = "compiler.runtime.tuple_builtin"


class TupleBuiltinLowerer:
    def builtin_tuple(self, node: py_ast.Call) -> None:
        self.builtin_list(node)  # the copy list(x) makes: a list, a dict's keys, a str's characters

    def affixes_in_list(self, node: py_ast.Call, name: str, ty) -> None:
        """``s.startswith(tuple(xs), start, end)`` (``s`` pushed): True when any affix matches."""
        args = node.bound
        self.slot(args[0])
        self.bounds(args[1], args[2])
        self.emit("i32.const", int(name == "endswith"))
        self.emit("i32.const", int(ty == STR))
        self.emit("call", f"{AFFIXES}.any_tail")
