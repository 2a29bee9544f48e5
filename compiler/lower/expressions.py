"""Lowering of expressions to stack instructions (CPython semantics on i64).

Values on the wasm stack: ``int`` as i64, ``bool`` as i32 (0/1), ``bytes`` as
an i32 pointer to a bytes object. ``lower_<Node>`` leaves exactly one value of
the node's type on the stack (nothing for None).
"""
from __future__ import annotations

import ast as py_ast

from .. import ir
from ..program import (BOOL, BYTES, BYTES_LEN_OFFSET, BYTES_DATA_OFFSET, INT, NONE,
                       Builtin, FuncSym, GlobalSym, Local, RAISE_INTRINSICS, Type)
from .layout import Layout

CHECKED_BINARY = {py_ast.Add: "rt.add", py_ast.Sub: "rt.sub", py_ast.Mult: "rt.mul",
                  py_ast.FloorDiv: "rt.floordiv", py_ast.Mod: "rt.mod", py_ast.Pow: "rt.pow",
                  py_ast.LShift: "rt.lshift", py_ast.RShift: "rt.rshift"}
BITWISE = {py_ast.BitAnd: "and", py_ast.BitOr: "or", py_ast.BitXor: "xor"}
COMPARE = {py_ast.Lt: "lt_s", py_ast.LtE: "le_s", py_ast.Gt: "gt_s", py_ast.GtE: "ge_s",
           py_ast.Eq: "eq", py_ast.NotEq: "ne"}
MEMORY_INTRINSICS = {
    "load_u8": ["i32.wrap_i64", ("i32.load8_u", 0), "i64.extend_i32_u"],
    "load_u32": ["i32.wrap_i64", ("i64.load32_u", 0)],
    "load_i64": ["i32.wrap_i64", ("i64.load", 0)],
}
STORE_INTRINSICS = {"store_u8": "i64.store8", "store_u32": "i64.store32", "store_i64": "i64.store"}


