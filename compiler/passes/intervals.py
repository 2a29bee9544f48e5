"""Intervals of int64 values and what wasm instructions and the checked helpers do to them:
the domain of the range analysis (passes/ranges.py); not a pass.

A ``Value`` is an int64 known to lie in [lo, hi]. Interval arithmetic here is exact at the
bounds (Python ints), so a result that could leave int64 is seen as such (``fits``) rather than
wrapped. ``CHECKED`` gives, for each checked helper the lowering calls (``rt.add``, ...), the
interval of its result and the plain instructions that may replace the call (None: they may not).
"""
from __future__ import annotations

from typing import NamedTuple

from .effects import LOADS, STORES, UNARY

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


class Value(NamedTuple):
    """An int64 value known to lie in [lo, hi]; ``base`` + ``offset``: exactly that local plus a constant."""
    lo: int = INT64_MIN
    hi: int = INT64_MAX
    base: str | None = None
    offset: int = 0

    @property
    def const(self) -> int | None:
        return self.lo if self.lo == self.hi else None


TOP = Value()
_new = tuple.__new__  # Value's fields in order, without NamedTuple's keyword-default wrapper (hot)


def span(lo: int, hi: int) -> Value:
    return Value(lo, hi) if INT64_MIN <= lo <= hi <= INT64_MAX else TOP


def join(a: Value | None, b: Value) -> Value:
    return b if a is None else _new(Value, (min(a.lo, b.lo), max(a.hi, b.hi), None, 0))


def fits(lo: int, hi: int) -> bool:
    return INT64_MIN <= lo and hi <= INT64_MAX



LOADED = {"i64.load8_u": span(0, 255), "i64.load16_u": span(0, 65535), "i64.load32_u": span(0, (1 << 32) - 1),
          "i64.load8_s": span(-128, 127), "i64.load16_s": span(-32768, 32767),
          "i64.load32_s": span(-(1 << 31), (1 << 31) - 1)}
EXTENDED = {"i64.extend_i32_u": span(0, (1 << 32) - 1), "i64.extend_i32_s": span(-(1 << 31), (1 << 31) - 1),
            "i64.clz": span(0, 64), "i64.ctz": span(0, 64), "i64.popcnt": span(0, 64)}



