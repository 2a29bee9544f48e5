"""The IR passes' per-function steps, memoised by what they read (not a pass).

Problem: most of a build's ~450 functions are the runtime's and the SDK's, lowered to the same IR
at every build, and each pass that rewrites one function at a time (propagate, dce, peephole,
booleans, and inline's simplification of every function it reaches) redid the same work on them.
Guarantees: ``apply`` leaves ``fn.body`` and ``fn.locals`` exactly as ``step(fn)`` would. The key
is a digest (compiler/cache.py ``function_id``) of everything such a step reads: the step's name,
the function's params, results, locals and body, for a step that needs the stack effect of a
call (dce) each callee's parameter and result types, and what the caller says the step reads
besides (passes/exceptions.py: which of its callees may raise, whether a try may be around it). A step that raises is
not memoised, and with the memos off (PYWASM_NO_CACHE=1, ``cache.disabled()``) every step runs.
"""
from __future__ import annotations

from typing import Callable

from .. import cache, ir
from .effects import signature


def apply(kind: str, fn: ir.Function, step: Callable[[ir.Function], None],
          module: ir.Module | None = None, reads: tuple = ()) -> None:
    """``step(fn)``, which rewrites ``fn.body``/``fn.locals``; with ``module``, the step also reads
    the signatures of the functions ``fn`` calls; ``reads``: whatever else it reads (plain data)."""
    key = cache.function_id((kind, tuple(fn.params), tuple(fn.results), tuple(fn.locals), tuple(fn.body),
                             _callee_signatures(fn, module) if module is not None else (), reads))
    known = cache.passes_get(key)
    if known is not None:
        fn.body, fn.locals = list(known[0]), list(known[1])
        return
    step(fn)
    cache.passes_put(key, (tuple(fn.body), tuple(fn.locals)))


def _callee_signatures(fn: ir.Function, module: ir.Module) -> tuple:
    callees = sorted({instr[1] for instr in fn.body if instr[0] == "call"})
    return tuple((callee, *_signature(module, callee)) for callee in callees)


def _signature(module: ir.Module, symbol: str) -> tuple:
    try:
        params, results = signature(module, symbol)
    except KeyError:  # not in the module: the step itself reports it (or not), as without the memo
        return (None,)
    return tuple(params), tuple(results)
