"""Constant and copy propagation, and folding of constant arithmetic.

Problem: lowering copies operands into temporaries (``x < 0`` is ``local.get
x; local.set tmp.1; i64.const 0; local.set tmp.2; local.get tmp.1; local.get
tmp.2; i64.lt_s``, so a chained comparison evaluates each operand once), and
inlining (passes/inline.py) leaves parameters that only hold a constant.
Each copy is fuel and bytes, and a constant hidden in a local is invisible
to folding and to dead code elimination of ``if``.
Accepts: a valid IR module.
Guarantees: the same behaviour, with
  - a local written once, by ``local.get x`` or a constant just before the
    write, read only where that write dominates the read (later in the same
    or an enclosed block arm) and, for a copy of ``x``, where nothing writes
    ``x`` in between (nor in a loop around the read that the write is outside of): its reads replaced by that push, the write removed;
  - ``local.set x; local.get x`` made ``local.tee x``;
  - a local nothing reads: ``local.set`` made ``drop``, ``local.tee`` removed
    (passes/dce.py then drops the pure pushes, and the local);
  - i32/i64 arithmetic, bitwise and comparison instructions on constants
    replaced by their result, with wasm's wrapping semantics; a division or
    remainder that would trap is left alone; ``i32.eqz`` after an integer
    comparison folded into the opposite comparison.

How: per function, up to ``ROUNDS`` rounds of: number every instruction with
the path of block arms it is in (a write dominates a read later in the body
when its path is a prefix of the read's: structured code cannot enter an
arm in the middle, and a loop re-enters an arm only from its start), pick
the copies, rewrite; then a peephole walk folds constants.
"""
from __future__ import annotations

from bisect import bisect_right

from .. import ir
from . import function_memo
from .effects import CONSTS

ROUNDS = 4
WRITES = ("local.set", "local.tee")


def run(module: ir.Module) -> ir.Module:
    for fn in module.functions.values():
        function_memo.apply("propagate", fn, propagate)
    return module


def propagate(fn: ir.Function) -> None:
    params = {name for name, _ in fn.params}
    for _ in range(ROUNDS):
        body, changed = _copies(fn.body, params)
        fn.body = body
        if not changed:
            break
    fn.body = _fold(_unread(_tees(fn.body)))


def _copies(body: list[tuple], params: set[str]) -> tuple[list[tuple], bool]:
    """One round of copy and constant propagation (see the module docstring)."""
    paths: list[tuple] = []
    path: tuple = ()
    fresh = 0
    writes: dict[str, list[int]] = {}
    reads: dict[str, list[int]] = {}
    loops: list[tuple[int, int]] = []  # (start, end) of every loop
    opened: list[int | None] = []  # per open block: its start if it is a loop
    for index, instr in enumerate(body):
        op = instr[0]
        if op in ("else", "end"):
            path = path[:-1]
        if op == "end":
            start = opened.pop()
            if start is not None:
                loops.append((start, index))
        paths.append(path)
        if op in ("block", "loop", "if"):
            opened.append(index if op == "loop" else None)
        if op in ("block", "loop", "if", "else"):
            fresh += 1
            path = path + (fresh,)
        elif op in WRITES:
            writes.setdefault(instr[1], []).append(index)
        elif op == "local.get":
            reads.setdefault(instr[1], []).append(index)
    chosen: dict[str, int] = {}  # local -> position of its one write
    sources: set[str] = set()  # locals whose reads push a chosen local's value
    for name, (at, *more) in writes.items():
        if more or name in params or at == 0 or name in sources:
            continue
        source = body[at - 1]
        if source[0] == "local.get":
            if source[1] in chosen or source[1] == name:
                continue
            later = writes.get(source[1], [])
        elif source[0] in CONSTS:
            later = []
        else:
            continue
        if all(_dominated(paths, at, r) and not _written_between(later, at, r)
               and not _rewritten_around(loops, later, at, r) for r in reads.get(name, [])):
            chosen[name] = at
            if source[0] == "local.get":
                sources.add(source[1])
    if not chosen:
        return body, False
    out: list[tuple] = []
    removed = set()
    for name, at in chosen.items():
        removed.add(at)
        if body[at][0] == "local.set":
            removed.add(at - 1)
    for index, instr in enumerate(body):
        if index in removed:
            continue
        if instr[0] == "local.get" and instr[1] in chosen:
            instr = body[chosen[instr[1]] - 1]
        out.append(instr)
    return out, True


def _dominated(paths: list[tuple], write: int, read: int) -> bool:
    if read <= write:
        return False
    outer, inner = paths[write], paths[read]
    return inner[:len(outer)] == outer


def _rewritten_around(loops: list[tuple[int, int]], writes: list[int], copy: int, read: int) -> bool:
    """Is the source written anywhere in a loop that holds the read but not the copy? Then the
    next iteration's read sees that write (it comes after the read in the text)."""
    return any(start < read < end and not start < copy < end and _written_between(writes, start, end)
               for start, end in loops)


