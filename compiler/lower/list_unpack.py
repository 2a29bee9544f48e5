"""``a, b, c = lst``: a list unpacked into names (sema/check.py's assign_to), and
``first, *rest = lst`` (sema/star_unpack.py). CPython checks the length first (ValueError, its
message: runtime/list_slices.py) and then assigns the items left to right; so does this."""
from __future__ import annotations

import ast as py_ast

from ..program import ListType, TupleType, Type, list_of, var_tuple_of
from .values import LISTS


class ListUnpackLowerer:
    def store_list_items(self, target: py_ast.Tuple, ty: ListType) -> None:
        """Pop a list of ``ty`` and store its items into ``target``'s names."""
        lst = self.stash("i32")
        self.emit("local.get", lst)
        self.to_slot(ty)
        self.emit("i64.const", len(target.elts))
        self.emit("call", "compiler.runtime.list_slices.list_unpack_check")
        for index, element in enumerate(target.elts):
            self.emit("local.get", lst)
            self.to_slot(ty)
            self.emit("i64.const", index)
            self.emit("call", f"{LISTS}.list_get")
            self.from_slot(ty.item)
            self.store(element, ty.item)

    def store_starred_items(self, target: py_ast.Tuple, ty: Type) -> None:
        """Pop a list (or tuple) and store its items into ``target``, one name starred."""
        if isinstance(ty, TupleType):  # items of one type (sema checked): as a tuple[T, ...]
            self.record_as_list(ty, var_tuple_of(ty.items[0]))
            ty = var_tuple_of(ty.items[0])
        before, after = target.star_unpack
        lst = self.stash("i32")
        self.emit("local.get", lst)
        self.emit("i64.extend_i32_u")
        self.emit("i64.const", before)
        self.emit("i64.const", after)
        self.call_runtime("compiler.runtime.list_slices.list_unpack_rest", list_of(ty.item))
        rest = self.stash("i32")
        for index, element in enumerate(target.elts):
            if index == before:
                self.emit("local.get", rest)
                self.store(element.value, list_of(ty.item))
                continue
            self.emit("local.get", lst)
            self.emit("i64.extend_i32_u")
            self.emit("i64.const", index if index < before else index - len(target.elts))  # after: from the end
            self.emit("call", f"{LISTS}.list_get")
            self.from_slot(ty.item)
            self.store(element, ty.item)
