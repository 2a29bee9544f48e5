"""Lowering of ``key=``/``reverse=``/``default=`` for sorted, list.sort, min and max
(checked by sema/sort_keys.py).

The key function runs on every item first, in order, into a list of keys, as CPython does; the
runtime (compiler/runtime/sorting.py) then sorts the items by those keys, or finds the first
best one. An exception the key raises leaves the list as it was: nothing moved yet.
"""
from __future__ import annotations

import ast as py_ast

from ..program import INT, FuncSym, ListType, TupleType, Type
from .expressions import ExprLowerer
from .values import LISTS

SORTING = "compiler.runtime.sorting"
TIMSORT = "compiler.runtime.timsort_runs"
KIND_RAW, KIND_POINTERS = 5, 7


class SortKeyLowerer(ExprLowerer):
    def key_list(self, lst: str, fn: FuncSym, item: Type) -> str:
        """A new list of ``fn(x)`` for each item of the list in local ``lst`` (an i64 slot)."""
        n = self.temp("i64")
        self.emit("local.get", lst)
        self.emit("call", f"{LISTS}.list_len")
        self.emit("local.tee", n)
        self.emit("i64.const", KIND_POINTERS if fn.result.pointer else KIND_RAW)
        self.emit("call", f"{LISTS}.list_new")
        keys = self.stash("i64")
        env = None
        if hasattr(fn, "value_expr"):  # a function value: called through its dispatcher
            self.value(fn.value_expr)
            env = self.stash("i32")
        elif getattr(fn, "free", None) is not None:  # a lambda reading the enclosing function's variables
            self.function_value(fn)
            env = self.stash("i32")
        index = self.temp("i64")
        self.emit("i64.const", 0)
        self.emit("local.set", index)
        done, again = self.fresh("L"), self.fresh("L")
        self.emit("block", done, None)
        self.emit("loop", again, None)
        self.emit("local.get", index)
        self.emit("local.get", n)
        self.emit("i64.ge_s")
        self.emit("br_if", done)
        self.emit("local.get", keys)
        if env is not None:
            self.emit("local.get", env)
        self.emit("local.get", lst)
        self.emit("local.get", index)
        self.emit("call", f"{LISTS}.list_get")
        self.from_slot(item)
        self.call_with(fn, item)
        self.to_slot(fn.result)
        self.emit("call", f"{LISTS}.list_append")
        self.emit("local.get", index)
        self.emit("i64.const", 1)
        self.emit("i64.add")
        self.emit("local.set", index)
        self.emit("br", again)
        self.emit("end")
        self.emit("end")
        return keys

    def call_with(self, fn: FuncSym, arg: Type) -> None:
        """Call the one-parameter ``fn`` on the ``arg`` value on the stack."""
        param = fn.params[0]
        self.coerce(arg, param.ty)
        if param.ty == INT and param.wasm == "i32":
            self.emit("call", "rt.to_i32")
        if hasattr(fn, "value_expr"):
            results = [fn.result.wasm] if fn.result.wasm else []
            self.emit("call", self.classes.function_values.dispatcher([param.wasm], results))
        else:
            self.emit("call", fn.qualname)
        if fn.result == INT and fn.result_wasm == "i32":
            self.emit("i64.extend_i32_s")

    def sort_less(self, node: py_ast.Call) -> None:
        """The comparison runtime/timsort.py makes: 0 for floats, else the function value of
        ``lambda a, b: a < b`` (sema/sort_orders.py)."""
        if node.sort_less is None:
            self.emit("i64.const", 0)
            return
        self.function_value(node.sort_less)
        self.emit("i64.extend_i32_u")

    def timsort_sorted(self, node: py_ast.Call) -> None:
        """``sorted(xs, reverse=r)`` of floats or objects: a copy, sorted as CPython does."""
        self.slot(node.bound[0])
        source = self.stash("i64")
        flag = self.sort_flag(node.bound[1] if len(node.bound) > 1 else None)
        self.emit("local.get", source)
        self.emit("call", f"{LISTS}.list_copy")
        lst = self.stash("i64")
        self.timsort_call(node, lst, flag)
        self.emit("local.get", lst)
        self.from_slot(node.ty)

    def timsort_list_sort(self, node: py_ast.Call) -> None:
        """``lst.sort(reverse=r)`` of floats or objects, the list slot on the stack."""
        lst = self.stash("i64")
        self.timsort_call(node, lst, self.sort_flag(node.bound[0] if node.bound else None))

    def timsort_call(self, node: py_ast.Call, lst: str, flag: str) -> None:
        self.emit("local.get", lst)
        self.sort_less(node)
        self.emit("local.get", flag)
        self.emit("call", f"{TIMSORT}.sort_list")

    def sort_flag(self, reverse: py_ast.expr | None) -> str:
        flag = self.temp("i64")
        if reverse is not None:
            self.truthy(reverse)
            self.emit("i64.extend_i32_u")
            self.emit("local.set", flag)
        return flag

    def keyed_sorted(self, node: py_ast.Call) -> None:
        """``sorted(xs, key=f, reverse=r)``: a copy (a view is one already), sorted by its keys."""
        arg = node.args[0]
        self.slot(arg)
        lst = self.stash("i64")
        flag = self.sort_flag(node.sort_reverse)  # CPython evaluates every argument before copying
        if isinstance(arg.ty, ListType):
            self.emit("local.get", lst)
            self.emit("call", f"{LISTS}.list_copy")
            self.emit("local.set", lst)
        self.keyed_sort_of(node, lst, lst, arg.ty.item, flag=flag)
        self.emit("local.get", lst)
        self.from_slot(node.ty)

    def keyed_list_sort(self, node: py_ast.Call, item: Type) -> None:
        """``lst.sort(key=f)`` with the list slot on the stack."""
        lst = self.stash("i64")
        self.keyed_sort_of(node, lst, lst, item, in_place=True)

    def keyed_sort_of(self, node: py_ast.Call, lst: str, source: str, item: Type, in_place: bool = False,
                      flag: str | None = None) -> None:
        if flag is None:
            flag = self.sort_flag(node.sort_reverse)  # CPython evaluates every argument first
        fn, kind = node.sort_key
        changed = None
        if fn is None:
            keys = source  # the items are the keys
        elif in_place:
            keys, changed = self.keys_of_taken(lst, fn, item)
        else:
            keys = self.key_list(source, fn, item)
        self.sort_by_keys(node, lst, keys, flag, kind, fn, item)
        if changed is not None:  # a key function changed the list: ValueError, after the sort
            self.emit("local.get", changed)
            self.emit("call", f"{TIMSORT}.check_unchanged")

    def keys_of_taken(self, lst: str, fn: FuncSym, item: Type) -> tuple[str, str]:
        """The keys of ``lst.sort(key=fn)``, while the list looks empty, as CPython's does
        (runtime/timsort_runs.py list_take); if the key function raises, the list gets its items
        back first. Also the local set when the key function changed the list."""
        from .exceptions import CATCH, TryFrame  # exceptions imports the lowerers this one is part of
        self.emit("local.get", lst)
        self.emit("call", f"{TIMSORT}.list_take")
        saved = self.stash("i64")
        done, catch = self.fresh("L"), self.fresh(CATCH)
        frame, error = TryFrame(len(self.loops), self.temp("i32")), self.temp("i32")
        self.emit("block", done, None)
        self.emit("block", catch, None)
        self.enter_try(frame)
        keys = self.key_list(saved, fn, item)
        self.try_frames.pop()
        self.restore_handlers(frame)
        self.emit("br", done)
        self.emit("end")
        self.restore_handlers(frame)
        self.take_pending(error)
        self.give_back(lst, saved)
        self.emit("drop")
        self.emit("local.get", error)
        self.emit("call", "rt.reraise")
        self.emit("unreachable")
        self.emit("end")
        self.give_back(lst, saved)
        return keys, self.stash("i64")

    def give_back(self, lst: str, saved: str) -> None:
        self.emit("local.get", lst)
        self.emit("local.get", saved)
        self.emit("call", f"{TIMSORT}.list_give_back")

    def sort_by_keys(self, node: py_ast.Call, lst: str, keys: str, flag: str, kind, fn: FuncSym | None,
                     item: Type) -> None:
        if hasattr(node, "sort_less"):  # float or object keys: CPython's algorithm
            for local in (lst, keys):
                self.emit("local.get", local)
            self.sort_less(node)
            self.emit("local.get", flag)
            self.emit("call", f"{TIMSORT}.keyed_sort_list")
            return
        if isinstance(kind, tuple):
            self.emit("local.get", lst)
            self.emit("call", f"{LISTS}.list_len")
            self.emit("local.get", flag)
            order = self.tuple_order(keys, kind, fn.result if fn is not None else item)
            for local in (lst, order, flag):
                self.emit("local.get", local)
            self.emit("call", f"{SORTING}.apply_order")
            return
        for local in (lst, keys):
            self.emit("local.get", local)
        self.emit("i64.const", kind)
        self.emit("local.get", flag)
        self.emit("call", f"{SORTING}.keyed_sort")

    def tuple_order(self, keys: str, kinds: tuple[int, ...], ty: TupleType) -> str:
        """With the length and the reverse flag on the stack: the order of the items by their
        tuple ``keys``, from stable sorts by each item of the keys, the last item first."""
        self.emit("call", f"{SORTING}.index_order")
        order = self.stash("i64")
        for index in reversed(range(len(kinds))):
            for local in (keys, order):
                self.emit("local.get", local)
            self.emit("i64.const", 8 + 8 * index)
            self.emit("i64.const", KIND_POINTERS if ty.items[index].pointer else KIND_RAW)
            self.emit("call", f"{SORTING}.key_items")
            items = self.stash("i64")
            for local in (order, items):
                self.emit("local.get", local)
            self.emit("i64.const", kinds[index])
            self.emit("i64.const", 0)
            self.emit("call", f"{SORTING}.keyed_sort")
        return order

    def keyed_extremum(self, node: py_ast.Call, sign: int) -> None:
        """min/max with key= or default=: the first item with the best key, else the default
        (evaluated before any key, as CPython's arguments are) or ValueError."""
        items, default = node.extremum
        fn, kind = node.sort_key
        item = items.ty.item
        self.slot(items)
        lst = self.stash("i64")
        fallback = None
        if default is not None:
            self.value(default, node.ty)
            fallback = self.stash(node.ty.wasm)
        keys = self.key_list(lst, fn, item) if fn is not None else lst
        if isinstance(kind, tuple):  # the first of the ascending order, or of the descending one
            self.emit("local.get", keys)
            self.emit("call", f"{LISTS}.list_len")
            self.emit("i64.const", int(sign > 0))
            self.emit("local.get", self.tuple_order(keys, kind, fn.result if fn is not None else item))
            self.emit("i64.const", sign)
            self.emit("i64.const", int(default is None))
            self.emit("call", f"{SORTING}.ordered_extreme")
        else:
            self.emit("local.get", keys)
            self.emit("i64.const", kind)
            self.emit("i64.const", sign)
            self.emit("i64.const", int(default is None))
            self.emit("call", f"{SORTING}.extreme_index")
        index = self.stash("i64")
        if fallback is not None:
            self.emit("local.get", index)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("if", self.fresh("L"), node.ty.wasm)
            self.emit("local.get", fallback)
            self.emit("else")
        self.emit("local.get", lst)
        self.emit("local.get", index)
        self.emit("call", f"{LISTS}.list_get")
        self.from_slot(item)
        self.coerce(item, node.ty)
        if fallback is not None:
            self.emit("end")
