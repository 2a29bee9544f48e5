"""Lowering of statements and whole functions.

Loops use two labels: ``break`` leaves the outer block (skipping a loop's
``else``), ``continue`` leaves the inner block that wraps the body, so a
``for`` loop's counter update still runs.
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import BOOL, INT, NONE, FuncSym, GlobalSym
from .expressions import ExprLowerer
from .layout import Layout


class FunctionLowerer(ExprLowerer):
    def __init__(self, fn: FuncSym, layout: Layout):
        params = [(p.name if p.wasm == p.ty.wasm else f"{p.name}.arg", p.wasm) for p in fn.params]
        results = [fn.result_wasm] if fn.result_wasm else []
        super().__init__(ir.Function(fn.qualname, params, results, export=fn.export), layout)
        self.source = fn
        self.loops: list[tuple[str, str]] = []  # (break label, continue label)

    def run(self) -> ir.Function:
        fn = self.source
        declared = {p.name for p in fn.params}
        for name, ty in fn.locals.items():
            if name not in declared or any(p.name == name and p.wasm != ty.wasm for p in fn.params):
                self.fn.locals.append((name, ty.wasm))
        for p in fn.params:
            if p.wasm != p.ty.wasm:  # an int carried as i32 at the boundary
                self.emit("local.get", f"{p.name}.arg")
                self.emit("i64.extend_i32_s")
                self.emit("local.set", p.name)
        self.block(fn.node.body)
        if fn.result is not NONE:
            self.emit("unreachable")  # the checker proved the end is never reached
        return self.fn

    def block(self, body: list[py_ast.stmt]) -> None:
        for stmt in body:
            getattr(self, f"stmt_{type(stmt).__name__}")(stmt)

    def store(self, target: py_ast.Name) -> None:
        sym = getattr(target, "sym", None)
        if isinstance(sym, GlobalSym):
            self.emit("global.set", sym.qualname)
        else:
            self.emit("local.set", target.id)

    def stmt_Assign(self, stmt: py_ast.Assign) -> None:
        self.lower(stmt.value)
        if len(stmt.targets) > 1:
            tmp = self.temp(stmt.value.ty.wasm)
            self.emit("local.set", tmp)
            for target in stmt.targets:
                self.emit("local.get", tmp)
                self.store(target)
            return
        self.store(stmt.targets[0])

    def stmt_AnnAssign(self, stmt: py_ast.AnnAssign) -> None:
        if stmt.value is not None:
            self.lower(stmt.value)
            self.store(stmt.target)

    def stmt_AugAssign(self, stmt: py_ast.AugAssign) -> None:
        self.lower(stmt.operation)  # 'target op value', checked as one expression
        self.store(stmt.target)

    def stmt_Expr(self, stmt: py_ast.Expr) -> None:
        if not hasattr(stmt.value, "ty"):
            return  # docstring
        self.lower(stmt.value)
        if stmt.value.ty is not NONE:
            self.emit("drop")

    def stmt_Pass(self, stmt: py_ast.Pass) -> None:
        pass

    def stmt_Global(self, stmt: py_ast.Global) -> None:
        pass

    def stmt_Assert(self, stmt: py_ast.Assert) -> None:
        self.truthy(stmt.test)
        self.emit("i32.eqz")
        self.emit("if", self.fresh("L"), None)
        self.emit("call", "AssertionError")
        self.emit("end")

    def stmt_Return(self, stmt: py_ast.Return) -> None:
        fn = self.source
        if stmt.value is not None and fn.result is not NONE:
            self.boundary_argument(stmt.value, fn.result, fn.result_wasm)
        self.emit("return")

    def stmt_Break(self, stmt: py_ast.Break) -> None:
        self.emit("br", self.loops[-1][0])

    def stmt_Continue(self, stmt: py_ast.Continue) -> None:
        self.emit("br", self.loops[-1][1])

    def stmt_If(self, stmt: py_ast.If) -> None:
        self.truthy(stmt.test)
        self.emit("if", self.fresh("L"), None)
        self.block(stmt.body)
        if stmt.orelse:
            self.emit("else")
            self.block(stmt.orelse)
        self.emit("end")

    def loop_frame(self, stmt: py_ast.While | py_ast.For, test, step) -> None:
        """block $break { block $exit { loop $top { test; block $continue { body } step; br $top } } else }"""
        brk, exit_, top, cont = (self.fresh(s) for s in ("break", "exit", "top", "continue"))
        self.emit("block", brk, None)
        self.emit("block", exit_, None)
        self.emit("loop", top, None)
        test(exit_)
        self.loops.append((brk, cont))
        self.emit("block", cont, None)
        self.block(stmt.body)
        self.emit("end")
        self.loops.pop()
        step()
        self.emit("br", top)
        self.emit("end")
        self.emit("end")
        self.block(stmt.orelse)
        self.emit("end")

    def stmt_While(self, stmt: py_ast.While) -> None:
        def test(exit_label: str) -> None:
            self.truthy(stmt.test)
            self.emit("i32.eqz")
            self.emit("br_if", exit_label)
        self.loop_frame(stmt, test, lambda: None)

    def stmt_For(self, stmt: py_ast.For) -> None:
        """range(start, stop, step) runs a precomputed number of times, like CPython's range."""
        args = stmt.iter.args
        start, stop, step, count = (self.temp("i64") for _ in range(4))
        if len(args) == 1:
            self.emit("i64.const", 0)
            self.emit("local.set", start)
        else:
            self.lower_as(args[0], INT)
            self.emit("local.set", start)
        self.lower_as(args[0 if len(args) == 1 else 1], INT)
        self.emit("local.set", stop)
        if len(args) == 3:
            self.lower_as(args[2], INT)
        else:
            self.emit("i64.const", 1)
        self.emit("local.set", step)
        self.emit("local.get", start)
        self.emit("local.get", stop)
        self.emit("local.get", step)
        self.emit("call", "rt.range_length")
        self.emit("local.set", count)

        def test(exit_label: str) -> None:
            self.emit("local.get", count)
            self.emit("i64.eqz")
            self.emit("br_if", exit_label)
            self.emit("local.get", start)
            self.store(stmt.target)

        def advance() -> None:
            for a, b, op in ((start, step, "i64.add"), (count, None, "i64.sub")):
                self.emit("local.get", a)
                self.emit(*(("local.get", b) if b else ("i64.const", 1)))
                self.emit(op)
                self.emit("local.set", a)
        self.loop_frame(stmt, test, advance)
