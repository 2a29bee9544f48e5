"""Compile-time evaluation of constant expressions (module constants, defaults).

Uses CPython's own operators on the constant values, then checks that the
result is representable (int64, or a float/str/bytes/bool/None).
"""
from __future__ import annotations

import ast as py_ast
import operator

from ..program import BOOL, BYTES, FLOAT, INT, NONE, STR, GlobalSym, SourceModule, Type

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
_BINARY = {py_ast.Add: operator.add, py_ast.Sub: operator.sub, py_ast.Mult: operator.mul,
           py_ast.FloorDiv: operator.floordiv, py_ast.Mod: operator.mod, py_ast.Pow: operator.pow,
           py_ast.LShift: operator.lshift, py_ast.RShift: operator.rshift, py_ast.Div: operator.truediv,
           py_ast.BitAnd: operator.and_, py_ast.BitOr: operator.or_, py_ast.BitXor: operator.xor}
_UNARY = {py_ast.USub: operator.neg, py_ast.UAdd: operator.pos, py_ast.Invert: operator.invert,
          py_ast.Not: operator.not_}
INT64_HELP = "ints are 64-bit in compiled filters (-2**63 to 2**63-1): keep larger numbers as str"


class ConstantError(Exception):
    """``hard``: the expression is constant but invalid; otherwise it is just not constant."""

    def __init__(self, node: py_ast.AST, message: str = "", help: str = "", hard: bool = False):
        self.node, self.message, self.help, self.hard = node, message, help, hard


def type_of(value: object) -> Type:
    for kind, ty in ((bool, BOOL), (int, INT), (float, FLOAT), (str, STR), (bytes, BYTES), (type(None), NONE)):
        if isinstance(value, kind):
            return ty
    raise TypeError(value)


def fold(module: SourceModule, py_node: py_ast.expr, active: frozenset[str] = frozenset()) -> tuple[object, Type]:
    value = _value(module, py_node, active)
    if type(value) not in (bool, int, float, str, bytes, type(None)):
        raise ConstantError(py_node)
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
        raise ConstantError(py_node, "value does not fit in a 64-bit int", INT64_HELP, hard=True)
    return value, type_of(value)


def _value(module: SourceModule, py_node: py_ast.expr, active: frozenset[str]) -> object:
    if isinstance(py_node, py_ast.Constant) and py_node.value is not Ellipsis:
        return py_node.value
    if isinstance(py_node, py_ast.Name):
        return _global_value(module, py_node, active)
    if isinstance(py_node, py_ast.UnaryOp) and type(py_node.op) in _UNARY:
        if isinstance(py_node.op, py_ast.USub) and isinstance(py_node.operand, py_ast.Constant) \
                and type(py_node.operand.value) is int and py_node.operand.value == -INT64_MIN:
            return INT64_MIN
        operand = fold(module, py_node.operand, active)[0]
        return _apply(py_node, _UNARY[type(py_node.op)], operand)
    if isinstance(py_node, py_ast.BinOp) and type(py_node.op) in _BINARY:
        left = fold(module, py_node.left, active)[0]
        right = fold(module, py_node.right, active)[0]
        if type(left) in (str, bytes) or type(right) in (str, bytes):
            if not (isinstance(py_node.op, py_ast.Add) and type(left) is type(right)):
                raise ConstantError(py_node)
        _refuse_huge(py_node, left, right)
        return _apply(py_node, _BINARY[type(py_node.op)], left, right)
    raise ConstantError(py_node)


def _global_value(module: SourceModule, py_node: py_ast.Name, active: frozenset[str]) -> object:
    g = module.namespace.get(py_node.id)
    if not isinstance(g, GlobalSym) or g.qualname in active or g.runtime_init is not None:
        raise ConstantError(py_node)
    if g.ty is None:
        g.value, g.ty = fold(g.module, g.node.value, active | {g.qualname})
    return g.value


def _apply(py_node: py_ast.AST, op, *args: object) -> object:
    if any(type(a) is float for a in args) and op in (operator.floordiv, operator.mod, operator.pow):
        raise ConstantError(py_node)  # leave float edge cases to the runtime
    try:
        return op(*args)
    except (ArithmeticError, ValueError) as err:
        raise ConstantError(py_node, f"constant expression raises {type(err).__name__}: {err}", hard=True) from None
    except TypeError:
        raise ConstantError(py_node) from None


def _refuse_huge(py_node: py_ast.BinOp, left: object, right: object) -> None:
    """Stop before CPython would build a gigantic int (the result could not fit anyway)."""
    if type(left) is not int or type(right) is not int:
        return
    if (isinstance(py_node.op, py_ast.LShift) and left != 0 and right > 64) or \
            (isinstance(py_node.op, py_ast.Pow) and abs(left) > 1 and right > 64):
        raise ConstantError(py_node, "value does not fit in a 64-bit int", INT64_HELP, hard=True)
