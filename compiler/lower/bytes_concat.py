"""Lowering of bytes concatenation chains into one allocation.

Problem: ``a + b + c`` on bytes calls the runtime's two-operand concatenation once per ``+``,
so every intermediate result is a new object, and an operand ``v[i:j]`` or ``bytes([x, y])``
is another one. A chain such as ``value[:at] + entry + value[at + n:]`` made five objects for
the one it returns.

How: the operands are evaluated left to right as CPython evaluates them (a slice's object,
then its bounds; a ``bytes([...])`` display's items, then their range check, ValueError on
the first item outside range(256), before any later operand runs). A slice is kept as
(object, start, count) with Python's clamping of its bounds, a display as its item values.
Then the result is allocated once (``new_bytes`` of the summed lengths) and every part copied
or stored into it. An operand ``s.encode()`` is copied from the str itself, and
``str(n).encode()`` of an int has its digits written in place. Applies to a chain of at least
three operands, or of two when one of them is a slice, a display or an encode (else the
runtime's concatenation is as cheap).
"""
from __future__ import annotations

import ast as py_ast

from ..program import BYTES, INT, STR
from .values import BYTES_DATA, STRINGS

BYTE_LEN = 8  # where a bytes object's length (u32) is (compiler/runtime/strings.py BYTE_LEN)


def fused_concat(lw, node: py_ast.BinOp) -> bool:
    """Lower the bytes chain ``node`` in one allocation; False (nothing emitted) when not worth it."""
    parts = operands(node)
    shaped = [p for p in parts if as_slice(p) is not None or as_display(p) is not None
              or as_encoded(p) is not None]
    if len(parts) < 3 and not shaped:
        return False
    pieces = [evaluate(lw, part) for part in parts]
    for index, piece in enumerate(pieces):  # the summed length: each below 2**32, no overflow
        push_length(lw, piece)
        if index:
            lw.emit("i64.add")
    lw.call_runtime(f"{STRINGS}.new_bytes_unzeroed", BYTES)  # every byte is written below
    result = lw.stash("i32")
    lw.emit("local.get", result)
    lw.emit("i32.const", BYTES_DATA)
    lw.emit("i32.add")
    dst = lw.stash("i32")
    for index, piece in enumerate(pieces):
        write(lw, piece, dst, last=index == len(pieces) - 1)
    lw.emit("local.get", result)
    return True


def is_chain(node: py_ast.expr) -> bool:
    return (isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.Add) and plain(node)
            and not any(hasattr(node, a) for a in ("operator_method", "formatted_as", "in_place", "folded_float"))
            and plain(node.left) and plain(node.right))


def plain(node: py_ast.expr) -> bool:
    """A bytes value used as it is (no conversion on the way, not replaced by another node)."""
    return (getattr(node, "ty", None) == BYTES and getattr(node, "target_ty", BYTES) in (None, BYTES)
            and getattr(node, "replaced_by", None) is None)


def operands(node: py_ast.expr) -> list[py_ast.expr]:
    """The leaves of a ``+`` chain in evaluation order (left to right, nested either way)."""
    if node is not None and is_chain(node):
        return operands(node.left) + operands(node.right)
    return [node]


def as_slice(node: py_ast.expr) -> py_ast.Subscript | None:
    if (isinstance(node, py_ast.Subscript) and isinstance(node.slice, py_ast.Slice) and node.slice.step is None
            and plain(node.value)):
        return node
    return None


def as_encoded(node: py_ast.expr) -> py_ast.expr | None:
    """The str of ``s.encode()`` (constant arguments), else None: a str keeps its UTF-8 bytes at the
    place (and their count at the offset) a bytes object does, so they are copied from it as they are
    (compiler/runtime/str_utf8.py str_encode does the same)."""
    if (isinstance(node, py_ast.Call) and getattr(node, "call", None) == ("type-method", "encode")
            and isinstance(node.func, py_ast.Attribute) and getattr(node.func.value, "ty", None) == STR
            and getattr(node.func.value, "target_ty", STR) in (None, STR)
            and all(arg is None or isinstance(arg, py_ast.Constant) for arg in node.bound)):
        return node.func.value
    return None


