"""Connect compiled code to the garbage collector in compiler/runtime/memory.py.

Problem: the collector may only run when no Python frame is live, and it must
find every object reachable from module globals. Accepts: a lowered IR module.
Guarantees: when the program can allocate, each export (except the allocator
the host calls re-entrantly) runs between ``enter_export`` and
``leave_export``, and ``mark_roots`` marks every pointer-holding global. A
program that never allocates gets neither, and so carries no collector.
"""
from __future__ import annotations

from .. import ir
from ..program import RT_MEMORY, Program
from ..wasm.emit import reachable
from .exceptions import EXCEPTIONS, HANDLERS

HOST_ALLOCATORS = ("proxy_on_memory_allocate", "malloc")  # called by the host inside our calls


def run(module: ir.Module, program: Program) -> None:
    alloc = f"{RT_MEMORY}.alloc"
    # A program that catches nothing allocates nothing for the exceptions it raises: each one traps.
    catches = any(("global.set", HANDLERS) in fn.body for fn in module.functions.values() if fn.symbol != "rt.reraise")
    raising = frozenset() if catches else frozenset({"rt.throw"} | {
        s for s in module.functions if s.startswith(f"{EXCEPTIONS}.")})
    if alloc not in reachable(module, raising):
        return
    for fn in list(module.functions.values()):
        if fn.export and fn.export not in HOST_ALLOCATORS:
            _wrap_export(module, fn)
    roots = module.functions.get(f"{RT_MEMORY}.mark_roots")
    if roots is None:  # no export, so nothing ever collects (only start-up code allocates)
        return
    roots.body = []
    for g in program.globals.values():
        if g.ty.pointer and g.qualname in module.globals:
            roots.body += [("global.get", g.qualname), ("i64.extend_i32_u",), ("call", f"{RT_MEMORY}.mark")]


def _wrap_export(module: ir.Module, fn: ir.Function) -> None:
    """The export calls the function between enter/leave; the function itself is no longer exported."""
    wrapper = ir.Function(f"{fn.symbol}@export", list(fn.params), list(fn.results), export=fn.export)
    fn.export = None
    wrapper.body.append(("call", f"{RT_MEMORY}.enter_export"))
    wrapper.body += [("local.get", name) for name, _ in fn.params]
    wrapper.body.append(("call", fn.symbol))
    if fn.results:
        wrapper.locals.append(("result", fn.results[0]))
        wrapper.body.append(("local.set", "result"))
    wrapper.body.append(("call", f"{RT_MEMORY}.leave_export"))
    if fn.results:
        wrapper.body.append(("local.get", "result"))
    module.functions[wrapper.symbol] = wrapper
