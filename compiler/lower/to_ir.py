"""Lower: checked program -> wasm-level IR module.

Problem: turn the typed Python tree into symbolic wasm functions.
Accepts: a checked ``Program`` (every node has ``ty``/``sym``/``call``; a runtime function is
checked here, when a call first reaches it: sema/check.py ``check_later``).
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
from ..sema import check
from . import exceptions, gc_hooks, user_keys
from .classes import ClassSupport
from .closures import FunctionValues
from .layout import Layout
from .runtime import helpers
from ..passes.recursion import recursive_functions
from ..wasm.emit import reachable
from .statements import FunctionLowerer

START = "<start>"


def run(program: Program) -> ir.Module:
    # Learn what the exports reach, then lower just that into the module, so constants of unused
    # functions (e.g. Unicode tables) stay out of its data.
    return _lower(program, _live(program))


def _live(program: Program) -> set[str]:
    """The symbols the exports and start-up reach, found by lowering each function once, when a
    call first names it (a program uses a few dozen of the runtime's ~500 functions)."""
    module = ir.Module()
    layout = Layout()
    classes = ClassSupport(program, module)
    classes.function_values = FunctionValues(module, layout)
    functions = {fn.qualname: fn for fn in program.functions.values()}
    lowered: set[str] = set()
    roots: tuple[str, ...] = ()
    callees: dict = {}  # reachable()'s memo: each round walks the same lowered bodies again

    def lower(fn: FuncSym) -> None:
        lowered.add(fn.qualname)
        check.check_later(program, fn)
        _lower_function(module, fn, layout, classes)

    def settle() -> None:
        """Lower every program function a lowered one calls, to a fixed point. What some steps
        add depends on what is lowered (the functions used as values get dispatchers, the
        exceptions raised get rt.uncaught's branches), so they run again until nothing is new."""
        while True:
            known = len(lowered)
            for symbol in reachable(module, roots=roots, memo=callees):
                if symbol in functions and symbol not in lowered:
                    lower(functions[symbol])
            if len(lowered) == known:
                classes.function_values.finish()
                exceptions.runtime_functions(module, program, layout, log)
                if not any(s in functions and s not in lowered for s in reachable(module, roots=roots, memo=callees)):
                    return

    for fn in program.functions.values():
        if fn.export:
            lower(fn)
    for helper in helpers():
        module.functions[helper.symbol] = helper
    log = _log_import(program, module)
    _globals(program, module, layout, classes)
    settle()
    gc_hooks.run(module, program)  # enter/leave around exports, the roots a collection marks
    settle()
    if recursive_functions(module):  # passes/recursion.py will call the RecursionError stand-in
        roots = ("RecursionError",)
        settle()
    return set(reachable(module, roots=roots))


def _lower_function(module: ir.Module, fn: FuncSym, layout: Layout, classes: ClassSupport) -> None:
    if fn.host is not None:
        results = [fn.result_wasm] if fn.result_wasm else []
        module.imports[fn.qualname] = ir.Import(fn.qualname, fn.host[0], fn.host[1],
                                                [p.wasm for p in fn.params], results)
    else:
        module.functions[fn.qualname] = FunctionLowerer(fn, layout, classes).run()
        if fn.qualname in user_keys.HOOKS:
            user_keys.write_hook(module.functions[fn.qualname], classes)


def _lower(program: Program, live: set[str]) -> ir.Module:
    module = ir.Module()
    layout = Layout()
    classes = ClassSupport(program, module)
    classes.function_values = FunctionValues(module, layout)
    for fn in program.functions.values():
        if fn.qualname in live:
            _lower_function(module, fn, layout, classes)
    for helper in helpers():
        if helper.symbol in live or all(instr[0] != "call" for instr in helper.body):
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
