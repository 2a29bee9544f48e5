"""Lowering of list and dict comprehensions (checked in sema/comprehensions.py).

The result is made empty, then each ``for`` clause is a loop (``iterate``)
nested in the one before, its ``if``s guarding the next clause; the innermost
level appends the item (or sets the key to the value, key evaluated first, as
CPython 3.8+).
"""
from __future__ import annotations

import ast as py_ast

from .user_keys import dict_symbol
from .values import LISTS


class ComprehensionLowerer:
    def lower_ListComp(self, node: py_ast.ListComp) -> None:
        self.new_list(node.ty, 0)
        result = self.stash("i32")

        def add() -> None:
            self.emit("local.get", result)
            self.emit("i64.extend_i32_u")
            self.slot(node.elt, node.ty.item)
            self.emit("call", f"{LISTS}.list_append")
        self.clauses(node.generators, add)
        self.emit("local.get", result)

    def lower_DictComp(self, node: py_ast.DictComp) -> None:
        self.new_dict(node.ty)
        result = self.stash("i32")

        def add() -> None:
            self.emit("local.get", result)
            self.emit("i64.extend_i32_u")
            self.slot(node.key, node.ty.key)
            self.slot(node.value, node.ty.value)
            self.emit("call", dict_symbol(self, node.ty, "dict_set"))
        self.clauses(node.generators, add)
        self.emit("local.get", result)

    def clauses(self, clauses: list[py_ast.comprehension], innermost) -> None:
        clause, rest = clauses[0], clauses[1:]

        def body() -> None:
            for condition in clause.ifs:
                self.truthy(condition)
                self.emit("if", self.fresh("L"), None)
            if rest:
                self.clauses(rest, innermost)
            else:
                innermost()
            for _ in clause.ifs:
                self.emit("end")
        self.iterate(clause, clause.target, body)
