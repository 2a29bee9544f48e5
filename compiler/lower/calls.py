"""Lowering of calls: functions, methods (with dispatch), constructors, built-ins (intrinsics:
lower/intrinsics.py)."""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BYTES, FLOAT, INT, RT_MEMORY, STR, ClassInfo, ClassType, DictType,
                       FuncSym, ListType, OptionalType, Type, VarTupleType, ViewType)
from .collections_ops import counter_call, ordered_call
from .compare import CompareLowerer
from .intrinsics import IntrinsicLowerer
from .star_args import StarArgsLowerer
from .expressions import eq_kind
from .methods import MethodLowerer
from .closures import ClosureLowerer
from .kwargs_unpack import KwargsUnpackLowerer
from .tuple_builtin import TupleBuiltinLowerer
from .sort_keys import SortKeyLowerer
from .texts import TextLowerer
from .deques import DequeLowerer
from .bytearrays import BytearrayLowerer
from .random_calls import RandomCallLowerer
from .type_values import TypeValueLowerer
from .values import BYTES_DATA, DYNAMIC, LISTS, SORTING, STR_FMT, STR_ITEMS, STRINGS, type_code

KIND_RECORD = 9


class CallLowerer(TypeValueLowerer, RandomCallLowerer, DequeLowerer, BytearrayLowerer, IntrinsicLowerer, StarArgsLowerer, KwargsUnpackLowerer, TupleBuiltinLowerer, ClosureLowerer, SortKeyLowerer, MethodLowerer,
                  CompareLowerer, TextLowerer):
    def lower_Call(self, node: py_ast.Call) -> None:
        if hasattr(node, "unpacking"):
            return self.call_unpacked(node)  # f(**d): lower/kwargs_unpack.py
        if hasattr(node, "type_value"):
            return self.type_value(node)  # type(None): lower/type_values.py
        kind, *rest = node.call
        getattr(self, f"call_{kind.replace('-', '_')}")(node, *rest)

    # -- user functions ----------------------------------------------------------
    def arguments(self, node: py_ast.Call, fn: FuncSym, skip_self: bool, omitted: tuple[int, ...] = ()) -> None:
        """Push the bound arguments in parameter order (less ``omitted``), evaluated in source
        order: keywords out of parameter order go through temporaries."""
        params = fn.params[1:] if skip_self else fn.params
        order = getattr(node, "evaluation_order", None)
        if order is None:
            for index, (arg, param) in enumerate(zip(node.bound, params)):
                if index not in omitted:
                    self.boundary_argument(arg, param.ty, param.wasm)
            return
        temps: dict[int, str] = {}
        for index in order:
            self.boundary_argument(node.bound[index], params[index].ty, params[index].wasm)
            temps[index] = self.stash(params[index].wasm)
        for index, (arg, param) in enumerate(zip(node.bound, params)):
            if index in temps:
                self.emit("local.get", temps[index])
            elif index not in omitted:
                self.boundary_argument(arg, param.ty, param.wasm)

    def boundary_argument(self, arg: py_ast.expr, ty: Type, wasm: str) -> None:
        if ty == INT and wasm == "i32":
            if isinstance(arg, py_ast.Constant) and type(arg.value) is int and -(1 << 31) <= arg.value < (1 << 32):
                self.emit("i32.const", arg.value)
                return
            self.value(arg, INT)
            self.emit("call", "rt.to_i32")
            return
        self.value(arg, ty)

    def after_call(self, fn: FuncSym) -> None:
        if fn.result == INT and fn.result_wasm == "i32":
            self.emit("i64.extend_i32_s")

    def call_function(self, node: py_ast.Call, fn: FuncSym) -> None:
        self.arguments(node, fn, False)
        self.emit("call", fn.qualname)
        self.after_call(fn)

    def call_method(self, node: py_ast.Call, fn: FuncSym, info: ClassInfo) -> None:
        self.value(node.func.value)
        omitted = tuple(index for index, (arg, param) in enumerate(zip(node.bound, fn.params[1:]))
                        if arg is param.default and param.default is not None)
        target = self.classes.dispatcher_with_defaults(fn, info, omitted, self.layout) if omitted else None
        if target is None:
            self.arguments(node, fn, True)
            self.emit("call", self.dispatch(fn, info))
            return
        self.arguments(node, fn, True, omitted)
        self.emit("call", target)

    def call_super(self, node: py_ast.Call, fn: FuncSym) -> None:
        self.emit("local.get", self.source.params[0].name)
        self.arguments(node, fn, True)
        self.emit("call", fn.qualname)

    def call_new(self, node: py_ast.Call, info: ClassInfo, init: FuncSym | None) -> None:
        """Allocate the record, fill field defaults, run __init__, leave the object."""
        self.emit("i64.const", 8 * len(info.fields))
        self.emit("i64.const", KIND_RECORD | (self.classes.record_id(info) << 8))
        self.emit("call", f"{RT_MEMORY}.alloc")
        self.emit("i32.wrap_i64")
        obj = self.stash("i32")
        for name, default in info.defaults.items():
            self.emit("local.get", obj)
            if hasattr(default, "shared_global"):  # a list or dict shared as CPython's class attribute
                self.emit("global.get", default.shared_global)
                self.to_slot(info.fields[name])
                self.emit("i64.store", self.field_offset(info, name))
                continue
            value, ty = default.folded
            self.constant(value, ty)
            self.coerce(ty, info.fields[name])
            self.to_slot(info.fields[name])
            self.emit("i64.store", self.field_offset(info, name))
        if init is not None and getattr(node, "keeps_arguments", False):
            self.keeping_arguments(node, init, obj)  # lower/exceptions.py: e.args set before __init__
            self.emit("call", init.qualname)
        elif init is not None:
            self.emit("local.get", obj)
            self.arguments(node, init, True)
            self.emit("call", init.qualname)
        self.emit("local.get", obj)

    def dispatch(self, fn: FuncSym, info: ClassInfo) -> str:
        return self.classes.dispatcher(fn, info)

    # -- built-ins --------------------------------------------------------------------
    def call_builtin(self, node: py_ast.Call, name: str) -> None:
        getattr(self, f"builtin_{name}")(node)

    def call_counter(self, node: py_ast.Call, receiver, source) -> None:
        counter_call(self, node, receiver, source)  # Counter(xs), c.update(xs): lower/collections_ops.py

    def call_ordered(self, node: py_ast.Call, name: str, receiver, key, last) -> None:
        ordered_call(self, node, name, receiver, key, last)  # OrderedDict's: lower/collections_ops.py

    def call_rewritten(self, node: py_ast.Call, replacement: py_ast.expr) -> None:
        self.lower(replacement)  # a call checked as the expression it equals (sema/dict_builtin.py)

    def range_length(self, args: list[py_ast.expr]) -> tuple[str, str]:
        """Push len(range(*args)) as an unsigned i64; return the temporaries holding start and step."""
        start, stop, step = self.temp("i64"), self.temp("i64"), self.temp("i64")
        bounds = [(stop, args[0])] if len(args) == 1 else list(zip((start, stop, step), args))
        for tmp, default in ((start, 0), (step, 1)):
            self.emit("i64.const", default)
            self.emit("local.set", tmp)
        for tmp, bound in bounds:
            self.value(bound, INT)
            self.emit("local.set", tmp)
        for tmp in (start, stop, step):
            self.emit("local.get", tmp)
        self.emit("call", "rt.range_length")
        return start, step

    def builtin_len(self, node: py_ast.Call) -> None:
        if hasattr(node, "range_args"):  # more than 2**63 - 1 items: OverflowError, as CPython's len()
            self.range_length(node.range_args)
            length = self.stash("i64")
            self.emit("local.get", length)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("if", self.fresh("L"), None)
            self.emit("call", "OverflowError")
            self.emit("end")
            self.emit("local.get", length)
            return
        self.value(node.bound[0])
        if hasattr(node, "len_method"):  # obj.__len__(), which CPython requires to be >= 0
            self.emit("call", self.dispatch(node.len_method, node.bound[0].ty.info))
            length = self.stash("i64")
            self.emit("local.get", length)
            self.emit("i64.const", 0)
            self.emit("i64.lt_s")
            self.emit("if", self.fresh("L"), None)
            self.emit("call", "ValueError.len")
            self.emit("end")
            self.emit("local.get", length)
            return
        if node.bound[0].ty == ANY:
            held = self.stash("i32")
            self.emit("local.get", held)
            self.emit("i64.extend_i32_u")
            self.emit("local.get", held)
            self.held_type_name()  # for the message, as CPython's: object of type 'int' has no len()
            self.emit("call", f"{DYNAMIC}.held_len")
            return
        self.emit("i64.load32_u", 12 if node.bound[0].ty == STR else 8)

    def builtin_abs(self, node: py_ast.Call) -> None:
        if hasattr(node, "method_call"):  # abs(td): sema/check_calls.py
            return self.lower(node.method_call)
        arg = node.bound[0]
        if arg.ty == FLOAT:
            self.value(arg)
            self.emit("f64.abs")
            return
        self.value(arg, INT)
        self.emit("call", "rt.abs")

    def builtin_int(self, node: py_ast.Call) -> None:
        arg = node.bound[0]
        if arg.ty == ANY:
            return self.held_conversion(arg, "held_int")
        if arg.ty in (STR, BYTES):
            self.slot(arg)
            if len(node.bound) == 2:
                self.value(node.bound[1], INT)
            else:
                self.emit("i64.const", 10)
            self.emit("call", f"{STR_FMT}.int_from_str" if arg.ty == STR else f"{STR_FMT}.int_from_bytes_text")
        elif arg.ty == FLOAT:
            self.value(arg)
            self.emit("call", "rt.float_to_int")
        else:
            self.value(arg, INT)

    def builtin_float(self, node: py_ast.Call) -> None:
        arg = node.bound[0]
        if arg.ty == ANY:
            return self.held_conversion(arg, "held_float")
        if arg.ty in (STR, BYTES):  # CPython's parser, correctly rounded (runtime/float_parse.py)
            self.value(arg)
            self.emit("call", "compiler.runtime.float_parse.parse_float" + ("" if arg.ty == STR else "_bytes"))
            return
        self.value(arg, None if arg.ty == FLOAT else INT)
        if arg.ty != FLOAT:
            self.emit("f64.convert_i64_s")

    def builtin_bool(self, node: py_ast.Call) -> None:
        self.truthy(node.bound[0])

    def builtin_str(self, node: py_ast.Call) -> None:
        self.to_text(node.bound[0])

    def builtin_bytes(self, node: py_ast.Call) -> None:
        arg = node.bound[0]
        if isinstance(arg, py_ast.List) and not any(isinstance(e, py_ast.Starred) for e in arg.elts):
            self.bytes_of_items(arg.elts)
            return
        self.slot(arg)
        self.call_runtime(f"{STRINGS}.new_bytes_from_list", BYTES)

    def bytes_of_items(self, items: list[py_ast.expr]) -> None:
        """``bytes([a, b, ...])``: the items evaluated in order (as CPython builds the list), then
        stored into one new bytes object, each checked to be in range(256) (else ValueError)."""
        values = []
        for item in items:
            self.value(item, INT)
            values.append(self.stash("i64"))
        self.emit("i64.const", len(items))
        self.call_runtime(f"{STRINGS}.new_bytes", BYTES)
        made = self.stash("i32")
        for index, value in enumerate(values):
            self.emit("local.get", value)
            self.emit("i64.const", 255)
            self.emit("i64.gt_u")  # also a negative item
            self.emit("if", self.fresh("L"), None)
            self.emit("call", "ValueError.byte")
            self.emit("end")
            self.emit("local.get", made)
            self.emit("local.get", value)
            self.emit("i64.store8", BYTES_DATA + index)
        self.emit("local.get", made)

    def builtin_ord(self, node: py_ast.Call) -> None:
        self.slot(node.bound[0])
        self.emit("call", f"{STR_ITEMS}.str_ord")

    def builtin_chr(self, node: py_ast.Call) -> None:
        formatted = getattr(node, "char_format", None)  # f"{n:c}", "%c" % x: sema/char_format.py
        if formatted is STR:
            self.slot(node.bound[0])
            return self.call_runtime(f"{STR_FMT}.format_char_text", STR)
        self.value(node.bound[0], INT)
        self.call_runtime(f"{STR_FMT}.format_char" if formatted else f"{STR_ITEMS}.str_chr", STR)

    def builtin_min(self, node: py_ast.Call) -> None:
        self.extremum(node, py_ast.Lt, "min")

    def builtin_max(self, node: py_ast.Call) -> None:
        self.extremum(node, py_ast.Gt, "max")

    def extremum(self, node: py_ast.Call, better, name: str) -> None:
        """min/max keep the first of equal values, as CPython does."""
        if hasattr(node, "extremum"):  # key= or default= (lower/sort_keys.py)
            return self.keyed_extremum(node, -1 if name == "min" else 1)
        if len(node.bound) == 1:
            self.slot(node.bound[0])
            self.emit("i64.const", eq_kind(node.ty))
            self.call_runtime(f"{SORTING}.list_{name}", node.ty)
            return
        ty = node.ty
        self.value(node.bound[0], ty)
        best = self.stash(ty.wasm)
        for arg in node.bound[1:]:
            self.value(arg, ty)
            candidate = self.stash(ty.wasm)
            self.compare(better(), candidate, ty, best, ty)
            self.emit("if", self.fresh("L"), None)
            self.emit("local.get", candidate)
            self.emit("local.set", best)
            self.emit("end")
        self.emit("local.get", best)

    def builtin_sorted(self, node: py_ast.Call) -> None:
        if hasattr(node, "sort_key"):
            return self.keyed_sorted(node)
        if hasattr(node, "sort_less"):
            return self.timsort_sorted(node)
        self.slot(node.bound[0])
        if len(node.bound) == 1:
            self.emit("i64.const", eq_kind(node.ty.item))
            self.call_runtime(f"{SORTING}.list_sorted_copy", node.ty)
            return
        self.list_sort(node.bound[1], node.ty.item, copy=True)
        self.from_slot(node.ty)

    def builtin_list(self, node: py_ast.Call) -> None:
        if hasattr(node, "range_args"):
            start, step = self.range_length(node.range_args)
            count = self.stash("i64")
            for tmp in (start, step, count):
                self.emit("local.get", tmp)
            self.call_runtime(f"{LISTS}.list_from_range", node.ty)
            return
        if not node.bound:
            self.new_list(node.ty, 0)
            return
        arg = node.bound[0]
        self.slot(arg)
        if isinstance(arg.ty, ViewType):
            self.from_slot(node.ty)  # the view is already a fresh snapshot list
        elif isinstance(arg.ty, (ListType, VarTupleType)):
            self.call_runtime(f"{LISTS}.list_copy", node.ty)
        elif isinstance(arg.ty, DictType):
            self.call_runtime("compiler.runtime.dicts.dict_keys_list", node.ty)
        else:
            self.call_runtime(f"{STR_ITEMS}.str_chars", node.ty)

    def isinstance_of_any(self, node: py_ast.Call) -> None:
        self.value(node.bound[0])
        obj = self.stash("i32")
        self.emit("i32.const", 0)
        for target in node.isinstance_any:
            if target is None:
                continue
            self.emit("local.get", obj)
            self.emit("i64.extend_i32_u")
            if isinstance(target, ClassType):
                self.emit("i64.const", target.info.class_id)
                self.emit("i64.const", target.info.last_descendant_id)
                self.emit("call", f"{DYNAMIC}.is_object_of")
            else:
                self.emit("i64.const", type_code(target))
                self.emit("call", f"{DYNAMIC}.is_instance_of")
            self.emit("i32.or")

    def builtin_isinstance(self, node: py_ast.Call) -> None:
        """True when any target matches: a class by the id range of its subtree (the id sits in
        the object's header), a built-in type as the checker decided; never for None."""
        if hasattr(node, "isinstance_any"):
            return self.isinstance_of_any(node)
        if hasattr(node, "isinstance_subject"):
            return self.dynamic_isinstance(node)  # lower/type_values.py
        self.value(node.bound[0])
        obj = self.stash(node.bound[0].ty.wasm or "i32")
        optional = isinstance(node.bound[0].ty, OptionalType)
        if optional:
            self.emit("local.get", obj)
            self.emit("if", self.fresh("L"), "i32")
        self.emit("i32.const", 0)
        for target in node.isinstance_targets:
            if isinstance(target, ClassInfo):
                self.instance_of(obj, target, getattr(node, "exact_class", False))
            else:
                self.emit("i32.const", int(target))
            self.emit("i32.or")
        if optional:
            self.emit("else")
            self.emit("i32.const", 0)
            self.emit("end")
