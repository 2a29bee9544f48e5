"""Checks of item access, membership, equality and iteration on an ``Any`` (and on ``list[Any]``),
decided at run time on what it holds (compiler/runtime/held_items.py).

A program whose classes define ``__eq__`` (dataclasses do), ``__getitem__``, ``__contains__`` or
``__iter__`` must narrow first: an Any holding one of its objects would run that method, which
the runtime cannot call.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, BOOL, BYTES, FLOAT, INT, STR, ListType, Type
from .dataclass_repr import written_text_methods
from .field_stores import FieldStores
from .held_methods import class_attribute_names
from .stdlib_operators import never_held
from .types import is_any_container, is_exception_class_info, is_subclass, to_any

NARROW_HELP = "narrow it first: 'if isinstance(x, dict): ...' (or list, str, bytes)"
PROTOCOLS = ("__eq__", "__getitem__", "__contains__", "__iter__")
HELD_OPERATORS = (py_ast.Add, py_ast.Sub, py_ast.Mult, py_ast.Div, py_ast.FloorDiv, py_ast.Mod)
ARITHMETIC_METHODS = tuple(f"__{p}{name}__" for name in ("add", "sub", "mul", "truediv", "floordiv", "mod")
                           for p in ("", "r", "i"))


def holds_any(ty: Type) -> bool:
    """An Any, or a container an Any can hold (list[Any], dict[str, Any])."""
    return ty == ANY or is_any_container(ty)


def held_container(ty: Type) -> bool:
    """``x in ty`` decided on what it holds: an Any or a list[Any]."""
    return ty == ANY or (isinstance(ty, ListType) and ty.item == ANY)


DYNAMIC_OP_METHODS = tuple(f"__{name}__" for name in ("setitem", "delitem", "neg", "pos", "invert")) + tuple(
    f"__{p}{name}__" for name in ("pow", "lshift", "rshift", "and", "or", "xor") for p in ("", "r", "i"))


def protocol_classes(program, protocols: tuple[str, ...] = PROTOCOLS) -> bool:
    """(An Any never holds an exception, so their classes' methods do not count.)"""
    return any(name in c.methods for c in program.classes.values() for name in protocols
               if not is_exception_class_info(c) and not never_held(c))


def note_own_text(program) -> None:
    """``info.own_text``: the class or a subclass is a dataclass or an enum, whose objects CPython
    shows with its own __repr__ (``Box(v=1)``); an Any cannot hold them (sema/types.py ``to_any``),
    since str() of one held would show ``<Box object>``."""
    shown = [c for c in program.classes.values() if c.dataclass or getattr(c, "enum", False)]
    with_str = [c for c in program.classes.values() if "__str__" in c.methods]
    with_format = [c for c in program.classes.values() if "__format__" in c.methods]
    for info in program.classes.values():
        info.own_text = any(is_subclass(c, info) for c in shown)
        info.str_in_subtree = any(is_subclass(c, info) for c in with_str)  # sema/reprs.py str_is_repr
        info.format_in_subtree = any(is_subclass(c, info) for c in with_format)  # sema/format_methods.py


def note_methods(checker: type, program) -> None:
    """Which methods the program's classes define that an operation on an Any holding one of
    their objects would call: where one does, the operation is refused (narrow first)."""
    checker.objects_have_protocols = protocol_classes(program)
    checker.objects_have_getitem = protocol_classes(program, ("__getitem__",))
    checker.objects_have_iteration = protocol_classes(program, ("__iter__", "__getitem__"))
    checker.objects_have_order = protocol_classes(program, ("__lt__", "__le__", "__gt__", "__ge__"))
    checker.objects_have_arith = protocol_classes(program, ARITHMETIC_METHODS)
    checker.objects_have_dynamic_ops = protocol_classes(program, DYNAMIC_OP_METHODS)
    checker.objects_have_text = written_text_methods(program)  # sema/dataclass_repr.py
    note_own_text(program)
    checker.objects_have_truth = protocol_classes(program, ("__bool__", "__len__"))
    checker.field_stores = FieldStores([m.tree for m in program.modules.values()])
    checker.class_attributes = class_attribute_names(program)  # sema/held_methods.py


def held_order_pair(a: Type, b: Type) -> bool:
    plain = (INT, BOOL, FLOAT, STR, BYTES)
    return ANY in (a, b) and all(t == ANY or t in plain or is_any_container(t) for t in (a, b))


class HeldChecks:
    objects_have_protocols = True  # set per program by sema.check
    objects_have_getitem = True
    objects_have_iteration = True
    objects_have_text = True
    objects_have_order = True
    objects_have_arith = True

    def held_subscript(self, node: py_ast.Subscript) -> Type:
        """``x[k]`` of an Any: a dict by key, a list, str or bytes by index; the item is an Any."""
        if not isinstance(node.ctx, py_ast.Load):
            raise self.fail(node, "an item of an Any cannot be assigned or deleted", NARROW_HELP)
        if isinstance(node.slice, py_ast.Slice):
            return self.held_slice(node)  # sema/dynamic_ops.py
        key = self.check(node.slice)
        self.refuse_protocols(node, self.objects_have_getitem or key not in (INT, BOOL, STR))
        if key in (INT, BOOL):
            return ANY
        self.held_operand(node.slice, key, "a key")
        return ANY

    def held_membership(self, node: py_ast.AST, a: Type, b: Type) -> bool:
        """``a in b`` where b is an Any or list[Any]; False if this is not that case."""
        if not held_container(b):
            return False
        self.refuse_protocols(node)
        self.held_operand(node, a, "the left operand of 'in'")
        return True

    def held_same_allowed(self, node: py_ast.AST, a: Type, b: Type) -> bool:
        """``a == b`` of two Anys, or of an Any and a list[Any]/dict[str, Any]: by content."""
        if not (holds_any(a) and holds_any(b)):
            return False
        self.refuse_protocols(node)
        return True

    def held_order_allowed(self, node: py_ast.AST, a: Type, b: Type) -> bool:
        """``a < b`` where one side is an Any and the other a number, text or an Any."""
        if not held_order_pair(a, b):
            return False
        if self.objects_have_order:
            raise self.fail(node, "this comparison of an Any is not decided here: a class of this program "
                            "defines __lt__, __le__, __gt__ or __ge__, which an Any holding one of its objects "
                            "would call", NARROW_HELP)
        return True

    def held_arith_allowed(self, node: py_ast.BinOp, left: Type, right: Type) -> bool:
        """``+ - * / //`` with an Any operand, and ``%`` after a number (an Any or str on its left
        could be %-formatting)."""
        if not isinstance(node.op, HELD_OPERATORS):
            return False
        if isinstance(node.op, py_ast.Mod) and left not in (INT, BOOL, FLOAT):
            return False
        for operand, ty in ((node.left, left), (node.right, right)):
            self.held_operand(operand, ty, "an operand")
        if self.objects_have_arith:
            raise self.fail(node, "this operation on an Any is not decided here: a class of this program defines "
                            "an arithmetic method (__add__, __mul__, ...), which an Any holding one of its "
                            "objects would call", NARROW_HELP)
        return True

    def held_method(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        """``x.get(key[, default])`` of an Any (a dict's, else CPython's AttributeError); the other
        methods in sema/held_methods.py."""
        if func.attr != "get":
            return self.held_any_method(node, func)
        self.refuse_class_attribute(func)  # sema/held_methods.py
        if node.keywords or not 1 <= len(node.args) <= 2:
            raise self.fail(node, "get() takes a key and an optional default, by position")
        for arg, what in zip(node.args, ("the key", "the default")):
            literal = isinstance(arg, (py_ast.List, py_ast.Dict))  # [] / {}: the list / dict an Any holds
            self.held_operand(arg, self.check(arg, ANY if literal else None), what)
        node.call = ("held-get",)
        return ANY

    def held_operand(self, node: py_ast.AST, ty: Type, what: str) -> None:
        if not to_any(ty):
            raise self.fail(node, f"{what} of an Any must be None, a number, str, bytes or an Any, not {ty}",
                            NARROW_HELP)

    def held_text_allowed(self, node: py_ast.AST, ty: Type) -> Type:
        """str() of an Any: refused where a class defines __str__/__repr__ (an Any holding its object
        would call it)."""
        if ty == ANY and self.objects_have_text and self.module.name != "compiler.runtime.exception_args":
            # (an exception's argument was checked where it was passed: sema/exception_args.py)
            raise self.fail(node, "str() of an Any is not decided here: a class of this program defines __str__, "
                            "__repr__ or __format__, which an Any holding one of its objects would call", NARROW_HELP)
        return ty

    def refuse_protocols(self, node: py_ast.AST, applies: bool = True) -> None:
        """``applies``: the operation could call one of the methods (an int or str key never calls
        ``__eq__``; iteration calls ``__iter__`` or ``__getitem__`` only)."""
        if applies and self.objects_have_protocols:
            raise self.fail(node, "this operation on an Any is not decided here: a class of this program defines "
                            "__eq__, __getitem__, __contains__ or __iter__ (dataclasses define __eq__), which an "
                            "Any holding one of its objects would call", NARROW_HELP)
