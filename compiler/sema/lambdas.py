"""Lambdas as functions of their own: ``lambda x: body`` becomes a FuncSym checked like a
module-level function whose parameter types come from where the lambda is used (``key=`` gives
the item type) and whose result type is the body's.

The FuncSym is registered in its module's namespace under a name no source can spell
(``<lambda>@line:col``); ``sema.check`` adds it to the program's functions, so lowering emits
it like any other function.
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..program import NONE, FuncSym, Param, Program, Type
from .closures import capture


def lambda_function(checker, node: py_ast.Lambda, params: list[Type], result: Type | None = None,
                    label: str = "<lambda>") -> FuncSym:
    """The checked function of ``node`` taking ``params`` (returning ``result``, else the type of its
    body); its locals are only its parameters. ``label`` names it with its place: a generated lambda
    placed where another is (a sort's implied key) takes its own."""
    from .check import FunctionChecker  # check builds on the call checker that calls this
    args = node.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
        raise checker.fail(node, "a lambda here takes plain parameters only", "write lambda x: ...")
    if len(args.args) != len(params):
        raise checker.fail(node, f"this lambda must take {len(params)} parameter(s), it takes {len(args.args)}")
    module = checker.module
    name = f"{label}@{node.lineno}:{node.col_offset + 1}"
    fn = FuncSym(f"{module.name}.{name}", module, _as_def(node))
    fn.params = [Param(a.arg, ty, ty.wasm or "i32") for a, ty in zip(args.args, params)]
    capture(checker, node, fn)  # the enclosing function's variables it reads (sema/closures.py)
    if not fn.free:
        fn.free = None  # no closure: a plain function
    fn.shared_names = getattr(checker, "shared_names", set())
    fn.result = result or _result_type(FunctionChecker, fn, node)
    fn.result_wasm = fn.result.wasm
    errors = FunctionChecker(fn).check_function()
    if errors:
        checker.errors.extend(errors[1:])
        from .check_expr import Bail
        raise Bail(errors[0])
    module.namespace[name] = fn
    return fn


def _as_def(node: py_ast.Lambda) -> py_ast.FunctionDef:
    ret = py_ast.copy_location(py_ast.Return(value=node.body), node.body)
    fdef = py_ast.FunctionDef(name="<lambda>", args=node.args, body=[ret], decorator_list=[], returns=None)
    return py_ast.copy_location(fdef, node)


def _result_type(checker_class, fn: FuncSym, node: py_ast.Lambda) -> Type:
    """The type of the body, found on a copy (the real check annotates the tree once)."""
    probe = FuncSym(fn.qualname, fn.module, _as_def(node), list(fn.params))
    probe.result = NONE
    probe.free = fn.free
    probe.locals = {**fn.locals, **{p.name: p.ty for p in fn.params}}
    checker = checker_class(probe)
    checker.local_names = {p.name for p in fn.params} | set(probe.locals)
    checker.assigned |= checker.local_names
    return checker.check(copy.deepcopy(node.body))


def register(program: Program) -> None:
    """Add the lambdas found while checking to the program's functions (lowering emits those)."""
    for module in program.modules.values():
        for name, sym in module.namespace.items():
            if name.startswith(("<lambda>@", "<def>@")) and isinstance(sym, FuncSym):
                program.functions[sym.qualname] = sym