def as_int_text(node: py_ast.expr) -> py_ast.expr | None:
    """The int of ``str(n)`` (n an int), else None."""
    if (isinstance(node, py_ast.Call) and getattr(node, "call", None) == ("builtin", "str")
            and getattr(node, "replaced_by", None) is None and len(node.bound) == 1
            and getattr(node.bound[0], "ty", None) == INT
            and getattr(node.bound[0], "target_ty", INT) in (None, INT)):
        return node.bound[0]
    return None


def as_display(node: py_ast.expr) -> list[py_ast.expr] | None:
    """The items of ``bytes([a, b, ...])`` (no starred item), else None."""
    if (isinstance(node, py_ast.Call) and getattr(node, "call", None) == ("builtin", "bytes")
            and len(node.bound) == 1 and isinstance(node.bound[0], py_ast.List)
            and not hasattr(node, "unpacking") and not hasattr(node, "type_value")
            and not any(isinstance(e, py_ast.Starred) for e in node.bound[0].elts)):
        return node.bound[0].elts
    return None


# A piece: ("object", obj) | ("span", obj, start, count) | ("items", [value locals])
# | ("int", negative, magnitude, length).
def evaluate(lw, part: py_ast.expr) -> tuple:
    sliced = as_slice(part)
    if sliced is not None:
        return evaluate_slice(lw, sliced)
    items = as_display(part)
    if items is not None:
        return evaluate_items(lw, items)
    text = as_encoded(part)
    number = None if text is None else as_int_text(text)
    if number is not None:
        lw.value(number)
        return evaluate_int(lw, lw.stash("i64"))
    lw.value(part if text is None else text)
    return ("object", lw.stash("i32"))


def evaluate_slice(lw, node: py_ast.Subscript) -> tuple:
    lw.value(node.value)
    obj = lw.stash("i32")
    bounds = []
    for bound in (node.slice.lower, node.slice.upper):
        if bound is None:
            bounds.append(None)
        else:
            lw.value(bound, INT)
            bounds.append(lw.stash("i64"))
    lw.emit("local.get", obj)
    lw.emit("i64.load32_u", BYTE_LEN)
    n = lw.stash("i64")
    start = clamped(lw, bounds[0], n, default_zero=True)
    stop = clamped(lw, bounds[1], n, default_zero=False)
    lw.emit("local.get", stop)  # count = max(stop - start, 0): both in [0, n]
    lw.emit("local.get", start)
    lw.emit("i64.sub")
    lw.emit("i64.const", 0)
    lw.emit("local.get", stop)
    lw.emit("local.get", start)
    lw.emit("i64.gt_s")
    lw.emit("select")
    count = lw.stash("i64")
    return ("span", obj, start, count)


def clamped(lw, bound: str | None, n: str, default_zero: bool) -> str:
    """A slice bound as CPython's PySlice_AdjustIndices leaves it for step 1: in [0, n]."""
    if bound is None:
        if default_zero:
            lw.emit("i64.const", 0)
        else:
            lw.emit("local.get", n)
        return lw.stash("i64")
    lw.emit("local.get", bound)
    lw.emit("i64.const", 0)
    lw.emit("i64.lt_s")
    lw.emit("if", lw.fresh("L"), None)  # from the end; n >= 0, so the sum cannot overflow
    lw.emit("local.get", bound)
    lw.emit("local.get", n)
    lw.emit("i64.add")
    lw.emit("local.tee", bound)
    lw.emit("i64.const", 0)
    lw.emit("i64.lt_s")
    lw.emit("if", lw.fresh("L"), None)
    lw.emit("i64.const", 0)
    lw.emit("local.set", bound)
    lw.emit("end")
    lw.emit("end")
    lw.emit("local.get", bound)
    lw.emit("local.get", n)
    lw.emit("i64.gt_s")
    lw.emit("if", lw.fresh("L"), None)
    lw.emit("local.get", n)
    lw.emit("local.set", bound)
    lw.emit("end")
    return bound


