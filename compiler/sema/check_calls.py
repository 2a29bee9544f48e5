"""Type checking of calls: functions, constructors, methods and built-ins.

Every checked call gets ``node.call``: a tuple saying what runs —
``("function", FuncSym)``, ``("method", FuncSym, ClassInfo)`` (dispatch on the
receiver's class), ``("super", FuncSym)``, ``("new", ClassInfo, FuncSym|None)``,
``("builtin", name)``, ``("intrinsic", name)`` or ``("type-method", name)`` —
and ``node.bound``: one argument expression (or a default) per parameter.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, TYPE, Builtin, ClassInfo, ClassType, CounterType, DictType,
                       FuncSym, ListType, Local, OrderedDictType, SetType, Param, TupleType, Type, VarTupleType, ViewType, list_of)
from . import map_filter, tuple_sequences
from .builtins import INTRINSICS, PYTHON_BUILTINS
from .collections_types import COUNTER_LATER, COUNTER_METHODS, ORDERED_METHODS, CollectionsChecks
from .dict_builtin import DictBuiltinChecks
from .exceptions import is_exception
from .exception_args import ExceptionArgsChecks, missing_method_help, reaches_base_init, takes_arguments
from .held_conversions import list_of_held
from .reprs import ReprChecks, shown_by_repr
from .random_calls import RandomCallChecks, is_generic_random
from .deques import DequeChecks, is_deque
from .isinstance_checks import IsinstanceChecks
from .callables import value_call
from .type_values import is_type_of_none, refuse_type_value_use
from .check_expr import NUMERIC, TEXT, ExprChecker
from .fstrings import STR_ARGUMENTS, str_convertible
from .kwargs_unpack import bind_unpacked
from .star_args import (StarItem, argument_positions, bind_starred, packed_extras, refuse_unpacked_into_varargs,
                        vararg_index)
from .tuple_builtin import TupleBuiltinChecks, affix_tuple, joined_tuple
from .classes import inherited_method
from .sets import CONSUMERS as SET_CONSUMERS
from .methods import CLASS_METHODS, argument_problem, methods_of, with_tuple_argument
from .sort_keys import check_extremum, check_list_sort, check_sorted, tuples_in_order
from .str_format import as_fstring
from .types import class_type, eq_kind, equality_supported, is_exception_class_info
from .properties import PropertyChecks
from .class_methods import ClassMethodChecks, instance_wrapper
from .static_methods import StaticMethodChecks
from .unsupported import undefined_name
from .view_arguments import extend_by_view, written_as_view
from .int_enums import int_operand
from .stdlib_operators import StdlibClassChecks, stdlib_format_method
from .mixins import super_problem
from .named_tuples import is_named_tuple
from .number_builtins import NumberBuiltinChecks
from .reversed_builtin import ReversedChecks
from .text_translate import TranslateChecks

# Our ipaddress classes whose CPython int() may need 128 bits (compiler/stdlib/ipaddress.py).
WIDE_INTS = {"IPv6Address": "an IPv6 address has 128 bits, beyond the 64-bit ints here",
             "_BaseAddress": "ip_address() may return an IPv6Address, whose 128 bits are beyond the 64-bit ints here"}
WIDE_INTS_HELP = "narrow it first: 'if isinstance(a, IPv4Address): n = int(a)', or use a.packed (bytes) or a.exploded"


class CallChecker(NumberBuiltinChecks, ReversedChecks, TranslateChecks, CollectionsChecks, RandomCallChecks, DequeChecks,
                  ExceptionArgsChecks, TupleBuiltinChecks, IsinstanceChecks, DictBuiltinChecks,
                  StdlibClassChecks, ReprChecks, StaticMethodChecks, ClassMethodChecks, PropertyChecks, ExprChecker):
    def check_Call(self, node: py_ast.Call, expected: Type | None) -> Type:
        func = node.func
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
        names = [p.name for p in params]
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
        positions = argument_positions(params, len(args), [names.index(k.arg) for k in node.keywords])
        if positions != sorted(positions):
            node.evaluation_order = positions  # CPython evaluates arguments in source order
        return result

    def given_arguments(self, node: py_ast.Call, params: list[Param], name: str,
                        args: list[py_ast.expr]) -> list[py_ast.expr | None]:
        """The arguments passed positionally and by name, per parameter (None where none is)."""
        bound: list[py_ast.expr | None] = [None] * len(params)
        if any(isinstance(arg, py_ast.Starred) for arg in args):
            return bind_starred(self, node, params, name, args, bound)  # f(*xs): sema/star_args.py
        positional = sum(not p.keyword_only and not p.var_positional for p in params)
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
        for keyword in node.keywords:
            if keyword.arg is None:
                continue  # f(**d): bound when the call runs (sema/kwargs_unpack.py)
            if keyword.arg not in names or params[names.index(keyword.arg)].var_positional:
                raise self.fail(keyword, f"{name}() has no parameter '{keyword.arg}'")
            index = names.index(keyword.arg)
            if bound[index] is not None:
                raise self.fail(keyword, f"{name}() got '{keyword.arg}' twice")
            bound[index] = keyword.value
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
        owner = receiver.id if isinstance(receiver, py_ast.Name) and receiver.id in CLASS_METHODS \
            and receiver.id not in self.local_names and receiver.id not in self.module.namespace else None
        if owner is not None:  # int.from_bytes(...), bytes.fromhex(...)
            node.static = base = owner
        else:
            base = self.check_maybe_unknown(receiver)
        if owner is None and self.unknown_local(receiver) is not None:
            base = receiver.ty = self.settle_by_method(receiver, func.attr, node.args)
        if isinstance(base, TupleType) and func.attr in ("index", "count"):  # on the list of its items
            func.value = tuple_sequences.as_list(self, receiver, base, "searching")
            return self.method_call(node, func)
        if func.attr == "_replace" and is_named_tuple(base) and inherited_method(base.info, "_replace") is None:
            return self.named_tuple_replace(node, func, base)  # sema/named_tuples.py
        if isinstance(base, ClassType):
            method = inherited_method(base.info, func.attr) or instance_wrapper(self, func, base.info)
            if method is None:
                self.refuse_unavailable_stdlib(func, None, base.info)  # dt.isocalendar()
                raise self.fail(func, f"'{base.info.name}' has no method '{func.attr}'",
                                missing_method_help(base, func.attr))
            self.refuse_property_call(node, method)
            self.refuse_bool_tzinfo(node, method, base.info)  # dt.replace(tzinfo=True): sema/stdlib_operators.py
            node.call = ("method", method, base.info)
            return self.bind(node, method.params[1:], func.attr, node.args, method.result)
        if is_deque(base):
            return self.deque_method(node, func, base)  # sema/deques.py
        if isinstance(base, CounterType) and func.attr in COUNTER_METHODS + COUNTER_LATER:
            return self.counter_method(node, func, base)  # sema/collections_types.py
        if isinstance(base, OrderedDictType) and func.attr in ORDERED_METHODS:
            return self.ordered_method(node, func, base)
        if isinstance(base, SetType):
            return self.set_method(node, func, base)  # sema/sets.py
        if func.attr == "translate" and base == STR:
            return self.translate_call(node, receiver)  # sema/text_translate.py
        if func.attr == "format" and base == STR and isinstance(receiver, py_ast.Constant):
            node.call, node.joined = ("type-method", "format"), as_fstring(node, self.plain_local, self.fail)
            return self.check(node.joined)
        if base == ANY and owner is None:
            return self.held_method(node, func)  # sema/held.py
        if func.attr == "join" and base in TEXT:
            map_filter.consumed(self, node)  # ",".join(map(str, xs))
        if isinstance(base, ListType) and func.attr == "sort" and check_list_sort(self, node, base):
            return NONE
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
        if isinstance(base, VarTupleType) and eq_kind(base.item) is None:
            raise self.fail(func, f"tuple.{func.attr}() on {base} is not supported in this version",
                            "search a list of these items")
        if isinstance(base, ListType) and func.attr == "sort" and base.item not in (INT, STR):
            raise self.fail(func, "sort() supports lists of int or str in this version")
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
    def one_argument(self, node: py_ast.Call, name: str) -> py_ast.expr:
        if len(node.args) != 1 or node.keywords:
            raise self.fail(node, f"{name}() takes exactly one argument here")
        node.bound = list(node.args)
        return node.args[0]

    def range_argument(self, node: py_ast.Call, name: str) -> bool:
        """``len(range(...))`` / ``list(range(...))``: check the range's bounds, note them on ``node``."""
        arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if not (isinstance(arg, py_ast.Call) and isinstance(arg.func, py_ast.Name) and arg.func.id == "range"
                and "range" not in self.module.namespace and "range" not in self.local_names):
            return False
        if arg.keywords or not 1 <= len(arg.args) <= 3:
            raise self.fail(arg, "range() takes 1 to 3 positional arguments")
        for bound in arg.args:
            self.use_int(bound, what="a range() argument")
        node.range_args = arg.args
        node.bound = []
        return True

    def builtin_len(self, node: py_ast.Call, expected: Type | None) -> Type:
        if self.range_argument(node, "len"):
            return INT
        listed = self.args_list(self.one_argument(node, "len"))
        if listed is not None:  # len(e.args)
            node.args[0] = node.bound[0] = listed
            return INT
        ty = self.check(self.one_argument(node, "len"))
        if isinstance(ty, TupleType):  # the constant (sema/tuple_sequences.py)
            replacement = tuple_sequences.length(node.args[0], ty)
            self.check(replacement)
            node.call = ("rewritten", replacement)
            return INT
        if is_named_tuple(ty):
            return self.named_tuple_len(node, ty)  # sema/named_tuples.py
        if isinstance(ty, ClassType) and inherited_method(ty.info, "__len__") is not None:
            node.len_method = inherited_method(ty.info, "__len__")
            return INT
        if ty == ANY and not self.objects_have_truth:
            return INT  # counted on what it holds (dynamic.held_len); TypeError for a number or None
        if not (ty in TEXT or isinstance(ty, (ListType, DictType, ViewType, SetType, VarTupleType))):
            raise self.fail(node.args[0], f"the argument of len() must be str, bytes, list or dict, not {ty}",
                            "len() counts the items of a str, bytes, list or dict")
        return INT

    def builtin_abs(self, node: py_ast.Call, expected: Type | None) -> Type:
        arg = self.one_argument(node, "abs")
        if int_operand(arg, self.check(arg)) == arg.ty and stdlib_format_method(arg.ty, "__abs__"):
            method = py_ast.Call(func=py_ast.Attribute(value=arg, attr="__abs__", ctx=py_ast.Load()), args=[], keywords=[])
            node.method_call = py_ast.copy_location(method, node)  # abs(td): timedelta.__abs__
            return self.check(node.method_call)
        ty = self.expect(arg, *NUMERIC, what="the argument of abs()")
        return FLOAT if ty == FLOAT else INT

    def builtin_int(self, node: py_ast.Call, expected: Type | None) -> Type:
        if len(node.args) == 2 and not node.keywords:
            self.expect(node.args[0], *TEXT, what="the text of int(text, base)")
            self.use(node.args[1], INT, what="the base")
            node.bound = list(node.args)
            return INT
        ty = int_operand(self.one_argument(node, "int"), self.check(node.args[0]))
        if isinstance(ty, ClassType) and inherited_method(ty.info, "__int__") is not None:
            # CPython's type(x).__int__(x): a written __int__ -> int (dispatch on the runtime class)
            call = py_ast.Call(func=py_ast.Attribute(value=node.args[0], attr="__int__", ctx=py_ast.Load()),
                               args=[], keywords=[])
            node.args[0] = node.bound[0] = py_ast.copy_location(call, node.args[0])
            self.expect(node.args[0], INT, what="the result of __int__()")
        elif isinstance(ty, ClassType) and ty.info.module.name.startswith("compiler.stdlib.ipaddress") \
                and ty.info.name in WIDE_INTS:
            raise self.fail(node.args[0], f"int() of {ty.info.name} is not available: {WIDE_INTS[ty.info.name]}",
                            WIDE_INTS_HELP)
        elif ty != ANY:  # an Any: on what it holds
            self.expect(node.args[0], *NUMERIC, *TEXT, what="the argument of int()")
        return INT

    def builtin_float(self, node: py_ast.Call, expected: Type | None) -> Type:
        if self.check(self.one_argument(node, "float")) != ANY:  # an Any: on what it holds
            self.expect(node.args[0], *NUMERIC, *TEXT, what="the argument of float()")
        return FLOAT

    def builtin_bool(self, node: py_ast.Call, expected: Type | None) -> Type:
        self.truthy(self.one_argument(node, "bool"))
        return BOOL

    def builtin_str(self, node: py_ast.Call, expected: Type | None) -> Type:
        arg = self.one_argument(node, "str")
        text = self.args_text(arg)
        if text is not None:  # str(e.args)
            node.call = ("rewritten", text)
            return STR
        ty = int_operand(arg, self.check(arg))  # an IntEnum's str is its int's (3.11)
        if is_exception(ty):
            node.args[0] = node.bound[0] = self.exception_message(arg)
        elif isinstance(ty, ClassType) and inherited_method(ty.info, "__str__") is not None:
            # CPython's type(x).__str__(x): a written __str__ -> str is called (dispatch on the runtime class)
            call = py_ast.Call(func=py_ast.Attribute(value=arg, attr="__str__", ctx=py_ast.Load()), args=[], keywords=[])
            node.args[0] = node.bound[0] = py_ast.copy_location(call, arg)
            self.expect(node.args[0], STR, what="the result of __str__()")
        elif shown_by_repr(ty):
            node.args[0] = node.bound[0] = self.repr_of(arg, ty)  # sema/reprs.py: a container's str is its repr
            self.check(node.args[0])
        elif not str_convertible(self.held_text_allowed(arg, ty)):
            refuse_type_value_use(self, arg, ty, "str()")  # sema/type_values.py
            self.expect(arg, *STR_ARGUMENTS, what="the argument of str()")  # reports the type found
        return STR

    def builtin_bytes(self, node: py_ast.Call, expected: Type | None) -> Type:
        self.use(self.one_argument(node, "bytes"), list_of(INT), what="the argument of bytes() (a list of ints)")
        return BYTES

    def builtin_ord(self, node: py_ast.Call, expected: Type | None) -> Type:
        self.expect(self.one_argument(node, "ord"), STR, what="the argument of ord()")
        return INT

    def builtin_chr(self, node: py_ast.Call, expected: Type | None) -> Type:
        self.use(self.one_argument(node, "chr"), INT, what="the argument of chr()")
        return STR

    def builtin_min(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.extremum(node, "min")

    def builtin_max(self, node: py_ast.Call, expected: Type | None) -> Type:
        return self.extremum(node, "max")

    def extremum(self, node: py_ast.Call, name: str) -> Type:
        if len(node.args) == 1:
            map_filter.consumed(self, node)
        keyed = check_extremum(self, node, name)  # key= or default=
        if keyed is not None:
            return keyed
        node.bound = list(node.args)
        if len(node.args) == 1:
            ty = self.check(node.args[0])
            if isinstance(ty, (ListType, ViewType)) and tuples_in_order(node, ty.item, None):
                node.extremum, node.bound = (node.args[0], None), []  # lowered as with key= (lower/sort_keys.py)
                return ty.item
            if not (isinstance(ty, (ListType, ViewType, VarTupleType)) and ty.item in (INT, STR)):  # read only
                raise self.fail(node, f"{name}() of one argument needs a list of int or str")
            return ty.item
        if len(node.args) < 2:
            raise self.fail(node, f"{name}() needs at least one argument")
        types = {self.check(a) for a in node.args}
        if types <= {INT} or types == {STR} or types == {FLOAT}:
            return types.pop()
        raise self.fail(node, f"{name}() arguments must all be int, all float or all str")

    def builtin_sorted(self, node: py_ast.Call, expected: Type | None) -> Type:
        map_filter.consumed(self, node)
        if check_sorted(self, node) is not None:  # key=
            return node.ty
        reverse = [k for k in node.keywords if k.arg == "reverse"]
        if len(node.args) != 1 or len(node.keywords) != len(reverse):
            raise self.fail(node, "sorted() takes one list and, by keyword, reverse= here")
        node.bound = [node.args[0], *(k.value for k in reverse)]
        for flag in reverse:
            self.use(flag.value, BOOL, what="reverse")
        ty = self.check(node.args[0])
        if isinstance(ty, (ListType, ViewType)) and tuples_in_order(node, ty.item, reverse[0].value if reverse else None):
            node.ty = list_of(ty.item)  # lowered as with key= (lower/sort_keys.py)
            return node.ty
        if not (isinstance(ty, (ListType, ViewType, VarTupleType)) and ty.item in (INT, STR)):  # sorts a copy
            raise self.fail(node, "sorted() supports a list of int or str in this version")
        return list_of(ty.item)

    def builtin_list(self, node: py_ast.Call, expected: Type | None) -> Type:
        map_filter.consumed(self, node)  # list(map(f, xs)): the comprehension it equals
        if not node.args and not node.keywords:
            if not isinstance(expected, ListType):
                raise self.fail(node, "the type of an empty list is not known here", "annotate the variable")
            node.bound = []
            return expected
        if self.range_argument(node, "list"):
            return list_of(INT)
        ty = self.check(self.one_argument(node, "list"))
        if isinstance(ty, (ListType, ViewType, VarTupleType)):
            return list_of(ty.item)
        if ty == STR:
            return list_of(STR)
        if isinstance(ty, DictType):
            return list_of(ty.key)
        if ty == ANY:
            return list_of_held(self, node, expected)  # sema/held_conversions.py
        raise self.fail(node, f"list() of {ty} is not supported")

    def builtin_range(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "range() can only be used as the iterable of a for loop", "write 'for i in range(...):'")

    def builtin_enumerate(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "enumerate() can only be used as the iterable of a for loop")

    def builtin_zip(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "zip() can only be used as the iterable of a for loop")


_DEFAULT = py_ast.Constant(value=None)  # marks "has a default" for built-in methods; lowering supplies it
