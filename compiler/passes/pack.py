"""Pack: the same module in fewer bytes (run last, after every pass that reads constants).

Problem: the binary spends bytes on encodings, not on work: an overflow check's bound
(``i64.const 9223372036854775806``, 11 bytes) repeated at every check, and locals declared in
the order lowering and inlining made them (a run of one type per declaration entry).
Accepts: a valid IR module. Guarantees: the same behaviour and the same instruction count
(wasm fuel per request does not change):
  - an i64 constant whose copies cost more bytes than an immutable global holding it is read
    from that global (``global.get``, 2 bytes a use while the module has under 128 globals);
    most bytes saved first, as many as keep every global index one LEB byte;
  - each function's locals are declared grouped by type (one declaration entry per type), the
    type read most first and the most read local first within it (small indices are one byte).
Globals are named ``rt.i64.<value>``; wasmtime's fuel counts a ``global.get`` as one
instruction, as it does a constant.
"""
from __future__ import annotations

from .. import ir
from ..wasm import encode as enc
from ..wasm.emit import reachable, used_globals

MAX_GLOBALS = 128  # global indices below this are one LEB byte
PREFIX = "rt.i64."


def run(module: ir.Module) -> ir.Module:
    live = [module.functions[s] for s in reachable(module) if s in module.functions]
    _constants_to_globals(module, live)
    for fn in live:
        fn.locals = _grouped(fn)
    return module


def _constants_to_globals(module: ir.Module, live: list[ir.Function]) -> None:
    uses: dict[int, int] = {}
    for fn in live:
        for instr in fn.body:
            if instr[0] == "i64.const":
                uses[instr[1]] = uses.get(instr[1], 0) + 1
    room = MAX_GLOBALS - len(used_globals(module, live))
    chosen = sorted((v for v in uses if saving(v, uses[v]) > 0), key=lambda v: -saving(v, uses[v]))[:max(room, 0)]
    for value in chosen:
        symbol = PREFIX + str(value)
        module.globals[symbol] = ir.Global(symbol, "i64", False, value)
    chosen_set = set(chosen)
    for fn in live:
        fn.body = [("global.get", PREFIX + str(i[1])) if i[0] == "i64.const" and i[1] in chosen_set else i
                   for i in fn.body]


def saving(value: int, uses: int) -> int:
    """Bytes saved by reading ``value`` from a global at ``uses`` sites (global index < 128):
    each use drops from 1 + sleb to 2 bytes, and the global entry costs type, mutability,
    i64.const + sleb and end."""
    width = len(enc.sleb(value))
    return uses * (width - 1) - (width + 4)


def _grouped(fn: ir.Function) -> list[tuple[str, str]]:
    reads: dict[str, int] = {}
    for instr in fn.body:
        if instr[0] in ("local.get", "local.set", "local.tee"):
            reads[instr[1]] = reads.get(instr[1], 0) + 1
    by_type: dict[str, list[tuple[str, str]]] = {}
    for local in fn.locals:
        by_type.setdefault(local[1], []).append(local)
    groups = sorted(by_type.values(), key=lambda g: -sum(reads.get(n, 0) for n, _ in g))
    return [local for group in groups for local in sorted(group, key=lambda l: -reads.get(l[0], 0))]
