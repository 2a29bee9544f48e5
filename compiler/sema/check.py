"""Check: type-check every function body and track definite assignment.

Problem: the lowering pass needs every expression's type and every name's
meaning, and CPython's runtime errors that a static check can rule out
(unbound locals, missing returns, wrong types) must become compile errors.
Accepts: a declared ``Program`` (see ``sema.declare``). Guarantees: each
checked node has ``ty`` (and ``sym`` for names/callees); each function's
``locals`` maps every local to its one type; a local is read only where it is
assigned on every path; a function with a non-None result cannot fall off its
end. All errors of a function are collected before stopping.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import CompileError, Diagnostic
from ..program import BOOL, INT, NONE, FuncSym, GlobalSym, Program, Type
from .check_expr import Bail, ExprChecker
from .declare import DeclareError, resolve_annotation
from .unsupported import describe


def run(program: Program) -> Program:
    errors: list[Diagnostic] = []
    for fn in program.functions.values():
        if fn.host is None:
            errors += FunctionChecker(fn).check_function()
    if errors:
        raise CompileError(errors)
    return program


def assigned_names(body: list[py_ast.stmt]) -> set[str]:
    """Names bound anywhere in a function body (Python's rule for locals)."""
    names: set[str] = set()
    for node in body:
        for sub in py_ast.walk(node):
            if isinstance(sub, py_ast.Name) and isinstance(sub.ctx, py_ast.Store):
                names.add(sub.id)
    return names


class FunctionChecker(ExprChecker):
    def __init__(self, fn: FuncSym):
        super().__init__(fn)
        self.errors: list[Diagnostic] = []
        self.loop_breaks: list[list[set[str] | None]] = []

    def check_function(self) -> list[Diagnostic]:
        fn = self.fn
        body = fn.node.body
        self.global_names = {n for s in py_ast.walk(fn.node) if isinstance(s, py_ast.Global) for n in s.names}
        self.local_names = (assigned_names(body) | {p.name for p in fn.params}) - self.global_names
        for p in fn.params:
            fn.locals[p.name] = p.ty
            self.assigned.add(p.name)
        self.block(body)
        if self.assigned is not None and fn.result is not NONE and not self.errors:
            self.errors.append(Diagnostic(self.module.loc(fn.node),
                                          f"function '{fn.node.name}' can reach its end without returning a {fn.result}",
                                          "add a return statement at the end"))
        return self.errors

    def block(self, body: list[py_ast.stmt]) -> None:
        for index, stmt in enumerate(body):
            if index == 0 and _is_docstring(stmt):
                continue
            try:
                self.statement(stmt)
            except Bail as bail:
                self.errors.append(bail.diagnostic)

    def statement(self, stmt: py_ast.stmt) -> None:
        handler = getattr(self, f"stmt_{type(stmt).__name__}", None)
        if handler is None:
            raise self.unsupported(stmt)
        handler(stmt)

    # -- assignment --------------------------------------------------------
    def bind(self, target: py_ast.expr, ty: Type, annotation: Type | None = None) -> None:
        if not isinstance(target, py_ast.Name):
            raise self.unsupported(target)
        name = target.id
        if name in self.global_names:
            g = self.module.namespace.get(name)
            if not isinstance(g, GlobalSym) or g.module is not self.module:
                raise self.fail(target, f"'global {name}' must name a constant assigned at this module's top level")
            self.require(target, ty, g.ty, f"global '{name}'")
            g.assigned_in_functions = True
            target.sym = g
            return
        declared = self.fn.locals.get(name)
        if annotation is not None:
            if declared is not None and declared is not annotation:
                raise self.fail(target, f"'{name}' was declared as {declared}")
            declared = self.fn.locals[name] = annotation
        if declared is None:
            if ty is NONE:
                raise self.fail(target, "cannot assign the result of a function that returns None")
            declared = self.fn.locals[name] = ty
        self.require(target, ty, declared, f"'{name}'")
        if self.assigned is not None:
            self.assigned.add(name)

    def require(self, py_node: py_ast.AST, ty: Type, declared: Type, what: str) -> None:
        if ty is not declared:
            help = "convert explicitly with int(...)" if ty is BOOL and declared is INT else ""
            raise self.fail(py_node, f"{what} has type {declared}, cannot assign a {ty}", help)

    def stmt_Assign(self, stmt: py_ast.Assign) -> None:
        ty = self.check(stmt.value)
        for target in stmt.targets:
            self.bind(target, ty)

    def stmt_AnnAssign(self, stmt: py_ast.AnnAssign) -> None:
        if not isinstance(stmt.target, py_ast.Name):
            raise self.unsupported(stmt.target)
        try:
            declared, _ = resolve_annotation(self.module, stmt.annotation)
        except DeclareError as err:
            raise Bail(err.diagnostic) from None
        if stmt.value is None:
            self.fn.locals.setdefault(stmt.target.id, declared)
            return
        self.bind(stmt.target, self.check(stmt.value), declared)

    def stmt_AugAssign(self, stmt: py_ast.AugAssign) -> None:
        if not isinstance(stmt.target, py_ast.Name):
            raise self.unsupported(stmt.target)
        read = py_ast.Name(stmt.target.id, py_ast.Load(), lineno=stmt.lineno, col_offset=stmt.col_offset)
        operation = py_ast.BinOp(read, stmt.op, stmt.value, lineno=stmt.lineno, col_offset=stmt.col_offset,
                                 end_lineno=stmt.end_lineno, end_col_offset=stmt.end_col_offset)
        stmt.operation = operation  # lowered as 'target = target op value'
        self.bind(stmt.target, self.check(operation))

    # -- simple statements -------------------------------------------------
    def stmt_Expr(self, stmt: py_ast.Expr) -> None:
        self.check(stmt.value)

    def stmt_Pass(self, stmt: py_ast.Pass) -> None:
        pass

    def stmt_Global(self, stmt: py_ast.Global) -> None:
        for name in stmt.names:
            g = self.module.namespace.get(name)
            if not isinstance(g, GlobalSym) or g.module is not self.module:
                raise self.fail(stmt, f"'global {name}' must name a constant assigned at this module's top level",
                                f"add '{name} = 0' at module level")

    def stmt_Assert(self, stmt: py_ast.Assert) -> None:
        self.truthy(stmt.test)
        if stmt.msg is not None and not (isinstance(stmt.msg, py_ast.Constant) and isinstance(stmt.msg.value, str)):
            raise self.fail(stmt.msg, "an assert message must be a string constant")

    def stmt_Return(self, stmt: py_ast.Return) -> None:
        result = self.fn.result
        ty = NONE if stmt.value is None else self.check(stmt.value)
        if ty is not result:
            help = "convert explicitly with int(...)" if ty is BOOL and result is INT else ""
            raise self.fail(stmt, f"function '{self.fn.node.name}' returns {result}, not {ty}", help)
        self.assigned = None

    def stmt_Break(self, stmt: py_ast.Break) -> None:
        self.loop_breaks[-1].append(self.assigned)
        self.assigned = None

    def stmt_Continue(self, stmt: py_ast.Continue) -> None:
        self.assigned = None

    # -- control flow ------------------------------------------------------
    def stmt_If(self, stmt: py_ast.If) -> None:
        self.truthy(stmt.test)
        before = _copy(self.assigned)
        self.block(stmt.body)
        after_body = self.assigned
        self.assigned = before
        self.block(stmt.orelse)
        self.assigned = _meet(after_body, self.assigned)

    def stmt_While(self, stmt: py_ast.While) -> None:
        self.truthy(stmt.test)
        forever = isinstance(stmt.test, py_ast.Constant) and stmt.test.value is True
        self.loop(stmt, None if forever else _copy(self.assigned))

    def stmt_For(self, stmt: py_ast.For) -> None:
        iterable = stmt.iter
        if not (isinstance(iterable, py_ast.Call) and isinstance(iterable.func, py_ast.Name)
                and iterable.func.id == "range" and iterable.func.id not in self.local_names
                and iterable.func.id not in self.module.namespace):
            raise self.fail(iterable, "for loops iterate over range(...) in this version", "write 'for i in range(n):'")
        if iterable.keywords or not 1 <= len(iterable.args) <= 3:
            raise self.fail(iterable, "range() takes 1 to 3 positional arguments")
        for arg in iterable.args:
            self.expect(arg, INT, BOOL, what="a range() argument")
        before = _copy(self.assigned)
        self.bind(stmt.target, INT)
        self.assigned = before
        self.loop(stmt, _copy(before), loop_variable=stmt.target.id)

    def loop(self, stmt: py_ast.While | py_ast.For, exit_state: set[str] | None, loop_variable: str = "") -> None:
        """Check a loop body; after the loop, only what every exit assigned counts."""
        entry = _copy(self.assigned)
        self.loop_breaks.append([])
        if loop_variable and self.assigned is not None:
            self.assigned.add(loop_variable)
        self.block(stmt.body)
        breaks = self.loop_breaks.pop()
        self.assigned = exit_state if exit_state is not None or not stmt.orelse else entry
        if stmt.orelse:
            self.assigned = _copy(exit_state if exit_state is not None else entry)
            self.block(stmt.orelse)
        result = self.assigned if (exit_state is not None or stmt.orelse) else None
        for state in breaks:
            result = _meet(result, state)
        self.assigned = result


def _is_docstring(stmt: py_ast.stmt) -> bool:
    return isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant) and isinstance(stmt.value.value, str)


def _copy(state: set[str] | None) -> set[str] | None:
    return None if state is None else set(state)


def _meet(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Join of two control-flow paths: what both assigned (None = path never arrives)."""
    if a is None:
        return _copy(b)
    if b is None:
        return set(a)
    return a & b
