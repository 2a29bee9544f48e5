"""Type checking of the built-ins checked one by one (len, abs, int, float, bool, str, bytes, ord,
chr, min, max, sorted, list, range, enumerate, zip; mixed into sema.check_calls.CallChecker)."""

from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, STR, ClassType, DictType, ListType, SetType, TupleType, Type, VarTupleType,
                       ViewType, list_of)
from . import map_filter, tuple_sequences
from .exceptions import is_exception
from .held_conversions import list_of_held
from .reprs import shown_by_repr
from .bytearrays import int_list, of_bytes, view
from .type_values import refuse_type_value_use
from .comparisons import NUMERIC, TEXT
from .fstrings import STR_ARGUMENTS, str_convertible
from .classes import inherited_method
from .sort_keys import check_extremum, check_sorted, implied_key, sort_help, tuples_in_order
from .sort_orders import mark_sort, sorts_by_less
from .int_enums import int_operand
from .stdlib_operators import stdlib_format_method
from .named_tuples import is_named_tuple

# Our ipaddress classes whose CPython int() may need 128 bits (compiler/stdlib/ipaddress.py).
WIDE_INTS = {"IPv6Address": "an IPv6 address has 128 bits, beyond the 64-bit ints here",
             "_BaseAddress": "ip_address() may return an IPv6Address, whose 128 bits are beyond the 64-bit ints here"}
WIDE_INTS_HELP = "narrow it first: 'if isinstance(a, IPv4Address): n = int(a)', or use a.packed (bytes) or a.exploded"


class BuiltinCallChecks:
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
        if not (ty in TEXT or ty in (BYTEARRAY, MEMORYVIEW) or isinstance(ty, (ListType, DictType, ViewType, SetType, VarTupleType))):
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
        elif ty == BYTEARRAY:  # parsed as the bytes it holds (CPython's message shows them as bytes too)
            node.args[0] = node.bound[0] = view(node.args[0])  # sema/bytearrays.py
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
        optional = self.optional_exception_text(arg, ty, "__str__")  # str(e.__cause__): sema/exceptions.py
        if is_exception(ty):
            node.args[0] = node.bound[0] = self.exception_message(arg)
        elif optional is not None:
            node.args[0] = node.bound[0] = optional
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
        arg = node.args[0] if len(node.args) == 1 and not node.keywords else None
        if arg is not None and self.bytes_of_bytearray(node):
            return BYTES  # a copy (sema/bytearrays.py)
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
            if of_bytes(ty):  # its ints (sema/bytearrays.py)
                node.args[0] = node.bound[0] = int_list(node.args[0])
                return INT
            if isinstance(ty, (ListType, ViewType)) and ty.item in (FLOAT, BYTES, BOOL):
                return check_extremum(self, node, name, keyless=True)  # compared as min(xs, key=...) does
            implied = implied_key(ty.item, node) if isinstance(ty, (ListType, ViewType)) else None
            if implied is not None:  # an order=True dataclass: by the tuple of its fields
                node.keywords.append(implied)
                return check_extremum(self, node, name)
            if not (isinstance(ty, (ListType, ViewType, VarTupleType)) and ty.item in (INT, STR)):  # read only
                raise self.fail(node, f"{name}() of one argument needs a list of int, float, str or bytes here",
                                f"compare by an int or str key: {name}(items, key=lambda x: x.name)")
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
        if of_bytes(ty):  # its ints (sema/bytearrays.py)
            node.args[0] = node.bound[0] = int_list(node.args[0])
            return list_of(INT)
        implied = implied_key(ty.item, node) if isinstance(ty, (ListType, ViewType)) else None
        if implied is not None:  # bytes, bools, order=True dataclass objects: sorted as by that key=
            node.keywords.append(implied)
            check_sorted(self, node)
            return node.ty
        if isinstance(ty, (ListType, ViewType, VarTupleType)) and sorts_by_less(ty.item):
            mark_sort(self, node, ty.item, node)  # floats, objects: CPython's algorithm (sema/sort_orders.py)
            return list_of(ty.item)
        if not (isinstance(ty, (ListType, ViewType, VarTupleType)) and ty.item in (INT, STR)):  # sorts a copy
            raise self.fail(node, f"sorted() of {ty} is not supported: it sorts a list of int, float, str, "
                            "tuples of those or objects with __lt__, or by a key",
                            sort_help(ty))
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
        if of_bytes(ty):  # its ints (sema/bytearrays.py)
            node.call = ("rewritten", int_list(node.args[0]))
            return list_of(INT)
        raise self.fail(node, f"list() of {ty} is not supported")

    def builtin_range(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "range() can only be used as the iterable of a for loop", "write 'for i in range(...):'")

    def builtin_enumerate(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "enumerate() can only be used as the iterable of a for loop")

    def builtin_zip(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, "zip() can only be used as the iterable of a for loop")
