"""The int64-checked CPython oracle shared by the property tests.

The oracle is CPython itself, running the same source with one change: every
operation whose result can leave int64 (+ - * // ** << unary - abs, and
``int()`` of text) is wrapped so that it raises OverflowError the moment its
result does not fit, which is exactly where the compiled module traps. (Plain
CPython would carry on with a big int and might even come back into range,
e.g. ``(a + b) - b``.) An augmented assignment keeps CPython's own meaning
otherwise: ``xs += ys`` still extends the list every alias of ``xs`` sees.
"""
from __future__ import annotations

import ast
import copy
import operator

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


_CHECKED_INPLACE = {"Add": operator.iadd, "Sub": operator.isub, "Mult": operator.imul,
                    "FloorDiv": operator.ifloordiv}
_INPLACE = {"Mod": operator.imod, "RShift": operator.irshift, "BitAnd": operator.iand,
            "BitOr": operator.ior, "BitXor": operator.ixor, "Div": operator.itruediv}


def _aug(op: str, target, value):
    """CPython's ``target op= value`` (in place for a list), raising where int64 would overflow."""
    if op == "Pow":
        return _pow(target, value)
    if op == "LShift":
        return _lshift(target, value)
    if op in _CHECKED_INPLACE:
        return _chk(_CHECKED_INPLACE[op](target, value))
    return _INPLACE[op](target, value)


ORACLE_NAMES = {"_chk": _chk, "_pow": _pow, "_lshift": _lshift, "_aug": _aug}


class Checked(ast.NodeTransformer):
    """Wrap every operation that can leave int64 (see module docstring)."""

    temporaries = 0

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

    def visit_AugAssign(self, node: ast.AugAssign) -> list[ast.stmt]:
        """``t op= v`` -> ``t = _aug(op, t, v)``: in place where CPython's is (list ``+=``), checked
        where the result can leave int64. A field or item target's object and key are evaluated once,
        into temporaries, as CPython does."""
        self.generic_visit(node)
        setup: list[ast.stmt] = []
        target = node.target
        if isinstance(target, ast.Attribute):
            owner = self.temporary(target.value, setup)
            target = ast.Attribute(owner, target.attr, ast.Load())
        elif isinstance(target, ast.Subscript):
            owner, key = self.temporary(target.value, setup), self.temporary(target.slice, setup)
            target = ast.Subscript(owner, key, ast.Load())
        else:
            target = ast.Name(target.id, ast.Load())
        value = self.call("_aug", ast.Constant(type(node.op).__name__), target, node.value)
        store = copy.copy(target)
        store.ctx = ast.Store()
        return [*setup, ast.Assign([store], value)]

    def temporary(self, value: ast.expr, setup: list[ast.stmt]) -> ast.Name:
        self.temporaries += 1
        name = f"_oracle_tmp{self.temporaries}"
        setup.append(ast.Assign([ast.Name(name, ast.Store())], value))
        return ast.Name(name, ast.Load())


def loader(source: str, checked: bool):
    """A function that runs the program into a fresh namespace on every call (parsed and compiled once)."""
    tree = ast.parse(source)
    if checked:
        tree = ast.fix_missing_locations(Checked().visit(tree))
    code = compile(tree, "<generated>", "exec")

    def fresh() -> dict:
        namespace: dict = dict(ORACLE_NAMES) if checked else {}
        exec(code, namespace)
        return namespace
    return fresh


def load(source: str, checked: bool) -> dict:
    return loader(source, checked)()
