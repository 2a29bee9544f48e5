"""Lower: checked program -> wasm-level IR module.

Problem: turn the typed Python tree into symbolic wasm functions.
Accepts: a checked ``Program`` (every node has ``ty``/``sym``/``call``).
Guarantees: one ``ir.Function`` per Python function and method (host stubs
become ``ir.Import``s), the runtime helpers, dispatchers for overridden
methods, mutable and start-up-initialized globals as wasm globals (constants
are inlined at their uses), a start function running the module-level
initializers in import order, and the static data (constants and the record
table) in one data segment. The result passes ``ir.validate``.
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import FuncSym, Program
from . import exceptions, gc_hooks
from .classes import ClassSupport
from .closures import FunctionValues
from .layout import Layout
from .runtime import helpers
from ..passes.recursion import recursive_functions
from ..wasm.emit import reachable
from .statements import FunctionLowerer

START = "<start>"


def run(program: Program) -> ir.Module:
    # Lower everything once to learn what the exports reach, then again for just
    # that, so constants of unused functions (e.g. Unicode tables) stay out of the data.
    everything = _lower(program, None)
    # passes/recursion.py adds calls of the RecursionError stand-in to recursive functions
    roots = ("RecursionError",) if recursive_functions(everything) else ()
    live = set(reachable(everything, roots=roots))
    return _lower(program, live)


def _lower(program: Program, live: set[str] | None) -> ir.Module:
    module = ir.Module()
    layout = Layout()
    classes = ClassSupport(program, module)
    classes.function_values = FunctionValues(module, layout)
    for fn in program.functions.values():
        if live is not None and fn.qualname not in live:
            continue
        if fn.host is not None:
            results = [fn.result_wasm] if fn.result_wasm else []
            module.imports[fn.qualname] = ir.Import(fn.qualname, fn.host[0], fn.host[1],
                                                    [p.wasm for p in fn.params], results)
        else:
            module.functions[fn.qualname] = FunctionLowerer(fn, layout, classes).run()
    for helper in helpers():
        if live is None or helper.symbol in live or all(instr[0] != "call" for instr in helper.body):
            module.functions[helper.symbol] = helper
    exceptions.runtime_functions(module, program, layout, _log_import(program, module))
    _globals(program, module, layout, classes)
    classes.function_values.finish()
    table = classes.record_table()
    layout.finish(module, table)
    gc_hooks.run(module, program)
    return module


def _log_import(program: Program, module: ir.Module) -> str | None:
    """proxy_log, for the uncaught-exception line, in a filter (a program on the SDK)."""
    if "abi.sdk" not in program.modules:
        return None
    for imp in module.imports.values():
        if (imp.module, imp.name) == ("env", "proxy_log"):
            return imp.symbol
    module.imports["rt.proxy_log"] = ir.Import("rt.proxy_log", "env", "proxy_log", ["i32", "i32", "i32"], ["i32"])
    return "rt.proxy_log"


def _globals(program: Program, module: ir.Module, layout: Layout, classes: ClassSupport) -> None:
    """Wasm globals for what functions assign or start-up computes; a start function fills the latter."""
    start_body: list = []
    for g in program.globals.values():
        if g.is_constant or g.statement:
            continue
        init = 0
        if g.runtime_init is None:
            init = (layout.bytes_constant(g.value) if isinstance(g.value, bytes)
                    else layout.str_constant(g.value) if isinstance(g.value, str) else g.value)
        module.globals[g.qualname] = ir.Global(g.qualname, g.ty.wasm, True, init)
    for name in program.module_order:
        for g in program.globals.values():
            if g.module.name == name and g.runtime_init is not None:
                start_body += _initializer(g, layout, classes)
    if start_body:
        module.functions[START] = ir.Function(START, [], [], [], start_body)
        module.start = START


def _initializer(g, layout: Layout, classes: ClassSupport) -> list:
    holder = FuncSym(f"{g.module.name}.<init {g.qualname}>", g.module, py_ast.FunctionDef(name="<init>", body=[]))
    holder.locals = dict(getattr(g, "init_locals", {}))
    lowerer = FunctionLowerer(holder, layout, classes)
    lowerer.fn.locals += [(name, ty.wasm) for name, ty in holder.locals.items()]
    if g.statement:
        lowerer.stmt_Expr(g.node)
    else:
        lowerer.value(g.runtime_init, g.ty)
        lowerer.emit("global.set", g.qualname)
    lowerer.fn.body = [("block", "init", None), *lowerer.fn.body, ("end",)]
    symbol = holder.qualname
    lowerer.fn.symbol = symbol
    classes.module.functions[symbol] = lowerer.fn
    return [("call", symbol)]
