"""Booleans: ``a and b`` / ``a or b`` on plain comparisons as one ``i32.and`` / ``i32.or``.

Problem: lowering keeps Python's short circuit for every ``and``/``or``: the left operand is
saved in a local and an ``if`` picks it or evaluates the right one (8 bytes and a local more
than the operator). When both operands are comparisons (0 or 1) and the right one can neither
trap nor change anything (locals, constants, wrapping arithmetic, comparisons), evaluating it
always gives the same value: ``x and y`` is ``x & y``, ``x or y`` is ``x | y``.
Accepts: a valid IR module. Guarantees: the same values and effects; bytes never grow. The
rewrites (``t`` read nowhere else; ``Y`` pure and ending in a comparison):
  - ``X; local.tee t; if (result i32) local.get t else Y end``  -> ``X; Y; i32.or``
  - ``X; local.tee t; if (result i32) Y else local.get t end``  -> ``X; Y; i32.and``
where ``X`` ends in a comparison. Fuel: at most the few instructions of ``Y`` more when the
left operand decides, fewer otherwise.
"""
from __future__ import annotations

from .. import ir
from . import function_memo

COMPARISONS = {f"{t}.{op}" for t in ("i32", "i64") for op in
               ("eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u", "eqz")}
PURE = COMPARISONS | {"local.get", "i32.const", "i64.const", "global.get", "i32.wrap_i64",
                      "i64.extend_i32_u", "i64.extend_i32_s"} | {
    f"{t}.{op}" for t in ("i32", "i64") for op in ("add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u")}
MAX_RIGHT = 8  # a longer right operand is cheaper to skip than to run


def run(module: ir.Module) -> ir.Module:
    for fn in module.functions.values():
        function_memo.apply("booleans", fn, _rewrite_body)
    return module


def _rewrite_body(fn: ir.Function) -> None:
    fn.body = rewrite(fn)


def rewrite(fn: ir.Function) -> list:
    body = fn.body
    reads = _reads(body)
    out: list = []
    i = 0
    while i < len(body):
        found = _match(body, i, reads)
        if found is None or not out or out[-1][0] not in COMPARISONS:
            out.append(body[i])
            i += 1
            continue
        right, op, used = found
        out += [*right, (op,)]
        dropped = body[i][1]
        reads[dropped] -= 1
        i += used
    fn.locals = [(name, ty) for name, ty in fn.locals if reads.get(name, 1) > 0 or _set_elsewhere(out, name)]
    return out


def _reads(body: list) -> dict[str, int]:
    reads: dict[str, int] = {}
    for instr in body:
        if instr[0] in ("local.get", "local.tee"):
            reads[instr[1]] = reads.get(instr[1], 0) + (instr[0] == "local.get")
    return reads


def _set_elsewhere(body: list, name: str) -> bool:
    return any(instr[0] in ("local.get", "local.set", "local.tee") and instr[1] == name for instr in body)


def _match(body: list, i: int, reads: dict[str, int]):
    """(right operand, operator, instructions replaced) for the pattern at body[i], or None."""
    if body[i][0] != "local.tee" or i + 2 >= len(body):
        return None
    t = body[i][1]
    opening = body[i + 1]
    if opening[0] != "if" or opening[2] != "i32" or reads.get(t) != 1:
        return None
    get = ("local.get", t)
    try:
        middle = body.index(("else",), i + 2)
        end = body.index(("end",), middle)
    except ValueError:
        return None
    first, second = body[i + 2:middle], body[middle + 1:end]
    if first == [get] and _pure(second):
        return second, "i32.or", end - i + 1
    if second == [get] and _pure(first):
        return first, "i32.and", end - i + 1
    return None


def _pure(code: list) -> bool:
    return 0 < len(code) <= MAX_RIGHT and code[-1][0] in COMPARISONS and all(c[0] in PURE for c in code)
