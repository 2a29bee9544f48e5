"""Classes as values: ``t: type = int``, ``JSON_TYPES: dict[str, tuple[type, ...]]``, and
``isinstance(x, t)`` with ``t`` such a value or a tuple of them, decided at run time.

A type value is an i64 (compiler/runtime/dynamic.py): the dynamic type code of a built-in type
(int float bool str bytes list dict, NoneType for ``type(None)``, TUPLE_CODE for tuple), or for
a class of the program OBJECT_CODE with the id range of its subtree. The tests then compare
what ``x`` holds with it as CPython would (bool is an int, subclasses count).
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, TYPE, ClassInfo, ClassType, DictType, ListType,
                       OptionalType, TupleType, Type, UnionType, VarTupleType, var_tuple_of)
from .int_enums import is_int_enum
from .named_tuples import is_named_tuple

BUILTIN_CODES = {"NoneType": 0, "int": 1, "float": 2, "bool": 3, "str": 4, "bytes": 5, "list": 6, "dict": 7,
                 "tuple": 9}
STATIC_CODES = {NONE: 0, INT: 1, FLOAT: 2, BOOL: 3, STR: 4, BYTES: 5}
OBJECT_CODE = 8
OTHER_CODE = 15  # a deque, a set...: of no type a value of ``type`` may hold
TYPES = var_tuple_of(TYPE)


def type_value(checker, node: py_ast.Name, sym) -> Type | None:
    """``int`` or a class named as a value (None: the name is not one)."""
    if isinstance(sym, ClassInfo):
        if getattr(sym, "mixin", False) or getattr(sym, "int_enum", False):
            raise checker.fail(node, f"the class {sym.name} cannot be a value here",
                               "a mixin or an IntEnum is not a class at run time: name the classes that use it")
        node.type_value = sym
        return TYPE
    if sym is None and node.id in BUILTIN_CODES and node.id != "NoneType":
        node.type_value = BUILTIN_CODES[node.id]
        return TYPE
    return None


def is_type_of_none(checker, node: py_ast.expr) -> bool:
    """``type(None)``: NoneType as a value."""
    return checker.is_type_call(node) and isinstance(node.args[0], py_ast.Constant) and node.args[0].value is None


def is_static_target(checker, node: py_ast.expr) -> bool:
    """isinstance's second argument as the static checks take it: a class or built-in type named
    directly, or a tuple literal of them."""
    names = node.elts if isinstance(node, py_ast.Tuple) else [node]
    for name in names:
        if not isinstance(name, py_ast.Name) or name.id in checker.local_names:
            return False
        sym = checker.module.namespace.get(name.id)
        if not isinstance(sym, ClassInfo) and not (sym is None and (name.id in BUILTIN_CODES or name.id in ("bytearray", "memoryview"))):
            return False
    return True


def dynamic_isinstance(checker, node: py_ast.Call) -> Type:
    """isinstance(x, t), t a type value or a tuple of them: x's type code (and an object's class
    id) tested against t at run time."""
    target = node.args[1]
    ty = checker.check(target, TYPES if isinstance(target, py_ast.Tuple) else None)
    if isinstance(ty, TupleType) and all(item == TYPE for item in ty.items):
        target.target_ty = TYPES  # lowered as a tuple[type, ...]
    elif ty not in (TYPE, TYPES):
        raise checker.fail(target, f"isinstance() takes a class, a type value or a tuple of them, not {ty}",
                           "pass a class (int, str, a class of the program), a variable of type 'type' or a tuple of them")
    node.isinstance_types = ty != TYPE
    subject = node.args[0]
    node.isinstance_subject = subject_kind(checker, subject, checker.check(subject))
    node.bound = [subject]
    return BOOL


def subject_kind(checker, subject: py_ast.expr, ty: Type):
    """How lowering finds x's type code: "held" (an Any, a union, a T | None: read at run time),
    "object" (the class id in its header) or the code itself."""
    if ty == ANY:
        return "held"
    members = ty.members if isinstance(ty, UnionType) else (ty.inner,) if isinstance(ty, OptionalType) else None
    if members is not None:
        bad = [m for m in members if m != NONE and not held_alike(m)]
        if bad:
            raise checker.fail(subject, f"isinstance() of a {ty} against a type value is not supported",
                               "test it against the classes themselves, or declare it Any")
        return "held"
    if ty in STATIC_CODES:
        return STATIC_CODES[ty]
    if is_int_enum(ty) or is_named_tuple(ty):
        raise checker.fail(subject, f"isinstance() of a {ty} against a type value is not supported",
                           "test it against the class itself: isinstance(x, C)")
    if isinstance(ty, ClassType):
        return "object"
    if type(ty) is ListType:
        return BUILTIN_CODES["list"]
    if isinstance(ty, DictType):
        return BUILTIN_CODES["dict"]  # a defaultdict, Counter or OrderedDict is a dict
    if isinstance(ty, (TupleType, VarTupleType)):
        return BUILTIN_CODES["tuple"]
    return OTHER_CODE


def held_alike(ty: Type) -> bool:
    """A member of a union or T | None held the way an Any holds it (its header or box tag gives
    the type code dynamic.type_code reads)."""
    if ty in (INT, FLOAT, BOOL, STR, BYTES) or type(ty) in (ListType, DictType):
        return True
    return isinstance(ty, ClassType) and not is_int_enum(ty) and not is_named_tuple(ty)


def type_value_comparison(checker, node: py_ast.Compare, op: py_ast.cmpop, a: Type, b: Type) -> None:
    """``t is u``, ``t == u`` (and their negations) of two type values: the same class."""
    if a == b == TYPE and isinstance(op, (py_ast.Is, py_ast.IsNot, py_ast.Eq, py_ast.NotEq)):
        return
    raise checker.fail(node, f"cannot compare {a} with {b}", "compare two type values with 'is' or ==")


def exact_type_test(checker, node: py_ast.Compare) -> bool:
    """``type(x) is t`` (``==``, ``is not``, ``!=``) with t a type value: x's own class is t."""
    ops = (py_ast.Is, py_ast.IsNot, py_ast.Eq, py_ast.NotEq)
    if len(node.ops) != 1 or not isinstance(node.ops[0], ops) or not checker.is_type_call(node.left):
        return False
    if is_type_of_none(checker, node.left):
        return False
    if checker.check(node.comparators[0]) != TYPE:
        raise checker.fail(node.comparators[0], "type(x) is compared with a class or a type value here",
                           "write type(x) is C, or isinstance(x, C)")
    subject = node.left.args[0]
    node.exact_type_subject = subject_kind(checker, subject, checker.check(subject))
    node.left.ty = TYPE
    return True


def type_name_read(checker, node: py_ast.Attribute, base: Type) -> Type | None:
    """``t.__name__`` of a type value."""
    if base != TYPE or node.attr != "__name__":
        return None
    node.type_value_name = True
    return STR


def refuse_type_value_use(checker, node: py_ast.expr, ty: Type, use: str) -> None:
    """Uses of a type value left out, with what to write instead: calling one (which class it
    makes is known only at run time), and its text (CPython shows a class of the program as
    <class '__main__.Name'> or <class 'module.Name'>, depending on how the program is run)."""
    if ty != TYPE and not (isinstance(ty, (VarTupleType, ListType)) and ty.item == TYPE) \
            and not (isinstance(ty, TupleType) and TYPE in ty.items):
        return
    if use == "call":
        raise checker.fail(node, "calling a type value is not supported: which class it makes is known only at run time",
                           "call the class itself (int(s), Point(...)), chosen with if/elif on the value")
    raise checker.fail(node, f"{use} of a type value is not supported: CPython's text of a class depends on the module name",
                       "show its name: t.__name__")
