"""Lowering of the SDK's intrinsics (``abi.intrinsics``): memory loads and stores with constant
offsets folded in, bulk memory, wrapping arithmetic and the raise_* traps."""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, BYTES, INT, RAISE_INTRINSICS, GlobalSym
from .values import BYTES_DATA, STRINGS

HOST_BLOCK = "abi.memory.host_block"  # the SDK's last host buffer (abi/memory.py)

MEMORY_INTRINSICS = {
    "load_u8": ["i32.wrap_i64", ("i32.load8_u", 0), "i64.extend_i32_u"],
    "load_u32": ["i32.wrap_i64", ("i64.load32_u", 0)],
    "load_i64": ["i32.wrap_i64", ("i64.load", 0)],
}
# Wrapping arithmetic and unsigned comparisons: one plain instruction on the i64 operands.
PLAIN_INTRINSICS = {"wrap_add": "i64.add", "wrap_sub": "i64.sub", "wrap_mul": "i64.mul",
                    "shr_u": "i64.shr_u", "lt_u": "i64.lt_u", "ctz": "i64.ctz",
                    "div_u": "i64.div_u", "rem_u": "i64.rem_u"}
STORE_INTRINSICS = {"store_u8": "i64.store8", "store_u32": "i64.store32", "store_i64": "i64.store"}


def constant_int(node: py_ast.expr) -> int | None:
    """The value of an int literal or of a name bound to a folded int constant."""
    if isinstance(node, py_ast.Constant) and type(node.value) is int:
        return node.value
    sym = getattr(node, "sym", None)
    if isinstance(node, py_ast.Name) and isinstance(sym, GlobalSym) and sym.is_constant \
            and type(sym.value) is int:
        return sym.value
    return None


class IntrinsicLowerer:
    def call_intrinsic(self, node: py_ast.Call, name: str) -> None:
        if name in MEMORY_INTRINSICS or name in STORE_INTRINSICS:
            self.memory_access(node, name)
            return
        if name in ("memory_fill", "memory_copy"):
            self.bulk_memory(node, name)
            return
        if name == "call_less":
            self.call_less(node)
            return
        for arg in node.bound:
            self.value(arg, INT if arg.ty == BOOL else None)
        if name in RAISE_INTRINSICS:
            self.emit("call", RAISE_INTRINSICS[name])
        elif name in PLAIN_INTRINSICS:
            self.emit(PLAIN_INTRINSICS[name])
        else:
            getattr(self, f"intrinsic_{name}")()

    def memory_access(self, node: py_ast.Call, name: str) -> None:
        """load_*/store_*(base + constant, ...): the constant goes into the instruction's offset,
        sparing a checked addition on the runtime's hottest paths (field reads and writes)."""
        offset = self.address(node.bound[0])
        if name in MEMORY_INTRINSICS:
            wrap, (load, _), *rest = MEMORY_INTRINSICS[name]
            self.emit(wrap)
            self.emit(load, offset)
            for instr in rest:
                self.emit(*(instr if isinstance(instr, tuple) else (instr,)))
            return
        self.emit("i32.wrap_i64")
        self.value(node.bound[1], INT if node.bound[1].ty == BOOL else None)
        self.emit(STORE_INTRINSICS[name], offset)

    def address(self, arg: py_ast.expr) -> int:
        """Push an address's base (i64); return the constant offset split off it, if any."""
        if isinstance(arg, py_ast.BinOp) and isinstance(arg.op, py_ast.Add):
            offset = constant_int(arg.right)
            if offset is not None and 0 <= offset < 1 << 30:
                self.value(arg.left, INT)
                return offset
        self.value(arg, INT if arg.ty == BOOL else None)
        return 0

    def intrinsic_memory_size(self) -> None:
        self.emit("memory.size")
        self.emit("i64.extend_i32_u")

    def intrinsic_memory_grow(self) -> None:
        self.emit("i32.wrap_i64")
        self.emit("memory.grow")
        self.emit("i64.extend_i32_s")

    def intrinsic_heap_base(self) -> None:
        self.emit("global.get", "rt.heap_base")
        self.emit("i64.extend_i32_u")

    def intrinsic_record_table(self) -> None:
        self.emit("global.get", "rt.record_table")
        self.emit("i64.extend_i32_u")

    def intrinsic_data_ptr(self) -> None:
        self.emit("i32.const", 16)
        self.emit("i32.add")
        self.emit("i64.extend_i32_u")

    def intrinsic_text_ptr(self) -> None:
        self.intrinsic_data_ptr()  # a str's UTF-8 data is where a bytes object's data is

    def intrinsic_text_size(self) -> None:
        self.emit("i32.load", 8)  # its byte length (runtime/strings.py's layout)
        self.emit("i64.extend_i32_u")

    def intrinsic_bytes_at(self) -> None:
        """A bytes object holding memory[ptr:ptr + size] (i64 operands pushed): a new copy, or, in a
        program with the SDK's allocator, the very object whose whole data the host just filled
        (abi/memory.py ``host_block``, cleared on adoption). Bytes never change, so nothing can
        tell the two apart; every other address (and every part of a host buffer) is copied."""
        if HOST_BLOCK not in self.classes.program.globals:
            self.emit("i32.const", 0)  # is_str = False
            self.call_runtime(f"{STRINGS}.text_from_span", BYTES)
            return
        size, ptr = self.stash("i64"), self.stash("i64")
        for instr in (("local.get", ptr), ("global.get", HOST_BLOCK), ("i64.eq",),
                      ("local.get", ptr), ("i64.eqz",), ("i32.eqz",), ("i32.and",)):
            self.emit(*instr)
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", ptr)  # the object's length must be what the host reported
        self.emit("i32.wrap_i64")
        self.emit("i32.const", BYTES_DATA - 8)
        self.emit("i32.sub")
        self.emit("i64.load32_u", 0)
        self.emit("local.get", size)
        self.emit("i64.eq")
        self.emit("else")
        self.emit("i32.const", 0)
        self.emit("end")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("i64.const", 0)
        self.emit("global.set", HOST_BLOCK)
        self.emit("local.get", ptr)
        self.emit("i32.wrap_i64")
        self.emit("i32.const", BYTES_DATA)
        self.emit("i32.sub")
        self.emit("else")
        self.emit("local.get", ptr)
        self.emit("local.get", size)
        self.emit("i32.const", 0)  # is_str = False
        self.call_runtime(f"{STRINGS}.text_from_span", BYTES)
        self.emit("end")

    def intrinsic_unreachable(self) -> None:
        self.emit("unreachable")

    def intrinsic_float_bits(self) -> None:
        self.emit("i64.reinterpret_f64")

    def intrinsic_float_from_bits(self) -> None:
        self.emit("f64.reinterpret_i64")

    def call_less(self, node: py_ast.Call) -> None:
        """call_less(less, a, b): the function value ``less`` of two objects returning bool, called
        through its signature's dispatcher (lower/closures.py); each operand is an i32 pointer."""
        for arg in node.bound:
            self.value(arg, INT)
            self.emit("i32.wrap_i64")
        self.emit("call", self.classes.function_values.dispatcher(["i32", "i32"], ["i32"]))

    def bulk_memory(self, node: py_ast.Call, name: str) -> None:
        """memory.fill(dst, value, size) / memory.copy(dst, src, size): each operand wrapped to
        i32 as it is pushed (in order, so evaluation order is unchanged)."""
        for arg in node.bound:
            self.value(arg, INT if arg.ty == BOOL else None)
            self.emit("i32.wrap_i64")
        self.emit(f"memory.{name.split('_')[1]}")
