"""Dead code elimination: instructions, blocks and locals that do nothing.

Problem: lowering ends every function with ``return; unreachable``, wraps
statements in blocks nothing branches to, and leaves ``if`` on constants;
inlining (passes/inline.py) turns a callee's returns into ``br`` to a block
around its body and leaves ``br`` where the block ends anyway. Each costs
bytes, and a ``br`` costs fuel where the ``return`` it replaced did not.
Accepts: a valid IR module.
Guarantees: the same behaviour, with
  - code after ``br``/``return``/``unreachable`` up to its block's end (or
    ``else``) removed;
  - ``i32.const c; if`` replaced by the arm that runs (a ``block`` with the
    ``if``'s label and type, so branches to it still land at its end);
  - a pure push (``local.get``, a constant, ``global.get``) followed by
    ``drop`` removed, and ``local.tee x; drop`` made ``local.set x``;
  - ``br L`` right before the ``end`` of block ``L``, and ``return`` as the
    body's last instruction, removed when the stack holds exactly the block's
    (function's) results there, so falling through does the same;
  - ``block``/``loop`` that no branch names unwrapped;
  - locals no instruction names removed.

How: one forward walk per function removes dead code and constant ``if``s
(a frame per open construct remembers which arm survives); a second walk
with stack heights (passes/effects.py) removes redundant branches; then
blocks and locals are pruned.
"""
from __future__ import annotations

from .. import ir
from . import function_memo
from .effects import PUSHES, effect

OPENERS = ("block", "loop", "if")


def run(module: ir.Module) -> ir.Module:
    for fn in module.functions.values():
        function_memo.apply("dce", fn, lambda fn: simplify(fn, module), module)
    return module


def simplify(fn: ir.Function, module: ir.Module) -> None:
    fn.body = _unwrap(_branches(_live(fn.body), fn, module))
    used = {instr[1] for instr in fn.body if instr[0] in ("local.get", "local.set", "local.tee")}
    fn.locals = [(name, ty) for name, ty in fn.locals if name in used]


def _live(body: list[tuple]) -> list[tuple]:
    """Dead code, constant ``if``s and dropped pushes removed."""
    out: list[tuple] = []
    frames: list[list] = []  # per open construct: [mode, opener]; mode "keep", "then" or "skip"
    dead: int | None = None  # constructs opened inside dead code, or None while live
    for instr in body:
        op = instr[0]
        if dead is not None:
            if op in OPENERS:
                dead += 1
                continue
            if dead > 0:
                dead -= op == "end"
                continue
            if op not in ("else", "end") or not frames:
                continue
            dead = None
        if op == "if" and out and out[-1][0] == "i32.const":
            taken = out.pop()[1] != 0
            frames.append(["then" if taken else "skip", instr])
            if taken:
                out.append(("block", instr[1], instr[2]))
            else:
                dead = 0
        elif op in OPENERS:
            frames.append(["keep", instr])
            out.append(instr)
        elif op == "else":
            frame = frames[-1]
            if frame[0] == "then":
                dead = 0  # the else arm never runs; its end closes the block
            elif frame[0] == "skip":
                frame[0] = "keep"
                out.append(("block", frame[1][1], frame[1][2]))
            else:
                out.append(instr)
        elif op == "end":
            if frames.pop()[0] != "skip":
                out.append(instr)
        elif op == "drop" and out and out[-1][0] in PUSHES:
            out.pop()
        elif op == "drop" and out and out[-1][0] == "local.tee":
            out[-1] = ("local.set", out[-1][1])
        else:
            out.append(instr)
            if op in ("br", "return", "unreachable"):
                dead = 0
    return out


def _branches(body: list[tuple], fn: ir.Function, module: ir.Module) -> list[tuple]:
    """``br L`` before the end of ``L`` and a final ``return`` removed where the stack is exact.
    Runs on live code only, so every instruction has a known stack height."""
    out: list[tuple] = []
    frames: list[tuple[str, str, int, int]] = []  # (op, label, height at entry, results)
    height = 0
    for instr in body:
        op = instr[0]
        if op in OPENERS:
            height -= op == "if"
            frames.append((op, instr[1], height, int(instr[2] is not None)))
        elif op == "else":
            height = frames[-1][2]
        elif op == "end":
            kind, label, entry, results = frames.pop()
            if kind == "block" and out[-1] == ("br", label, entry + results):
                out.pop()
            height = entry + results
        elif op in ("br", "return", "unreachable"):
            out.append(instr + (height,))  # the height is stripped below
            continue
        elif op == "br_if":
            height -= 1
        else:
            popped, pushed = effect(instr, module)
            height += pushed - popped
        out.append(instr)
    if out and out[-1] == ("return", len(fn.results)):
        out.pop()
    return [i[:-1] if i[0] in ("br", "return", "unreachable") else i for i in out]


def _unwrap(body: list[tuple]) -> list[tuple]:
    """Blocks and loops no branch names, without their block and end."""
    targets = {instr[1] for instr in body if instr[0] in ("br", "br_if")}
    keep = [True] * len(body)
    open_: list[int] = []
    for index, instr in enumerate(body):
        op = instr[0]
        if op in OPENERS:
            open_.append(index)
        elif op == "end":
            start = open_.pop()
            if body[start][0] != "if" and body[start][1] not in targets:
                keep[start] = keep[index] = False
    return [instr for instr, kept in zip(body, keep) if kept]
