"""Lowering basics: emitting, temporaries, conversions between representations.

Values on the wasm stack: ``int`` i64, ``bool`` i32 0/1, ``float`` f64, and
every object (str, bytes, list, dict, tuple, class instance, ``T | None``) an
i32 pointer (0 is None). Container slots and runtime-library arguments are
i64 ("slots"): ``to_slot``/``from_slot`` convert. ``T | None`` of int, float or
bool points to a box object holding the value.
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, NONE, RT_MEMORY, STR, ClassType, DictType, ListType,
                       OptionalType, SetType, TupleType, Type, UnionType, VarTupleType)
from .layout import Layout

KIND_BOX = 6
SCALARS = (INT, FLOAT, BOOL)
STRINGS = "compiler.runtime.strings"  # str and bytes objects, UTF-8, +, *, ==, <, hash
STR_ITEMS = "compiler.runtime.str_items"  # s[i], slices, ord, chr, list(s)
STR_FIND = "compiler.runtime.str_find"
STR_SPLIT = "compiler.runtime.str_split"  # split, strip, replace, join
STR_CASE = "compiler.runtime.str_case"  # lower, upper, isdigit, isspace
STR_UTF8 = "compiler.runtime.str_utf8"  # encode, decode
STR_FMT = "compiler.runtime.str_fmt"  # int <-> text, format specs
LISTS = "compiler.runtime.lists"
LIST_CMP = "compiler.runtime.list_cmp"  # ==, <, in, index, count, remove of items
SORTING = "compiler.runtime.sorting"
BYTES_DATA = 16  # where a bytes object's bytes start (compiler/runtime/strings.py DATA)
DICTS = "compiler.runtime.dicts"
FLOATS = "compiler.runtime.floats"  # str(x), format(x, ".Nf")
FLOAT_ARITH = "compiler.runtime.float_arith"  # %, //, int / int, int == float
DYNAMIC = "compiler.runtime.dynamic"


def type_code(ty: Type) -> int:
    """compiler/runtime/dynamic.py's code for a type: a box's tag, and what isinstance() on an Any tests."""
    codes = {INT: 1, FLOAT: 2, BOOL: 3, STR: 4, BYTES: 5}
    return codes[ty] if ty in codes else 6 if isinstance(ty, ListType) else 7


class ValueLowerer:
    def __init__(self, fn: ir.Function, layout: Layout):
        self.fn = fn
        self.layout = layout
        self.counter = 0

    # -- plumbing ----------------------------------------------------------
    def emit(self, *instr) -> None:
        self.fn.body.append(tuple(instr))

    def fresh(self, stem: str) -> str:
        self.counter += 1
        return f"{stem}{self.counter}"

    def temp(self, wasm: str) -> str:
        name = self.fresh("tmp.")
        self.fn.locals.append((name, wasm))
        return name

    def stash(self, wasm: str) -> str:
        """Pop the top of the stack into a new temporary."""
        tmp = self.temp(wasm)
        self.emit("local.set", tmp)
        return tmp

    def call_runtime(self, symbol: str, result: Type | None = None) -> None:
        """Call a runtime-library function (i64 arguments already pushed) and convert its result."""
        self.emit("call", symbol)
        if result is not None and result != NONE:
            self.from_slot(result)

    # -- lowering entry points -----------------------------------------------
    def lower(self, node: py_ast.expr) -> None:
        replacement = getattr(node, "replaced_by", None)  # e.g. e.args[i] (sema/exception_args.py)
        if replacement is not None:
            return self.lower(replacement)
        getattr(self, f"lower_{type(node).__name__}")(node)

    def value(self, node: py_ast.expr, target: Type | None = None) -> None:
        """Lower ``node`` and convert it to the type its context expects."""
        self.lower(node)
        goal = target or getattr(node, "target_ty", None)
        if goal is not None:
            self.coerce(node.ty, goal)

    def slot(self, node: py_ast.expr, target: Type | None = None) -> None:
        """Lower ``node`` as an i64 slot."""
        self.value(node, target)
        self.to_slot(target or getattr(node, "target_ty", None) or node.ty)

    # -- conversions ---------------------------------------------------------------
    def coerce(self, source: Type, target: Type) -> None:
        if source == target:
            return
        if target == ANY or isinstance(target, UnionType):
            self.to_any(source)  # a union is held as an Any is
        elif source == ANY:
            self.from_any(target)
        elif source == BOOL and target == INT:
            self.emit("i64.extend_i32_u")
        elif source == NONE:
            self.emit("i32.const", 0)
        elif isinstance(target, OptionalType) and not isinstance(source, OptionalType) and source in SCALARS:
            self.box(source)
        elif isinstance(source, TupleType) and isinstance(target, (VarTupleType, OptionalType)):
            inner = target.inner if isinstance(target, OptionalType) else target
            if isinstance(inner, VarTupleType):  # sema/types.py fixed_to_var_tuple
                self.record_as_list(source, inner)

    def record_as_list(self, source: TupleType, target: VarTupleType) -> None:
        """A fixed tuple where a ``tuple[T, ...]`` is expected: its slots copied into a new list
        (items all T, sema/types.py ``fixed_to_var_tuple``)."""
        record = self.stash("i32")
        self.new_list(target, len(source.items))
        lst = self.stash("i32")
        if source.items:
            self.emit("local.get", lst)
            self.emit("i32.load", 16)  # the items block (compiler/runtime/lists.py)
            items = self.stash("i32")
            for index in range(len(source.items)):
                self.emit("local.get", items)
                self.emit("local.get", record)
                self.emit("i64.load", 8 + 8 * index)
                self.emit("i64.store", 8 + 8 * index)
            self.emit("local.get", lst)
            self.emit("i32.const", len(source.items))
            self.emit("i32.store", 8)
        self.emit("local.get", lst)

    def to_slot(self, ty: Type) -> None:
        if ty == NONE:  # None has no wasm value; its slot (a tuple's item) holds 0
            self.emit("i64.const", 0)
        elif ty == FLOAT:
            self.emit("i64.reinterpret_f64")
        elif ty.wasm == "i32":
            self.emit("i64.extend_i32_u")

    def from_slot(self, ty: Type) -> None:
        if ty == NONE:
            self.emit("drop")
        elif ty == FLOAT:
            self.emit("f64.reinterpret_i64")
        elif ty.wasm == "i32":
            self.emit("i32.wrap_i64")

    def to_any(self, source: Type) -> None:
        """Objects and None as they are; an int, float or bool in a box tagged with its type."""
        if source == NONE:
            self.emit("i32.const", 0)
        elif source in SCALARS:
            self.box(source)

    def from_any(self, target: Type) -> None:
        """An Any where ``target`` is declared: checked at run time (TypeError if it does not fit)."""
        none_ok = isinstance(target, OptionalType)
        inner = target.inner if none_ok else target
        self.emit("i64.extend_i32_u")
        if isinstance(inner, ClassType):
            info = inner.info
            for constant in (info.class_id, info.last_descendant_id):
                self.emit("i64.const", constant)
            self.emit("i32.const", self.layout.str_constant(info.name))
            self.emit("i32.const", int(none_ok))
            self.emit("call", f"{DYNAMIC}.checked_object")
            self.emit("i32.wrap_i64")
            return
        self.emit("i64.const", type_code(inner))
        if inner in SCALARS and not none_ok:
            self.emit("call", f"{DYNAMIC}.checked_scalar")
            self.from_slot(inner)
            return
        self.emit("i32.const", int(none_ok))
        self.emit("call", f"{DYNAMIC}.checked")
        self.emit("i32.wrap_i64")

    def box(self, ty: Type) -> None:
        value = self.stash(ty.wasm)
        self.emit("i64.const", 8)
        self.emit("i64.const", KIND_BOX | type_code(ty) << 8)  # the tag says what an Any holds
        self.emit("call", f"{RT_MEMORY}.alloc")
        self.emit("i32.wrap_i64")
        box = self.stash("i32")
        self.emit("local.get", box)
        self.emit("local.get", value)
        self.to_slot(ty)
        self.emit("i64.store", 8)
        self.emit("local.get", box)

    def unbox(self, ty: Type) -> None:
        self.emit("i64.load", 8)
        self.from_slot(ty)

    def narrowed_read(self, storage: Type, seen: Type) -> None:
        """A local stored as ``T | None`` read where it is known to be ``T``."""
        if storage == ANY and seen in SCALARS:  # exactly that type: a bool read as an int raises
            self.emit("i64.extend_i32_u")
            self.emit("i64.const", type_code(seen))
            self.emit("call", f"{DYNAMIC}.checked_scalar")
            self.from_slot(seen)
        elif isinstance(storage, (OptionalType, UnionType)) and seen in SCALARS:
            self.unbox(seen)  # the test that narrowed it proved the box holds a ``seen``

    # -- truth values ------------------------------------------------------------------
    def truthy(self, node: py_ast.expr) -> None:
        self.lower(node)
        self.truth_of(node.ty)

    def truth_of(self, ty: Type) -> None:
        """Replace a value of type ``ty`` on the stack by its Python truth value (i32)."""
        if ty == INT:
            self.emit("i64.const", 0)
            self.emit("i64.ne")
        elif ty == FLOAT:
            self.emit("f64.const", 0.0)
            self.emit("f64.ne")
        elif ty in (STR, BYTES, BYTEARRAY, MEMORYVIEW) or isinstance(ty, (ListType, DictType, SetType, VarTupleType)):
            self.emit("i32.load", 8)
            self.emit("i32.const", 0)
            self.emit("i32.ne")
        elif isinstance(ty, OptionalType):
            self.optional_truth(ty)
        elif isinstance(ty, UnionType) or ty == ANY:  # objects without __bool__/__len__ (sema checked)
            self.emit("i64.extend_i32_u")
            self.emit("call", f"{DYNAMIC}.held_truth")
        elif isinstance(ty, ClassType) and self.classes.truth_function(ty.info) is not None:
            self.emit("call", self.classes.truth_function(ty.info))
        elif isinstance(ty, (TupleType, ClassType)):
            self.emit("drop")
            self.emit("i32.const", 1)

    def optional_truth(self, ty: OptionalType) -> None:
        ptr = self.stash("i32")
        self.emit("local.get", ptr)
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", ptr)
        if ty.inner in SCALARS:
            self.unbox(ty.inner)
        self.truth_of(ty.inner)
        self.emit("else")
        self.emit("i32.const", 0)
        self.emit("end")