def _written_between(positions: list[int], start: int, end: int) -> bool:
    """Is there a write in ``positions`` (sorted) strictly between ``start`` and ``end``?"""
    i = bisect_right(positions, start)
    return i < len(positions) and positions[i] < end


def _tees(body: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    for instr in body:
        if instr[0] == "local.get" and out and out[-1] == ("local.set", instr[1]):
            out[-1] = ("local.tee", instr[1])
        else:
            out.append(instr)
    return out


def _unread(body: list[tuple]) -> list[tuple]:
    read = {instr[1] for instr in body if instr[0] == "local.get"}
    out: list[tuple] = []
    for instr in body:
        if instr[0] in WRITES and instr[1] not in read:
            if instr[0] == "local.set":
                out.append(("drop",))
            continue
        out.append(instr)
    return out


MASKS = {"i32": (1 << 32) - 1, "i64": (1 << 64) - 1}


def _fold(body: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    for instr in body:
        op = instr[0]
        kind, _, name = op.partition(".")
        folded = None
        if op == "i32.eqz" and out and out[-1][0] in NEGATED:  # a comparison's 0/1, negated
            out[-1] = (NEGATED[out[-1][0]],)
            continue
        if kind in MASKS and out and out[-1][0] in CONSTS:
            if name in UNARY_FOLDS:
                folded = _unary(op, out[-1])
            elif name in BINARY_FOLDS and len(out) >= 2 and out[-2][0] == out[-1][0] == f"{kind}.const":
                folded = _binary(kind, name, out[-2][1], out[-1][1])
        if folded is None:
            out.append(instr)
            continue
        del out[-(2 if name in BINARY_FOLDS else 1):]
        out.append(folded)
    return out


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def _unary(op: str, const: tuple) -> tuple | None:
    value = const[1]
    kind = op.partition(".")[0]
    if op.endswith(".eqz") and const[0] == f"{kind}.const":
        return ("i32.const", int(value & MASKS[kind] == 0))
    if op == "i32.wrap_i64" and const[0] == "i64.const":
        return ("i32.const", _signed(value, 32))
    if op == "i64.extend_i32_s" and const[0] == "i32.const":
        return ("i64.const", _signed(value, 32))
    if op == "i64.extend_i32_u" and const[0] == "i32.const":
        return ("i64.const", value & MASKS["i32"])
    return None


UNARY_FOLDS = {"eqz", "wrap_i64", "extend_i32_s", "extend_i32_u"}
COMPARE = {"eq": lambda a, b, ua, ub: a == b, "ne": lambda a, b, ua, ub: a != b,
           "lt_s": lambda a, b, ua, ub: a < b, "lt_u": lambda a, b, ua, ub: ua < ub,
           "gt_s": lambda a, b, ua, ub: a > b, "gt_u": lambda a, b, ua, ub: ua > ub,
           "le_s": lambda a, b, ua, ub: a <= b, "le_u": lambda a, b, ua, ub: ua <= ub,
           "ge_s": lambda a, b, ua, ub: a >= b, "ge_u": lambda a, b, ua, ub: ua >= ub}
OPPOSITE = {"eq": "ne", "lt_s": "ge_s", "gt_s": "le_s", "lt_u": "ge_u", "gt_u": "le_u"}
NEGATED = {f"{kind}.{a}": f"{kind}.{b}" for kind in MASKS for x, y in OPPOSITE.items() for a, b in ((x, y), (y, x))}
BINARY_FOLDS = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u",
                "div_s", "div_u", "rem_s", "rem_u", *COMPARE}


def _binary(kind: str, name: str, a: int, b: int) -> tuple | None:
    bits = 32 if kind == "i32" else 64
    mask = (1 << bits) - 1
    sa, sb, ua, ub = _signed(a, bits), _signed(b, bits), a & mask, b & mask
    if name in COMPARE:
        return ("i32.const", int(COMPARE[name](sa, sb, ua, ub)))
    if name in ("div_s", "div_u", "rem_s", "rem_u") and (ub == 0 or name == "div_s" and sa == -(1 << (bits - 1))
                                                          and sb == -1):
        return None  # traps at run time: left to trap there
    result = {
        "add": lambda: sa + sb, "sub": lambda: sa - sb, "mul": lambda: sa * sb,
        "and": lambda: ua & ub, "or": lambda: ua | ub, "xor": lambda: ua ^ ub,
        "shl": lambda: ua << (ub % bits), "shr_s": lambda: sa >> (ub % bits), "shr_u": lambda: ua >> (ub % bits),
        "div_s": lambda: abs(sa) // abs(sb) * (1 if (sa < 0) == (sb < 0) else -1),
        "rem_s": lambda: (abs(sa) % abs(sb)) * (1 if sa >= 0 else -1),
        "div_u": lambda: ua // ub, "rem_u": lambda: ua % ub,
    }[name]()
    return (f"{kind}.const", _signed(result, bits))
