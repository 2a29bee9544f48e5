"""Lowering of function values (checked by sema/callables.py).

A function value points to an object: the 8-byte header, then slot 0 holding the function's
number among the functions of its wasm signature. A module-level function or a lambda is a
static object in the data segment (one per function: CPython's function objects are unique
too). A call of a value calls the signature's dispatcher, ``rt.call[...]``, which switches on
that number and calls ``<function>@value`` with the value itself first (the environment a
closure will read) and the arguments.

Why a switch and not a funcref table with call_indirect: every IR pass (exceptions, recursion,
ranges, inlining) follows direct calls; through the dispatcher they see every function a value
may be, and need no new instruction.
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import FuncSym
from .expressions import ExprLowerer

KIND_RECORD = 9
VALUE_SLOT = 8  # the function's number, after the header


def signature(params: list[str], results: list[str]) -> str:
    return f"rt.call[{','.join(params)}->{','.join(results)}]"


class FunctionValues:
    """The function values of one lowering: numbers per signature, static objects, dispatchers."""

    def __init__(self, module: ir.Module, layout) -> None:
        self.module = module
        self.layout = layout
        self.targets: dict[str, list[FuncSym]] = {}  # dispatcher symbol -> functions by number
        self.params: dict[str, tuple[list[str], list[str]]] = {}

    def dispatcher(self, params: list[str], results: list[str]) -> str:
        symbol = signature(["i32", *params], results)
        self.targets.setdefault(symbol, [])
        self.params[symbol] = (params, results)
        return symbol

    def static_object(self, fn: FuncSym) -> int:
        symbol = self.dispatcher([p.wasm for p in fn.params], [fn.result_wasm] if fn.result_wasm else [])
        targets = self.targets[symbol]
        if fn not in targets:
            targets.append(fn)
        number = targets.index(fn)
        return self.layout.word_table(f"function {fn.qualname}", [16, KIND_RECORD, number, 0])

    def finish(self) -> None:
        for symbol, targets in self.targets.items():
            params, results = self.params[symbol]
            self.module.functions[symbol] = self._dispatch(symbol, params, results, targets)
            for fn in targets:
                self._adapter(fn, params, results)

    def _dispatch(self, symbol: str, params: list[str], results: list[str], targets: list[FuncSym]) -> ir.Function:
        args = [(f"a{i}", t) for i, t in enumerate(params)]
        body: list = [("local.get", "f"), ("i64.load", VALUE_SLOT), ("i32.wrap_i64",), ("local.set", "n")]
        for number, fn in enumerate(targets):
            test = [("local.get", "n"), ("i32.const", number), ("i32.eq",), ("if", "L", None)]
            body += test if number < len(targets) - 1 else []
            body += [("local.get", "f"), *(("local.get", name) for name, _ in args)]
            body += [("call", f"{fn.qualname}@value"), ("return",)]
            body += [("end",)] if number < len(targets) - 1 else []
        if not targets:
            body.append(("unreachable",))
        return ir.Function(symbol, [("f", "i32"), *args], list(results), [("n", "i32")], body)

    def _adapter(self, fn: FuncSym, params: list[str], results: list[str]) -> None:
        """``fn`` taking the value first: a module-level function or lambda ignores it."""
        args = [(f"a{i}", t) for i, t in enumerate(params)]
        body = [*(("local.get", name) for name, _ in args), ("call", fn.qualname)]
        symbol = f"{fn.qualname}@value"
        self.module.functions[symbol] = ir.Function(symbol, [("env", "i32"), *args], list(results), [], body)


class ClosureLowerer(ExprLowerer):
    def function_value(self, fn: FuncSym) -> None:
        self.emit("i32.const", self.classes.function_values.static_object(fn))

    def lower_Lambda(self, node: py_ast.Lambda) -> None:
        self.function_value(node.fn_value)

    def call_value(self, node: py_ast.Call, ty) -> None:
        """``f(a, b)`` of a function value: the value, then the arguments, to its dispatcher."""
        self.value(node.func)
        for arg, param in zip(node.bound, ty.params):
            self.value(arg, param)
        params = [p.wasm for p in ty.params]
        results = [ty.result.wasm] if ty.result.wasm else []
        self.emit("call", self.classes.function_values.dispatcher(params, results))
