"""Lowering of the methods of str, bytes, list and dict: calls into the runtime library.

Arguments the caller left out take the method's own default here (CPython's
``None`` bounds become the "given" bits of a flags argument).
"""
from __future__ import annotations

import ast as py_ast

from ..program import (BOOL, INT, NONE, STR, DictType, ListType, OptionalType, SetType, TupleType, Type, VarTupleType,
                       optional_of)
from .constant_affix import affix_test, constant_affix
from .deep_equality import needs_generated_equality
from .expressions import ExprLowerer, eq_kind, text_prefix
from .user_keys import dict_symbol
from .values import DICTS, LIST_CMP, LISTS, SORTING, STR_CASE, STR_FIND, STR_SPLIT, STR_UTF8

SEARCH = ("find", "rfind", "index", "rindex", "count")
STRIP = ("strip", "lstrip", "rstrip")
TEXT_SPLIT = "compiler.runtime.text_split"
TEXT_PAD = "compiler.runtime.text_pad"
TEXT_CASE = "compiler.runtime.text_case"
INTS = "compiler.runtime.ints"
RUNTIME_OF = {  # the runtime module of each str and bytes method
    **dict.fromkeys(("find", "rfind", "index", "rindex", "startswith", "endswith"), STR_FIND),
    **dict.fromkeys(("split", "strip", "lstrip", "rstrip", "replace", "join"), STR_SPLIT),
    **dict.fromkeys(("lower", "upper", "isdigit", "isspace"), STR_CASE),
    **dict.fromkeys(("encode", "decode"), STR_UTF8),
    **dict.fromkeys(("partition", "rpartition", "rsplit", "splitlines", "count", "removeprefix",
                     "removesuffix"), TEXT_SPLIT),
    **dict.fromkeys(("center", "ljust", "rjust", "zfill", "expandtabs"), TEXT_PAD),
    **dict.fromkeys(("isalnum", "isalpha", "isascii", "isupper", "islower", "istitle", "isdecimal",
                     "isnumeric", "isprintable", "isidentifier", "title", "capitalize", "swapcase",
                     "casefold"), TEXT_CASE),
    "hex": INTS,
}
RECORD = 9  # a tuple record's kind (with the tuple's id << 8), compiler/runtime/memory.py


