"""Type checking of comparisons: ``==``/``!=``, orderings, ``is None``, ``in``.

Operands of one type compare as CPython compares them; numbers compare across int, float and
bool; a ``T | None``, a union or an Any against a plain value compares on what it holds
(``types.held_equality``). Anything else is an error naming both types.
"""
from __future__ import annotations

import ast as py_ast

from .user_hash import comparison_problem, keys_view_lookup
from ..program import ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, NONE, STR, TYPE, ClassType, DictType, ListType, OptionalType, TupleType, Type, \
    VarTupleType, ViewType, members_of
from . import tuple_literals, tuple_sequences
from .class_keys import identity_keyed
from .flags import FLAG_HELP, is_flag
from .int_enums import compare_operands
from .contains import check_object_membership
from .field_narrowing import as_declared
from .identity import identity_comparable
from .ordering import check_object_ordering
from .type_values import exact_type_test, type_value_comparison
from .types import assignable, eq_kind, equality_supported, held_equality, orderable

NUMERIC = (INT, BOOL, FLOAT)
TEXT = (STR, BYTES)
ORDERING = (py_ast.Lt, py_ast.LtE, py_ast.Gt, py_ast.GtE)


class ComparisonChecks:
    def check_Compare(self, node: py_ast.Compare, expected: Type | None) -> Type:
        tuple_literals.membership_operands(node)  # x in ("a", "b"): as a list literal
        if self.exact_class_test(node):  # type(x) is C: sema/isinstance_checks.py
            return BOOL
        if exact_type_test(self, node):  # type(x) is t, t a type value: sema/type_values.py
            return BOOL
        operands = [node.left, *node.comparators]
        types = compare_operands(node, [self.check(o) for o in operands])  # IntEnum members: sema/int_enums.py
        if len(node.ops) == 1 and isinstance(node.ops[0], (py_ast.In, py_ast.NotIn)) \
                and isinstance(types[1], TupleType):  # x in t: in the list of its items (sema/tuple_sequences.py)
            node.comparators[0] = tuple_sequences.as_list(self, node.comparators[0], types[1], "searching")
            return self.check_Compare(node, expected)
        if keys_view_lookup(node, types):  # x in d.keys() of keys with __hash__: x in d (sema/user_hash.py)
            return self.check_Compare(node, expected)
        if MEMORYVIEW in types:  # == on the bytes shown (sema/memoryviews.py)
            self.memoryview_compare(node, types)
            operands = [node.left, *node.comparators]
        if BYTEARRAY in types:  # compared as the bytes they hold (sema/bytearrays.py)
            self.bytearray_compare(node, types)
            operands = [node.left, *node.comparators]
        for op, (a, b), (left, right) in zip(node.ops, zip(types, types[1:]), zip(operands, operands[1:])):
            self.check_comparison(node, op, a, b, left, right)
        return BOOL

    def check_comparison(self, node, op, a: Type, b: Type, left, right) -> None:
        if TYPE in (a, b):
            return type_value_comparison(self, node, op, a, b)  # sema/type_values.py
        if isinstance(op, (py_ast.Is, py_ast.IsNot)):
            if not (isinstance(right, py_ast.Constant) and right.value is None):
                if identity_comparable(a, b):  # sema/identity.py: objects, lists, dicts, bools
                    return
                raise self.fail(node, f"'is' between {a} and {b} depends on CPython's caching of values",
                                "compare values with ==; 'is' compares objects, lists, dicts, bools and None")
            a = as_declared(self, left) or a  # x is None where x was narrowed: sema/field_narrowing.py
            if not isinstance(a, OptionalType) and a != ANY and NONE not in members_of(a):
                raise self.fail(node, f"a {a} value is never None", "declare the variable as 'T | None'")
            return
        problem = comparison_problem(op, a, b)  # sema/user_hash.py
        if problem:
            raise self.fail(node, *problem)
        if self.set_comparison(node, op, a, b):  # sema/sets.py
            return
        if isinstance(op, (py_ast.In, py_ast.NotIn)):
            self.check_membership(node, a, b)
            return
        if a in NUMERIC and b in NUMERIC:
            return
        if isinstance(op, (py_ast.Eq, py_ast.NotEq)) and held_equality(a, b):
            return  # compared on what they hold: 'name == "a"' with name: str | None
        if isinstance(op, (py_ast.Eq, py_ast.NotEq)) and self.held_same_allowed(node, a, b):
            return  # two Anys, by content (sema/held.py)
        if isinstance(op, ORDERING) and self.held_order_allowed(node, a, b):
            return  # on what they hold (sema/held.py)
        if isinstance(op, ORDERING) and check_object_ordering(self, node, op, a, b):
            return  # a method of the class (sema/ordering.py)
        if isinstance(a, VarTupleType) and a == b:
            return self.var_tuple_comparison(node, op, a)
        if a != b and {type(a), type(b)} == {VarTupleType, TupleType}:
            raise self.fail(node, f"cannot compare {a} with {b}",
                            "compare two tuple[T, ...]: annotate the fixed tuple as one (t: tuple[int, ...] = (1, 2))")
        if a != b:
            raise self.fail(node, f"cannot compare {a} with {b}", _mixed_help(a, b))
        if "Counter[" in a.name or "OrderedDict[" in a.name:  # Counter's == counts a missing key as 0,
            raise self.fail(node, f"comparing {a} values is not available yet",  # OrderedDict's is ordered
                            "compare dict(a) == dict(b), or the parts you need")
        if isinstance(op, ORDERING) and not orderable(a):
            raise self.fail(node, f"{a} values have no ordering here")
        if isinstance(op, (py_ast.Eq, py_ast.NotEq)) and not equality_supported(a):
            raise self.fail(node, f"== on {a} values is not supported in this version")

    def var_tuple_comparison(self, node, op, ty: VarTupleType) -> None:
        """Two ``tuple[T, ...]``: item by item, as lists compare (CPython's order is the same)."""
        if isinstance(op, ORDERING) and ty.item not in (INT, STR):
            raise self.fail(node, f"{ty} values have no ordering here", "order tuples of int or str items")
        if eq_kind(ty.item) is None:
            raise self.fail(node, f"== on {ty} values is not supported in this version",
                            "compare tuples of int, float, bool, str or bytes items")

    def check_membership(self, node, a: Type, b: Type) -> None:
        if self.held_membership(node, a, b):
            return  # decided on what the Any holds (sema/held.py)
        if b in TEXT and (a == b or (b == BYTES and a in (INT, BOOL))):
            return
        if isinstance(b, (ListType, ViewType)) and assignable(a, b.item) and equality_supported(b.item):
            return
        if isinstance(b, VarTupleType) and assignable(a, b.item) and eq_kind(b.item) is not None:
            return  # searched as a list is (lower/compare.py)
        if isinstance(b, DictType) and (a == b.key or identity_keyed(b.key) and assignable(a, b.key)):
            return
        if check_object_membership(self, node, a, b):  # b's __contains__: sema/contains.py
            return
        if is_flag(b):
            raise self.fail(node, f"'in' of Flag values ({b}) is not supported yet", FLAG_HELP)
        raise self.fail(node, f"'in' is not supported between {a} and {b}")


def _mixed_help(a: Type, b: Type) -> str:
    if isinstance(a, ClassType) and isinstance(b, ClassType):
        return ("compare objects of one class, or with 'is' where the classes define no __eq__ "
                "(CPython's == is then identity)")
    return "compare values of one type: convert one side first (str(x), int(x), list(t))"
