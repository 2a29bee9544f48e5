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
from ..program import INT, RT_MEMORY, FuncSym, TupleType, Type, tuple_of
from .expressions import ExprLowerer

KIND_RECORD = 9
VALUE_SLOT = 8  # the function's number, after the header; then the cells a closure captures
CELL = Type("<cell>", "i32", True)  # a cell pointer, as a record's pointer map sees it


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

    def number(self, fn: FuncSym) -> int:
        """``fn``'s number among the functions of its signature."""
        symbol = self.dispatcher([p.wasm for p in fn.params], [fn.result_wasm] if fn.result_wasm else [])
        targets = self.targets[symbol]
        if fn not in targets:
            targets.append(fn)
        return targets.index(fn)

    def static_object(self, fn: FuncSym) -> int:
        return self.layout.word_table(f"function {fn.qualname}", [16, KIND_RECORD, self.number(fn), 0])

    def finish(self) -> None:
        for symbol, targets in self.targets.items():
            params, results = self.params[symbol]
            self.module.functions[symbol] = self._dispatch(symbol, params, results, targets)
            for fn in targets:
                if not takes_env(fn):
                    self._adapter(fn, params, results)

    def _dispatch(self, symbol: str, params: list[str], results: list[str], targets: list[FuncSym]) -> ir.Function:
        args = [(f"a{i}", t) for i, t in enumerate(params)]
        body: list = [("local.get", "f"), ("i64.load", VALUE_SLOT), ("i32.wrap_i64",), ("local.set", "n")]
        for number, fn in enumerate(targets):
            test = [("local.get", "n"), ("i32.const", number), ("i32.eq",), ("if", "L", None)]
            body += test if number < len(targets) - 1 else []
            body += [("local.get", "f"), *(("local.get", name) for name, _ in args)]
            body += [("call", fn.qualname if takes_env(fn) else f"{fn.qualname}@value"), ("return",)]
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


def takes_env(fn: FuncSym) -> bool:
    """A nested function takes its closure object first (sema/closures.py sets ``free``)."""
    return getattr(fn, "free", None) is not None


class ClosureLowerer(ExprLowerer):
    def function_value(self, fn: FuncSym) -> None:
        """A static object, or a closure made now: its number, then the cells it captures."""
        values = self.classes.function_values
        if not getattr(fn, "free", None):
            self.emit("i32.const", values.static_object(fn))
            return
        record = tuple_of((INT,) + (CELL,) * len(fn.free))
        self.allocate(record)
        obj = self.stash("i32")
        self.emit("local.get", obj)
        self.emit("i64.const", values.number(fn))
        self.emit("i64.store", VALUE_SLOT)
        for index, (_, outside) in enumerate(fn.free):
            self.emit("local.get", obj)
            self.emit("local.get", f"{outside}.cell")
            self.emit("i64.extend_i32_u")
            self.emit("i64.store", VALUE_SLOT + 8 * (index + 1))
        self.emit("local.get", obj)

    def allocate(self, record: TupleType) -> None:
        self.emit("i64.const", 8 * len(record.items))
        self.emit("i64.const", KIND_RECORD | (self.classes.tuple_id(record) << 8))
        self.emit("call", f"{RT_MEMORY}.alloc")
        self.emit("i32.wrap_i64")

    def stmt_FunctionDef(self, stmt: py_ast.FunctionDef) -> None:
        self.function_value(stmt.fn_value)
        self.emit("local.set", stmt.name)

    def stmt_Nonlocal(self, stmt: py_ast.Nonlocal) -> None:
        pass  # the names are cells already (finish_closure)

    def finish_closure(self) -> None:
        """Locals nested functions capture live in cells; a nested function reads what it
        captures through its closure object (``env``): every access of those names becomes a
        load or store through the cell."""
        fn = self.source
        cells = sorted(getattr(fn, "cells", ()))
        free = getattr(fn, "free", None)
        if not cells and free is None:
            return
        slots = {inside: VALUE_SLOT + 8 * (index + 1) for index, (inside, _) in enumerate(free or [])}
        wasm = {name: fn.locals[name].wasm for name in [*cells, *slots]}

        def cell(name: str) -> list:
            if name in slots:
                return [("local.get", "env"), ("i32.load", slots[name])]
            return [("local.get", f"{name}.cell")]
        body: list = []
        for instr in self.fn.body:
            op, name = instr[0], instr[1] if len(instr) > 1 else None
            if op in ("local.get", "local.set", "local.tee") and name in wasm:
                body += _cell_access(op, name, wasm[name], cell(name))
            elif op == "local.get" and isinstance(name, str) and name.endswith(".cell") and name[:-5] in slots:
                body += cell(name[:-5])
            else:
                body.append(instr)
        entry: list = []
        params = {p.name: p for p in fn.params}
        for name in cells:
            self.fn.body = entry
            self.allocate(tuple_of((fn.locals[name],)))
            entry.append(("local.set", f"{name}.cell"))
            if name in params and params[name].wasm == params[name].ty.wasm:  # the argument, into its cell
                entry += [("local.get", f"{name}.cell"), ("local.get", name), *_store(wasm[name])]
        self.fn.locals += [(f"{name}.cell", "i32") for name in cells] + [(f"{n}.tmp", t) for n, t in wasm.items()]
        if free is not None:
            self.fn.params.insert(0, ("env", "i32"))
        self.fn.body = entry + body

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


def _store(wasm: str) -> list:
    return [("i64.extend_i32_u",), ("i64.store", 8)] if wasm == "i32" else [(f"{wasm}.store", 8)]


def _cell_access(op: str, name: str, wasm: str, cell: list) -> list:
    if op == "local.get":
        return [*cell, (f"{wasm}.load", 8)]
    code = [("local.set", f"{name}.tmp"), *cell, ("local.get", f"{name}.tmp"), *_store(wasm)]
    return code + ([("local.get", f"{name}.tmp")] if op == "local.tee" else [])
