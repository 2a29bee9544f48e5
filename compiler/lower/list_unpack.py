"""``a, b, c = lst``: a list unpacked into names (sema/check.py's assign_to). CPython checks the
length first (ValueError, its message: runtime/list_slices.py) and then assigns the items left
to right; so does this."""
from __future__ import annotations

import ast as py_ast

from ..program import ListType
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
