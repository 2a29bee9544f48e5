"""The int64-checked CPython oracle shared by the property tests.

The oracle is CPython itself, running the same source with one change: every
operation whose result can leave int64 (+ - * // ** << unary - abs, and
``int()`` of text) is wrapped so that it raises OverflowError the moment its
result does not fit, which is exactly where the compiled module traps. (Plain
CPython would carry on with a big int and might even come back into range,
e.g. ``(a + b) - b``.)
"""
from __future__ import annotations

import ast

from differential import INT64_MAX, INT64_MIN

class NegativePowerError(ArithmeticError):
    """What the compiled module traps with for ``x ** negative``."""


def _chk(value):
    if isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError("result does not fit in int64")
    return value


def _pow(base, exponent):
    if exponent < 0:
        if base == 0:
            raise ZeroDivisionError("0.0 cannot be raised to a negative power")
        raise NegativePowerError  # CPython would give a float
    if abs(base) >= 2 and exponent >= 64:
        raise OverflowError("result does not fit in int64")  # without building the big int
    return _chk(base ** exponent)


def _lshift(value, count):
    if count < 0:
        raise ValueError("negative shift count")
    if value != 0 and count >= 64:
        raise OverflowError("result does not fit in int64")  # without building the big int
    return _chk(value << count)


ORACLE_NAMES = {"_chk": _chk, "_pow": _pow, "_lshift": _lshift}


class Checked(ast.NodeTransformer):
    """Wrap every operation that can leave int64 (see module docstring)."""

    @staticmethod
    def call(name: str, *args: ast.expr) -> ast.Call:
        return ast.Call(ast.Name(name, ast.Load()), list(args), [])

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            return self.call("_pow", node.left, node.right)
        if isinstance(node.op, ast.LShift):
            return self.call("_lshift", node.left, node.right)
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv)):
            return self.call("_chk", node)
        return node  # % >> & | ^ cannot leave int64

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        self.generic_visit(node)
        return self.call("_chk", node) if isinstance(node.op, ast.USub) else node

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in ("abs", "int"):  # int("99999999999999999999")
            return self.call("_chk", node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.stmt:
        read = ast.Name(node.target.id, ast.Load())
        value = self.visit_BinOp(ast.BinOp(read, node.op, node.value))
        return ast.Assign([ast.Name(node.target.id, ast.Store())], value)


def load(source: str, checked: bool) -> dict:
    tree = ast.parse(source)
    if checked:
        tree = ast.fix_missing_locations(Checked().visit(tree))
    namespace: dict = dict(ORACLE_NAMES) if checked else {}
    exec(compile(tree, "<generated>", "exec"), namespace)
    return namespace
