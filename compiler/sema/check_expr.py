"""Type checking of expressions (the statement checker builds on it).

Each ``check_<Node>`` method sets ``node.ty`` and, for names and callees,
``node.sym``; a construct outside the subset raises ``Bail`` with a located
diagnostic, which the statement checker records before moving on.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import (BOOL, BYTES, INT, NONE, Builtin, FuncSym, GlobalSym, Local,
                       SourceModule, Type)
from .builtins import INTRINSICS, NUMERIC_TYPES, PYTHON_BUILTINS, TRUTHY_TYPES
from .declare import INT64_MAX, INT64_MIN
from .unsupported import describe

ARITHMETIC = (py_ast.Add, py_ast.Sub, py_ast.Mult, py_ast.FloorDiv, py_ast.Mod, py_ast.Pow,
              py_ast.LShift, py_ast.RShift)
BITWISE = (py_ast.BitAnd, py_ast.BitOr, py_ast.BitXor)
ORDERING = (py_ast.Lt, py_ast.LtE, py_ast.Gt, py_ast.GtE, py_ast.Eq, py_ast.NotEq)


class Bail(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


class ExprChecker:
    def __init__(self, fn: FuncSym):
        self.fn = fn
        self.module: SourceModule = fn.module
        self.assigned: set[str] | None = set()  # definitely assigned locals; None = unreachable
        self.local_names: set[str] = set()
        self.global_names: set[str] = set()

    # -- helpers ---------------------------------------------------------
    def fail(self, py_node: py_ast.AST, message: str, help: str = "") -> Bail:
        return Bail(Diagnostic(self.module.loc(py_node), message, help))

    def unsupported(self, py_node: py_ast.AST) -> Bail:
        return self.fail(py_node, *describe(py_node))

    def expect(self, py_node: py_ast.expr, *allowed: Type, what: str = "this value") -> Type:
        ty = self.check(py_node)
        if ty not in allowed:
            names = " or ".join(t.name for t in allowed)
            raise self.fail(py_node, f"{what} must be {names}, not {ty}", _conversion_help(ty, allowed))
        return ty

    def truthy(self, py_node: py_ast.expr) -> Type:
        return self.expect(py_node, *TRUTHY_TYPES, what="a condition")

    def check(self, py_node: py_ast.expr) -> Type:
        handler = getattr(self, f"check_{type(py_node).__name__}", None)
        if handler is None:
            raise self.unsupported(py_node)
        ty = handler(py_node)
        py_node.ty = ty
        return ty

    # -- leaves ----------------------------------------------------------
    def check_Constant(self, node: py_ast.Constant) -> Type:
        value = node.value
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int):
            if not INT64_MIN <= value <= INT64_MAX:
                raise self.fail(node, "integer constant does not fit in a 64-bit int", "int is 64-bit in compiled filters")
            return INT
        if isinstance(value, bytes):
            return BYTES
        if value is None:
            return NONE
        raise self.unsupported(node)

    def check_Name(self, node: py_ast.Name) -> Type:
        name = node.id
        if name in self.local_names and name not in self.global_names:
            if self.assigned is not None and name not in self.assigned:
                raise self.fail(node, f"local variable '{name}' may be used before it is assigned",
                                "assign it on every path before this line")
            node.sym = Local(name)
            return self.fn.locals[name]
        sym = self.module.namespace.get(name)
        if isinstance(sym, GlobalSym):
            node.sym = sym
            return sym.ty
        if isinstance(sym, (FuncSym, Builtin)) or name in PYTHON_BUILTINS or name in ("int", "bool", "bytes"):
            raise self.fail(node, f"'{name}' is not a value here", "functions and types can only be called")
        raise self.fail(node, f"name '{name}' is not defined", "define it, or import it with 'from module import name'")

    # -- operators -------------------------------------------------------
    def check_BinOp(self, node: py_ast.BinOp) -> Type:
        if isinstance(node.op, py_ast.Div):
            raise self.fail(node, "'/' gives a float, which this version does not support", "use '//' for floor division")
        if not isinstance(node.op, ARITHMETIC + BITWISE):
            raise self.fail(node, "this operator is not supported", "use + - * // % ** << >> & | ^")
        left = self.expect(node.left, *NUMERIC_TYPES, what="an operand")
        right = self.expect(node.right, *NUMERIC_TYPES, what="an operand")
        if isinstance(node.op, BITWISE) and left is BOOL and right is BOOL:
            return BOOL
        return INT

    def check_UnaryOp(self, node: py_ast.UnaryOp) -> Type:
        if is_int64_min_literal(node):
            return INT
        if isinstance(node.op, py_ast.Not):
            self.truthy(node.operand)
            return BOOL
        self.expect(node.operand, *NUMERIC_TYPES, what="the operand")
        return INT

    def check_BoolOp(self, node: py_ast.BoolOp) -> Type:
        types = {self.truthy(value) for value in node.values}
        if len(types) != 1:
            raise self.fail(node, "'and'/'or' operands must have the same type (the result is one of them)",
                            "compare explicitly, e.g. 'x != 0 and flag'")
        return types.pop()

    def check_Compare(self, node: py_ast.Compare) -> Type:
        for op in node.ops:
            if not isinstance(op, ORDERING):
                raise self.fail(node, "only < <= > >= == != comparisons of numbers are supported in this version",
                                "compare int or bool values")
        for operand in [node.left, *node.comparators]:
            self.expect(operand, *NUMERIC_TYPES, what="a compared value")
        return BOOL

    def check_IfExp(self, node: py_ast.IfExp) -> Type:
        self.truthy(node.test)
        body, orelse = self.check(node.body), self.check(node.orelse)
        if body is not orelse:
            raise self.fail(node, f"both branches must have the same type, not {body} and {orelse}")
        return body

    def check_Subscript(self, node: py_ast.Subscript) -> Type:
        if isinstance(node.slice, py_ast.Slice):
            raise self.unsupported(node.slice)
        self.expect(node.value, BYTES, what="the indexed value")
        self.expect(node.slice, INT, BOOL, what="an index")
        return INT

    # -- calls -----------------------------------------------------------
    def check_Call(self, node: py_ast.Call) -> Type:
        if node.keywords:
            raise self.fail(node, "keyword arguments are not supported in this version", "pass arguments by position")
        if not isinstance(node.func, py_ast.Name):
            raise self.unsupported(node.func)
        name = node.func.id
        sym = None if name in self.local_names else self.module.namespace.get(name)
        node.func.sym = sym
        if isinstance(sym, FuncSym):
            return self.call_function(node, sym)
        if isinstance(sym, Builtin) and sym.name in INTRINSICS:
            params, result = INTRINSICS[sym.name]
            self.check_arguments(node, params, sym.name.rsplit(".", 1)[1])
            return result
        if name in self.local_names and name not in self.global_names:
            raise self.fail(node.func, f"'{name}' is a local variable, not a function",
                            "rename the variable; it hides the function of the same name")
        if sym is None and name in PYTHON_BUILTINS:
            node.func.sym = Builtin(name)
            return self.call_builtin(node, name)
        if isinstance(sym, GlobalSym) or name in self.local_names:
            raise self.fail(node.func, f"'{name}' is not callable")
        if sym is None:
            raise self.fail(node.func, f"name '{name}' is not defined", "define it, or import it with 'from module import name'")
        raise self.fail(node.func, f"'{name}' cannot be called here")

    def call_function(self, node: py_ast.Call, fn: FuncSym) -> Type:
        self.check_arguments(node, tuple(p.ty for p in fn.params), fn.node.name)
        return fn.result

    def check_arguments(self, node: py_ast.Call, params: tuple[Type, ...], name: str) -> None:
        if len(node.args) != len(params):
            raise self.fail(node, f"{name}() takes {len(params)} argument(s), {len(node.args)} given")
        for arg, ty in zip(node.args, params):
            self.expect(arg, ty, what=f"an argument of {name}()")

    def call_builtin(self, node: py_ast.Call, name: str) -> Type:
        args = node.args
        if name == "range":
            raise self.fail(node, "range() can only be used as the iterable of a for loop", "write 'for i in range(...):'")
        if name in ("min", "max"):
            if len(args) < 2:
                raise self.fail(node, f"{name}() of one iterable is not supported in this version", f"write {name}(a, b)")
            for arg in args:
                self.expect(arg, INT, what=f"an argument of {name}()")
            return INT
        if len(args) != 1:
            raise self.fail(node, f"{name}() takes exactly one argument in this version")
        if name == "len":
            self.expect(args[0], BYTES, what="the argument of len()")
            return INT
        if name == "bool":
            self.truthy(args[0])
            return BOOL
        self.expect(args[0], *NUMERIC_TYPES, what=f"the argument of {name}()")
        return INT  # int(x) and abs(x)


def is_int64_min_literal(node: py_ast.AST) -> bool:
    """``-9223372036854775808``: the literal 2**63 is only valid under a minus."""
    return (isinstance(node, py_ast.UnaryOp) and isinstance(node.op, py_ast.USub)
            and isinstance(node.operand, py_ast.Constant) and type(node.operand.value) is int
            and node.operand.value == -INT64_MIN)


def _conversion_help(ty: Type, allowed: tuple[Type, ...]) -> str:
    if ty is BOOL and INT in allowed:
        return "convert explicitly with int(...)"
    if ty is INT and BOOL in allowed:
        return "compare explicitly, e.g. 'x != 0'"
    return ""
