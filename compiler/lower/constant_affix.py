"""Lowering of ``s.startswith(C)`` / ``s.endswith(C)`` with a constant C of at most 16 bytes.

Problem: the runtime's startswith is a call that compares byte runs in a loop (about 100
instructions for a 12-byte prefix), the common case being a constant prefix.
How: C's bytes are known here, so the test is inline: the length of ``s`` at least C's, then C
compared 8, 4, 2 and 1 bytes at a time with loads at the start (or the end) of ``s``'s data and
constants, all of them and-ed (each load is inside ``s`` once the length test passed). str and
bytes keep their length and UTF-8 data at the same offsets, and a str starts with another
exactly when its UTF-8 bytes do, so both take this path.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BYTES, STR, GlobalSym

MAX_AFFIX = 16
TEXT_LEN, TEXT_DATA = 8, 16  # a str's or bytes' byte length (u32) and data (compiler/runtime/strings.py)
LOADS = {8: "i64.load", 4: "i64.load32_u", 2: "i64.load16_u", 1: "i64.load8_u"}


def constant_affix(node: py_ast.expr) -> bytes | None:
    """The bytes of a str or bytes literal (or a name bound to a constant one), 1 to 16 of them."""
    value = node.value if isinstance(node, py_ast.Constant) else None
    sym = getattr(node, "sym", None)
    if isinstance(node, py_ast.Name) and isinstance(sym, GlobalSym) and sym.is_constant:
        value = sym.value
    if getattr(node, "ty", None) == STR and type(value) is str:
        value = value.encode()
    elif getattr(node, "ty", None) != BYTES or type(value) is not bytes:
        return None
    return value if 0 < len(value) <= MAX_AFFIX else None


def affix_test(lw, affix: bytes, at_end: bool) -> None:
    """The text (an i64 slot) on the stack -> whether it starts (ends) with ``affix`` (i32)."""
    lw.emit("i32.wrap_i64")
    text = lw.stash("i32")
    lw.emit("local.get", text)
    lw.emit("i32.load", TEXT_LEN)
    lw.emit("i32.const", len(affix))
    lw.emit("i32.ge_u")
    lw.emit("if", lw.fresh("L"), "i32")
    lw.emit("local.get", text)
    if at_end:  # the data's last len(affix) bytes
        lw.emit("local.get", text)
        lw.emit("i32.load", TEXT_LEN)
        lw.emit("i32.add")
        lw.emit("i32.const", len(affix))
        lw.emit("i32.sub")
    start = lw.stash("i32")
    done = 0
    for width in (8, 4, 2, 1):
        while len(affix) - done >= width:
            lw.emit("local.get", start)
            lw.emit(LOADS[width], TEXT_DATA + done)
            lw.emit("i64.const", int.from_bytes(affix[done:done + width], "little", signed=width == 8))
            lw.emit("i64.eq")
            if done:
                lw.emit("i32.and")
            done += width
    lw.emit("else")
    lw.emit("i32.const", 0)
    lw.emit("end")
