"""zip(..., strict=True) in an indexed loop (sema/zip_strict.py builds the errors): before
the usual end test, argument 1 at its end checks that every other one is too ("longer"),
and each other argument at its end while argument 1 is not raises "shorter"."""
from __future__ import annotations

from ..program import STR, DequeType


def strict_exhausted(lw, sources, index: str, exit_label: str, errors) -> None:
    first, others = sources[0], sources[1:]
    _past_end(lw, first, index)
    lw.emit("if", lw.fresh("L"), None)
    for source, error in zip(others, errors["longer"]):  # each pulled once more, in order
        _past_end(lw, source, index)
        lw.emit("i32.eqz")
        _raise_if(lw, error)
    lw.emit("br", exit_label)
    lw.emit("end")
    for source, error in zip(others, errors["shorter"]):
        _past_end(lw, source, index)
        _raise_if(lw, error)


def _past_end(lw, source, index: str) -> None:
    """Push whether ``index`` is at or past the sequence's current length (a deque: its guard first)."""
    tmp, ty, _ = source
    if isinstance(ty, DequeType):
        lw.deque_guard(tmp)
    lw.emit("local.get", index)
    lw.emit("local.get", tmp)
    lw.emit("i64.load32_u", 12 if ty == STR else 8)
    lw.emit("i64.ge_s")


def _raise_if(lw, error) -> None:
    lw.emit("if", lw.fresh("L"), None)
    lw.value(error)
    lw.emit("i32.const", lw.layout.str_constant(lw.site(error)))
    lw.emit("call", "rt.throw")
    lw.emit("unreachable")
    lw.emit("end")
