"""Type checking of calls: functions, constructors, methods and built-ins.

Every checked call gets ``node.call``: a tuple saying what runs —
``("function", FuncSym)``, ``("method", FuncSym, ClassInfo)`` (dispatch on the
receiver's class), ``("super", FuncSym)``, ``("new", ClassInfo, FuncSym|None)``,
``("builtin", name)``, ``("intrinsic", name)`` or ``("type-method", name)`` —
and ``node.bound``: one argument expression (or a default) per parameter.
"""
from __future__ import annotations

import ast as py_ast

from ..frontend.stdlib_classes import narrowing_problem, refuse_method_call
from ..program import (ANY, BYTEARRAY, BYTES, INT, MEMORYVIEW, NONE, STR, TYPE, Builtin, ClassInfo, ClassType, CounterType, DictType, FuncSym, ListType, Local,
                       OrderedDictType, SetType, Param, TupleType, Type, VarTupleType)
from . import map_filter, tuple_sequences
from .any_copies import mark_read_only_arguments
from .builtins import INTRINSICS, PYTHON_BUILTINS
from .collections_types import COUNTER_LATER, COUNTER_METHODS, ORDERED_METHODS, CollectionsChecks
from .dict_builtin import DictBuiltinChecks, keywords_dict
from .exception_args import ExceptionArgsChecks, missing_method_help, reaches_base_init, takes_arguments
from .reprs import ReprChecks
from .random_calls import RandomCallChecks, is_generic_random
from .deques import DequeChecks, is_deque
from .bytearrays import BytearrayChecks
from .isinstance_checks import IsinstanceChecks
from .callables import value_call
from .type_values import is_type_of_none
from .check_expr import TEXT, ExprChecker
from .kwargs_unpack import bind_unpacked
from .star_args import (StarItem, argument_positions, bind_starred, packed_extras, refuse_unpacked_into_varargs,
                        vararg_index)
from .tuple_builtin import TupleBuiltinChecks, affix_tuple, joined_tuple
from .classes import inherited_method
from .sets import CONSUMERS as SET_CONSUMERS
from .methods import CLASS_METHODS, argument_problem, methods_of, with_tuple_argument
from .sort_keys import check_list_sort, sort_help
from .sort_orders import mark_sort, sorts_by_less
from .str_format import as_fstring
from .types import class_type, eq_kind, equality_supported, is_exception_class_info
from .properties import PropertyChecks
from .class_methods import ClassMethodChecks, instance_wrapper
from .static_methods import StaticMethodChecks
from .unsupported import undefined_name
from .view_arguments import extend_by_view, written_as_view
from .stdlib_operators import StdlibClassChecks
from .mixins import super_problem
from .named_tuples import is_named_tuple
from .number_builtins import NumberBuiltinChecks
from .reversed_builtin import ReversedChecks
from .text_translate import TranslateChecks
from .text_codecs import CodecChecks
from .var_keywords import packed_keywords, var_keyword_index
from .issubclass_builtin import IssubclassChecks
from .builtin_calls import BuiltinCallChecks

# Our ipaddress classes whose CPython int() may need 128 bits (compiler/stdlib/ipaddress.py).
_DEFAULT = py_ast.Constant(value=None)  # marks "has a default" for built-in methods; lowering supplies it


