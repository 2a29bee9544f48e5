"""``bytearray`` and ``memoryview`` (sema/bytearrays.py, sema/memoryviews.py): every operation calls
compiler/runtime/bytearrays.py (or memoryviews.py) with i64 slots. A "view" is the data block (a
bytes object) of a bytearray, read where its operand is evaluated; "data" is a bytes-like operand
as a bytes object (a bytearray's block, a list of ints converted); a slice assigned from a
bytearray is copied first (it may be the bytearray itself)."""
from __future__ import annotations

import ast as py_ast

from ..program import BYTEARRAY, BYTES, INT, Type, list_of, tuple_of

BYTEARRAYS = "compiler.runtime.bytearrays"
STRINGS = "compiler.runtime.strings"
KIND_RECORD = 9
# The header's record: slot 1 (+16, the data block) is the only pointer the GC follows.
HEADER_RECORD = tuple_of((INT, BYTES))
# op -> its runtime function, where the arguments are pushed as sema listed them
RUNTIME = {"new": "bytearray_new", "from": "bytearray_from_bytes", "to_bytes": "bytearray_to_bytes",
           "getitem": "bytearray_getitem", "slice": "bytearray_slice", "append": "bytearray_append",
           "insert": "bytearray_insert", "pop": "bytearray_pop", "remove": "bytearray_remove",
           "clear": "bytearray_clear", "reverse": "bytearray_reverse", "copy": "bytearray_copy",
           "extend": "bytearray_extend", "tolist": "bytearray_tolist", "from_list": "bytearray_list", "from_tuple": "bytearray_triple"}
MEMORYVIEWS = "compiler.runtime.memoryviews"
# A memoryview's record: slot 1 (+16, the bytes viewed) is the only pointer.
VIEW_RECORD = tuple_of((INT, BYTES, INT, INT))


class BytearrayLowerer:
    def bytearray_kind(self) -> int:
        return KIND_RECORD | (self.classes.tuple_id(HEADER_RECORD) << 8)

    def call_bytearray(self, node: py_ast.Call, op: str, args) -> None:
        if op in ("view", "repr"):
            self.value(args[0][1])
            self.emit("i32.load", 16)  # the block: compiler/runtime/bytearrays.py
            if op == "repr":
                self.emit("call", f"{BYTEARRAYS}.bytearray_repr")  # (bytes) -> str
            return
        if isinstance(args, py_ast.BinOp):
            return self.bytearray_binop(node, op, args)
        for kind, arg in args:
            self.bytearray_argument(kind, arg, node)
        if op.startswith("mv_"):  # sema/memoryviews.py
            return self.call_runtime(f"{MEMORYVIEWS}.memoryview_{op[3:]}", node.ty)
        self.call_runtime(f"{BYTEARRAYS}.{RUNTIME[op]}", node.ty)

    def bytearray_argument(self, kind: str, arg, node: py_ast.Call) -> None:
        if kind == "obj":
            self.slot(arg)
        elif kind == "int":
            self.value(arg, INT)
        elif kind == "kind" and node.call[1] == "mv_new":
            self.emit("i64.const", KIND_RECORD | (self.classes.tuple_id(VIEW_RECORD) << 8))
        elif kind == "kind":
            self.emit("i64.const", self.bytearray_kind())
            if node.call[1] == "from_tuple":  # the record of the tuple of bytearrays made
                self.emit("i64.const", KIND_RECORD | (self.classes.tuple_id(node.ty) << 8))
        elif kind == "bounds":
            self.slice_bounds(arg)
        else:
            self.bytes_data(arg)

    def bytes_data(self, arg: py_ast.expr) -> None:
        """A bytes-like operand as a bytes object slot."""
        self.value(arg)
        if arg.ty == BYTEARRAY:
            self.emit("i32.load", 16)
        self.emit("i64.extend_i32_u")
        if arg.ty == list_of(INT):
            self.emit("call", f"{BYTEARRAYS}.bytes_of_ints")

    def bytearray_binop(self, node: py_ast.Call, op: str, binop: py_ast.BinOp) -> None:
        """``a + b``, ``ba * n`` (either side), ``ba += b``, ``ba *= n``: operands read at lowering time
        (an augmented assignment's target was replaced by its temporary by then)."""
        if op in ("mul", "imul"):
            ba, count = (binop.left, binop.right) if binop.left.ty == BYTEARRAY else (binop.right, binop.left)
            if ba is binop.left:
                self.slot(ba)
                self.value(count, INT)
            else:
                self.value(count, INT)
                times = self.stash("i64")
                self.slot(ba)
                self.emit("local.get", times)
            self.call_runtime(f"{BYTEARRAYS}.bytearray_{'imul' if op == 'imul' else 'repeat'}", node.ty)
            return
        if op == "iadd":
            self.slot(binop.left)
            self.bytes_data(binop.right)
            self.call_runtime(f"{BYTEARRAYS}.bytearray_iadd", node.ty)
            return
        self.bytes_data(binop.left)
        self.bytes_data(binop.right)
        if op == "radd":  # bytes + bytearray: bytes
            self.call_runtime(f"{STRINGS}.bytes_concat", node.ty)
            return
        self.emit("i64.const", self.bytearray_kind())
        self.call_runtime(f"{BYTEARRAYS}.bytearray_concat", node.ty)

    # -- statements --------------------------------------------------------------
    def bytearray_store(self, target: py_ast.Subscript, value: str, ty: Type) -> None:
        """``ba[i] = v`` / ``ba[i:j:k] = data``, the value already in local ``value`` (evaluated first)."""
        self.slot(target.value)
        if isinstance(target.slice, py_ast.Slice):
            self.slice_bounds(target.slice)
            self.emit("local.get", value)
            if ty == BYTEARRAY:  # a snapshot: it may be the bytearray itself
                self.emit("i64.extend_i32_u")
                self.emit("call", f"{BYTEARRAYS}.bytearray_to_bytes")
            else:
                self.emit("i64.extend_i32_u")
                if ty == list_of(INT):
                    self.emit("call", f"{BYTEARRAYS}.bytes_of_ints")
            self.emit("call", f"{BYTEARRAYS}.bytearray_set_slice")
            return
        self.value(target.slice, INT)
        self.emit("local.get", value)
        if ty != INT:
            self.emit("i64.extend_i32_u")  # a bool
        self.emit("call", f"{BYTEARRAYS}.bytearray_setitem")

    def bytearray_delete(self, target: py_ast.Subscript) -> None:
        self.slot(target.value)
        if isinstance(target.slice, py_ast.Slice):
            self.slice_bounds(target.slice)
            self.emit("call", f"{BYTEARRAYS}.bytearray_del_slice")
            return
        self.value(target.slice, INT)
        self.emit("call", f"{BYTEARRAYS}.bytearray_delitem")
