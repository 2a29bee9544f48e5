"""Lowering of a method called on an ``Any`` (checked by compiler/sema/held_methods.py): the
receiver, the method lookup on what it holds (runtime/held_methods.py), the arguments, then the
typed method of the kind held, or the TypeError CPython raises for these arguments there."""
from __future__ import annotations

import ast as py_ast

from ..program import INT, NONE, ListType, ViewType
from ..sema.held_methods import literal
from .held import HeldLowerer

RUNTIME = "compiler.runtime.held_methods"
DICT_CODE = 7  # runtime/dynamic.py


class HeldMethodLowerer(HeldLowerer):
    def lower_Prechecked(self, node) -> None:
        self.lower(node.value)  # the value a copy of Anys is made of (sema/any_copies.py)

    def lower_HeldValue(self, node) -> None:
        if node.temp is not None:  # None pushes nothing
            self.emit("local.get", node.temp)

    def call_held_method(self, node: py_ast.Call) -> None:
        self.value(node.func.value)
        held = self.stash("i32")
        self.push_held(held)
        self.push_names(held)
        self.emit("i32.const", self.layout.str_constant(node.func.attr))
        self.emit("i64.const", sum(1 << code for code, _, _ in node.held_branches))
        self.emit("call", f"{RUNTIME}.held_method_kind")  # AttributeError before the arguments run
        kind = self.stash("i64")
        temps = []
        for arg in (*node.args, *(k.value for k in node.keywords)):
            if literal(arg):  # each branch has its own copy
                temps.append(None)
                continue
            self.value(arg)
            temps.append(None if arg.ty == NONE else self.stash(arg.ty.wasm))
        wasm = node.ty.wasm
        for index, (code, call, message) in enumerate(node.held_branches):
            last = index == len(node.held_branches) - 1
            if not last:
                self.emit("local.get", kind)
                self.emit("i64.const", code)
                self.emit("i64.eq")
                self.emit("if", self.fresh("L"), wasm)
            if isinstance(call, str):
                self.held_by_runtime(call, code, held, node.args, temps)
            else:
                self.held_branch(call, message, held, temps)
            if not last:
                self.emit("else")
        for _ in node.held_branches[1:]:
            self.emit("end")

    def held_branch(self, call: py_ast.Call | None, message: str | None, held: str, temps: list) -> None:
        if call is None:  # CPython's TypeError for these arguments on this kind
            self.emit("i32.const", self.layout.str_constant(message))
            self.emit("call", "compiler.runtime.reprs.type_error")
            self.emit("i32.const", 0)
            return
        call.func.value.temp = held
        for leaf, temp in zip((*call.args, *(k.value for k in call.keywords)), temps):
            leaf.temp = temp  # on a literal's copy: unused
        self.lower(call)
        ty = call.ty
        if not (isinstance(ty, ViewType) or (isinstance(ty, ListType))):  # a fresh list[str] is a list[Any]
            self.to_any(ty)

    def held_by_runtime(self, name: str, code: int, held: str, args: list, temps: list) -> None:
        """A list's index/count/remove (items compared as ``==`` of two Anys) and extend (by any
        iterable held), a dict's pop of a key of any type (runtime/held_methods.py)."""
        values = []
        for arg, temp in zip(args, temps):
            if literal(arg):
                self.value(arg)
            elif temp is not None:
                self.emit("local.get", temp)
            self.to_any(arg.ty)
            values.append(self.stash("i32"))
        self.push_held(held, values[0])
        if code == DICT_CODE:
            if len(values) == 2:
                self.push_held(values[1])
            else:
                self.emit("i64.const", 0)
            self.emit("i32.const", len(values) - 1)
            self.push_names(values[0])
            self.emit("call", f"{RUNTIME}.held_dict_pop")
            self.emit("i32.wrap_i64")
            return
        if name in ("index", "extend"):
            self.push_names(values[0])
        if name == "extend":  # list.extend takes any iterable, as list.__iadd__
            self.emit("call", "compiler.runtime.held_arith.extend_held")
        else:
            self.emit("call", f"{RUNTIME}.held_list_{name}")
        self.to_any(INT if name in ("index", "count") else NONE)