def evaluate_int(lw, value: str) -> tuple:
    """``str(n).encode()``: the decimal digits of ``n`` written into the result, never a str. Its
    magnitude as unsigned (0 - n wraps to 2**63 for the int64 minimum), and the digit count."""
    lw.emit("local.get", value)
    lw.emit("i64.const", 0)
    lw.emit("i64.lt_s")
    negative = lw.stash("i32")
    lw.emit("i64.const", 0)
    lw.emit("local.get", value)
    lw.emit("i64.sub")
    lw.emit("local.get", value)
    lw.emit("local.get", negative)
    lw.emit("select")
    magnitude = lw.stash("i64")
    lw.emit("local.get", magnitude)
    rest = lw.stash("i64")
    lw.emit("local.get", negative)
    lw.emit("i64.extend_i32_u")
    length = lw.stash("i64")  # the sign, then one per digit
    top = lw.fresh("L")
    lw.emit("loop", top, None)
    for instr in (("local.get", length), ("i64.const", 1), ("i64.add",), ("local.set", length),
                  ("local.get", rest), ("i64.const", 10), ("i64.div_u",), ("local.tee", rest),
                  ("i64.const", 0), ("i64.ne",), ("br_if", top)):
        lw.emit(*instr)
    lw.emit("end")
    return ("int", negative, magnitude, length)


def evaluate_items(lw, items: list[py_ast.expr]) -> tuple:
    """The items evaluated in order, then each checked (CPython builds the list, then bytes())."""
    values = []
    for item in items:
        lw.value(item, INT)
        values.append(lw.stash("i64"))
    for value in values:
        lw.emit("local.get", value)
        lw.emit("i64.const", 255)
        lw.emit("i64.gt_u")  # also a negative item
        lw.emit("if", lw.fresh("L"), None)
        lw.emit("call", "ValueError.byte")
        lw.emit("end")
    return ("items", values)


def push_length(lw, piece: tuple) -> None:
    if piece[0] == "object":
        lw.emit("local.get", piece[1])
        lw.emit("i64.load32_u", BYTE_LEN)
    elif piece[0] in ("span", "int"):
        lw.emit("local.get", piece[3])
    else:
        lw.emit("i64.const", len(piece[1]))


def write(lw, piece: tuple, dst: str, last: bool) -> None:
    """Copy or store ``piece`` at ``dst`` and move ``dst`` past it (not after the last one)."""
    if piece[0] == "items":
        for index, value in enumerate(piece[1]):
            lw.emit("local.get", dst)
            lw.emit("local.get", value)
            lw.emit("i64.store8", index)
        if not last:
            advance(lw, dst, [("i32.const", len(piece[1]))])
        return
    if piece[0] == "int":
        write_int(lw, piece, dst, last)
        return
    if piece[0] == "object":
        source = [("local.get", piece[1]), ("i32.const", BYTES_DATA), ("i32.add",)]
        length = [("local.get", piece[1]), ("i32.load", BYTE_LEN)]
    else:
        source = [("local.get", piece[1]), ("i32.const", BYTES_DATA), ("i32.add",),
                  ("local.get", piece[2]), ("i32.wrap_i64",), ("i32.add",)]
        length = [("local.get", piece[3]), ("i32.wrap_i64",)]
    lw.emit("local.get", dst)
    for instr in source + length:
        lw.emit(*instr)
    lw.emit("memory.copy")
    if not last:
        advance(lw, dst, length)


def write_int(lw, piece: tuple, dst: str, last: bool) -> None:
    """The digits from the last one back (each ``48 + rest % 10``), then "-" first if negative."""
    _, negative, magnitude, length = piece
    lw.emit("local.get", dst)
    lw.emit("local.get", length)
    lw.emit("i32.wrap_i64")
    lw.emit("i32.add")
    at = lw.stash("i32")
    lw.emit("local.get", at)
    end = lw.stash("i32")
    top = lw.fresh("L")
    lw.emit("loop", top, None)
    for instr in (("local.get", at), ("i32.const", 1), ("i32.sub",), ("local.tee", at),
                  ("local.get", magnitude), ("i64.const", 10), ("i64.rem_u",), ("i64.const", 48), ("i64.add",),
                  ("i64.store8", 0),
                  ("local.get", magnitude), ("i64.const", 10), ("i64.div_u",), ("local.tee", magnitude),
                  ("i64.const", 0), ("i64.ne",), ("br_if", top)):
        lw.emit(*instr)
    lw.emit("end")
    lw.emit("local.get", negative)
    lw.emit("if", lw.fresh("L"), None)
    lw.emit("local.get", dst)
    lw.emit("i64.const", 45)  # "-"
    lw.emit("i64.store8", 0)
    lw.emit("end")
    if not last:
        lw.emit("local.get", end)
        lw.emit("local.set", dst)


def advance(lw, dst: str, length: list[tuple]) -> None:
    lw.emit("local.get", dst)
    for instr in length:
        lw.emit(*instr)
    lw.emit("i32.add")
    lw.emit("local.set", dst)
