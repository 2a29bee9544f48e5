"""Lowering of expressions: leaves, operators, comparisons, subscripts and fields.

``lower_<Node>`` leaves exactly one value of the node's type on the stack
(nothing for None); contexts convert it with ``value``/``slot``.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, STR, ClassType, DictType, GlobalSym, ListType, Local, SetType,
                       Type, VarTupleType)
from .bytes_concat import fused_concat
from .type_names import OBJECT_CODE, class_names_table, held_names_table, static_name
from .type_values import type_value_code
from .values import DYNAMIC, FLOAT_ARITH, LISTS, STRINGS, ValueLowerer

CHECKED_BINARY = {py_ast.Add: "rt.add", py_ast.Sub: "rt.sub", py_ast.Mult: "rt.mul",
                  py_ast.FloorDiv: "rt.floordiv", py_ast.Mod: "rt.mod", py_ast.Pow: "rt.pow",
                  py_ast.LShift: "rt.lshift", py_ast.RShift: "rt.rshift"}
FLOAT_BINARY = {py_ast.Add: "f64.add", py_ast.Sub: "f64.sub", py_ast.Mult: "f64.mul"}
FLOAT_CALLS = {py_ast.Div: "rt.fdiv", py_ast.FloorDiv: f"{FLOAT_ARITH}.float_floordiv", py_ast.Mod: f"{FLOAT_ARITH}.float_mod"}
BITWISE = {py_ast.BitAnd: "and", py_ast.BitOr: "or", py_ast.BitXor: "xor"}
INT_COMPARE = {py_ast.Lt: "lt_s", py_ast.LtE: "le_s", py_ast.Gt: "gt_s", py_ast.GtE: "ge_s",
               py_ast.Eq: "eq", py_ast.NotEq: "ne"}
FLOAT_COMPARE = {py_ast.Lt: "lt", py_ast.LtE: "le", py_ast.Gt: "gt", py_ast.GtE: "ge",
                 py_ast.Eq: "eq", py_ast.NotEq: "ne"}


def eq_kind(ty: Type) -> int:
    """Slot comparison the container runtimes use (see sema.types.eq_kind)."""
    return 1 if ty == FLOAT else 2 if ty in (STR, BYTES) else 0


def text_prefix(ty: Type) -> str:
    return "str" if ty == STR else "bytes"


class ExprLowerer(ValueLowerer):
    # -- leaves ------------------------------------------------------------
    def lower_Constant(self, node: py_ast.Constant) -> None:
        self.constant(node.value, node.ty)

    def constant(self, value: object, ty: Type) -> None:
        if ty == BOOL:
            self.emit("i32.const", int(value))
        elif ty == INT:
            self.emit("i64.const", value)
        elif ty == FLOAT:
            self.emit("f64.const", value)
        elif ty == BYTES:
            self.emit("i32.const", self.layout.bytes_constant(value))
        elif ty == STR:
            self.emit("i32.const", self.layout.str_constant(value))

    def lower_Name(self, node: py_ast.Name) -> None:
        if hasattr(node, "fn_value"):  # a function as a value (lower/closures.py)
            return self.function_value(node.fn_value)
        if hasattr(node, "type_value"):  # int, a class as a value (lower/type_values.py)
            return self.emit("i64.const", type_value_code(node.type_value))
        sym = node.sym
        if isinstance(sym, Local):
            self.emit("local.get", sym.name)
            self.narrowed_read(self.source.locals[sym.name], node.ty)
        else:
            self.global_value(sym)

    def global_value(self, sym: GlobalSym) -> None:
        if sym.is_constant:
            self.constant(sym.value, sym.ty)
        else:
            self.emit("global.get", sym.qualname)

    def lower_Attribute(self, node: py_ast.Attribute) -> None:
        if hasattr(node, "type_value_name"):
            return self.type_value_name(node)  # t.__name__: lower/type_values.py
        if hasattr(node, "property_call"):  # a property's getter (sema/properties.py)
            return self.lower(node.property_call)
        if hasattr(node, "replaced_by"):  # P._fields: the tuple it equals (sema/named_tuples.py)
            return self.lower(node.replaced_by)
        if hasattr(node, "type_name_of"):
            return self.type_name(node.type_name_of)
        if isinstance(getattr(node, "sym", None), GlobalSym):
            self.global_value(node.sym)  # a class constant
            return
        info = node.value.ty.info
        self.lower(node.value)
        self.emit("i64.load", self.field_offset(info, node.attr))
        self.from_slot(info.fields[node.attr])
        if hasattr(node, "narrowed_from"):  # a T | None field known to hold a T here
            self.narrowed_read(node.narrowed_from, node.ty)

    def type_name(self, arg: py_ast.expr) -> None:
        """``type(arg).__name__`` (lower/type_names.py)."""
        name = static_name(arg.ty)
        self.value(arg)  # evaluated for its effects, as CPython does
        if name is not None:
            if arg.ty.wasm is not None:
                self.emit("drop")
            self.emit("i32.const", self.layout.str_constant(name))
            return
        if isinstance(arg.ty, ClassType):
            return self.class_name()
        self.held_type_name()

    def held_type_name(self) -> None:
        """The name of the type of what the Any (or union) on the stack holds."""
        held = self.stash("i32")
        self.emit("local.get", held)
        self.emit("i64.extend_i32_u")
        self.emit("call", f"{DYNAMIC}.type_code")
        code = self.stash("i64")
        self.emit("local.get", code)
        self.emit("i64.const", OBJECT_CODE)
        self.emit("i64.eq")
        self.emit("if", self.fresh("L"), "i32")
        self.emit("local.get", held)
        self.class_name()
        self.emit("else")
        self.emit("local.get", code)
        self.emit("i32.wrap_i64")
        self.emit("i32.const", 2)
        self.emit("i32.shl")
        self.emit("i32.load", held_names_table(self.layout))
        self.emit("end")

    def class_name(self) -> None:
        """The name of the class of the object on the stack, by the record id in its header."""
        self.emit("i32.load", 4)
        self.emit("i32.const", 6)  # (word >> 8) * 4: the id's entry in the table
        self.emit("i32.shr_u")
        self.emit("i32.const", -4)
        self.emit("i32.and")
        self.emit("i32.load", class_names_table(self.layout, self.classes.program))

    def instance_of(self, obj: str, info, exact: bool = False) -> None:
        """Push whether the object in local ``obj`` is of class ``info``: its record id (in the
        header) lies in the id range of the class and its subclasses (is the class's: ``exact``)."""
        self.emit("local.get", obj)
        self.emit("i32.load", 4)
        self.emit("i32.const", 8)
        self.emit("i32.shr_u")
        self.emit("i32.const", info.class_id)
        if exact:
            self.emit("i32.eq")
            return
        self.emit("i32.sub")
        self.emit("i32.const", info.last_descendant_id - info.class_id)
        self.emit("i32.le_u")

    def field_offset(self, info, name: str) -> int:
        return 8 + 8 * list(info.fields).index(name)

    # -- operators -------------------------------------------------------------
    def lower_BinOp(self, node: py_ast.BinOp) -> None:
        left, op = node.left.ty, type(node.op)
        if hasattr(node, "operator_method") and node.operator_swapped:
            self.reflected_call(node.operator_method, node.left, node.right)  # 2 * timedelta
        elif hasattr(node, "operator_method"):
            self.operator_call(node.operator_method, node.left, node.right)  # dt + timedelta
        elif isinstance(node.ty, SetType):
            self.set_binop(node)  # lower/sets.py
        elif hasattr(node, "formatted_as"):  # constant str % args: the f-string it equals
            self.lower(node.formatted_as)
        elif hasattr(node, "folded_float"):  # constant ** negative constant: CPython's float
            self.emit("f64.const", node.folded_float)
        elif node.ty == ANY:
            self.held_binary(node)  # lower/held.py
        elif isinstance(node.ty, DictType):
            self.dict_or(node)
        elif getattr(node, "in_place", False):
            self.list_in_place(node, op)
        elif node.ty == BOOL:  # bool & | ^ bool stays a bool
            self.lower(node.left)
            self.lower(node.right)
            self.emit(f"i32.{BITWISE[op]}")
        elif node.ty == FLOAT:
            self.float_binary(node)
        elif node.ty == INT:
            self.value(node.left, INT)
            self.value(node.right, INT)
            self.emit(*(("i64." + BITWISE[op],) if op in BITWISE else ("call", CHECKED_BINARY[op])))
        elif op is py_ast.Add and node.ty == BYTES and fused_concat(self, node):
            pass  # a chain of bytes built in one allocation: lower/bytes_concat.py
        elif op is py_ast.Add:
            self.sequence_call(node.ty, "concat", node.left, node.right)
        else:  # repetition: text or list times an int
            sequence, count = (node.left, node.right) if left not in (INT, BOOL) else (node.right, node.left)
            self.sequence_call(node.ty, "repeat", sequence, count)

    def operator_call(self, fn, *operands: py_ast.expr) -> None:
        """The stdlib method sema/stdlib_operators.py chose, on the left operand's runtime class."""
        for operand, param in zip(operands, fn.params):
            self.value(operand, param.ty)
        self.emit("call", self.classes.dispatcher(fn, operands[0].ty.info))

    def reflected_call(self, fn, left: py_ast.expr, right: py_ast.expr) -> None:
        """right.__rop__(left), the operands evaluated left first."""
        self.value(left, fn.params[1].ty)
        first = self.stash(fn.params[1].ty.wasm or "i32")
        self.value(right, fn.params[0].ty)
        self.emit("local.get", first)
        self.emit("call", self.classes.dispatcher(fn, right.ty.info))

    def list_in_place(self, node: py_ast.BinOp, op) -> None:
        """``lst += items`` extends and ``lst *= n`` repeats the list object itself, as CPython's
        list.__iadd__/__imul__ do; the same list is then stored back into the target."""
        self.slot(node.left)
        if op is py_ast.Add:
            target = self.stash("i64")
            self.emit("local.get", target)
            self.slot(node.right)
            self.emit("call", f"{LISTS}.list_extend")
            self.emit("local.get", target)
        else:
            self.slot(node.right, INT)
            self.emit("call", f"{LISTS}.list_irepeat")
        self.from_slot(node.ty)

    def sequence_call(self, ty: Type, operation: str, *args: py_ast.expr) -> None:
        for arg in args:
            self.slot(arg, INT if arg.ty == BOOL else None)
        module, prefix = (LISTS, "list") if isinstance(ty, (ListType, VarTupleType)) else (STRINGS, text_prefix(ty))
        self.call_runtime(f"{module}.{prefix}_{operation}", ty)

    def float_binary(self, node: py_ast.BinOp) -> None:
        if node.left.ty != FLOAT and node.right.ty != FLOAT:  # int / int: one exact rounding
            self.value(node.left, INT)
            self.value(node.right, INT)
            self.emit("call", f"{FLOAT_ARITH}.int_true_divide")
            return
        for operand in (node.left, node.right):
            self.value(operand)
            if operand.ty != FLOAT:
                self.coerce(operand.ty, INT)
                self.emit("f64.convert_i64_s")
        op = type(node.op)
        if op in FLOAT_CALLS:
            self.emit("call", FLOAT_CALLS[op])
        else:
            self.emit(FLOAT_BINARY[op])

    def lower_UnaryOp(self, node: py_ast.UnaryOp) -> None:
        if not hasattr(node.operand, "ty"):
            self.emit("i64.const", -node.operand.value)  # the int64 minimum literal
            return
        if isinstance(node.op, py_ast.Not):
            self.truthy(node.operand)
            self.emit("i32.eqz")
            return
        if hasattr(node, "operator_method"):
            return self.operator_call(node.operator_method, node.operand)  # -timedelta
        if node.ty == ANY:
            return self.held_unary(node)  # lower/dynamic_ops.py
        if node.ty == FLOAT:
            self.value(node.operand)
            if isinstance(node.op, py_ast.USub):
                self.emit("f64.neg")
            return
        literal = node.operand.value if isinstance(node.operand, py_ast.Constant) else None
        if isinstance(node.op, py_ast.USub) and type(literal) is int and literal < 1 << 63:
            self.emit("i64.const", -literal)  # a negative literal: nothing to check at run time
            return
        self.value(node.operand, INT)
        if isinstance(node.op, py_ast.USub):
            self.emit("call", "rt.neg")
        elif isinstance(node.op, py_ast.Invert):
            self.emit("i64.const", -1)
            self.emit("i64.xor")

    def lower_BoolOp(self, node: py_ast.BoolOp) -> None:
        """``a and b`` is ``b if a else a``; ``a or b`` is ``a if a else b``. Each operand is
        converted to the result's type (``x or default``: the ``T | None`` operand, known to be
        a T where it is the result); a condition-only one leaves its truth value (i32)."""
        if getattr(node, "truth_only", False):
            self.condition_of(node.op, node.values)
        else:
            self.either(node.op, node.values, node.ty)

    def either(self, op: py_ast.boolop, values: list[py_ast.expr], result: Type) -> None:
        first = values[0]
        self.lower(first)
        if len(values) == 1:
            self.as_result(first.ty, result)
            return
        kept = self.temp(first.ty.wasm)
        self.emit("local.tee", kept)
        self.truth_of(first.ty)
        self.emit("if", self.fresh("L"), result.wasm)
        if isinstance(op, py_ast.And):
            self.either(op, values[1:], result)
            self.emit("else")
        self.emit("local.get", kept)
        self.as_result(first.ty, result)
        if isinstance(op, py_ast.Or):
            self.emit("else")
            self.either(op, values[1:], result)
        self.emit("end")

    def as_result(self, source: Type, result: Type) -> None:
        self.narrowed_read(source, result)  # a T | None operand that is the result is not None
        self.coerce(source, result)

    def condition_of(self, op: py_ast.boolop, values: list[py_ast.expr]) -> None:
        self.truthy(values[0])
        if len(values) > 1:
            self.emit("if", self.fresh("L"), "i32")
            if isinstance(op, py_ast.And):
                self.condition_of(op, values[1:])
                self.emit("else")
                self.emit("i32.const", 0)
            else:
                self.emit("i32.const", 1)
                self.emit("else")
                self.condition_of(op, values[1:])
            self.emit("end")

    def lower_IfExp(self, node: py_ast.IfExp) -> None:
        self.truthy(node.test)
        self.emit("if", self.fresh("L"), node.ty.wasm)
        self.value(node.body)
        self.emit("else")
        self.value(node.orelse)
        self.emit("end")

