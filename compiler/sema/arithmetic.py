"""Type checking of arithmetic: binary operators on numbers, text, lists, sets, dicts and Anys,
and unary operators (mixed into sema.check_expr.ExprChecker)."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BOOL, BYTEARRAY, FLOAT, INT, CounterType, DequeType, DictType, ListType, SetType, TupleType, Type, VarTupleType
from . import tuple_sequences
from .types import fixed_to_var_tuple
from .comparisons import NUMERIC, TEXT
from .constants import INT64_MIN
from .percent_format import is_percent_format
from .signs import POWER_HELP, constant_int, folded_power, is_non_negative
from .int_enums import int_operand
from .flags import is_flag, rewrite_binop, rewrite_invert
from .stdlib_operators import binary_method, unary_method

ARITHMETIC = (py_ast.Add, py_ast.Sub, py_ast.Mult, py_ast.FloorDiv, py_ast.Mod, py_ast.Pow,
              py_ast.LShift, py_ast.RShift, py_ast.Div)
BITWISE = (py_ast.BitAnd, py_ast.BitOr, py_ast.BitXor)
INT_ONLY = (py_ast.LShift, py_ast.RShift) + BITWISE


class ArithmeticChecks:
    def check_BinOp(self, node: py_ast.BinOp, expected: Type | None) -> Type:
        op = node.op
        if not isinstance(op, ARITHMETIC + BITWISE):
            raise self.fail(node, "this operator is not supported", "use + - * / // % ** << >> & | ^")
        if is_percent_format(node):
            return self.percent_format(node)  # sema/percent_format.py: the f-string it equals
        left = int_operand(node.left, self.check(node.left))  # an IntEnum member: its value (sema/int_enums.py)
        right = int_operand(node.right, self.check(node.right))
        if is_flag(left):  # Flag members: P(a.value | b.value) (sema/flags.py)
            node.replaced_by = rewrite_binop(node, left, right, self.flag_lookup(left))
            if node.replaced_by is None:
                raise self.fail(node, f"this operator on {left} members is not supported",
                                "use | & ^ ~ between members of one Flag")
            return self.check(node.replaced_by)
        if ANY in (left, right) and self.held_arith_allowed(node, left, right):
            return ANY  # on what they hold (sema/held.py)
        if ANY in (left, right) and self.held_bits_allowed(node, left, right):
            return ANY  # ** << >> & | ^ (sema/dynamic_ops.py)
        method = binary_method(node, left, right)  # datetime's dt + timedelta (sema/stdlib_operators.py)
        if method is not None:
            return method.result
        if isinstance(left, SetType) or isinstance(right, SetType):
            return self.set_binop(node, left, right)  # sema/sets.py
        if isinstance(left, CounterType) or isinstance(right, CounterType):  # not a dict's |: max of counts
            raise self.fail(node, "Counter arithmetic (+, -, &, |) is not available yet",
                            "loop over the counts: for k, n in b.items(): a[k] += n")
        if left in NUMERIC and right in NUMERIC:
            return self.numeric_result(node, left, right)
        if BYTEARRAY in (left, right):
            return self.bytearray_binop(node, left, right)  # sema/bytearrays.py
        if isinstance(left, DequeType) or isinstance(right, DequeType):  # CPython's d + d is a deque
            raise self.fail(node, "deque arithmetic (+, *) is not available yet",
                            "extend a copy: e = d.copy(); e.extend(other)")
        if isinstance(op, py_ast.Add) and isinstance(left, TupleType) and isinstance(right, TupleType):
            node.replaced_by = tuple_sequences.concatenation(node, left, right)  # sema/tuple_sequences.py
            return self.check(node.replaced_by)
        sequences = (ListType, VarTupleType)
        if isinstance(op, py_ast.Add) and left == right and (left in TEXT or isinstance(left, sequences)):
            return left
        if isinstance(op, py_ast.Add) and self.var_tuple_concat(node, left, right):
            return left if isinstance(left, VarTupleType) else right
        if isinstance(op, py_ast.Mult) and (left in TEXT or isinstance(left, sequences)) and right in (INT, BOOL):
            return left
        if isinstance(op, py_ast.Mult) and left in (INT, BOOL) and (right in TEXT or isinstance(right, sequences)):
            return right
        if isinstance(op, py_ast.BitOr) and isinstance(left, DictType) and left == right:
            return left  # a new dict: left's entries updated with right's, as CPython's dict.__or__
        if isinstance(op, py_ast.Mod) and left in TEXT:
            raise self.fail(node, "'%' formatting is only supported with a constant str format",
                            "use an f-string, or write the format as a literal: \"%s=%d\" % (k, v)")
        raise self.fail(node, f"unsupported operand types for this operator: {left} and {right}")

    @staticmethod
    def var_tuple_concat(node: py_ast.BinOp, left: Type, right: Type) -> bool:
        """``t + (x,)`` of a ``tuple[T, ...]`` and a fixed tuple of T items: the latter copied first."""
        for one, other, operand in ((left, right, node.right), (right, left, node.left)):
            if isinstance(one, VarTupleType) and fixed_to_var_tuple(other, one):
                operand.target_ty = one
                return True
        return False

    def numeric_result(self, node: py_ast.BinOp, left: Type, right: Type) -> Type:
        if isinstance(node.op, BITWISE) and left == BOOL and right == BOOL:
            return BOOL
        if FLOAT in (left, right):
            if isinstance(node.op, INT_ONLY):
                raise self.fail(node, "bit operations need int operands, not float")
            if isinstance(node.op, py_ast.Pow):
                raise self.fail(node, "'**' with a float operand is not supported: CPython computes it with "
                                "the C library's pow(), whose rounding cannot be reproduced exactly here",
                                "multiply explicitly (x * x), or use int operands")
            return FLOAT
        if isinstance(node.op, py_ast.Div):
            return FLOAT
        if isinstance(node.op, py_ast.Pow) and not is_non_negative(self.module, node.right):
            return self.negative_power(node)
        return INT

    def negative_power(self, node: py_ast.BinOp) -> Type:
        exponent = constant_int(self.module, node.right)
        if exponent is None:
            raise self.fail(node.right, "the exponent of int ** int may be negative here, and CPython then "
                            "returns a float", POWER_HELP)
        if constant_int(self.module, node.left) == 0:
            return INT  # 0 ** -k raises ZeroDivisionError, as the compiled power does
        value = folded_power(self.module, node)
        if value is None:
            raise self.fail(node, "int ** negative int gives a float from the C library's pow(), which "
                            "cannot be reproduced exactly here", POWER_HELP)
        node.folded_float = value
        return FLOAT

    def flag_lookup(self, ty) -> str:
        """The generated P(value) of Flag ``ty``, made visible in this module (sema/enums.py)."""
        ident = f"<enum lookup {ty.info.qualname}>"
        self.module.namespace[ident] = ty.info.module.namespace[ident]
        return ident

    def check_UnaryOp(self, node: py_ast.UnaryOp, expected: Type | None) -> Type:
        if is_int64_min_literal(node):
            return INT
        if isinstance(node.op, py_ast.Not):
            self.truthy(node.operand)
            return BOOL
        operand = int_operand(node.operand, self.check(node.operand))
        if is_flag(operand) and isinstance(node.op, py_ast.Invert):
            node.replaced_by = rewrite_invert(node, operand, self.flag_lookup(operand))  # sema/flags.py
            return self.check(node.replaced_by)
        if operand == ANY:
            return self.held_unary(node)  # sema/dynamic_ops.py
        method = unary_method(node, node.operand.ty)  # -timedelta (sema/stdlib_operators.py)
        if method is not None:
            return method.result
        ty = self.expect(node.operand, *NUMERIC, what="the operand")
        if ty == FLOAT and isinstance(node.op, py_ast.Invert):
            raise self.fail(node, "'~' needs an int operand, not float")
        return FLOAT if ty == FLOAT else INT


def is_int64_min_literal(node: py_ast.AST) -> bool:
    """``-9223372036854775808``: the literal 2**63 is only valid under a minus."""
    return (isinstance(node, py_ast.UnaryOp) and isinstance(node.op, py_ast.USub)
            and isinstance(node.operand, py_ast.Constant) and type(node.operand.value) is int
            and node.operand.value == -INT64_MIN)
