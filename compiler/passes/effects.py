"""What the IR passes need to know about single instructions (not a pass).

``effect`` gives an instruction's stack effect as (values popped, values
pushed); ``maybe_unset`` finds locals a body may read before writing them
(definite assignment over the structured control flow).
"""
from __future__ import annotations

from .. import ir

CONTROL = frozenset({"block", "loop", "if", "else", "end", "br", "br_if", "return", "unreachable"})
PUSHES = frozenset({"i32.const", "i64.const", "f64.const", "local.get", "global.get", "memory.size"})
CONSTS = frozenset({"i32.const", "i64.const", "f64.const"})

UNARY = {"i32.eqz", "i64.eqz", "i32.clz", "i32.ctz", "i32.popcnt", "i64.clz", "i64.ctz", "i64.popcnt",
         "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt",
         "i32.wrap_i64", "i32.trunc_f64_s", "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f64_s",
         "f64.convert_i32_s", "f64.convert_i64_s", "i64.reinterpret_f64", "f64.reinterpret_i64",
         "memory.grow"}
LOADS = {"i32.load", "i64.load", "f32.load", "f64.load", "i32.load8_s", "i32.load8_u", "i32.load16_s",
         "i32.load16_u", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s",
         "i64.load32_u"}
STORES = {"i32.store", "i64.store", "f32.store", "f64.store", "i32.store8", "i32.store16", "i64.store8",
          "i64.store16", "i64.store32"}


def signature(module: ir.Module, symbol: str) -> tuple[list[str], list[str]]:
    fn = module.functions.get(symbol)
    if fn is not None:
        return [t for _, t in fn.params], list(fn.results)
    imp = module.imports[symbol]
    return list(imp.params), list(imp.results)



def effect(instr: tuple, module: ir.Module) -> tuple[int, int] | None:
    """(popped, pushed) of a straight-line instruction; None for control instructions."""
    op = instr[0]
    if op in PUSHES:
        return 0, 1
    if op in ("local.set", "global.set", "drop"):
        return 1, 0
    if op == "local.tee" or op in LOADS or op in UNARY:
        return 1, 1
    if op == "call":
        params, results = signature(module, instr[1])
        return len(params), len(results)
    if op in CONTROL:
        return None
    if op in STORES:
        return 2, 0
    if op == "select":
        return 3, 1
    if op in ("memory.copy", "memory.fill"):
        return 3, 0
    if op == "nop":
        return 0, 0
    return 2, 1  # binary arithmetic and comparisons


def address_push(body: list[tuple], index: int, module: ir.Module,
                 carried: tuple[str, ...] = ("i32.wrap_i64", "i64.extend_i32_u"),
                 pushers: tuple[str, ...] = ("local.get",)) -> list[int] | None:
    """For the load or store at ``index``: the position of the one instruction among ``pushers``
    that pushed its address, then those of the conversions (``carried``) applied to it on the way,
    when that is how the address was pushed in the same straight-line code; None otherwise."""
    depth = 0 if body[index][0] in LOADS else 1  # values above the address
    position = index - 1
    while depth:
        stack_effect = effect(body[position], module) if position >= 0 else None
        if stack_effect is None or stack_effect[1] > depth:  # control flow, or it pushed the address too
            return None
        depth += stack_effect[0] - stack_effect[1]
        position -= 1
    conversions = []
    while position >= 0 and body[position][0] in carried:
        conversions.append(position)
        position -= 1
    if position < 0 or body[position][0] not in pushers:
        return None
    return [position, *conversions]


def maybe_unset(body: list[tuple], names: set[str]) -> set[str]:
    """Locals among ``names`` that some path may read before any write (so they read the zero
    every wasm local starts with). Definitely-assigned sets only grow along a path, so a loop's
    back edges add nothing to its entry state; ``None`` stands for unreachable code."""
    state: set[str] | None = set()
    frames: list[dict] = []
    found: set[str] = set()
    for instr in body:
        op = instr[0]
        if op == "local.get":
            if state is not None and instr[1] in names and instr[1] not in state:
                found.add(instr[1])
        elif op in ("local.set", "local.tee"):
            if state is not None:
                state.add(instr[1])
        elif op in ("block", "loop", "if"):
            frames.append({"op": op, "label": instr[1], "entry": _copy(state), "branched": None,
                           "then": None, "else": False})
        elif op == "else":
            frame = frames[-1]
            frame["then"], frame["else"] = state, True
            state = _copy(frame["entry"])
        elif op == "end":
            frame = frames.pop()
            if frame["op"] == "if":
                state = _meet(state, frame["then"] if frame["else"] else frame["entry"])
            if frame["op"] != "loop":
                state = _meet(state, frame["branched"])
        elif op in ("br", "br_if"):
            for frame in reversed(frames):
                if frame["label"] == instr[1]:
                    if frame["op"] != "loop":
                        frame["branched"] = _meet(frame["branched"], state)
                    break
            if op == "br":
                state = None
        elif op in ("return", "unreachable"):
            state = None
    return found


def _copy(state: set[str] | None) -> set[str] | None:
    return None if state is None else set(state)


def _meet(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """Definitely assigned where two paths join (None: that path never gets here)."""
    if a is None:
        return _copy(b)
    if b is None:
        return set(a)
    return a & b
