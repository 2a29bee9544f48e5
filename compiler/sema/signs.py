"""Sign facts the checker needs for ``int ** int``.

CPython's ``a ** b`` is an int for ``b >= 0`` and a float for ``b < 0``, so the
type of the result depends on the sign of the exponent. An exponent proved
non-negative here gives an int; a negative constant gives CPython's float (folded
at compile time when the base is constant too); anything else is a compile error
that says how to write it, never a trap where CPython returns a float.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, SourceModule
from .constants import ConstantError, fold

NON_NEGATIVE_CALLS = ("len", "abs", "ord")


def constant_int(module: SourceModule, node: py_ast.expr) -> int | None:
    try:
        value, _ = fold(module, node)
    except (ConstantError, ArithmeticError, ValueError, TypeError):
        return None
    return value if type(value) in (int, bool) else None


def is_non_negative(module: SourceModule, node: py_ast.expr) -> bool:
    """True when every value ``node`` can have is >= 0 (or evaluating it raises)."""
    value = constant_int(module, node)
    if value is not None:
        return value >= 0
    if getattr(node, "ty", None) == BOOL:
        return True
    if isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id in NON_NEGATIVE_CALLS:
        return getattr(node, "call", None) == ("builtin", node.func.id)
    if isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id == "max" \
            and getattr(node, "call", None) == ("builtin", "max") and len(node.args) > 1:
        return any(is_non_negative(module, arg) for arg in node.args)
    if isinstance(node, py_ast.IfExp):
        return is_non_negative(module, node.body) and is_non_negative(module, node.orelse)
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.Mod):
        divisor = constant_int(module, node.right)
        return divisor is not None and divisor > 0  # Python's % takes the divisor's sign
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.BitAnd):
        return is_non_negative(module, node.left) or is_non_negative(module, node.right)
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, (py_ast.Add, py_ast.Mult, py_ast.FloorDiv,
                                                                py_ast.BitOr, py_ast.RShift)):
        return is_non_negative(module, node.left) and is_non_negative(module, node.right)
    return False


POWER_HELP = ("CPython's int ** int is a float when the exponent is negative: use an exponent known to be "
              ">= 0 (a constant, len(...), abs(e), e % n), or write 1 / x ** k for a negative power")


def folded_power(module: SourceModule, node: py_ast.BinOp) -> float | None:
    """``constant ** negative constant``: CPython's own float, or None if it raises (0 ** -1)."""
    base, exponent = constant_int(module, node.left), constant_int(module, node.right)
    if base is None or exponent is None:
        return None
    try:
        return float(base ** exponent)
    except ZeroDivisionError:
        return None