class CallChecker(BuiltinCallChecks, IssubclassChecks, NumberBuiltinChecks, ReversedChecks, TranslateChecks, CodecChecks, CollectionsChecks, RandomCallChecks, DequeChecks,
                  BytearrayChecks,
                  ExceptionArgsChecks, TupleBuiltinChecks, IsinstanceChecks, DictBuiltinChecks,
                  StdlibClassChecks, ReprChecks, StaticMethodChecks, ClassMethodChecks, PropertyChecks, ExprChecker):
    def check_Call(self, node: py_ast.Call, expected: Type | None) -> Type:
        func = node.func
        if hasattr(node, "checked_as"):
            return node.checked_as  # a runtime call of sema/bytearrays.py (or memoryviews.py), checked
        called = value_call(self, node)  # a function value (sema/callables.py)
        if called is not None:
            return called
        if isinstance(func, py_ast.Attribute):
            return self.method_call(node, func)
        if not isinstance(func, py_ast.Name):
            raise self.unsupported(func)
        name = func.id
        if name in self.local_names and name not in self.global_names:
            raise self.fail(func, f"'{name}' is a local variable, not a function",
                            "rename the variable; it hides the function of the same name")
        sym = self.module.namespace.get(name)
        if isinstance(sym, FuncSym) and is_generic_random(sym):
            return self.generic_random_call(node, sym)  # sema/random_calls.py
        if isinstance(sym, FuncSym):
            node.call = ("function", sym)
            return self.bind(node, sym.params, sym.name, node.args, sym.result)
        if isinstance(sym, ClassInfo):
            return self.constructor(node, sym)
        if isinstance(sym, Builtin) and sym.name in INTRINSICS:
            params, result = INTRINSICS[sym.name]
            node.call = ("intrinsic", sym.name.rsplit(".", 1)[1])
            self.positional(node, params, name)
            return result
        if is_type_of_none(self, node):
            node.type_value = 0  # NoneType as a value (sema/type_values.py)
            return TYPE
        if sym is None and name in ("bytearray", "memoryview"):
            return self.bytearray_call(node, name)  # sema/bytearrays.py
        if sym is None and name in PYTHON_BUILTINS:
            node.call = ("builtin", name)
            if name in SET_CONSUMERS:
                self.set_consumer(node)  # sema/sets.py
            return getattr(self, f"builtin_{name}")(node, expected)
        if sym is None:
            raise self.fail(func, *undefined_name(name))
        if isinstance(sym, Builtin) and sym.name.startswith("collections."):
            return self.collections_call(node, sym, expected)  # sema/collections_types.py
        if sym == Builtin("typing.NamedTuple"):
            raise self.fail(func, "NamedTuple(...) is not supported", "write a class: class P(NamedTuple): x: int")
        raise self.fail(func, f"'{name}' cannot be called")

    # -- argument binding -------------------------------------------------
    def bind(self, node: py_ast.Call, params: list[Param], name: str, args: list[py_ast.expr], result: Type) -> Type:
        if any(k.arg is None for k in node.keywords):
            refuse_unpacked_into_varargs(self, node, params, name)  # sema/star_args.py
            return bind_unpacked(self, node, params, name, args, result)  # f(**d): sema/kwargs_unpack.py
        bound = self.given_arguments(node, params, name, args)
        var_keyword = var_keyword_index(params)
        if var_keyword is not None and bound[var_keyword] is None:  # f(*xs): no extra keyword
            bound[var_keyword] = packed_keywords(self, node, [], [], name)
        names = [p.name for p in params]
        called = getattr(node, "call", None)
        if called is not None and called[0] == "function":
            mark_read_only_arguments(node, called[1].qualname, names, bound)  # sema/any_copies.py
        for index, (param, arg) in enumerate(zip(params, bound)):
            if arg is None:
                if param.default is _DEFAULT:
                    continue  # a built-in method's own default, supplied by lowering
                if param.default is None:
                    raise self.fail(node, f"{name}() is missing the argument '{param.name}'",
                                    f"pass it: {name}(..., {param.name}=...)")
                bound[index] = param.default
                self.use(param.default, param.ty)
            elif not isinstance(arg, StarItem):  # f(*xs): checked by sema/star_args.py
                self.use(arg, param.ty, what=f"argument '{param.name}' of {name}()")
        node.bound = bound
        positions = argument_positions(params, len(args), [
            names.index(k.arg) if k.arg in names and names.index(k.arg) != var_keyword
            and not params[names.index(k.arg)].var_positional else var_keyword for k in node.keywords])
        if positions != sorted(positions):
            node.evaluation_order = positions  # CPython evaluates arguments in source order
        return result

    def given_arguments(self, node: py_ast.Call, params: list[Param], name: str,
                        args: list[py_ast.expr]) -> list[py_ast.expr | None]:
        """The arguments passed positionally and by name, per parameter (None where none is)."""
        bound: list[py_ast.expr | None] = [None] * len(params)
        if any(isinstance(arg, py_ast.Starred) for arg in args):
            return bind_starred(self, node, params, name, args, bound)  # f(*xs): sema/star_args.py
        positional = sum(not p.keyword_only and not p.var_positional and not p.var_keyword for p in params)
        vararg = vararg_index(params)
        if vararg is not None:  # *args: the extra positional arguments as a tuple
            bound[vararg] = packed_extras(node, args[positional:])
            args = args[:positional]
        if len(args) > positional:
            first = next((p.name for p in params if p.keyword_only), "")
            raise self.fail(node, f"{name}() takes {positional} {'positional ' * bool(first)}"
                            f"argument(s), {len(args)} given", f"pass {first} by keyword: {name}(..., {first}=...)"
                            if first else "")
        for index, arg in enumerate(args):
            if isinstance(arg, py_ast.Starred):
                raise self.unsupported(arg)
            bound[index] = arg
        names = [p.name for p in params]
        var_keyword = var_keyword_index(params)
        extras = []
        for keyword in node.keywords:
            if keyword.arg is None:
                continue  # f(**d): bound when the call runs (sema/kwargs_unpack.py)
            taken = keyword.arg in names and not params[names.index(keyword.arg)].var_positional \
                and names.index(keyword.arg) != var_keyword
            if not taken and var_keyword is not None:
                extras.append(keyword)  # **kwargs: sema/var_keywords.py
                continue
            if not taken:
                raise self.fail(keyword, f"{name}() has no parameter '{keyword.arg}'")
            index = names.index(keyword.arg)
            if bound[index] is not None:
                raise self.fail(keyword, f"{name}() got '{keyword.arg}' twice")
            bound[index] = keyword.value
        if var_keyword is not None:
            bound[var_keyword] = packed_keywords(self, node, extras, [k.arg for k in node.keywords], name)
        return bound

    def require_parameter_order(self, node: py_ast.Call, name: str) -> None:
        """Built-in methods take their arguments in parameter order only where that cannot
        change what runs: out of order, each must be a constant or a local variable."""
        order = getattr(node, "evaluation_order", None)
        if order is None:
            return
        for index in order:
            arg = node.bound[index]
            if not (isinstance(arg, py_ast.Constant) or isinstance(getattr(arg, "sym", None), Local)):
                raise self.fail(arg, f"the arguments of {name}() must be passed in parameter order here",
                                "CPython evaluates them left to right: reorder the keyword arguments, "
                                "or compute this one into a variable first")

    def positional(self, node: py_ast.Call, params: tuple[Type, ...], name: str) -> None:
        if node.keywords or len(node.args) != len(params):
            raise self.fail(node, f"{name}() takes {len(params)} positional argument(s)")
        for arg, ty in zip(node.args, params):
            self.use(arg, ty, what=f"an argument of {name}()")
        node.bound = list(node.args)

    # -- classes ------------------------------------------------------------
    def constructor(self, node: py_ast.Call, info: ClassInfo) -> Type:
        init = inherited_method(info, "__init__")
        node.call = ("new", info, init)
        if init is None:
            if node.args or node.keywords:
                raise self.fail(node, f"{info.name}() takes no arguments (it has no __init__)")
            node.bound = []
            return class_type(info)
        if takes_arguments(init) and self.constructor_arguments(node, info.name):  # sema/exception_args.py
            return class_type(info)
        self.bind(node, init.params[1:], info.name, node.args, NONE)
        if is_exception_class_info(info) and not reaches_base_init(init):
            self.keep_constructor_arguments(node, info.name, init)  # sema/exception_args.py
        return class_type(info)

    def method_call(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        receiver = func.value
        static = self.static_call(node, func)  # C.m(...) of a @staticmethod
        if static is None:
            static = self.class_method_call(node, func)  # of a @classmethod: sema/class_methods.py
        if static is not None:
            return static
        if isinstance(receiver, py_ast.Name) and receiver.id == "dict" and func.attr == "fromkeys" \
                and "dict" not in self.local_names and "dict" not in self.module.namespace:
            return self.dict_fromkeys(node)  # sema/dict_builtin.py
        if isinstance(receiver, py_ast.Name) and receiver.id == "str" and func.attr == "maketrans" \
                and "str" not in self.local_names and "str" not in self.module.namespace:
            return self.maketrans_call(node)  # sema/text_translate.py
        if isinstance(receiver, py_ast.Call) and isinstance(receiver.func, py_ast.Name) and receiver.func.id == "super":
            return self.super_call(node, func)
        self.refuse_unavailable_stdlib(func, receiver)  # datetime.strptime(...): sema/stdlib_operators.py
        if isinstance(receiver, py_ast.Name) and receiver.id == "bytearray" and func.attr == "fromhex" \
                and "bytearray" not in self.local_names and "bytearray" not in self.module.namespace:
            return self.bytearray_fromhex(node)  # sema/bytearrays.py
        owner = receiver.id if isinstance(receiver, py_ast.Name) and receiver.id in CLASS_METHODS \
            and receiver.id not in self.local_names and receiver.id not in self.module.namespace else None
        if owner is not None:  # int.from_bytes(...), bytes.fromhex(...)
            node.static = base = owner
        else:
            base = self.check_maybe_unknown(receiver)
        if owner is None and self.unknown_local(receiver) is not None:
            base = receiver.ty = self.settle_by_method(receiver, func.attr, node.args)
        if isinstance(base, TupleType) and func.attr in ("index", "count"):  # on tuple([its items]):
            items = tuple_sequences.as_list(self, receiver, base, "searching")  # a tuple's ValueError text
            func.value = py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(
                py_ast.Name(id="tuple", ctx=py_ast.Load()), receiver), args=[items], keywords=[]), receiver)
            return self.method_call(node, func)
        if func.attr == "_replace" and is_named_tuple(base) and inherited_method(base.info, "_replace") is None:
            return self.named_tuple_replace(node, func, base)  # sema/named_tuples.py
        if isinstance(base, ClassType):
            method = inherited_method(base.info, func.attr) or instance_wrapper(self, func, base.info)
            if method is None:
                self.refuse_unavailable_stdlib(func, None, base.info)  # dt.isocalendar()
                narrowing = narrowing_problem(base.info, func)  # frontend/stdlib_classes.py
                if narrowing is not None:
                    raise self.fail(func, *narrowing)
                raise self.fail(func, f"'{base.info.name}' has no method '{func.attr}'",
                                missing_method_help(base, func.attr))
            self.refuse_property_call(node, method)
            self.refuse_bool_tzinfo(node, method, base.info)  # dt.replace(tzinfo=True): sema/stdlib_operators.py
            node.call = ("method", method, base.info)
            refuse_method_call(self, node, base.info, method.params[1:])  # frontend/stdlib_classes.py
            return self.bind(node, method.params[1:], func.attr, node.args, method.result)
        if base == BYTEARRAY:
            return self.bytearray_method(node, func)  # sema/bytearrays.py
        if base == MEMORYVIEW:
            return self.memoryview_method(node, func)  # sema/memoryviews.py
        if base == BYTES and owner is None:
            self.viewed_arguments(node)  # b.find(ba): sema/bytearrays.py
        if is_deque(base):
            return self.deque_method(node, func, base)  # sema/deques.py
        if isinstance(base, CounterType) and func.attr in COUNTER_METHODS + COUNTER_LATER:
            return self.counter_method(node, func, base)  # sema/collections_types.py
        if isinstance(base, OrderedDictType) and func.attr in ORDERED_METHODS:
            return self.ordered_method(node, func, base)
        if isinstance(base, DictType) and func.attr == "popitem":
            return self.dict_popitem(node, func, base)  # sema/collections_types.py
        if isinstance(base, SetType):
            return self.set_method(node, func, base)  # sema/sets.py
        if func.attr == "translate" and base == STR:
            return self.translate_call(node, receiver)  # sema/text_translate.py
        if (func.attr, base) in (("encode", STR), ("decode", BYTES)) \
                and (node.args or node.keywords or hasattr(node, "codec_plan")):
            checked = self.codec_call(node, func)  # sema/text_codecs.py
            if checked is not None:
                return checked
        if func.attr == "format" and base == STR and isinstance(receiver, py_ast.Constant):
            node.call, node.joined = ("type-method", "format"), as_fstring(node, self.plain_local, self.fail)
            return self.check(node.joined)
        if base == ANY and owner is None:
            return self.held_method(node, func)  # sema/held.py
        if func.attr == "join" and base in TEXT:
            map_filter.consumed(self, node)  # ",".join(map(str, xs))
        if isinstance(base, ListType) and func.attr == "sort" and check_list_sort(self, node, base):
            return NONE
        if isinstance(base, DictType) and func.attr == "update" and node.keywords \
                and all(k.arg is not None for k in node.keywords) and len(node.args) <= 1:
            extra = keywords_dict(node)  # d.update(k=v): d.update({"k": v}); with a dict, its | first
            node.args = [py_ast.copy_location(py_ast.BinOp(left=node.args[0], op=py_ast.BitOr(), right=extra), node)
                         if node.args else extra]
            node.keywords = []
        if isinstance(base, ListType) and func.attr == "extend" and written_as_view(node):
            return extend_by_view(self, node, base)  # sema/view_arguments.py
        table = CLASS_METHODS[owner] if owner is not None else methods_of(base)
        if table is None or func.attr not in table:
            raise self.fail(func, f"{base} has no method '{func.attr}' in this version",
                            "a tuple has index() and count(): copy it into a list to change it"
                            if isinstance(base, VarTupleType) else "")
        params, result = with_tuple_argument(base, func.attr, node.args, table[func.attr])
        params = affix_tuple(self, base, func.attr, node.args, params)  # startswith(tuple(xs)): sema/tuple_builtin.py
        params = joined_tuple(self, base, func.attr, node.args, params) if base in TEXT else params  # ",".join(t)
        problem = argument_problem(func.attr, params, len(node.args), node.keywords)
        if problem is not None:
            raise self.fail(node, problem)
        node.call = ("type-method", func.attr)
        if isinstance(base, DictType) and func.attr == "get" and (len(node.args) > 1 or node.keywords):
            result = base.value  # d.get(k, default) never gives None
        if isinstance(base, ListType) and func.attr in ("index", "count", "remove") \
                and not equality_supported(base.item):
            raise self.fail(func, f"list.{func.attr}() on {base} is not supported in this version")
        if isinstance(base, ListType) and func.attr == "index" and len(node.args) > 1 and eq_kind(base.item) is None:
            raise self.fail(func, f"list.index() with a start or stop on {base} is not supported",
                            "search the whole list, or a slice of it (then add the slice's start)")
        if isinstance(base, VarTupleType) and eq_kind(base.item) is None:
            raise self.fail(func, f"tuple.{func.attr}() on {base} is not supported in this version",
                            "search a list of these items")
        if isinstance(base, ListType) and func.attr == "sort" and sorts_by_less(base.item):
            mark_sort(self, node, base.item, node)  # floats, objects: CPython's algorithm (sema/sort_orders.py)
        elif isinstance(base, ListType) and func.attr == "sort" and base.item not in (INT, STR):
            raise self.fail(func, f"sort() of {base} is not supported: it sorts a list of int, float, str, "
                            "tuples of those or objects with __lt__, or by a key",
                            sort_help(base))
        if isinstance(base, ListType) and func.attr == "sort" and node.args:
            raise self.fail(node.args[0], "sort() takes no positional arguments", "write sort(reverse=True)")
        result = self.bind(node, [Param(n, t, t.wasm or "i32", _DEFAULT if d else None) for n, t, d in params],
                           func.attr, node.args, result)
        self.require_parameter_order(node, func.attr)
        return result

    def plain_local(self, arg: py_ast.expr) -> bool:
        return isinstance(arg, py_ast.Name) and arg.id in self.local_names and arg.id not in self.global_names

    def super_call(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        owner = self.fn.owner
        problem = super_problem(self.fn, func.attr) if owner is not None else None  # sema/mixins.py
        if problem is not None:
            raise self.fail(func, problem, "call a module-level function holding the shared code instead")
        if owner is None or owner.base is None or func.value.args:
            raise self.fail(func.value, "super() is only supported as super().method(...) in a subclass method")
        method = inherited_method(owner.base, func.attr)
        if method is None:
            raise self.fail(func, f"no base class of '{owner.name}' has a method '{func.attr}'")
        node.call = ("super", method)
        if takes_arguments(method) and self.super_arguments(node):  # sema/exception_args.py
            return NONE
        return self.bind(node, method.params[1:], func.attr, node.args, method.result)

    # -- built-ins ------------------------------------------------------------
