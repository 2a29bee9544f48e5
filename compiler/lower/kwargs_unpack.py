"""Lowering of ``f(**d)`` / ``Cls(**d)`` (checked by compiler/sema/kwargs_unpack.py).

CPython evaluates the arguments in source order, checks ``d`` is a mapping and merges it with the
keywords ahead of it when it reaches it, then merges the keywords after it, then binds: each
explicit argument is evaluated into a temporary, the checks run where CPython makes them
(compiler/runtime/kwargs_unpack.py), and the call then goes as a plain one whose arguments are
read back from the temporaries or looked up in ``d`` (a parameter's default when absent), each
converted to its parameter's type (an Any's checked) as in any call, after binding.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY
from .values import DICTS, DYNAMIC

KWARGS = "compiler.runtime.kwargs_unpack"
DICT_CODE = 7  # compiler/runtime/dynamic.py


class _Ready(py_ast.expr):
    """An argument already evaluated into a temporary (None: a value of no wasm type), or a
    parameter filled from the dict held in ``source``."""

    def __init__(self, temp: str | None = None, source: str | None = None, name: str = "", default=None):
        super().__init__()
        self.temp, self.source, self.name, self.default = temp, source, name, default


class KwargsUnpackLowerer:
    def call_unpacked(self, node: py_ast.Call) -> None:
        unpacking = node.unpacking
        original = node.bound
        ready = self.evaluate_unpacked(node)
        self.emit("local.get", ready["**"])
        self.emit("i64.extend_i32_u")
        for text in (" ".join(unpacking.after), unpacking.func, _spaced(unpacking.names), _spaced(unpacking.given),
                     _spaced(unpacking.required), _spaced(unpacking.required_keyword), unpacking.qualname):
            self.emit("i32.const", self.layout.str_constant(text))
        self.emit("call", f"{KWARGS}.bind_check")
        node.bound = [ready[i] if arg is not None else self.from_unpacked(ready["**"], param, unpacking.values)
                      for i, (arg, param) in enumerate(zip(original, self.unpacked_params(node)))]
        try:
            kind, *rest = node.call
            getattr(self, f"call_{kind}")(node, *rest)
        finally:
            node.bound = original

    @staticmethod
    def from_unpacked(source: str, param, values) -> _Ready:
        item = _Ready(source=source, name=param.name, default=param.default)
        item.ty, item.values = param.ty, values
        return item

    @staticmethod
    def unpacked_params(node: py_ast.Call):
        fn = node.call[1] if node.call[0] == "function" else node.call[2]
        return fn.params if node.call[0] == "function" else fn.params[1:]

    def evaluate_unpacked(self, node: py_ast.Call) -> dict:
        """Evaluate the arguments in source order into temporaries; check ``d`` where CPython does."""
        unpacking = node.unpacking
        index = {id(arg): i for i, arg in enumerate(node.bound) if arg is not None}
        ready: dict = {}
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            if arg is unpacking.source:
                ready["**"] = self.unpacked_source(unpacking)
                continue
            self.lower(arg)
            item = _Ready(temp=self.stash(arg.ty.wasm) if arg.ty.wasm else None)
            item.ty = arg.ty  # converted to the parameter's type as the call pushes it, after binding
            ready[index[id(arg)]] = item
        return ready

    def unpacked_source(self, unpacking) -> str:
        self.value(unpacking.source)
        source = self.stash("i32")
        if unpacking.values == ANY:  # not a dict: CPython's TypeError, naming what it holds
            self.emit("local.get", source)
            self.emit("i64.extend_i32_u")
            self.emit("call", f"{DYNAMIC}.type_code")
            self.emit("i64.const", DICT_CODE)
            self.emit("i64.ne")
            self.emit("if", self.fresh("L"), None)
            self.emit("i32.const", self.layout.str_constant(unpacking.func))
            self.emit("local.get", source)
            self.held_type_name()
            self.emit("call", f"{KWARGS}.not_a_mapping")
            self.emit("end")
        if unpacking.before:
            self.emit("local.get", source)
            self.emit("i64.extend_i32_u")
            self.emit("i32.const", self.layout.str_constant(_spaced(unpacking.before)))
            self.emit("i32.const", self.layout.str_constant(unpacking.func))
            self.emit("call", f"{KWARGS}.merge_check")
        return source

    def lower__Ready(self, node: _Ready) -> None:
        if node.source is None:
            if node.temp is not None:
                self.emit("local.get", node.temp)
            return
        values = node.values
        self.emit("local.get", node.source)
        self.emit("i64.extend_i32_u")
        self.emit("i32.const", self.layout.str_constant(node.name))
        self.emit("i64.extend_i32_u")
        self.emit("call", f"{DICTS}.dict_find")
        entry = self.stash("i64")
        if node.default is not None:
            self.emit("local.get", entry)
            self.emit("i64.const", 0)
            self.emit("i64.ge_s")
            self.emit("if", self.fresh("L"), node.ty.wasm)
        self.emit("local.get", node.source)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", entry)
        self.emit("call", f"{DICTS}.dict_entry_value")
        self.from_slot(values)
        self.coerce(values, node.ty)
        if node.default is not None:
            self.emit("else")
            self.value(node.default, node.ty)
            self.emit("end")


def _spaced(names: list[str]) -> str:
    return " " + " ".join(names) + " "

