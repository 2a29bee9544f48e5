"""Lowering of sets: literals, set(...), comprehensions, operators, comparisons, methods, loops.

Every operation is a call into compiler/runtime/sets.py or set_algebra.py, which insert items
in CPython's order; the lowering only has to evaluate operands in CPython's order (receiver,
then every argument, then the operation) and pick the runtime function for a set or list
argument (``node.set_args``, from sema/sets.py).
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import CompileError, Diagnostic
from .user_keys import set_items_first
from ..sema.sets import hidden_order, identity_item
from ..program import BOOL, BYTES, INT, STR, ClassType, SetType, TupleType, Type

SETS = "compiler.runtime.sets"
ALGEBRA = "compiler.runtime.set_algebra"
KINDS = {INT: 0, STR: 1, BYTES: 2, BOOL: 3}
KEY_TUPLE, KEY_ENUM, KEY_INT_ENUM, KEY_RECORD, KEY_OBJECT, KEY_USER = 4, 5, 6, 7, 8, 9  # runtime/set_keys.py
TUPLE_ITEM_CODES = {INT: 0, BOOL: 1, STR: 2, BYTES: 3}
MAX_TUPLE_KINDS = 12  # two bits each in a u32 above the kind's byte (sema/sets.py refuses remove() beyond)
BINARY = {py_ast.BitOr: "set_union", py_ast.BitAnd: "set_intersection", py_ast.Sub: "set_difference",
          py_ast.BitXor: "set_symmetric_difference"}
IN_PLACE = {py_ast.BitOr: "set_update", py_ast.BitAnd: "set_intersection_update",
            py_ast.Sub: "set_difference_update", py_ast.BitXor: "set_symmetric_difference_update"}
ORDER = {py_ast.LtE: ("set_issubset", False), py_ast.Lt: ("set_lt", False),
         py_ast.GtE: ("set_issubset", True), py_ast.Gt: ("set_lt", True)}
# method -> runtime function given a set argument, and given a list argument
WITH_OTHER = {
    "update": ("set_update", "set_update_list"),
    "difference_update": ("set_difference_update", "set_difference_update_list"),
    "symmetric_difference_update": ("set_symmetric_difference_update", "set_symmetric_difference_update_list"),
    "symmetric_difference": ("set_symmetric_difference", "set_symmetric_difference_list"),
    "intersection": ("set_intersection", "set_intersection_list"),
    "difference": ("set_difference", "set_difference_list"),
    "issubset": ("set_issubset", "set_issubset_list"),
    "isdisjoint": ("set_isdisjoint", "set_isdisjoint_list"),
}
IN_SETS = {"set_update_list"}  # the rest live in set_algebra.py


def runtime(name: str) -> str:
    return f"{SETS if name in IN_SETS else ALGEBRA}.{name}"


def key_kind(item: Type) -> int:
    if isinstance(item, TupleType):  # and each item's kind, two bits from bit 8 (runtime/set_keys.py)
        codes = [TUPLE_ITEM_CODES[t] << (8 + 2 * i) for i, t in enumerate(item.items)]
        return KEY_TUPLE | sum(codes) if len(item.items) <= MAX_TUPLE_KINDS else KEY_TUPLE
    if isinstance(item, ClassType):  # sema/sets.py member_or_record
        if getattr(item.info, "int_enum", False):
            return KEY_INT_ENUM
        if getattr(item.info, "enum", False):
            return KEY_ENUM
        if getattr(item.info, "user_key", False):
            return KEY_USER
        return KEY_OBJECT if identity_item(item) else KEY_RECORD
    return KINDS[item]


def folded(node: py_ast.expr) -> bool:
    """Whether CPython's compiler folds ``node`` to a constant (literals and operators on them)."""
    if isinstance(node, py_ast.Constant):
        return True
    if isinstance(node, py_ast.UnaryOp):
        return folded(node.operand)
    if isinstance(node, py_ast.Tuple):
        return all(folded(e) for e in node.elts)
    return isinstance(node, py_ast.BinOp) and folded(node.left) and folded(node.right)


