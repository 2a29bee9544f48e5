"""Type checking of expressions (the call and statement checkers build on it).

``check(node, expected)`` sets ``node.ty`` (and ``node.sym`` for names) and
returns the type; ``expected`` types empty literals and ``None``. Where a value
is used at another type it may take (an int where ``int | None`` is expected,
a subclass where its base is), ``use(node, target)`` records ``node.target_ty``
for lowering to convert. A construct outside the subset raises ``Bail`` with a
located diagnostic; the statement checker records it and moves on.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..frontend.stdlib_classes import index_problem, narrowing_problem
from ..program import (CounterType, DefaultDictType, ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, NONE, STR, TYPE, Builtin, ClassInfo, ClassType, DequeType, DictType,
                       FuncSym, GlobalSym, ListType, Local, OptionalType, SetType, SourceModule, TupleType, Type,
                       UnionType, VarTupleType, members_of, union_of)
from . import tuple_sequences
from .arithmetic import ArithmeticChecks
from .truth import truthy_type, value_truth_member
from .container_literals import ContainerLiteralChecks
from .builtins import PYTHON_BUILTINS
from .callables import CallableType, check_lambda, function_value
from .type_values import type_name_read, type_value
from .comparisons import TEXT, ComparisonChecks
from .fstrings import FormatChecks
from .dynamic_ops import DynamicOpChecks
from .held import HeldChecks
from .held_methods import HeldMethodChecks
from .named_tuples import NamedTupleChecks, is_named_tuple
from .percent_format import PercentFormatChecks
from .infer import UnknownLiteral
from .classes import inherited_method
from .constants import INT64_HELP, INT64_MAX, INT64_MIN
from .field_narrowing import field_help
from .flags import is_flag
from .any_copies import AnyCopies
from .int_enums import VALUE_HELP, is_int_enum, value_read
from .class_keys import MISSING_HELP, MISSING_KEY, repr_unknown
from .types import TYPE_UNION_PROBLEM, assignable, from_any, is_exception_class_info, runs_user_code, union_problem
from .unsupported import describe, undefined_name



class Bail(Exception):
    """A refused statement; ``diagnostic`` None: it only uses a name an earlier error left untyped
    (reported once, there)."""

    def __init__(self, diagnostic: Diagnostic | None):
        self.diagnostic = diagnostic


ANY_HELP = ("an Any value must be narrowed first: 'if isinstance(x, str): ...', or assigned to a "
            "variable declared with a type (checked when it runs: TypeError if it does not fit)")


UNION_HELP = ("a value of a union type must be narrowed first: 'if isinstance(x, str): ...', "
              "'if x is not None: ...', or an early return")


class ExprChecker(ContainerLiteralChecks, ArithmeticChecks, ComparisonChecks, FormatChecks, PercentFormatChecks, HeldChecks,
                  HeldMethodChecks, DynamicOpChecks, NamedTupleChecks, AnyCopies):
    objects_have_truth = True  # some class defines __bool__/__len__ (set per program by sema.check)
    def __init__(self, fn: FuncSym):
        self.fn = fn
        self.module: SourceModule = fn.module
        self.assigned: set[str] | None = set()  # definitely assigned locals; None = unreachable
        self.narrowed: dict[str, Type] = {}  # locals known to hold a narrower type on this path
        self.local_names: set[str] = set()
        self.global_names: set[str] = set()
        self.comp_renames: dict[str, str] = {}  # comprehension variables -> their hidden locals
        self.untyped: set[str] = set()  # locals whose assignment was refused before they got a type

    # -- helpers ---------------------------------------------------------
    def fail(self, py_node: py_ast.AST, message: str, help: str = "") -> Bail:
        if hasattr(self, "narrowable"):
            help = field_help(self, py_node) or help  # a T | None field: sema/field_narrowing.py
        if not help and " Any" in f" {message}":  # an operation on an Any: say how to get a typed value
            help = ANY_HELP
        elif not help and " | " in message.rsplit(" not ", 1)[-1]:  # a union found, not one expected
            help = UNION_HELP
        return Bail(Diagnostic(self.module.loc(py_node), message.replace("a Any", "an Any"), help))

    def unsupported(self, py_node: py_ast.AST) -> Bail:
        return self.fail(py_node, *describe(py_node))

    def check(self, py_node: py_ast.expr, expected: Type | None = None) -> Type:
        handler = getattr(self, f"check_{type(py_node).__name__}", None)
        if handler is None:
            raise self.unsupported(py_node)
        ty = handler(py_node, expected)
        if isinstance(ty, (OptionalType, UnionType)) and TYPE in members_of(ty):  # d.get(k) of type values
            raise self.fail(py_node, TYPE_UNION_PROBLEM, "keep a type value and test the case apart (k in d, then d[k])")
        py_node.ty = ty
        if runs_user_code(py_node):
            self.forget_fields_run_by(py_node)  # a method or __eq__ that ran may have assigned fields
        return ty

    def use(self, py_node: py_ast.expr, target: Type, what: str = "this value") -> Type:
        """Check ``py_node`` where a ``target`` is required; record a coercion when needed."""
        ty = self.check_maybe_unknown(py_node, target) if hasattr(self, "check_maybe_unknown") \
            else self.check(py_node, target)
        if ty == target:
            return ty
        if ty == ANY and from_any(target):  # an annotated place: checked at run time
            py_node.target_ty = target
            return target
        if ty == ANY and isinstance(target, UnionType):
            raise self.fail(py_node, f"an Any is not converted to a union ({target}) yet",
                            "narrow it with isinstance() first: 'if isinstance(x, int): ...'")
        name = self.unknown_local(py_node) if hasattr(self, "unknown_local") else None
        if name is not None and isinstance(target, (ListType, DictType, SetType)):
            py_node.ty = ty = self.settle(name, target)  # passed where a typed list is expected
            return ty
        if target == ANY and not assignable(ty, target) and self.copy_into_any(py_node, ty) is not None:
            py_node.target_ty = target  # a copy made of Anys, where the Any is only read (sema/any_copies.py)
            return target
        if not assignable(ty, target):
            raise self.fail(py_node, f"{what} must be {target}, not {ty}", _conversion_help(ty, target))
        py_node.target_ty = target
        return target

    def use_int(self, py_node: py_ast.expr, what: str) -> Type:
        """An int position where CPython takes a bool as 0/1 with no visible difference (index, bound)."""
        ty = self.check(py_node, INT)
        if ty == BOOL:
            py_node.target_ty = INT
            return INT
        return self.use(py_node, INT, what=what) if ty != INT else ty

    def expect(self, py_node: py_ast.expr, *allowed: Type, what: str = "this value") -> Type:
        ty = self.check(py_node)
        if ty not in allowed:
            names = " or ".join(t.name for t in allowed)
            raise self.fail(py_node, f"{what} must be {names}, not {ty}", _conversion_help(ty, allowed[0]))
        return ty

    def truthy(self, py_node: py_ast.expr) -> Type:
        """Check a condition (if/while/not/assert/bool()): there an 'and'/'or' may mix types."""
        if isinstance(py_node, py_ast.BoolOp):
            py_node.ty = self.check_BoolOp(py_node, None, condition=True)
            return py_node.ty
        ty = self.check(py_node)
        if is_int_enum(ty) or is_flag(ty):
            ty = value_read(py_node)  # IntEnum's truth is int's; Flag.__bool__ is bool(self._value_)
        if not truthy_type(ty, self.objects_have_truth):
            raise self.no_truth(py_node, ty)
        if self.objects_have_truth and isinstance(getattr(ty, "inner", ty), ClassType) \
                and hasattr(self, "forget_fields"):
            self.forget_fields_run_by(None)  # a __bool__ or __len__ may have run
        return ty

    def no_truth(self, py_node: py_ast.expr, ty: Type) -> Bail:
        if ty == ANY:
            return self.fail(py_node, "the truth of an Any is not known here: a class of this program defines "
                             "__bool__ or __len__, which an Any holding one of its objects would call",
                             "narrow it first: 'if isinstance(x, str) and x: ...'")
        if is_int_enum(ty) or is_flag(ty):  # as an 'and'/'or' operand, whose result may be the member itself
            kind = "IntEnum member" if is_int_enum(ty) else "Flag value"
            return self.fail(py_node, f"the truth of the {kind} {ty} is its value's here", VALUE_HELP)
        if value_truth_member(ty):
            return self.fail(py_node, f"the truth of a {ty} value is not supported: an IntEnum member or Flag "
                             "value tests as its value, None as false", "write 'x is not None and bool(x.value)'")
        return self.fail(py_node, f"a {ty} value has no truth value here")

    # -- leaves ----------------------------------------------------------
    def check_Constant(self, node: py_ast.Constant, expected: Type | None) -> Type:
        value = node.value
        if isinstance(value, bool):
            return BOOL
        if isinstance(value, int):
            if not INT64_MIN <= value <= INT64_MAX:
                raise self.fail(node, "integer constant does not fit in a 64-bit int", INT64_HELP)
            return INT
        for kind, ty in ((float, FLOAT), (str, STR), (bytes, BYTES)):
            if isinstance(value, kind):
                return ty
        if value is None:
            return NONE
        raise self.unsupported(node)

    def check_Name(self, node: py_ast.Name, expected: Type | None) -> Type:
        name = self.comp_renames.get(node.id, node.id)
        if name in self.local_names and name not in self.global_names:
            if name in self.untyped and name not in self.fn.locals:
                raise Bail(None)  # the refused assignment was reported; its uses are not errors again
            if self.assigned is not None and name not in self.assigned and name not in self.untyped:  # (a refused
                # assignment, reported already, may have been the one on this path)
                raise self.fail(node, f"local variable '{node.id}' may be used before it is assigned",
                                "assign it on every path before this line")
            node.sym = Local(name)
            ty = self.narrowed.get(name, self.fn.locals[name])
            if name in getattr(self, "shared_names", ()):  # a nested function may write it (nonlocal)
                ty = self.fn.locals[name]
            if isinstance(ty, UnknownLiteral):
                self.read_unknown(node)  # an empty literal whose type is not known yet
            return ty
        sym = self.module.namespace.get(name)
        if isinstance(sym, GlobalSym):
            if sym.ty is None:
                raise self.fail(node, f"the type of global '{name}' is not known here",
                                f"annotate it where it is defined: {name}: <type> = ...")
            node.sym = sym
            return sym.ty
        value = function_value(self, node, sym)  # a function as a value (sema/callables.py)
        if value is not None:
            return value
        if not isinstance(expected, CallableType) and name not in self.local_names:
            if type_value(self, node, sym) is not None:  # int, a class as a value (sema/type_values.py)
                return TYPE
        if isinstance(sym, (FuncSym, Builtin, ClassInfo)) or name in PYTHON_BUILTINS:
            raise self.fail(node, f"'{name}' is not a value here",
                            "built-ins and classes can only be called: wrap one in a lambda (lambda s: len(s))")
        raise self.fail(node, *undefined_name(name))

    def check_Lambda(self, node: py_ast.Lambda, expected: Type | None) -> Type:
        return check_lambda(self, node, expected)

    def check_IfExp(self, node: py_ast.IfExp, expected: Type | None) -> Type:
        """Each branch sees what the test proves: ``len(x) if x is not None else 0``."""
        self.truthy(node.test)
        yes, no = self.narrowings(node.test)
        saved, after_test, mark = dict(self.narrowed), self.snapshot()[0], len(self.forgotten)
        self.narrowed.update(yes)
        body = self.check(node.body, expected)
        self.narrowed = dict(saved)
        self.narrowed.update(no)
        try:
            orelse = self.check(node.orelse, expected if expected is not None else body)
        finally:
            self.narrowed, self.assigned = dict(saved), after_test  # a walrus in a branch may not run
            self.forget_rebound(node)
            self.keep_forgotten(mark)  # a call in a branch may have assigned fields
        if body == orelse:
            return body
        for target in (body, orelse, expected):
            if target is not None and assignable(body, target) and assignable(orelse, target):
                for branch, proven in ((node.body, yes), (node.orelse, no)):  # checked again: as narrowed
                    self.narrowed = {**saved, **proven}
                    try:
                        self.use(branch, target)
                    finally:
                        self.narrowed, self.assigned = dict(saved), after_test
                        self.keep_forgotten(mark)
                return target
        either = union_of([body, orelse])
        if union_problem(either) is None:
            node.body.target_ty = node.orelse.target_ty = either  # each branch converted as checked
            return either  # CPython's value is either branch's
        raise self.fail(node, f"both branches must have the same type, not {body} and {orelse}",
                        "convert one branch, or assign in an if/else statement")

    # -- subscripts and attributes --------------------------------------
    def check_Subscript(self, node: py_ast.Subscript, expected: Type | None) -> Type:
        item = self.args_item(node)  # e.args[i]: sema/exception_args.py
        if item is not None:
            return item
        base = self.check(node.value)
        if base == ANY:
            return self.held_subscript(node)  # sema/held.py
        if base == BYTEARRAY:
            return self.bytearray_subscript(node)  # sema/bytearrays.py
        if base == MEMORYVIEW:
            return self.memoryview_subscript(node)  # sema/memoryviews.py
        if is_named_tuple(base):
            return self.named_tuple_item(node, base)  # sema/named_tuples.py
        if isinstance(node.slice, py_ast.Slice):
            if isinstance(base, TupleType):  # sema/tuple_sequences.py
                node.replaced_by = tuple_sequences.sliced(self, node, base)
                return self.check(node.replaced_by)
            if isinstance(base, DequeType):  # CPython: TypeError (a deque takes no slice)
                raise self.fail(node, "a deque cannot be sliced", "slice a copy: list(d)[a:b]")
            if not (base in TEXT or isinstance(base, (ListType, VarTupleType))):
                raise self.fail(node, f"{base} values cannot be sliced")
            for part in (node.slice.lower, node.slice.upper, node.slice.step):
                if part is not None:
                    self.use_int(part, what="a slice bound")
            return base
        if isinstance(base, DictType):
            self.use(node.slice, base.key, what="the key")
            if repr_unknown(base.key) and not isinstance(base, (CounterType, DefaultDictType)):  # no KeyError
                raise self.fail(node, MISSING_KEY, MISSING_HELP)
            return base.value
        if isinstance(base, TupleType):
            return self.tuple_item(node, base)
        if base in TEXT or isinstance(base, (ListType, VarTupleType)):
            self.use_int(node.slice, what="an index")
            return INT if base == BYTES else STR if base == STR else base.item
        problem = index_problem(base.info) if isinstance(base, ClassType) else None  # m[1]: stdlib_classes.py
        if problem is not None:
            raise self.fail(node, *problem)
        raise self.fail(node, f"{base} values cannot be indexed")

    def tuple_item(self, node: py_ast.Subscript, base: TupleType) -> Type:
        index = node.slice
        value = index.value if isinstance(index, py_ast.Constant) else None
        if isinstance(index, py_ast.UnaryOp) and isinstance(index.op, py_ast.USub) and isinstance(index.operand, py_ast.Constant):
            value = -index.operand.value
        if type(value) is not int:
            raise self.fail(index, "a tuple index must be an int constant", "unpack the tuple: a, b = pair")
        if not -len(base.items) <= value < len(base.items):
            raise self.fail(index, "tuple index out of range")
        node.tuple_index = value % len(base.items)
        return base.items[node.tuple_index]

    def check_Attribute(self, node: py_ast.Attribute, expected: Type | None) -> Type:
        if node.attr == "__name__" and self.is_type_call(node.value):
            self.check(node.value.args[0])
            node.type_name_of = node.value.args[0]  # type(x).__name__: lower/type_names.py
            return STR
        if node.attr == "__name__" and isinstance(node.value, py_ast.Attribute) and node.value.attr == "__class__":
            self.check(node.value.value)
            node.type_name_of = node.value.value  # x.__class__.__name__ is type(x).__name__
            return STR
        if isinstance(node.value, py_ast.Name) and isinstance(self.module.namespace.get(node.value.id), ClassInfo) \
                and node.value.id not in self.local_names:
            info = self.module.namespace[node.value.id]
            if node.attr == "_fields" and getattr(info, "named_tuple", False):
                return self.named_tuple_fields(node, info, False)  # sema/named_tuples.py
            return self.class_constant(node, info)
        base = self.check(node.value)
        if type_name_read(self, node, base) is not None:
            return STR  # t.__name__: sema/type_values.py
        if node.attr == "_fields" and is_named_tuple(base):
            return self.named_tuple_fields(node, base.info, True)
        if node.attr == "maxlen" and isinstance(base, DequeType):
            return self.deque_maxlen(node, base)  # sema/deques.py
        if not isinstance(base, ClassType):
            raise self.fail(node, f"{base} values have no attribute '{node.attr}' here",
                            "call methods directly, e.g. s.strip()")
        info = base.info
        prop = self.property_read(node, info) if node.attr not in info.fields else None
        if prop is not None:
            return prop  # sema/properties.py: the getter's call
        if node.attr in info.fields:
            key, _ = self.narrowable(node)
            if key is not None and key in self.narrowed and isinstance(node.ctx, py_ast.Load):
                node.narrowed_from = info.fields[node.attr]  # lowering unboxes an int/float/bool
                return self.narrowed[key]
            return info.fields[node.attr]
        if _constant_of(info, node.attr) is not None:
            return self.class_constant(node, info)
        if inherited_method(info, node.attr) is not None:
            raise self.fail(node, f"method '{node.attr}' must be called here", f"write {node.attr}(...)")
        self.refuse_exception_attribute(node, base)  # sema/exception_args.py
        narrowing = narrowing_problem(info, node)  # ip_address(s).ipv4_mapped: frontend/stdlib_classes.py
        if narrowing is not None:
            raise self.fail(node, *narrowing)
        raise self.fail(node, f"'{info.name}' has no field '{node.attr}'",
                        "declare it in the class body or assign it in __init__")

    def is_type_call(self, node: py_ast.expr) -> bool:
        return isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id == "type" \
            and len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], py_ast.Starred) \
            and "type" not in self.local_names and "type" not in self.module.namespace

    def class_constant(self, node: py_ast.Attribute, info: ClassInfo) -> Type:
        g = _constant_of(info, node.attr)
        if g is None:
            raise self.fail(node, f"class '{info.name}' has no constant '{node.attr}'")
        node.sym = g
        return g.ty

    # -- literals ----------------------------------------------------------


def _constant_of(info: ClassInfo, name: str) -> GlobalSym | None:
    while info is not None:
        if name in info.constants:
            return info.constants[name]
        info = info.base
    return None


def _conversion_help(ty: Type, target: Type) -> str:
    if isinstance(ty, DequeType) and isinstance(target, ListType):
        return f"a deque is not a list (its methods and repr differ): pass list(d), a copy, or annotate it as {ty}"
    if isinstance(ty, DictType) and type(ty) is not DictType:  # a defaultdict or Counter
        return (f"a {ty} is not a plain dict here (d[k] and repr differ): pass dict(d), a plain copy, or "
                f"annotate it as {ty}")
    if ty in (BYTEARRAY, MEMORYVIEW) and target in (BYTES, ANY):
        return "convert it: bytes(x) is a copy of the bytes it holds now"
    if ty == BYTES and target == BYTEARRAY:
        return "make one: bytearray(b) is a mutable copy"
    if is_int_enum(ty):
        return VALUE_HELP + " (CPython would keep the member itself here)"
    if isinstance(target, ClassType) and getattr(target.info, "mixin", False):
        return "a mixin is not a type here (sema/mixins.py): annotate with the class that inherits it"
    if ty == BOOL and target == INT:
        return "convert explicitly with int(...)"
    if ty == INT and target == BOOL:
        return "compare explicitly, e.g. 'x != 0'"
    if ty == INT and target == FLOAT:
        return "convert explicitly with float(...)"
    if ty == FLOAT and target == INT:
        return "use // for floor division, or convert explicitly with int(...)"
    if isinstance(ty, OptionalType) and assignable(ty.inner, target):
        return "check for None first: if x is not None: ..."
    if target == ANY and isinstance(ty, ClassType) and is_exception_class_info(ty.info):
        return "an Any does not hold exceptions (its str() would not be the message): hold str(e), or keep its type"
    if target == ANY and isinstance(ty, ClassType):
        return ("an Any does not hold dataclass or enum objects (its str() would not be CPython's repr): "
                "keep the object's type, or hold its fields")
    if target == ANY:
        return "an Any holds list[Any] and dict[str, Any], not typed containers or tuples: build one of those"
    if ty == ANY and isinstance(target, (ListType, SetType, DictType)):
        kind = "dict" if isinstance(target, DictType) else "set" if isinstance(target, SetType) else "list"
        return (f"copy it: {kind}(x) makes a {target}, each item checked when it runs (the Any itself "
                "cannot be one: code holding it could store another type in it)")
    return ""
