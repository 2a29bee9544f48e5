"""Type checking of ``isinstance(x, T)``: T a class of the program, a built-in type or a tuple of
them. Static types decide the built-in cases; classes, Anys and unions are tested at run time
(mixed into sema.check_calls.CallChecker)."""
from __future__ import annotations

import ast as py_ast

from .int_enums import is_int_enum
from ..program import (ANY, BOOL, BYTEARRAY, BYTES, MEMORYVIEW, FLOAT, INT, STR, ClassInfo, ClassType, DequeType, DictType, ListType, Local,
                       OptionalType, TupleType, Type, UnionType, VarTupleType, dict_of, list_of)
from . import unions
from .named_tuples import is_named_tuple
from .types import class_type
from .type_values import dynamic_isinstance, is_static_target


class IsinstanceChecks:
    def builtin_isinstance(self, node: py_ast.Call, expected: Type | None) -> Type:
        """isinstance(x, C), with C a class of the program, a built-in type or a tuple of them.
        Static types decide the built-in cases (an ``int | None`` holds an int unless it is None);
        classes are checked on the object's runtime class."""
        if len(node.args) != 2 or node.keywords:
            raise self.fail(node, "isinstance() takes an object and a class")
        if not is_static_target(self, node.args[1]):
            return dynamic_isinstance(self, node)  # t a type value (sema/type_values.py)
        ty = self.check(node.args[0])
        target = node.args[1]
        names = target.elts if isinstance(target, py_ast.Tuple) else [target]
        self.refuse_datetime_date(names)  # sema/stdlib_operators.py
        node.bound = [node.args[0]]
        local = node.args[0].sym.name if isinstance(getattr(node.args[0], "sym", None), Local) else None
        if local is not None and self.fn.locals.get(local) == ANY:
            ty = node.args[0].ty = ANY  # tested on what it holds, also where narrowed (an int may be a bool)
        if ty == ANY:
            return self.isinstance_of_any(node, names)
        if isinstance(ty, UnionType):
            return self.isinstance_of_union(node, ty, names)
        inner = ty.inner if isinstance(ty, OptionalType) else ty
        node.isinstance_targets = [self.isinstance_target(name, inner) for name in names]
        classes = [t for t in node.isinstance_targets if isinstance(t, ClassInfo)]
        if classes and not isinstance(inner, ClassType):
            raise self.fail(node.args[0], f"isinstance() against a class needs an object of a class, not {ty}")
        if len(names) == 1 and isinstance(node.isinstance_targets[0], ClassInfo):
            node.isinstance_class = node.isinstance_targets[0]  # narrows to that class
        elif node.isinstance_targets and all(t is True for t in node.isinstance_targets):
            node.isinstance_inner = inner  # narrows T | None to T
        node.bound = [node.args[0]]
        return BOOL

    def isinstance_of_any(self, node: py_ast.Call, names: list[py_ast.expr]) -> Type:
        """isinstance() of an Any, tested at run time; one type narrows the Any to it."""
        targets = []
        for name in names:
            ident = name.id if isinstance(name, py_ast.Name) else None
            info = self.module.namespace.get(ident) if ident is not None else None
            if isinstance(info, ClassInfo):
                targets.append(class_type(info))
            elif ident in ANY_TARGETS and info is None and ident not in self.local_names:
                targets.append(ANY_TARGETS[ident])
            else:
                raise self.fail(name, "isinstance() takes a class, a built-in type (int, str, float, bool, bytes, "
                                "list, dict, tuple) or a tuple of them")
        node.isinstance_any = targets  # None: never (an Any holds no tuple)
        if len(targets) == 1 and targets[0] is not None:
            node.isinstance_narrow = targets[0]
        return BOOL

    def isinstance_of_union(self, node: py_ast.Call, ty: UnionType, names: list[py_ast.expr]) -> Type:
        """isinstance() of a union, tested at run time as an Any's; each path keeps its members."""
        if any(isinstance(n, py_ast.Name) and n.id == "tuple" for n in names) and any(map(is_named_tuple, ty.members)):
            raise self.fail(node, f"isinstance(x, tuple) of a {ty} is not supported here",
                            "test the NamedTuple's own class: isinstance(x, P)")
        self.isinstance_of_any(node, names)
        node.__dict__.pop("isinstance_narrow", None)
        targets = [t.info if isinstance(t, ClassType) else name.id for t, name in zip(node.isinstance_any, names)]
        node.union_split = unions.split(ty, targets)
        return BOOL

    def isinstance_target(self, name: py_ast.expr, inner: Type) -> ClassInfo | bool:
        """A class to check at run time, or whether a value of static type ``inner`` always is one."""
        ident = name.id if isinstance(name, py_ast.Name) else None
        info = self.module.namespace.get(ident) if ident is not None else None
        if isinstance(info, ClassInfo):
            if getattr(info, "mixin", False):
                raise self.fail(name, f"isinstance() against the mixin {info.name} is not supported",
                                "test the classes that inherit it")
            return info
        if ident in BUILTIN_TYPES and info is None and ident not in self.local_names:
            if is_int_enum(inner):  # an IntEnum member is an int (sema/int_enums.py)
                raise self.fail(name, f"isinstance() of an IntEnum member against {ident} is not supported",
                                "an IntEnum member is always an int: test its class instead")
            return BUILTIN_TYPES[ident](inner)
        raise self.fail(name, "isinstance() takes a class, a built-in type (int, str, float, bool, bytes, "
                        "list, dict, tuple) or a tuple of them")


    def exact_class_test(self, node: py_ast.Compare) -> bool:
        """``type(x) is C`` (``==``, ``is not``, ``!=``) with x an object of a class: x's runtime class
        is C itself, not a subclass. Checked as ``isinstance(x, C)`` with ``exact_class`` (the id is
        compared, not the subtree's range: lower/calls.py); no narrowing follows."""
        ops = (py_ast.Is, py_ast.IsNot, py_ast.Eq, py_ast.NotEq)
        if len(node.ops) != 1 or not isinstance(node.ops[0], ops) or not self.is_type_call(node.left):
            return False
        target = node.comparators[0]
        if not (isinstance(target, py_ast.Name) and isinstance(self.module.namespace.get(target.id), ClassInfo)
                and target.id not in self.local_names):
            return False
        func = py_ast.copy_location(py_ast.Name(id="isinstance", ctx=py_ast.Load()), node.left)
        test = py_ast.copy_location(py_ast.Call(func=func, args=[node.left.args[0], target], keywords=[]), node)
        if isinstance(node.ops[0], (py_ast.IsNot, py_ast.NotEq)):
            test = py_ast.copy_location(py_ast.UnaryOp(op=py_ast.Not(), operand=test), node)
        self.check(test)
        call = test.operand if isinstance(test, py_ast.UnaryOp) else test
        if getattr(call, "isinstance_class", None) is None or isinstance(call.bound[0].ty, OptionalType):
            raise self.fail(node.left, f"type(x) is C is supported for an object of a class, not for {call.bound[0].ty}",
                            "use isinstance(x, C)")
        call.exact_class = True
        node.replaced_by = test
        return True


# isinstance(x, T) for a value of static type ``inner`` (bool is a subclass of int, as in CPython;
# an int-typed value is never a bool here, since bools are refused where ints are expected).
# What isinstance(x, T) narrows an Any to: an Any holds lists and dicts of Any, never a tuple.
ANY_TARGETS = {"int": INT, "float": FLOAT, "bool": BOOL, "str": STR, "bytes": BYTES, "list": list_of(ANY),
               "dict": dict_of(STR, ANY), "tuple": None}
BUILTIN_TYPES = {
    "int": lambda t: t in (INT, BOOL), "bool": lambda t: t == BOOL, "float": lambda t: t == FLOAT,
    "str": lambda t: t == STR, "bytes": lambda t: t == BYTES, "bytearray": lambda t: t == BYTEARRAY,
    "memoryview": lambda t: t == MEMORYVIEW, "list": lambda t: isinstance(t, ListType)
    and not isinstance(t, DequeType), "dict": lambda t: isinstance(t, DictType),
    "tuple": lambda t: isinstance(t, (TupleType, VarTupleType)) or is_named_tuple(t),  # a NamedTuple is a tuple
}
