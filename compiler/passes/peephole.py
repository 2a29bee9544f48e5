"""Peephole: adjacent instructions replaced by fewer that compute the same value.

Problem: lowering converts between i64 (Python ints, record fields) and i32 (pointers,
lengths) at every boundary, and compares with zero the long way; each such pair costs bytes
and a unit of fuel on every execution.
Accepts: a valid IR module. Guarantees: the same values on the stack and in memory, the
same branches taken; never more instructions. The rewrites, in one left-to-right scan
repeated until none applies:
  - ``i64.extend_i32_u|s; i32.wrap_i64``            -> nothing (wrapping undoes the extension)
  - ``i64.load32_u|s; i32.wrap_i64``                -> ``i32.load`` (the same four bytes)
  - ``i64.load; i32.wrap_i64``                      -> ``i32.load`` (the low four bytes: wasm is
    little-endian). The two differ only where the eight bytes would run past the end of memory
    and the four would not: lowering and the runtime's ``load_i64`` read 8-byte slots (record
    fields, list items) and objects padded to 8 bytes, which lie inside memory.
  - ``i64.const 0; i64.eq``                         -> ``i64.eqz``
  - ``i64.const 0; i64.ne``                         -> ``i64.eqz; i32.eqz`` (one byte fewer)
  - ``i32.eqz; i32.eqz; if|br_if``                  -> ``if|br_if`` (both test for non-zero)
  - ``local.set x; local.get x``                    -> ``local.tee x``
  - ``i32.eqz; if A else B end``                    -> ``if B else A end`` (the arms swapped; an
    ``if A end`` becomes ``if else A end``: the same bytes, ``else`` costs no fuel)
"""
from __future__ import annotations

from .. import ir
from . import function_memo

WRAP = ("i32.wrap_i64",)
NARROW_LOADS = {"i64.load32_u": "i32.load", "i64.load32_s": "i32.load", "i64.load": "i32.load"}


def run(module: ir.Module) -> ir.Module:
    for fn in module.functions.values():
        function_memo.apply("peephole", fn, _simplify_body)
    return module


def _simplify_body(fn: ir.Function) -> None:
    fn.body = simplify(fn.body)


def simplify(body: list) -> list:
    while True:
        out = _scan(body)
        if out == body:  # every rewrite shortens the body or turns a pattern into a non-pattern
            return out
        body = out


def _scan(body: list) -> list:
    out: list = []
    i = 0
    while i < len(body):
        replaced, used = _rewrite(body, i)
        if used:
            out += replaced
            i += used
        else:
            out.append(body[i])
            i += 1
    return out


def _rewrite(body: list, i: int) -> tuple[list, int]:
    """(replacement, how many instructions it replaces), or ([], 0)."""
    a = body[i]
    b = body[i + 1] if i + 1 < len(body) else ("",)
    if b == WRAP and a[0] in ("i64.extend_i32_u", "i64.extend_i32_s"):
        return [], 2
    if b == WRAP and a[0] in NARROW_LOADS:
        return [(NARROW_LOADS[a[0]], *a[1:])], 2
    if a == ("i64.const", 0) and b[0] in ("i64.eq", "i64.ne"):
        return ([("i64.eqz",)] if b[0] == "i64.eq" else [("i64.eqz",), ("i32.eqz",)]), 2
    if a == b == ("i32.eqz",) and i + 2 < len(body) and body[i + 2][0] in ("if", "br_if"):
        return [body[i + 2]], 3
    if a[0] == "local.set" and b[0] == "local.get" and a[1] == b[1]:
        return [("local.tee", a[1])], 2
    if a == ("i32.eqz",) and b[0] == "if":
        return _swapped_arms(body, i + 1), _end_of(body, i + 1) - i + 1
    return [], 0


def _end_of(body: list, start: int) -> int:
    """Index of the ``end`` closing the block opened at ``start``."""
    depth = 0
    for j in range(start + 1, len(body)):
        op = body[j][0]
        if op in ("block", "loop", "if"):
            depth += 1
        elif op == "end":
            if depth == 0:
                return j
            depth -= 1
    raise ValueError("unclosed block")


def _swapped_arms(body: list, start: int) -> list:
    """The ``if`` at ``start`` with its arms swapped (no ``else`` left for an empty one)."""
    end = _end_of(body, start)
    depth, middle = 0, end
    for j in range(start + 1, end):
        op = body[j][0]
        if op in ("block", "loop", "if"):
            depth += 1
        elif op == "end":
            depth -= 1
        elif op == "else" and depth == 0:
            middle = j
            break
    then, otherwise = body[start + 1:middle], body[middle + 1:end]
    return [body[start], *otherwise, *([("else",), *then] if then else []), ("end",)]
