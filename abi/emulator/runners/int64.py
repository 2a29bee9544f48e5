"""The CPython runner's int64 checks: a filter's own modules raise OverflowError where the
compiled module raises it.

A compiled int is 64 bits and an operation whose result would leave int64 raises
OverflowError ("int too large for a 64-bit int", the same message). Plain CPython would carry on with a big int (``h = h * 31 + ord(c)`` over a
long header), so the debugging runner would answer where Envoy's module traps. The runner
therefore compiles the filter's source with one change: every operation whose result can
leave int64 (+ - * // ** << unary -, ``abs()`` and ``int()``) is wrapped so that it raises
OverflowError the moment its result does not fit. An augmented assignment keeps CPython's
own meaning otherwise: ``xs += ys`` still extends the list every alias of ``xs`` sees.
The same transform is the oracle of the compiler's property tests (tests/compiler).
"""
from __future__ import annotations

import ast
import copy
import operator

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


class NegativePowerError(ArithmeticError):
    """What the compiled module traps with for ``x ** negative``."""


def check(value):
    if isinstance(value, int) and not isinstance(value, bool) and not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError("int too large for a 64-bit int")
    return value


def power(base, exponent):
    if isinstance(base, float) or isinstance(exponent, float):
        return base ** exponent
    if exponent < 0:
        if base == 0:
            raise ZeroDivisionError("0.0 cannot be raised to a negative power")
        raise NegativePowerError  # CPython would give a float
    if abs(base) >= 2 and exponent >= 64:
        raise OverflowError("int too large for a 64-bit int")
    return check(base ** exponent)


def left_shift(value, count):
    if count < 0:
        raise ValueError("negative shift count")
    if value != 0 and count >= 64:
        raise OverflowError("int too large for a 64-bit int")
    return check(value << count)


_CHECKED_INPLACE = {"Add": operator.iadd, "Sub": operator.isub, "Mult": operator.imul,
                    "FloorDiv": operator.ifloordiv}
_INPLACE = {"Mod": operator.imod, "RShift": operator.irshift, "BitAnd": operator.iand,
            "BitOr": operator.ior, "BitXor": operator.ixor, "Div": operator.itruediv,
            "MatMult": operator.imatmul}


def augmented(op: str, target, value):
    """CPython's ``target op= value`` (in place for a list), raising where int64 would overflow."""
    if op == "Pow":
        return power(target, value)
    if op == "LShift":
        return left_shift(target, value)
    if op in _CHECKED_INPLACE:
        return check(_CHECKED_INPLACE[op](target, value))
    return _INPLACE[op](target, value)


# The names the transformed code calls, put in the module's globals. Dunder names: a
# ``__name`` without the trailing ``__`` would be mangled inside a class body.
NAMES = {"__int64_check__": check, "__int64_power__": power, "__int64_left_shift__": left_shift,
         "__int64_augmented__": augmented}


class Checked(ast.NodeTransformer):
    """Wrap every operation that can leave int64 (see module docstring), and every expression the
    compiled code checks as an Any meeting a declared type (``checks``, runners/any_checks.py)."""

    temporaries = 0

    def __init__(self, checks: dict | None = None):
        self.checks = checks or {}

    def visit(self, node: ast.AST):
        result = super().visit(node)
        if self.checks and isinstance(node, ast.expr):
            from .any_checks import wrap
            return wrap(result, node, self.checks)
        return result

    @staticmethod
    def call(name: str, *args: ast.expr) -> ast.Call:
        return ast.Call(ast.Name(name, ast.Load()), list(args), [])

    def visit_BinOp(self, node: ast.BinOp) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.op, ast.Pow):
            return self.call("__int64_power__", node.left, node.right)
        if isinstance(node.op, ast.LShift):
            return self.call("__int64_left_shift__", node.left, node.right)
        if isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv)):
            return self.call("__int64_check__", node)
        return node  # % >> & | ^ cannot leave int64

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.expr:
        self.generic_visit(node)
        return self.call("__int64_check__", node) if isinstance(node.op, ast.USub) else node

    def visit_Call(self, node: ast.Call) -> ast.expr:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in ("abs", "int"):  # int("99999999999999999999")
            return self.call("__int64_check__", node)
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> list[ast.stmt]:
        """``t op= v`` -> ``t = __int64_augmented__(op, t, v)``: in place where CPython's is (list
        ``+=``), checked where the result can leave int64. A field or item target's object and key
        are evaluated once, into temporaries, as CPython does."""
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
        value = self.call("__int64_augmented__", ast.Constant(type(node.op).__name__), target, node.value)
        store = copy.copy(target)
        store.ctx = ast.Store()
        return [ast.copy_location(s, node) for s in [*setup, ast.Assign([store], value)]]

    def temporary(self, value: ast.expr, setup: list[ast.stmt]) -> ast.Name:
        self.temporaries += 1
        name = f"__int64_temporary{self.temporaries}__"
        setup.append(ast.Assign([ast.Name(name, ast.Store())], value))
        return ast.Name(name, ast.Load())


def checked_code(source: str | bytes, filename: str, checks: dict | None = None):
    """The code object of ``source`` with the int64 checks and the Any checks ``checks`` (of this
    file, by node; see runners/any_checks.py), line numbers unchanged."""
    tree = ast.parse(source, filename)
    tree = ast.fix_missing_locations(Checked(checks).visit(tree))
    return compile(tree, filename, "exec", dont_inherit=True)
