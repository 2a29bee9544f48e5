"""Lower: checked program -> wasm-level IR module.

Problem: turn the typed Python tree into symbolic wasm functions.
Accepts: a checked ``Program`` (every node has ``ty``/``sym``). Guarantees: one
``ir.Function`` per Python function (host stubs become ``ir.Import``s), the
runtime helpers, mutable module globals as wasm globals (constants are inlined
at their uses), and all bytes constants laid out in one data segment. The
result passes ``ir.validate``.
"""
from __future__ import annotations

from .. import ir
from ..program import Program
from . import gc_hooks
from .layout import Layout
from .runtime import helpers
from .statements import FunctionLowerer


def run(program: Program) -> ir.Module:
    module = ir.Module()
    layout = Layout()
    for fn in program.functions.values():
        if fn.host is not None:
            results = [fn.result_wasm] if fn.result_wasm else []
            module.imports[fn.qualname] = ir.Import(fn.qualname, fn.host[0], fn.host[1],
                                                    [p.wasm for p in fn.params], results)
        else:
            module.functions[fn.qualname] = FunctionLowerer(fn, layout).run()
    for helper in helpers():
        module.functions[helper.symbol] = helper
    for g in program.globals.values():
        if g.assigned_in_functions:
            init = layout.bytes_constant(g.value) if isinstance(g.value, bytes) else int(g.value)
            module.globals[g.qualname] = ir.Global(g.qualname, g.ty.wasm, True, init)
    layout.finish(module)
    gc_hooks.run(module, program)
    return module
