"""Recursion guard: RecursionError where CPython raises it, before the wasm stack runs out.

Problem: CPython raises RecursionError once 1,000 Python frames are live; wasm
code would recurse until the engine's stack is exhausted, and a filter that
recurses on attacker-controlled input (nested JSON) would crash the VM instead
of failing like CPython.
Accepts: a lowered IR module.
Guarantees: every function on a call-graph cycle (direct or mutual recursion)
counts its live frames in the global ``rt.depth``: +1 on entry, -1 on every
return and at the end of the body. When the count would pass ``LIMIT``, the
function calls ``RecursionError`` (a trap named after the exception). Functions
on no cycle are untouched, since only a cycle can make the stack unbounded.
A trap leaves the count as it was; a trapped instance is not used again.
"""
from __future__ import annotations

import functools

from .. import ir

LIMIT = 1000  # CPython's default sys.getrecursionlimit()
DEPTH = "rt.depth"


def run(module: ir.Module) -> ir.Module:
    recursive = recursive_functions(module)
    if not recursive:
        return module
    module.globals[DEPTH] = ir.Global(DEPTH, "i32", True, 0)
    for symbol in sorted(recursive):
        if not is_value_plumbing(symbol):  # a call through a function value is one Python frame
            _guard(module.functions[symbol])
    return module


def is_value_plumbing(symbol: str) -> bool:
    """The dispatchers and adapters of function values (lower/closures.py): not Python frames."""
    return symbol.startswith("rt.call[") or symbol.endswith("@value")


def _raises(symbol: str) -> bool:
    return symbol in _raising()


@functools.cache
def _raising() -> frozenset[str]:
    """The stand-ins and throwers (imported here: lower/ imports this module); asked per call edge."""
    from ..lower.exceptions import THROWERS
    from ..lower.runtime import STAND_INS
    return frozenset(STAND_INS) | frozenset(THROWERS)


def call_graph(module: ir.Module) -> dict[str, list[str]]:
    return {symbol: sorted({i[1] for i in fn.body if i[0] == "call" and i[1] in module.functions})
            for symbol, fn in module.functions.items()}


def recursive_functions(module: ir.Module, graph: dict[str, list[str]] | None = None) -> set[str]:
    """Functions in a strongly connected component with a cycle (Tarjan's algorithm, iterative).
    Calls that raise (the stand-ins of runtime checks, rt.throw) are no edges: building the
    exception allocates, and alloc's own checks would otherwise put it on a cycle."""
    calls = graph if graph is not None else call_graph(module)  # the caller's ``call_graph(module)``
    graph = {s: [c for c in callees if not _raises(c)] for s, callees in calls.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: set[str] = set()
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, callees = work[-1]
            callee = next(callees, None)
            if callee is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    found |= _pop_component(node, stack, on_stack, graph)
            elif callee not in index:
                index[callee] = low[callee] = len(index)
                stack.append(callee)
                on_stack.add(callee)
                work.append((callee, iter(graph[callee])))
            elif callee in on_stack:
                low[node] = min(low[node], index[callee])
    return found


def _pop_component(root: str, stack: list[str], on_stack: set[str], graph) -> set[str]:
    component = set()
    while True:
        member = stack.pop()
        on_stack.discard(member)
        component.add(member)
        if member == root:
            break
    if len(component) > 1 or root in graph[root]:
        return component
    return set()


LEAVE = [("global.get", DEPTH), ("i32.const", 1), ("i32.sub",), ("global.set", DEPTH)]


def _guard(fn: ir.Function) -> None:
    enter = [("global.get", DEPTH), ("i32.const", 1), ("i32.add",), ("global.set", DEPTH),
             ("global.get", DEPTH), ("i32.const", LIMIT), ("i32.gt_u",),
             ("if", "recursion", None), ("call", "RecursionError"), *LEAVE,  # returns when a try catches it
             *(ir.ZERO[r] for r in fn.results), ("return",), ("end",)]
    body: list = list(enter)
    for instr in fn.body:
        if instr[0] == "return":
            body += LEAVE  # stack-neutral: the returned values stay where they are
        body.append(instr)
    fn.body = body + LEAVE
