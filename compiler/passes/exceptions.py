"""Exceptions: the branches that take a raised exception to its handler.

Problem: a raise (``call rt.throw``/``rt.reraise``, lower/exceptions.py) returns when a ``try``
body is running, with the exception in the global ``rt.pending``; every frame between it and
the handler must then leave at once. Checking ``rt.pending`` after every call would cost every
program, including those that never catch anything.
Accepts: the lowered IR (this pass runs first, so later passes optimise what it adds).
Guarantees: after a call to a function that may raise (one that reaches a raise through its
callees):
  - inside a ``block $catchN`` of the same function: ``global.get rt.pending; br_if $catchN``
    (the innermost one), so the handler code after that block runs;
  - elsewhere, in a function that a try body can reach (a callee, transitively, of a call made
    inside some ``catch`` block): ``global.get rt.pending; if; <zeros>; return; end``;
  - elsewhere: nothing. Such a function never runs under a try body (``rt.handlers`` is 0 on
    every path to it), so the raise itself trapped and the call never returned.
The ``unreachable`` lowering puts after a raise becomes an unconditional branch in the first two
cases. A program without ``try`` gets no new instruction.
"""
from __future__ import annotations

from .. import ir
from ..lower.exceptions import CATCH, PENDING, THROWERS
from . import function_memo
from .recursion import call_graph, recursive_functions



def run(module: ir.Module) -> ir.Module:
    graph = call_graph(module)
    if "RecursionError" in module.functions:  # the call passes/recursion.py adds to each recursive function
        for symbol in recursive_functions(module, graph):
            graph[symbol] = [*graph[symbol], "RecursionError"]
    raising = may_raise(module, graph)
    under_try = reached_from_try(module, graph, raising)
    for fn in module.functions.values():
        if fn.symbol not in THROWERS:
            reads = (tuple(sorted({i[1] for i in fn.body if i[0] == "call"} & raising)), fn.symbol in under_try)
            function_memo.apply("exceptions", fn, _branching(raising, fn.symbol in under_try), reads=reads)
    return module


def may_raise(module: ir.Module, graph: dict[str, list[str]]) -> set[str]:
    """Functions that may raise: a raise or a call of one."""
    raising = {t for t in THROWERS if t in module.functions}
    changed = True
    while changed:
        changed = False
        for symbol, callees in graph.items():
            if symbol not in raising and any(c in raising for c in callees):
                raising.add(symbol)
                changed = True
    return raising


def reached_from_try(module: ir.Module, graph: dict[str, list[str]], raising: set[str]) -> set[str]:
    """Functions that may raise and may run while a try body of some function is running."""
    work = []
    for fn in module.functions.values():
        open_catches = 0
        labels: list[bool] = []
        for instr in fn.body:
            if instr[0] in ("block", "loop", "if"):
                labels.append(_is_catch(instr))
                open_catches += labels[-1]
            elif instr[0] == "end":
                open_catches -= labels.pop()
            elif instr[0] == "call" and open_catches and instr[1] in raising and instr[1] not in THROWERS:
                work.append(instr[1])
    found: set[str] = set()
    while work:
        symbol = work.pop()
        if symbol not in found:
            found.add(symbol)
            work += [c for c in graph.get(symbol, ()) if c in raising and c not in THROWERS]
    return found


def _branching(raising: set[str], under_try: bool):
    def step(fn: ir.Function) -> None:
        fn.body = _with_branches(fn, raising, under_try)
    return step


def _is_catch(instr: tuple) -> bool:
    return instr[0] == "block" and instr[1].startswith(CATCH)


def _with_branches(fn: ir.Function, raising: set[str], under_try: bool) -> list:
    out: list = []
    catches: list[str | None] = []  # per open construct: its label if it is a catch block
    body, index = fn.body, 0
    while index < len(body):
        instr = body[index]
        index += 1
        out.append(instr)
        if instr[0] in ("block", "loop", "if"):
            catches.append(instr[1] if _is_catch(instr) else None)
        elif instr[0] == "end":
            catches.pop()
        elif instr[0] == "call" and instr[1] in raising:
            thrown = instr[1] in THROWERS and index < len(body) and body[index][0] == "unreachable"
            leave = _leave(fn, _innermost(catches), under_try, always=thrown, tag=len(out))
            if leave:
                out += leave
                index += thrown  # the unreachable after a raise: replaced by the branch
    return out


def _innermost(catches: list[str | None]) -> str | None:
    return next((label for label in reversed(catches) if label is not None), None)


def _leave(fn: ir.Function, catch: str | None, under_try: bool, always: bool, tag: int) -> list:
    if catch is not None:
        return [("br", catch)] if always else [("global.get", PENDING), ("br_if", catch)]
    if not under_try:
        return []
    leave = [*(ir.ZERO[r] for r in fn.results), ("return",)]
    return leave if always else [("global.get", PENDING), ("if", f"raised.{tag}", None), *leave, ("end",)]
