"""Checks of the operations on an ``Any`` that compiler/runtime/dynamic_ops.py decides at run time:
``x[k] = v``, ``del x[k]``, ``x[i:j:k]``, ``del x[i:j]``, ``-x``, ``+x``, ``~x`` and
``** << >> & | ^`` (mixed into sema.check_expr.ExprChecker; lowered by lower/dynamic_ops.py).

A program whose classes define the method CPython would call on an object held (``__setitem__``,
``__neg__``, ``__and__``, ...) must narrow first: the runtime cannot call it.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, Type
from .held import NARROW_HELP

UNARY_CODES = {py_ast.USub: 0, py_ast.UAdd: 1, py_ast.Invert: 2}  # runtime/dynamic_ops.py NEG, POS, INVERT
BITS_CODES = {py_ast.Pow: 0, py_ast.LShift: 1, py_ast.RShift: 2, py_ast.BitAnd: 3, py_ast.BitOr: 4,
              py_ast.BitXor: 5}  # runtime/dynamic_ops.py POW ... XOR
class DynamicOpChecks:
    objects_have_dynamic_ops = True  # set per program by sema.check

    def held_store(self, target: py_ast.Subscript, value, ty: Type) -> None:
        """``x[k] = v`` (and ``x[k] op= v``) into a dict or list an Any holds; ``v`` becomes an Any."""
        self.refuse_dynamic_methods(target)
        self.held_key(target.slice)
        self.held_operand(target, ty, "a value stored into an Any")
        if value is not None:
            value.target_ty = ANY

    def held_delete(self, target: py_ast.Subscript) -> None:
        """``del x[k]`` / ``del x[i:j:k]`` of what an Any holds."""
        self.refuse_dynamic_methods(target)
        if isinstance(target.slice, py_ast.Slice):
            self.held_slice_bounds(target.slice)
            target.held_slice = True
            return
        self.held_key(target.slice)

    def held_key(self, key: py_ast.expr) -> None:
        self.held_operand(key, self.check(key), "a key")

    def held_slice(self, node: py_ast.Subscript) -> Type:
        """``x[i:j:k]`` of a list, str or bytes an Any holds; the slice is an Any."""
        self.refuse_protocols(node, self.objects_have_getitem)  # sema/held.py: only __getitem__ is called
        self.held_slice_bounds(node.slice)
        return ANY

    def held_slice_bounds(self, part: py_ast.Slice) -> None:
        for bound in (part.lower, part.upper, part.step):
            if bound is not None:
                self.use_int(bound, what="a slice bound")

    def held_unary(self, node: py_ast.UnaryOp) -> Type:
        self.refuse_dynamic_methods(node)
        return ANY

    def held_bits_allowed(self, node: py_ast.BinOp, left: Type, right: Type) -> bool:
        """``** << >> & | ^`` with an Any operand."""
        if type(node.op) not in BITS_CODES:
            return False
        for operand, ty in ((node.left, left), (node.right, right)):
            self.held_operand(operand, ty, "an operand")
        self.refuse_dynamic_methods(node)
        node.held_bits = True
        return True

    def refuse_dynamic_methods(self, node: py_ast.AST) -> None:
        if self.objects_have_dynamic_ops:
            raise self.fail(node, "this operation on an Any is not decided here: a class of this program defines "
                            "the method CPython would call on an object it holds (__setitem__, __delitem__, "
                            "__neg__, __and__, ...)", NARROW_HELP)