class SetLowerer:
    def order_hidden(self, node: py_ast.AST, ty: SetType, what: str) -> None:
        """The checker's refusal again (sema/sets.py hidden_order), where the order would be read: every
        loop, list(), sorted(), str() and pop() of a set reaches one of these."""
        problem = hidden_order(ty, what)
        if problem:
            raise CompileError([Diagnostic(self.source.module.loc(node), *problem)])

    def new_set(self, ty: SetType) -> None:
        self.emit("i64.const", key_kind(ty.item))
        self.call_runtime(f"{SETS}.set_new", ty)

    def add_to(self, s: str, element: py_ast.expr, item: Type) -> None:
        self.emit("local.get", s)
        self.emit("i64.extend_i32_u")
        self.slot(element, item)
        self.emit("call", f"{SETS}.set_add")

    def lower_Set(self, node: py_ast.Set) -> None:
        """Items added in order; a literal of three or more constants as CPython 3.11 builds it
        (runtime/sets.py ``set_constant``); objects with __hash__ all evaluated first, as BUILD_SET n."""
        if key_kind(node.ty.item) == KEY_USER and set_items_first(node):
            return self.user_set_display(node)
        self.new_set(node.ty)
        s = self.stash("i32")
        for element in node.elts:
            self.add_to(s, element, node.ty.item)
        self.emit("local.get", s)
        if len(node.elts) > 2 and all(folded(e) for e in node.elts):
            self.emit("i64.extend_i32_u")
            self.call_runtime(f"{SETS}.set_constant", node.ty)

    def user_set_display(self, node: py_ast.Set) -> None:
        items = []
        for element in node.elts:
            self.slot(element, node.ty.item)
            items.append(self.stash("i64"))
        self.new_set(node.ty)
        s = self.stash("i32")
        for item in items:
            self.emit("local.get", s)
            self.emit("i64.extend_i32_u")
            self.emit("local.get", item)
            self.emit("call", f"{SETS}.set_add")
        self.emit("local.get", s)

    def lower_SetComp(self, node: py_ast.SetComp) -> None:
        self.new_set(node.ty)
        s = self.stash("i32")
        self.clauses(node.generators, lambda: self.add_to(s, node.elt, node.ty.item))  # lower/comprehensions.py
        self.emit("local.get", s)

    def lower_SetItems(self, node) -> None:
        self.order_hidden(node, node.value.ty, "taking the items of")
        self.slot(node.value)
        self.call_runtime(f"{SETS}.set_to_list", node.ty)

    def builtin_frozenset(self, node: py_ast.Call) -> None:
        if node.set_source == "same":  # frozenset(fs) is fs, as CPython's
            return self.value(node.bound[0])
        self.builtin_set(node)

    def builtin_set(self, node: py_ast.Call) -> None:
        source = node.set_source
        if source is None:
            return self.new_set(node.ty)
        if source == "list":
            self.emit("i64.const", key_kind(node.ty.item))
            self.slot(node.bound[0])
            self.call_runtime(f"{SETS}.set_from_list", node.ty)
        elif source == "set":
            self.slot(node.bound[0])
            self.call_runtime(f"{SETS}.set_copy", node.ty)
        else:
            self.slot(node.bound[0])
            arg = self.stash("i64")
            self.new_set(node.ty)
            s = self.stash("i32")
            self.emit("local.get", s)
            self.emit("i64.extend_i32_u")
            self.emit("local.get", arg)
            self.emit("call", f"{SETS}.set_update_dict")
            self.emit("local.get", s)

    # -- operators and comparisons -------------------------------------------------------
    def set_binop(self, node: py_ast.BinOp) -> None:
        op = type(node.op)
        self.slot(node.left)
        if getattr(node, "in_place", False):  # s |= t changes s itself, then stores s back
            s = self.stash("i64")
            self.emit("local.get", s)
            self.slot(node.right)
            self.emit("call", runtime(IN_PLACE[op]))
            self.emit("local.get", s)
            self.from_slot(node.ty)
            return
        self.slot(node.right)
        self.call_runtime(runtime(BINARY[op]), node.ty)

    def set_compare(self, kind, left: str, left_ty: Type, right: str, right_ty: Type) -> None:
        """``x in s``, ``s == t``, ``s <= t`` (subset) ... as an i32; the operands are in temps."""
        if kind in (py_ast.In, py_ast.NotIn):
            self.emit("local.get", right)
            self.emit("i64.extend_i32_u")
            self.emit("local.get", left)
            self.to_slot(left_ty)
            self.emit("call", f"{SETS}.set_contains")
        else:
            name, swap = ORDER.get(kind, ("set_eq", False))
            for tmp in ((right, left) if swap else (left, right)):
                self.emit("local.get", tmp)
                self.emit("i64.extend_i32_u")
            self.emit("call", f"{ALGEBRA}.{name}")
        if kind in (py_ast.NotIn, py_ast.NotEq):
            self.emit("i32.eqz")

    # -- methods -------------------------------------------------------------------------
    def set_method(self, node: py_ast.Call, name: str, ty: SetType) -> None:
        """The receiver's slot is on the stack."""
        if name == "copy" and ty.frozen:  # fs.copy() is fs, as CPython's
            return self.from_slot(ty)
        s = self.stash("i64")
        if name in ("add", "discard", "remove"):
            self.emit("local.get", s)
            self.slot(node.bound[0], ty.item)
            user = name == "remove" and key_kind(ty.item) == KEY_USER  # its KeyError shows the item's __repr__
            self.emit("call", f"{ALGEBRA}.user_set_remove" if user else f"{SETS}.set_{name}")
            return
        if name == "pop":
            self.order_hidden(node, ty, "pop() of")
        if name in ("pop", "clear", "copy"):
            self.emit("local.get", s)
            self.call_runtime(f"{SETS}.set_{name}", ty.item if name == "pop" else ty if name == "copy" else None)
            return
        others = []
        for arg in node.bound:  # CPython evaluates every argument before the method runs
            self.slot(arg)
            others.append(self.stash("i64"))
        getattr(self, f"set_{name}")(s, others, node.set_args, ty)

    def other_call(self, name: str, first: str, other: str, is_set: bool) -> None:
        self.emit("local.get", first)
        self.emit("local.get", other)
        self.emit("call", runtime(WITH_OTHER[name][0 if is_set else 1]))

    def each_other(self, name: str, s: str, others: list[str], kinds: list[bool]) -> None:
        for other, is_set in zip(others, kinds):
            self.other_call(name, s, other, is_set)

    def set_update(self, s, others, kinds, ty) -> None:
        self.each_other("update", s, others, kinds)

    def set_difference_update(self, s, others, kinds, ty) -> None:
        self.each_other("difference_update", s, others, kinds)

    def set_symmetric_difference_update(self, s, others, kinds, ty) -> None:
        self.each_other("symmetric_difference_update", s, others, kinds)

    def set_copy_of(self, s: str) -> str:
        self.emit("local.get", s)
        self.emit("call", f"{SETS}.set_copy")
        return self.stash("i64")

    def set_union(self, s, others, kinds, ty) -> None:
        """A copy of s updated with each argument but s itself (CPython skips it)."""
        result = self.set_copy_of(s)
        for other, is_set in zip(others, kinds):
            self.emit("local.get", result)
            if is_set:
                self.emit("local.get", s)
            self.emit("local.get", other)
            self.emit("call", f"{ALGEBRA}.set_union_step" if is_set else f"{SETS}.set_update_list")
        self.emit("local.get", result)
        self.from_slot(ty)

    def chained(self, name: str, s: str, others: list[str], kinds: list[bool]) -> str:
        """s.intersection(a, b): ((s & a) & b); s.difference(a, b): (s - a) minus b in place."""
        if not others:
            return self.set_copy_of(s)
        self.other_call(name, s, others[0], kinds[0])
        result = self.stash("i64")
        for other, is_set in zip(others[1:], kinds[1:]):
            if name == "intersection":
                self.other_call(name, result, other, is_set)
                self.emit("local.set", result)
            else:
                self.other_call("difference_update", result, other, is_set)
        return result

    def set_intersection(self, s, others, kinds, ty) -> None:
        self.emit("local.get", self.chained("intersection", s, others, kinds))
        self.from_slot(ty)

    def set_difference(self, s, others, kinds, ty) -> None:
        self.emit("local.get", self.chained("difference", s, others, kinds))
        self.from_slot(ty)

    def set_intersection_update(self, s, others, kinds, ty) -> None:
        result = self.chained("intersection", s, others, kinds)
        self.emit("local.get", s)
        self.emit("local.get", result)
        self.emit("call", f"{ALGEBRA}.swap_bodies")

    def set_symmetric_difference(self, s, others, kinds, ty) -> None:
        self.other_call("symmetric_difference", s, others[0], kinds[0])
        self.from_slot(ty)

    def set_issubset(self, s, others, kinds, ty) -> None:
        self.other_call("issubset", s, others[0], kinds[0])

    def set_isdisjoint(self, s, others, kinds, ty) -> None:
        self.other_call("isdisjoint", s, others[0], kinds[0])

    def set_issuperset(self, s, others, kinds, ty) -> None:
        if kinds[0]:
            self.emit("local.get", others[0])
            self.emit("local.get", s)
            self.emit("call", f"{ALGEBRA}.set_issubset")
        else:
            self.emit("local.get", s)
            self.emit("local.get", others[0])
            self.emit("call", f"{ALGEBRA}.set_issuperset_list")

    # -- for loops ---------------------------------------------------------------------------
    def iterate_set(self, target, body, orelse, node) -> None:
        """Slots in table order; a change of size raises RuntimeError at the next step."""
        self.order_hidden(node, node.ty, "iterating")
        self.slot(node)
        s = self.stash("i64")
        pos, used = self.temp("i64"), self.temp("i64")
        self.emit("i64.const", -1)
        self.emit("local.set", pos)
        self.emit("local.get", s)
        self.emit("call", f"{SETS}.set_len")
        self.emit("local.set", used)

        def test(exit_label: str) -> None:
            self.emit("local.get", s)
            self.emit("local.get", pos)
            self.emit("i64.const", 1)
            self.emit("i64.add")
            self.emit("local.get", used)
            self.emit("call", f"{SETS}.set_iter_next")
            self.emit("local.tee", pos)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("br_if", exit_label)
            self.emit("local.get", s)
            self.emit("local.get", pos)
            self.call_runtime(f"{SETS}.set_slot_key", node.ty.item)
            self.store(target, node.ty.item)
        self.loop_frame(body, test, lambda: None, orelse)