class ExprLowerer:
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

    def lower(self, node: py_ast.expr) -> None:
        getattr(self, f"lower_{type(node).__name__}")(node)

    def lower_as(self, node: py_ast.expr, target: Type) -> None:
        """Lower and widen a bool to an int where the context wants an int."""
        self.lower(node)
        if node.ty is BOOL and target is INT:
            self.emit("i64.extend_i32_u")

    def truthy(self, node: py_ast.expr) -> None:
        """Leave Python's truth value of ``node`` as an i32 0/1."""
        self.lower(node)
        self.truth_of(node.ty)

    def truth_of(self, ty: Type) -> None:
        if ty is INT:
            self.emit("i64.const", 0)
            self.emit("i64.ne")
        elif ty is BYTES:
            self.emit("i32.load", BYTES_LEN_OFFSET)
            self.emit("i32.const", 0)
            self.emit("i32.ne")

    # -- leaves ------------------------------------------------------------
    def lower_Constant(self, node: py_ast.Constant) -> None:
        value = node.value
        if node.ty is BOOL:
            self.emit("i32.const", int(value))
        elif node.ty is INT:
            self.emit("i64.const", value)
        elif node.ty is BYTES:
            self.emit("i32.const", self.layout.bytes_constant(value))

    def lower_Name(self, node: py_ast.Name) -> None:
        sym = node.sym
        if isinstance(sym, Local):
            self.emit("local.get", sym.name)
        elif sym.assigned_in_functions:
            self.emit("global.get", sym.qualname)
        else:
            self.constant(sym.value, sym.ty)

    def constant(self, value: object, ty: Type) -> None:
        if ty is BYTES:
            self.emit("i32.const", self.layout.bytes_constant(value))
        elif ty is BOOL:
            self.emit("i32.const", int(value))
        else:
            self.emit("i64.const", value)

    # -- operators ---------------------------------------------------------
    def lower_BinOp(self, node: py_ast.BinOp) -> None:
        op = type(node.op)
        if node.ty is BOOL:  # bool & | ^ bool stays a bool
            self.lower(node.left)
            self.lower(node.right)
            self.emit(f"i32.{BITWISE[op]}")
            return
        self.lower_as(node.left, INT)
        self.lower_as(node.right, INT)
        if op in BITWISE:
            self.emit(f"i64.{BITWISE[op]}")
        else:
            self.emit("call", CHECKED_BINARY[op])

    def lower_UnaryOp(self, node: py_ast.UnaryOp) -> None:
        if isinstance(node.operand, py_ast.Constant) and not hasattr(node.operand, "ty"):
            self.emit("i64.const", -node.operand.value)  # the int64 minimum literal
            return
        if isinstance(node.op, py_ast.Not):
            self.truthy(node.operand)
            self.emit("i32.eqz")
            return
        self.lower_as(node.operand, INT)
        if isinstance(node.op, py_ast.USub):
            self.emit("call", "rt.neg")
        elif isinstance(node.op, py_ast.Invert):
            self.emit("i64.const", -1)
            self.emit("i64.xor")

    def lower_BoolOp(self, node: py_ast.BoolOp) -> None:
        """``a and b`` is ``b if a else a``; ``a or b`` is ``a if a else b``."""
        wasm = node.ty.wasm
        self.lower(node.values[0])
        for value in node.values[1:]:
            tmp = self.temp(wasm)
            self.emit("local.tee", tmp)
            self.truth_of(node.ty)
            self.emit("if", self.fresh("L"), wasm)
            if isinstance(node.op, py_ast.And):
                self.lower(value)
                self.emit("else")
                self.emit("local.get", tmp)
            else:
                self.emit("local.get", tmp)
                self.emit("else")
                self.lower(value)
            self.emit("end")

    def lower_Compare(self, node: py_ast.Compare) -> None:
        """Chained comparisons evaluate each middle operand once and stop early."""
        operands = [node.left, *node.comparators]
        wide = any(o.ty is INT for o in operands)
        kind = "i64" if wide else "i32"
        self.lower_as(operands[0], INT if wide else BOOL)
        for index, op in enumerate(node.ops):
            right = operands[index + 1]
            last = index == len(node.ops) - 1
            self.lower_as(right, INT if wide else BOOL)
            if not last:
                tmp = self.temp(kind)
                self.emit("local.tee", tmp)
            self.emit(f"{kind}.{COMPARE[type(op)]}")
            if not last:
                self.emit("if", self.fresh("L"), "i32")
                self.emit("local.get", tmp)
        for _ in range(len(node.ops) - 1):
            self.emit("else")
            self.emit("i32.const", 0)
            self.emit("end")

    def lower_IfExp(self, node: py_ast.IfExp) -> None:
        self.truthy(node.test)
        self.emit("if", self.fresh("L"), node.ty.wasm)
        self.lower(node.body)
        self.emit("else")
        self.lower(node.orelse)
        self.emit("end")

    def lower_Subscript(self, node: py_ast.Subscript) -> None:
        self.lower(node.value)
        self.lower_as(node.slice, INT)
        self.emit("call", "rt.bytes_index")

    # -- calls -------------------------------------------------------------
    def lower_Call(self, node: py_ast.Call) -> None:
        sym = node.func.sym
        if isinstance(sym, FuncSym):
            self.call_function(node, sym)
        elif sym.name.startswith("abi.intrinsics."):
            self.call_intrinsic(node, sym.name.rsplit(".", 1)[1])
        else:
            getattr(self, f"builtin_{sym.name}")(node)

    def call_function(self, node: py_ast.Call, fn: FuncSym) -> None:
        for arg, param in zip(node.args, fn.params):
            self.boundary_argument(arg, param.ty, param.wasm)
        self.emit("call", fn.qualname)
        if fn.result is INT and fn.result_wasm == "i32":
            self.emit("i64.extend_i32_s")

    def boundary_argument(self, arg: py_ast.expr, ty: Type, wasm: str) -> None:
        if ty is INT and wasm == "i32":
            if isinstance(arg, py_ast.Constant) and -(1 << 31) <= arg.value < (1 << 32):
                self.emit("i32.const", arg.value)
                return
            self.lower_as(arg, INT)
            self.emit("call", "rt.to_i32")
            return
        self.lower_as(arg, ty)

    def call_intrinsic(self, node: py_ast.Call, name: str) -> None:
        for arg in node.args:
            self.lower_as(arg, INT if arg.ty is not BYTES else BYTES)
        if name in MEMORY_INTRINSICS:
            for instr in MEMORY_INTRINSICS[name]:
                self.emit(*(instr if isinstance(instr, tuple) else (instr,)))
        elif name in STORE_INTRINSICS:
            value = self.temp("i64")
            self.emit("local.set", value)
            self.emit("i32.wrap_i64")
            self.emit("local.get", value)
            self.emit(STORE_INTRINSICS[name], 0)
        elif name == "memory_size":
            self.emit("memory.size")
            self.emit("i64.extend_i32_u")
        elif name == "memory_grow":
            self.emit("i32.wrap_i64")
            self.emit("memory.grow")
            self.emit("i64.extend_i32_s")
        elif name in ("memory_fill", "memory_copy"):
            self.bulk_memory(name)
        elif name.startswith("raise_"):
            self.emit("call", RAISE_INTRINSICS[name])
        elif name == "record_table":
            self.emit("global.get", "rt.record_table")
            self.emit("i64.extend_i32_u")
        elif name == "heap_base":
            self.emit("global.get", "rt.heap_base")
            self.emit("i64.extend_i32_u")
        elif name == "data_ptr":
            self.emit("i32.const", BYTES_DATA_OFFSET)
            self.emit("i32.add")
            self.emit("i64.extend_i32_u")
        elif name == "unreachable":
            self.emit("unreachable")

    def bulk_memory(self, name: str) -> None:
        """memory.fill(dst, value, size) / memory.copy(dst, src, size) on i32 operands."""
        a, b, c = self.temp("i64"), self.temp("i64"), self.temp("i64")
        for tmp in (c, b, a):
            self.emit("local.set", tmp)
        for tmp in (a, b, c):
            self.emit("local.get", tmp)
            self.emit("i32.wrap_i64")
        self.emit(f"memory.{name.split('_')[1]}")

    def builtin_len(self, node: py_ast.Call) -> None:
        self.lower(node.args[0])
        self.emit("i64.load32_u", BYTES_LEN_OFFSET)

    def builtin_abs(self, node: py_ast.Call) -> None:
        self.lower_as(node.args[0], INT)
        self.emit("call", "rt.abs")

    def builtin_int(self, node: py_ast.Call) -> None:
        self.lower_as(node.args[0], INT)

    def builtin_bool(self, node: py_ast.Call) -> None:
        self.truthy(node.args[0])

    def builtin_min(self, node: py_ast.Call) -> None:
        self.extremum(node, "i64.lt_s")

    def builtin_max(self, node: py_ast.Call) -> None:
        self.extremum(node, "i64.gt_s")

    def extremum(self, node: py_ast.Call, better: str) -> None:
        """min/max keep the first of equal values, as CPython does."""
        best, candidate = self.temp("i64"), self.temp("i64")
        self.lower(node.args[0])
        self.emit("local.set", best)
        for arg in node.args[1:]:
            self.lower(arg)
            self.emit("local.tee", candidate)
            self.emit("local.get", best)
            self.emit("local.get", candidate)
            self.emit("local.get", best)
            self.emit(better)
            self.emit("select")
            self.emit("local.set", best)
        self.emit("local.get", best)
