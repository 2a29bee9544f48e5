"""Lowering of literals, subscripts and comprehensions."""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BYTES, INT, RT_MEMORY, STR, DictType, ListType, TupleType, Type, VarTupleType
from .collections_ops import dict_read
from ..sema.class_keys import identity_keyed
from .formatting import FormatLowerer
from .intrinsics import constant_int
from .expressions import text_prefix
from .deques import item_access
from .user_keys import USER_KEYS, dict_symbol, lower_dict_display, user_keyed
from .values import DICTS, LISTS, STR_ITEMS

KIND_RAW, KIND_POINTERS, KIND_RECORD = 5, 7, 9
TUPLES = "compiler.runtime.tuple_builtin"
KEY_KINDS = {INT: 0, STR: 1, BYTES: 2}
KEY_OBJECT, KEY_ENUM, KEY_RECORD = 3, 4, 5  # compiler/runtime/dicts.py


LIST_LEN, LIST_ITEMS = 8, 16    # list object fields (compiler/runtime/lists.py)
ITEMS_DATA, SLOT_SIZE = 8, 8     # items block: header, then 8-byte slots


def object_key_kind(key: Type) -> int:
    """An object compared by identity (sema/class_keys.py); any other key type is the checker's bug."""
    if not identity_keyed(key):
        raise AssertionError(f"dict key type {key} passed the checker")
    if getattr(key.info, "record_key", False):
        return KEY_RECORD
    return KEY_ENUM if getattr(key.info, "enum", False) else KEY_OBJECT


class ContainerLowerer(FormatLowerer):
    def new_list(self, ty: ListType, capacity: int) -> None:
        self.emit("i64.const", capacity)
        self.emit("i64.const", KIND_POINTERS if ty.item.pointer else KIND_RAW)
        self.call_runtime(f"{LISTS}.list_new", ty)

    def lower_List(self, node: py_ast.List) -> None:
        """A literal of n items: a list made with room for n, items stored in place, then the
        length set once (nothing collects while an export runs, so the half-built list is safe)."""
        self.new_list(node.ty, len(node.elts))
        lst = self.stash("i32")
        if node.elts:
            self.emit("local.get", lst)
            self.emit("i32.load", LIST_ITEMS)
            items = self.stash("i32")
            for index, element in enumerate(node.elts):
                self.emit("local.get", items)
                self.slot(element, node.ty.item)
                self.emit("i64.store", ITEMS_DATA + SLOT_SIZE * index)
            self.emit("local.get", lst)
            self.emit("i32.const", len(node.elts))
            self.emit("i32.store", LIST_LEN)
        self.emit("local.get", lst)

    def new_dict(self, ty: DictType, count: int = 0) -> None:
        """An empty dict (a display of ``count`` items: runtime/user_keys.py presizes some)."""
        if user_keyed(ty.key):
            self.emit("i32.const", int(ty.value.pointer))
            self.emit("i64.const", count)
            self.call_runtime(f"{USER_KEYS}.user_dict_new", ty)
            return
        self.emit("i64.const", KEY_KINDS[ty.key] if ty.key in KEY_KINDS else object_key_kind(ty.key))
        self.emit("i32.const", int(ty.value.pointer))
        self.call_runtime(f"{DICTS}.dict_new", ty)

    def lower_Dict(self, node: py_ast.Dict) -> None:
        ty = node.ty
        if user_keyed(ty.key):
            return lower_dict_display(self, node)  # lower/user_keys.py
        self.new_dict(ty)
        d = self.stash("i32")
        for key, value in zip(node.keys, node.values):
            self.emit("local.get", d)
            self.emit("i64.extend_i32_u")
            self.slot(key, ty.key)
            self.slot(value, ty.value)
            self.emit("call", dict_symbol(self, ty, "dict_set"))
        self.emit("local.get", d)

    def lower_Tuple(self, node: py_ast.Tuple) -> None:
        if isinstance(node.ty, VarTupleType):  # held as a list (compiler/program.py)
            return self.lower_List(node)
        ty = node.ty
        self.emit("i64.const", 8 * len(ty.items))
        self.emit("i64.const", KIND_RECORD | (self.classes.tuple_id(ty) << 8))
        self.emit("call", f"{RT_MEMORY}.alloc")
        self.emit("i32.wrap_i64")
        obj = self.stash("i32")
        for index, (element, item) in enumerate(zip(node.elts, ty.items)):
            self.emit("local.get", obj)
            self.slot(element, item)
            self.emit("i64.store", 8 + 8 * index)
        self.emit("local.get", obj)

    def lower_Subscript(self, node: py_ast.Subscript) -> None:
        base = node.value.ty
        if base == ANY:
            return self.held_subscript(node)  # lower/held.py
        if isinstance(node.slice, py_ast.Slice):
            return self.slice(node, base)
        if base == BYTES:
            self.value(node.value)
            index = constant_int(node.slice)
            if index is not None and 0 <= index < 1 << 20:
                return self.bytes_at_constant(index)
            self.value(node.slice, INT)
            self.emit("call", "rt.bytes_index")
            return
        self.slot(node.value)
        if isinstance(base, TupleType) or hasattr(node, "tuple_index"):  # a tuple, or a NamedTuple's field
            self.emit("i32.wrap_i64")
            self.emit("i64.load", 8 + 8 * node.tuple_index)
            self.from_slot(node.ty)
            return
        if isinstance(base, DictType):
            self.slot(node.slice, base.key)
            dict_read(self, base, node.ty)  # a defaultdict inserts, a Counter reads 0
            return
        self.value(node.slice, INT)
        symbol = item_access(base, False) if isinstance(base, ListType) else f"{TUPLES}.tuple_get" \
            if isinstance(base, VarTupleType) else f"{STR_ITEMS}.{text_prefix(base)}_getitem"
        self.call_runtime(symbol, node.ty)

    def bytes_at_constant(self, index: int) -> None:
        """b[k], k a constant >= 0, of the bytes on the stack: a load after one length test inline;
        out of range, rt.bytes_index raises the IndexError."""
        data = self.stash("i32")
        self.emit("local.get", data)
        self.emit("i64.load32_u", 8)
        self.emit("i64.const", index)
        self.emit("i64.gt_u")
        self.emit("if", self.fresh("L"), "i64")
        self.emit("local.get", data)
        self.emit("i64.load8_u", 16 + index)
        self.emit("else")
        self.emit("local.get", data)
        self.emit("i64.const", index)
        self.emit("call", "rt.bytes_index")
        self.emit("end")

    def slice(self, node: py_ast.Subscript, base: Type) -> None:
        self.slot(node.value)
        self.slice_bounds(node.slice)
        symbol = f"{LISTS}.list_slice" if isinstance(base, (ListType, VarTupleType)) else f"{STR_ITEMS}.{text_prefix(base)}_slice"
        self.call_runtime(symbol, node.ty)

    def slice_bounds(self, part: py_ast.Slice) -> None:
        """start, stop, step, flags (bit 0: start given, bit 1: stop given), as i64s."""
        flags = 0
        for bit, bound in ((1, part.lower), (2, part.upper)):
            if bound is None:
                self.emit("i64.const", 0)
            else:
                self.value(bound, INT)
                flags |= bit
        if part.step is None:
            self.emit("i64.const", 1)
        else:
            self.value(part.step, INT)
        self.emit("i64.const", flags)
