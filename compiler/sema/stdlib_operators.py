"""``+``, ``-``, ``*``, ``/``, ``//`` and unary ``-`` on objects of the compiler's stdlib classes
(datetime's ``dt + timedelta``, ``dt - dt``): a call of the class's method, chosen here by the
operands' static types.

CPython's ``datetime.__sub__`` looks at its operand's runtime type and returns a timedelta or a
datetime; a typed method cannot. So a stdlib class may write one method per operand type: the
plain name (``__sub__``) and variants ``__sub_<what>__`` (``__sub_datetime__``); the one whose
``other`` parameter takes the right operand's type is called, the left operand first, as
CPython evaluates them. Program classes keep the compile error: their methods would need
CPython's NotImplemented and reflected-method protocol, which these calls do not model.
"""
from __future__ import annotations

import ast as py_ast
from pathlib import Path

from ..program import ClassType, FuncSym, Type
from .types import assignable

STDLIB = Path(__file__).resolve().parents[1] / "stdlib"
NAMES = {py_ast.Add: "add", py_ast.Sub: "sub", py_ast.Mult: "mul", py_ast.Div: "truediv",
         py_ast.FloorDiv: "floordiv", py_ast.Mod: "mod"}


def is_stdlib_class(ty: Type) -> bool:
    return isinstance(ty, ClassType) and STDLIB in Path(ty.info.module.path).resolve().parents


def binary_method(node: py_ast.BinOp, left: Type, right: Type) -> FuncSym | None:
    """The method ``left op right`` calls, or None (then the usual checks report the operands)."""
    name = NAMES.get(type(node.op))
    if name is None or not is_stdlib_class(left):
        return None
    for method_name, fn in left.info.methods.items():
        if method_name == f"__{name}__" or (method_name.startswith(f"__{name}_") and method_name.endswith("__")):
            if len(fn.params) == 2 and assignable(right, fn.params[1].ty):
                node.operator_method = fn
                return fn
    return None


def unary_method(node: py_ast.UnaryOp, operand: Type) -> FuncSym | None:
    names = {py_ast.USub: "__neg__", py_ast.UAdd: "__pos__"}
    name = names.get(type(node.op))
    if name is None or not is_stdlib_class(operand) or name not in operand.info.methods:
        return None
    node.operator_method = operand.info.methods[name]
    return node.operator_method