def binary(op: str, a: Value, b: Value) -> Value:
    """The interval of a plain wasm binary instruction's result (i32 results: unknown)."""
    if not op.startswith("i64."):
        return TOP
    kind = op[4:]
    if kind in ("add", "sub", "mul"):
        return arithmetic(kind, a, b)[0]
    if kind == "and":
        if a.lo >= 0 or b.lo >= 0:
            return span(0, min(x.hi for x in (a, b) if x.lo >= 0))
    elif kind in ("or", "xor") and a.lo >= 0 and b.lo >= 0:
        return span(0, (1 << max(a.hi, b.hi).bit_length()) - 1)
    elif kind == "shr_u" and b.const is not None and 0 < b.const % 64:
        return span(a.lo >> (b.const % 64), a.hi >> (b.const % 64)) if a.lo >= 0 else \
            span(0, ((1 << 64) - 1) >> (b.const % 64))
    elif kind == "shr_s" and b.const is not None:
        return span(a.lo >> (b.const % 64), a.hi >> (b.const % 64))
    elif kind in ("div_u", "div_s") and a.lo >= 0 and b.lo > 0:
        return span(a.lo // b.hi, a.hi // b.lo)
    elif kind in ("rem_u", "rem_s") and a.lo >= 0 and b.lo > 0:
        return span(0, min(a.hi, b.hi - 1))
    return TOP


def arithmetic(kind: str, a: Value, b: Value) -> tuple[Value, bool]:
    """(interval of a op b, whether it surely stays in int64), tracking ``local + constant``."""
    if kind == "add":
        lo, hi = a.lo + b.lo, a.hi + b.hi
    elif kind == "sub":
        lo, hi = a.lo - b.hi, a.hi - b.lo
    else:
        corners = [x * y for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        lo, hi = min(corners), max(corners)
    if not fits(lo, hi):
        return TOP, False
    value = Value(lo, hi)
    if kind == "add" and a.base and b.const is not None:
        value = Value(lo, hi, a.base, a.offset + b.const)
    elif kind == "add" and b.base and a.const is not None:
        value = Value(lo, hi, b.base, b.offset + a.const)
    elif kind == "sub" and a.base and b.const is not None:
        value = Value(lo, hi, a.base, a.offset - b.const)
    return value, True


def _checked(kind: str):
    def transfer(a: Value, b: Value):
        value, safe = arithmetic(kind, a, b)
        return value, [(f"i64.{kind}",)] if safe else None
    return transfer


def _neg(a: Value):
    if a.lo > INT64_MIN:
        return span(-a.hi, -a.lo), [("i64.const", -1), ("i64.mul",)]
    return TOP, None


def _floordiv(a: Value, b: Value):
    if a.lo >= 0 and b.lo > 0:  # floor and truncation agree; the divisor is never 0
        return span(a.lo // b.hi, a.hi // b.lo), [("i64.div_s",)]
    return TOP, None


def _mod(a: Value, b: Value):
    if a.lo >= 0 and b.lo > 0:
        return span(0, min(a.hi, b.hi - 1)), [("i64.rem_s",)]
    if b.lo > 0:
        return span(0, b.hi - 1), None  # Python's % takes the divisor's sign
    return TOP, None


def _lshift(a: Value, n: Value):
    if n.lo >= 0 and n.hi <= 62:
        corners = [x << y for x in (a.lo, a.hi) for y in (n.lo, n.hi)]
        if fits(min(corners), max(corners)):
            return span(min(corners), max(corners)), [("i64.shl",)]
    return TOP, None


def _rshift(a: Value, n: Value):
    if n.lo >= 0 and n.hi <= 63:  # wasm takes the count mod 64, so only below 64 they agree
        corners = [x >> y for x in (a.lo, a.hi) for y in (n.lo, n.hi)]
        return span(min(corners), max(corners)), [("i64.shr_s",)]
    return TOP, None


def _abs(a: Value):
    if a.lo >= 0:
        return a, []
    if a.lo > INT64_MIN:
        high = max(abs(a.lo), abs(a.hi))
        return span(0 if a.hi >= 0 else min(abs(a.lo), abs(a.hi)), high), None
    return TOP, None


def _to_i32(v: Value):
    if v.lo >= -(1 << 31) and v.hi < (1 << 32):
        return TOP, [("i32.wrap_i64",)]
    return TOP, None


def as_signed(value: int) -> int:
    """A 64-bit pattern as the signed constant wasm encodes."""
    return value - (1 << 64) if value > INT64_MAX else value


def _ceil_div(p: int, q: int) -> int:
    return -((-p) // q)


# For x op c: the x for which the result stays in int64, as [lo, hi].
CONSTANT_CHECKS = {
    "rt.add": lambda c: (max(INT64_MIN, INT64_MIN - c), min(INT64_MAX, INT64_MAX - c)),
    "rt.sub": lambda c: (max(INT64_MIN, INT64_MIN + c), min(INT64_MAX, INT64_MAX + c)),
    "rt.mul": lambda c: (_ceil_div(INT64_MIN, c), INT64_MAX // c) if c > 0 else (_ceil_div(INT64_MAX, c), INT64_MIN // c),
}
ADDRESSES = span(0, (1 << 32) - 1)

CHECKED = {"rt.add": _checked("add"), "rt.sub": _checked("sub"), "rt.mul": _checked("mul"), "rt.neg": _neg,
           "rt.floordiv": _floordiv, "rt.mod": _mod, "rt.lshift": _lshift, "rt.rshift": _rshift,
           "rt.abs": _abs, "rt.to_i32": _to_i32,
           "rt.bytes_index": lambda b, i: (span(0, 255), None)}


# i64 comparisons: (holds for every a in one interval and b in the other, holds for none) as functions
# of the two intervals; the unsigned ones only for operands known not negative (then they agree).
COMPARISONS = {
    "i64.eq": lambda a, b: (a.const is not None and a.const == b.const, a.hi < b.lo or b.hi < a.lo),
    "i64.ne": lambda a, b: (a.hi < b.lo or b.hi < a.lo, a.const is not None and a.const == b.const),
    "i64.lt_s": lambda a, b: (a.hi < b.lo, a.lo >= b.hi),
    "i64.le_s": lambda a, b: (a.hi <= b.lo, a.lo > b.hi),
    "i64.gt_s": lambda a, b: (a.lo > b.hi, a.hi <= b.lo),
    "i64.ge_s": lambda a, b: (a.lo >= b.hi, a.hi < b.lo),
}
for _signed, _unsigned in (("lt_s", "lt_u"), ("le_s", "le_u"), ("gt_s", "gt_u"), ("ge_s", "ge_u")):
    COMPARISONS[f"i64.{_unsigned}"] = (lambda test: lambda a, b: test(a, b) if a.lo >= 0 and b.lo >= 0
                                       else (False, False))(COMPARISONS[f"i64.{_signed}"])


def compared(op: str, a: Value, b: Value) -> int | None:
    """1 or 0 when the i64 comparison ``op`` of a value in ``a`` with one in ``b`` always gives it."""
    always, never = COMPARISONS[op](a, b)
    return 1 if always else 0 if never else None


def widened(old: Value, new: Value) -> Value:
    """``new``, with each bound that moved past ``old``'s at int64's limit."""
    return Value(old.lo if new.lo >= old.lo else INT64_MIN, old.hi if new.hi <= old.hi else INT64_MAX)


# What an instruction does to the abstract stack (``stack_kind``): a small int each, for the hot loop.
(OPEN, CLOSE, LOCAL_GET, PUSH_TOP, CONST, CALL, POP2_TOP, CONVERT, SET, ENDS, POP, LOAD, STORE, BINARY,
 SELECT, POP3, NOTHING, COMPARE) = range(1, 19)
KINDS: dict[str, int] = {}
# i64 instructions whose result interval intervals.binary narrows; every other binary one gives TOP
_NARROWED = {f"i64.{k}" for k in ("add", "sub", "mul", "and", "or", "xor", "shr_u", "shr_s", "div_u",
                                  "div_s", "rem_u", "rem_s")}


def stack_kind(op: str) -> int:
    """``op``'s kind (memoised in KINDS)."""
    if op in ("block", "loop", "if"):
        kind = OPEN
    elif op in ("else", "end"):
        kind = CLOSE
    elif op == "call":
        kind = CALL
    elif op in COMPARISONS or op == "i64.eqz":
        kind = COMPARE
    elif op == "i64.const":
        kind = CONST
    elif op in ("i32.const", "f64.const", "global.get", "memory.size"):
        kind = PUSH_TOP
    elif op == "local.get":
        kind = LOCAL_GET
    elif op in ("local.set", "local.tee"):
        kind = SET
    elif op in ("global.set", "drop", "br_if"):
        kind = POP
    elif op == "select":
        kind = SELECT
    elif op in ("memory.copy", "memory.fill"):
        kind = POP3
    elif op in STORES:
        kind = STORE
    elif op in LOADS:
        kind = LOAD
    elif op in UNARY:
        kind = CONVERT
    elif op in ("br", "return", "unreachable"):
        kind = ENDS
    elif op == "nop":
        kind = NOTHING
    else:
        kind = BINARY if op in _NARROWED else POP2_TOP
    KINDS[op] = kind
    return kind
