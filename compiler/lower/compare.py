"""Lowering of comparisons, equality and membership, for every type the checker allows.

Comparison operands are evaluated once into temporaries; ``compare`` reads
them back and leaves an i32 0/1. Chains stop at the first false comparison.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (BOOL, BYTES, FLOAT, INT, NONE, STR, TYPE, ClassInfo, ClassType, DictType, ListType, SetType,
                       OptionalType, TupleType, Type, VarTupleType, ViewType, list_of)
from .deep_equality import DeepEquality, needs_generated_equality
from ..sema.types import held_equality
from ..sema.held import held_container, held_order_pair
from .held import held_pair
from .held_methods import HeldMethodLowerer
from .ordering import object_ordering
from ..sema.stdlib_operators import timezone_identity
from .contains import object_membership
from .expressions import FLOAT_COMPARE, INT_COMPARE, eq_kind
from .user_keys import dict_symbol, refuse_view_lookup
from .values import DYNAMIC, FLOAT_ARITH, LIST_CMP, SCALARS, STR_FIND, STRINGS

ORDER = {py_ast.Lt: "lt_s", py_ast.LtE: "le_s", py_ast.Gt: "gt_s", py_ast.GtE: "ge_s"}
MIRRORED = {py_ast.Lt: py_ast.Gt, py_ast.Gt: py_ast.Lt, py_ast.LtE: py_ast.GtE, py_ast.GtE: py_ast.LtE}
# compare_int_float's result c (-1, 0, 1; 2 for nan) -> the test giving each operator's truth.
INT_FLOAT_TEST = {py_ast.Lt: ("eq", -1), py_ast.LtE: ("le_s", 0), py_ast.Gt: ("eq", 1),
                  py_ast.GtE: ("lt_u", 2), py_ast.Eq: ("eq", 0), py_ast.NotEq: ("ne", 0)}


def as_list(ty: Type) -> Type:
    return list_of(ty.item) if isinstance(ty, VarTupleType) else ty


def find_method(info: ClassInfo, name: str):
    while info is not None:
        if name in info.methods:
            return info.methods[name]
        info = info.base
    return None


class CompareLowerer(DeepEquality, HeldMethodLowerer):
    def lower_Compare(self, node: py_ast.Compare) -> None:
        if hasattr(node, "exact_type_subject"):
            return self.exact_type_test(node)  # type(x) is t: lower/type_values.py
        operands = [node.left, *node.comparators]
        self.lower(operands[0])
        if operands[0].ty == NONE:  # None, or a call of a function returning None: no value left
            self.emit("i32.const", 0)
        self.chain(node, 0, self.stash(self.wasm_of(operands[0].ty)), operands[0].ty)

    def wasm_of(self, ty: Type) -> str:
        return ty.wasm or "i32"

    def chain(self, node: py_ast.Compare, index: int, left: str, left_ty: Type) -> None:
        right_node = ([node.left, *node.comparators])[index + 1]
        right = ""
        if right_node.ty != NONE:  # 'x is None' needs no value for None
            self.lower(right_node)
            right = self.stash(self.wasm_of(right_node.ty))
        elif not isinstance(right_node, py_ast.Constant):
            self.lower(right_node)  # x is f(), f returning None: called for its effects
        self.compare(node.ops[index], left, left_ty, right, right_node.ty, getattr(node, "item_equality", False))
        if index + 1 < len(node.ops):
            self.emit("if", self.fresh("L"), "i32")
            self.chain(node, index + 1, right, right_node.ty)
            self.emit("else")
            self.emit("i32.const", 0)
            self.emit("end")

    def compare(self, op, left: str, left_ty: Type, right: str, right_ty: Type, items: bool = False) -> None:
        """``items``: compare as CPython compares the items of containers (see ``equality``)."""
        kind = type(op)
        if left_ty == TYPE:  # two type values (sema/type_values.py): the same code
            self.emit("local.get", left)
            self.emit("local.get", right)
            self.emit("i64.ne" if kind in (py_ast.IsNot, py_ast.NotEq) else "i64.eq")
            return
        if kind in (py_ast.Is, py_ast.IsNot):  # 'x is None', or identity (sema/identity.py)
            self.emit("local.get", left)
            if right:  # the same object (pointers), or the same bool
                self.emit("local.get", right)
                same = timezone_identity(left_ty, right_ty, self.fn.symbol)  # sema/stdlib_operators.py
                if same is not None:
                    self.emit("call", same)
                    if kind is py_ast.IsNot:
                        self.emit("i32.eqz")
                    return
                self.emit("i32.ne" if kind is py_ast.IsNot else "i32.eq")
                return
            self.emit("i32.eqz")
            if kind is py_ast.IsNot:
                self.emit("i32.eqz")
            return
        left_ty, right_ty = as_list(left_ty), as_list(right_ty)  # a tuple[T, ...] is held as a list
        if isinstance(right_ty, SetType) or (isinstance(left_ty, SetType) and kind not in (py_ast.In, py_ast.NotIn)):
            return self.set_compare(kind, left, left_ty, right, right_ty)  # lower/sets.py
        if kind is py_ast.NotEq and isinstance(left_ty, ClassType) and find_method(left_ty.info, "__ne__"):
            self.emit("local.get", left)  # a != b calls __ne__ when the class defines it
            self.emit("local.get", right)
            self.emit("call", self.classes.comparison_function(left_ty.info, "__ne__"))
            return
        if kind in (py_ast.Eq, py_ast.NotEq) and held_pair(left_ty, right_ty):
            self.held_equality(left, right)
        elif kind in (py_ast.In, py_ast.NotIn) and held_container(right_ty):
            self.held_membership(left, left_ty, right)
        elif kind in (py_ast.Eq, py_ast.NotEq) and held_equality(left_ty, right_ty):
            self.held_operand(left, left_ty)
            self.held_operand(right, right_ty)
            self.emit("call", f"{DYNAMIC}.held_equal")
        elif kind in (py_ast.In, py_ast.NotIn) and isinstance(right_ty, ClassType):
            object_membership(self, left, left_ty, right, right_ty)  # lower/contains.py
        elif kind in (py_ast.In, py_ast.NotIn):
            self.membership(left, left_ty, right, right_ty)
        elif kind in (py_ast.Eq, py_ast.NotEq):
            self.equality(left, left_ty, right, right_ty, items)
        elif isinstance(left_ty, ClassType):
            return object_ordering(self, kind, left, left_ty, right)  # lower/ordering.py
        elif held_order_pair(left_ty, right_ty):
            self.held_ordering(list(ORDER).index(kind), left, left_ty, right, right_ty)
            return
        else:
            self.ordering(kind, left, left_ty, right, right_ty)
            return
        if kind in (py_ast.NotIn, py_ast.NotEq):
            self.emit("i32.eqz")

    def held_operand(self, tmp: str, ty: Type) -> None:
        """An operand as an Any holds it (an i64 slot): None as 0, a number in a tagged box."""
        if ty == NONE:
            self.emit("i32.const", 0)
        else:
            self.emit("local.get", tmp)
            self.to_any(ty)
        self.emit("i64.extend_i32_u")

    def push_as(self, tmp: str, ty: Type, target: Type) -> None:
        self.emit("local.get", tmp)
        if ty == BOOL and target in (INT, FLOAT):
            self.emit("i64.extend_i32_u")
        if ty in (INT, BOOL) and target == FLOAT:
            self.emit("f64.convert_i64_s")

    def numeric(self, kind, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        if (left_ty == FLOAT) != (right_ty == FLOAT):
            return self.int_float(kind, left, left_ty, right, right_ty)
        common = FLOAT if FLOAT in (left_ty, right_ty) else BOOL if left_ty == right_ty == BOOL else INT
        self.push_as(left, left_ty, common)
        self.push_as(right, right_ty, common)
        if common == FLOAT:
            self.emit(f"f64.{FLOAT_COMPARE[kind]}")
        else:
            self.emit(f"{common.wasm}.{INT_COMPARE[kind]}")

    def int_float(self, kind, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        """An int against a float, exactly as CPython compares them (converting the int to a
        float would round it beyond 2**53): the runtime says -1, 0, 1, or 2 for nan."""
        if left_ty == FLOAT:
            left, left_ty, right, right_ty = right, right_ty, left, left_ty
            kind = MIRRORED.get(kind, kind)
        self.push_as(left, left_ty, INT)
        self.push_as(right, right_ty, FLOAT)
        self.emit("call", f"{FLOAT_ARITH}.compare_int_float")
        test, value = INT_FLOAT_TEST[kind]
        self.emit("i64.const", value)
        self.emit(f"i64.{test}")

    def ordering(self, kind, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        if left_ty in SCALARS and right_ty in SCALARS:
            return self.numeric(kind, left, left_ty, right, right_ty)
        if isinstance(left_ty, TupleType):
            return self.tuple_ordering(kind, left, right, left_ty, 0)
        self.emit("local.get", left)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", right)
        self.emit("i64.extend_i32_u")
        if isinstance(left_ty, ListType):
            self.emit("i64.const", eq_kind(left_ty.item))
            self.emit("call", f"{LIST_CMP}.list_compare")
        else:
            self.emit("call", f"{STRINGS}.str_compare")
        self.emit("i64.const", 0)
        self.emit(f"i64.{ORDER[kind]}")

    def equality(self, left: str, left_ty: Type, right: str, right_ty: Type, items: bool = False) -> None:
        """``items``: the operands are items of tuples (or fields compared by a dataclass's
        ``__eq__``, which compares tuples). CPython compares those by identity first, so two
        nans are equal when they are the same float object: unboxed floats have no identity,
        so that case raises ValueError instead of guessing."""
        if items and left_ty == right_ty == FLOAT:
            self.emit("local.get", left)
            self.emit("local.get", right)
            self.emit("call", f"{FLOAT_ARITH}.float_item_eq")
            return
        if left_ty in SCALARS and right_ty in SCALARS:
            return self.numeric(py_ast.Eq, left, left_ty, right, right_ty)
        ty = left_ty
        if isinstance(ty, OptionalType):
            return self.optional_equality(left, right, ty, items)
        if isinstance(ty, TupleType):
            return self.tuple_equality(left, right, ty)
        if isinstance(ty, ClassType):
            return self.object_equality(left, right, ty.info, items)
        self.emit("local.get", left)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", right)
        self.emit("i64.extend_i32_u")
        if ty in (STR, BYTES):
            self.emit("call", f"{STRINGS}.str_eq")
        elif isinstance(ty, ListType) and needs_generated_equality(ty.item):
            self.emit("call", self.list_eq_function(ty))
        elif isinstance(ty, ListType):
            self.emit("i64.const", eq_kind(ty.item))
            self.emit("call", f"{LIST_CMP}.list_eq")
        elif isinstance(ty, DictType):
            self.emit("i64.const", eq_kind(ty.value))
            self.emit("call", dict_symbol(self, ty, "dict_eq"))
        elif isinstance(ty, SetType):
            self.emit("call", "compiler.runtime.set_algebra.set_eq")

    def optional_equality(self, left: str, right: str, ty: OptionalType, items: bool) -> None:
        """None equals only None; otherwise compare the values."""
        self.emit("local.get", left)
        self.emit("i32.eqz")
        self.emit("local.get", right)
        self.emit("i32.eqz")
        self.emit("i32.or")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", left)
        self.emit("local.get", right)
        self.emit("i32.eq")
        self.emit("else")
        inner = ty.inner
        a, b = self.unboxed(left, inner), self.unboxed(right, inner)
        self.equality(a, inner, b, inner, items)
        self.emit("end")

    def unboxed(self, tmp: str, inner: Type) -> str:
        if inner not in SCALARS:
            return tmp
        self.emit("local.get", tmp)
        self.unbox(inner)
        return self.stash(inner.wasm)

    def item_temp(self, obj: str, index: int, ty: Type) -> str:
        self.emit("local.get", obj)
        self.emit("i64.load", 8 + 8 * index)
        self.from_slot(ty)
        return self.stash(self.wasm_of(ty))

    def tuple_equality(self, left: str, right: str, ty: TupleType) -> None:
        """Element by element, stopping at the first difference."""
        depth = 0
        for index, item in enumerate(ty.items):
            self.equality(self.item_temp(left, index, item), item, self.item_temp(right, index, item), item, True)
            if index + 1 < len(ty.items):
                self.emit("if", self.fresh("L"), "i32")
                depth += 1
        for _ in range(depth):
            self.emit("else")
            self.emit("i32.const", 0)
            self.emit("end")

    def tuple_ordering(self, kind, left: str, right: str, ty: TupleType, index: int) -> None:
        """CPython's tuple order: the operator applied to the first items that are not equal
        (identity or ==); all equal, the lengths decide (equal here: only <= and >= hold)."""
        if index == len(ty.items):
            self.emit("i32.const", int(kind in (py_ast.LtE, py_ast.GtE)))
            return
        item = ty.items[index]
        a, b = self.item_temp(left, index, item), self.item_temp(right, index, item)
        self.equality(a, item, b, item, True)
        self.emit("if", self.fresh("L"), "i32")
        self.tuple_ordering(kind, left, right, ty, index + 1)
        self.emit("else")
        self.ordering(kind, a, item, b, item)
        self.emit("end")

    def object_equality(self, left: str, right: str, info: ClassInfo, items: bool = False) -> None:
        """``a == b`` by the __eq__ of a's runtime class (identity without one); as container
        items (``items``) identical objects are equal before any __eq__ runs, as in CPython."""
        self.emit("local.get", left)
        self.emit("local.get", right)
        if not info.eq_in_subtree:
            self.emit("i32.eq")
            return
        if items:
            self.emit("i32.eq")
            self.emit("if", self.fresh("L"), "i32")
            self.emit("i32.const", 1)
            self.emit("else")
            self.emit("local.get", left)
            self.emit("local.get", right)
            self.emit("call", self.classes.comparison_function(info, "__eq__"))
            self.emit("end")
            return
        self.emit("call", self.classes.comparison_function(info, "__eq__"))

    def membership(self, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        self.emit("local.get", right)
        self.emit("i64.extend_i32_u")
        self.emit("local.get", left)
        if right_ty in (STR, BYTES) and left_ty in (INT, BOOL):
            if left_ty == BOOL:
                self.emit("i64.extend_i32_u")
            self.emit("call", f"{STR_FIND}.bytes_contains_byte")
        elif right_ty in (STR, BYTES):
            self.emit("i64.extend_i32_u")
            self.emit("call", f"{STR_FIND}.str_contains")
        elif isinstance(right_ty, (ListType, ViewType)) and needs_generated_equality(right_ty.item):
            refuse_view_lookup(self, right_ty)  # the checker's refusal again, for views of keys with __hash__
            self.coerce(left_ty, right_ty.item)
            self.to_slot(right_ty.item)
            self.emit("call", self.find_function(list_of(right_ty.item)))
            self.emit("i64.const", 0)
            self.emit("i64.ge_s")
        elif isinstance(right_ty, (ListType, ViewType)):
            self.coerce(left_ty, right_ty.item)
            self.to_slot(right_ty.item)
            self.emit("i64.const", eq_kind(right_ty.item))
            self.emit("call", f"{LIST_CMP}.list_contains")
        else:
            self.to_slot(left_ty)
            self.emit("call", dict_symbol(self, right_ty, "dict_find"))
            self.emit("i64.const", 0)
            self.emit("i64.ge_s")