class MethodLowerer(ExprLowerer):
    def call_type_method(self, node: py_ast.Call, name: str) -> None:
        receiver = node.func.value
        if getattr(node, "static", None) is not None:
            return self.class_method(node, name)
        if name == "format":  # "...".format(...): the f-string it equals (sema/str_format.py)
            return self.lower(node.joined)
        ty = receiver.ty
        self.slot(receiver)
        if ty == INT:
            self.int_method(node, name)
        elif isinstance(ty, ListType):
            self.list_method(node, name, ty)
        elif isinstance(ty, VarTupleType):  # index/count of items the runtime compares (sema checked)
            self.slot(node.bound[0], ty.item)
            self.emit("i64.const", eq_kind(ty.item))
            if name == "index" and any(a is not None for a in node.bound[1:]):  # t.index(x, start[, stop])
                self.maybe(node.bound[1], 0)
                self.maybe(node.bound[2] if len(node.bound) > 2 else None, 2**63 - 1)
                return self.call_runtime("compiler.runtime.tuple_builtin.tuple_index_between", INT)
            self.call_runtime("compiler.runtime.tuple_builtin.tuple_index" if name == "index"
                              else f"{LIST_CMP}.list_count", INT)
        elif isinstance(ty, DictType):
            self.dict_method(node, name, ty)
        elif isinstance(ty, SetType):
            self.set_method(node, name, ty)  # lower/sets.py
        else:
            self.text_method(node, name, ty)

    def optional_arg(self, arg: py_ast.expr | None, ty: Type) -> int:
        """Push an optional argument as a slot (0 if absent/None); return 1 if it was given."""
        if arg is None or (isinstance(arg, py_ast.Constant) and arg.value is None):
            self.emit("i64.const", 0)
            return 0
        inner = ty.inner if isinstance(ty, OptionalType) else ty
        self.slot(arg, inner)
        return 1

    # -- str and bytes ------------------------------------------------------------
    def text_method(self, node: py_ast.Call, name: str, ty: Type) -> None:
        prefix = text_prefix(ty)
        args = node.bound
        module = RUNTIME_OF[name]
        symbol = f"{prefix}_{name}"
        if name in ("startswith", "endswith") and isinstance(args[0].ty, (ListType, VarTupleType)):
            return self.affixes_in_list(node, name, ty)  # startswith(tuple(xs)): lower/tuple_builtin.py
        if name in ("startswith", "endswith") and args[1] is None and args[2] is None \
                and constant_affix(args[0]) is not None:
            return affix_test(self, constant_affix(args[0]), name == "endswith")  # lower/constant_affix.py
        if name in ("startswith", "endswith"):
            if args[1] is None and args[2] is None and not isinstance(args[0].ty, TupleType):
                self.slot(args[0])  # the common case: one prefix, no bounds
            else:
                self.tails(args)
                module, symbol = TEXT_SPLIT, f"{prefix}_{name}_in"
        elif name in SEARCH:
            self.slot(args[0])
            self.bounds(args[1], args[2])
        elif name in ("split", "rsplit"):
            self.optional_arg(args[0], ty)
            self.maybe(args[1], -1)
        elif name in STRIP:
            self.optional_arg(args[0], ty)
        elif name == "replace":
            self.slot(args[0])
            self.slot(args[1])
            self.maybe(args[2], -1)
        elif name in ("partition", "rpartition"):
            self.slot(args[0])
            self.emit("i64.const", RECORD | (self.classes.tuple_id(node.ty) << 8))
        elif name == "splitlines":
            self.flag(args[0])
        elif name in ("center", "ljust", "rjust"):
            self.value(args[0], INT)
            self.optional_arg(args[1], ty)
        elif name == "expandtabs":
            self.maybe(args[0], 8)
        elif name == "hex":
            self.optional_arg(args[0], STR)
            self.maybe(args[1], 1)
        elif name == "encode":
            symbol = "str_encode"
        elif name == "decode":
            symbol = "bytes_decode"
        else:
            for arg in args:
                self.slot(arg)
        self.emit("call", f"{module}.{symbol}")
        if node.ty != BOOL:
            self.from_slot(node.ty)

    def bounds(self, start: py_ast.expr | None, end: py_ast.expr | None) -> None:
        """Optional start/end: both slots, then which of them were given (flags)."""
        flags = self.optional_arg(start, INT) | self.optional_arg(end, INT) << 1
        self.emit("i64.const", flags)

    def tails(self, args: list) -> None:
        """startswith/endswith with bounds or a tuple: the text or tuple, its length (-1: one text)."""
        self.slot(args[0])
        ty = args[0].ty
        self.emit("i64.const", len(ty.items) if isinstance(ty, TupleType) else -1)
        self.bounds(args[1], args[2])

    def flag(self, arg: py_ast.expr | None) -> None:
        """A bool argument (False when left out), as an i32."""
        if arg is None:
            self.emit("i32.const", 0)
        else:
            self.value(arg, BOOL)

    # -- int ----------------------------------------------------------------------------
    def int_method(self, node: py_ast.Call, name: str) -> None:
        if name == "to_bytes":
            args = node.bound
            self.maybe(args[0], 1)
            self.optional_arg(args[1], STR)
            self.flag(args[2])
        self.emit("call", f"{INTS}.int_{name}")
        self.from_slot(node.ty)

    def class_method(self, node: py_ast.Call, name: str) -> None:
        """int.from_bytes(b, byteorder, signed=) and bytes.fromhex(s)."""
        args = node.bound
        self.slot(args[0])
        if name == "from_bytes":
            self.optional_arg(args[1], STR)
            self.flag(args[2])
        self.emit("call", f"{INTS}.{node.static}_{name}")
        self.from_slot(node.ty)

    def maybe(self, arg: py_ast.expr | None, default: int) -> None:
        if arg is None:
            self.emit("i64.const", default)
        else:
            self.value(arg, INT)

    # -- list -------------------------------------------------------------------------
    def list_method(self, node: py_ast.Call, name: str, ty: ListType) -> None:
        args = node.bound
        item = ty.item
        if name in ("index", "count", "remove") and needs_generated_equality(item):
            return self.list_search(name, args[0], ty)
        if name in ("append", "index", "count", "remove"):
            self.slot(args[0], item)
            if name != "append":
                self.emit("i64.const", eq_kind(item))
        if name == "index" and any(a is not None for a in args[1:]):  # xs.index(x, start[, stop])
            self.maybe(args[1], 0)
            self.maybe(args[2], 2**63 - 1)
            return self.call_runtime(f"{LIST_CMP}.list_index_between", INT)
        if name == "pop":
            self.maybe(args[0], -1)
        elif name == "insert":
            self.value(args[0], INT)
            self.slot(args[1], item)
        elif name == "extend":
            self.slot(args[0])
        elif name == "sort" and hasattr(node, "sort_key"):
            return self.keyed_list_sort(node, item)
        elif name == "sort" and hasattr(node, "sort_less"):
            return self.timsort_list_sort(node)
        elif name == "sort":
            return self.list_sort(args[0] if args else None, item)
        self.emit("call", f"{LIST_CMP if name in ('index', 'count', 'remove') else LISTS}.list_{name}")
        if node.ty not in (NONE, BOOL):
            self.from_slot(node.ty)

    def list_search(self, name: str, value: py_ast.expr, ty: ListType) -> None:
        """index/count/remove for items only the compiler can compare (tuples, objects with
        __eq__, lists of those): through the generated functions of ``deep_equality``."""
        lst = self.stash("i64")
        self.emit("local.get", lst)
        self.slot(value, ty.item)
        if name == "count":
            self.emit("call", self.count_function(ty))
            return
        self.emit("call", self.find_function(ty))
        index = self.stash("i64")
        self.emit("local.get", index)
        self.emit("i64.const", 0)
        self.emit("i64.lt_s")
        self.emit("if", self.fresh("L"), None)
        self.emit("call", "ValueError")  # x not in list
        self.emit("end")
        if name == "index":
            self.emit("local.get", index)
            return
        self.emit("local.get", lst)
        self.emit("local.get", index)
        self.emit("call", f"{LISTS}.list_delete")

    def list_sort(self, reverse: py_ast.expr | None, item: Type, copy: bool = False) -> None:
        """Sort the list slot on the stack (``copy``: a sorted copy of it, left on the stack).
        ``reverse=True`` reverses after the stable ascending sort: equal int or str items cannot
        be told apart, so that is CPython's order (revisit when sorts take a key)."""
        lst = self.stash("i64")
        if reverse is not None:  # CPython evaluates every argument before sorting
            self.truthy(reverse)
            flag = self.stash("i32")
        self.emit("local.get", lst)
        self.emit("i64.const", eq_kind(item))
        self.emit("call", f"{SORTING}.list_sorted_copy" if copy else f"{SORTING}.list_sort")
        if copy:
            self.emit("local.set", lst)
        if reverse is not None:
            self.emit("local.get", flag)
            self.emit("if", self.fresh("L"), None)
            self.emit("local.get", lst)
            self.emit("call", f"{LISTS}.list_reverse")
            self.emit("end")
        if copy:
            self.emit("local.get", lst)

    # -- dict ---------------------------------------------------------------------------
    def dict_method(self, node: py_ast.Call, name: str, ty: DictType) -> None:
        args = node.bound
        if name in ("get", "pop") and (len(args) < 2 or args[1] is None):
            self.slot(args[0], ty.key)
            if name == "get":
                return self.dict_get_optional(ty)
            self.emit("call", dict_symbol(self, ty, "dict_pop", node))
            self.from_slot(ty.value)
            return
        symbol = {"get": "dict_get_or", "pop": "dict_pop_or", "keys": "dict_keys_list",
                  "values": "dict_values_list", "items": "dict_items_list"}.get(name, f"dict_{name}")
        if getattr(node, "dict_of", False):  # dict(d) of keys with __hash__: sema/dict_builtin.py
            symbol = "dict_of"
        if name in ("get", "pop", "setdefault"):
            self.slot(args[0], ty.key)
            self.slot(args[1], ty.value)
        elif name == "update":
            self.slot(args[0])
        elif name == "items":  # the runtime builds (key, value) records of this tuple type
            self.emit("i64.const", 9 | (self.classes.tuple_id(node.ty.item) << 8))
        self.emit("call", dict_symbol(self, ty, symbol, node))
        if node.ty != NONE:
            self.from_slot(node.ty)

    def dict_get_optional(self, ty: DictType) -> None:
        """d.get(k): the value, or None when the key is missing."""
        d = self.stash("i64")  # the key, pushed after the dict
        dict_slot = self.stash("i64")
        self.emit("local.get", dict_slot)
        self.emit("local.get", d)
        self.emit("call", dict_symbol(self, ty, "dict_find"))
        entry = self.stash("i64")
        self.emit("local.get", entry)
        self.emit("i64.const", 0)
        self.emit("i64.lt_s")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("i32.const", 0)
        self.emit("else")
        self.emit("local.get", dict_slot)
        self.emit("local.get", entry)
        self.emit("call", f"{DICTS}.dict_entry_value")
        self.from_slot(ty.value)
        self.coerce(ty.value, optional_of(ty.value))  # an Any stays itself: None is its 0
        self.emit("end")
