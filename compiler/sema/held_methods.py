"""Methods called on an ``Any`` (``glob.lower()``, ``items.append(v)``, ``config.pop("k", None)``),
decided at run time on what it holds, as CPython does (lowered by lower/held_methods.py).

The receiver is evaluated, then the method looked up on what it holds (CPython's
``AttributeError: 'int' object has no attribute 'lower'``, before any argument is evaluated), then
the arguments, then the typed method of the kind held runs on the narrowed value: each kind held
(str, bytes, list, dict) that has the method in CPython gets a branch, checked as the typed call
``HeldValue.method(HeldValue, ...)`` whose leaves stand for the evaluated receiver and arguments.
A kind whose typed method does not take these arguments raises the TypeError CPython raises for
them, found at compile time by calling CPython's method on sample values of the arguments' types
(only where every sample gives the same TypeError); otherwise the call is a compile error.
The result is an Any (a dict's ``keys()``/``values()``/``items()`` stays a view).
"""
from __future__ import annotations

import ast as py_ast
import copy
import itertools
from pathlib import Path

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, DictType, ListType, TupleType, Type, ViewType,
                       dict_of, list_of)
from .methods import methods_of
from .types import to_any

# (runtime/dynamic.py type code, typed receiver, CPython's type, sample receivers for the probe)
KINDS = ((4, STR, str, ("", "a b")), (5, BYTES, bytes, (b"", b"a b")),
         (6, list_of(ANY), list, ([], [0])), (7, dict_of(STR, ANY), dict, ({}, {"k": 0})))
PLAIN = (None, 0, 0.0, False)  # the other kinds an Any holds: none has a method allowed here
REFUSED = {"partition", "rpartition", "sort", "format", "get", "fromhex", "maketrans"}
SAMPLES = {STR: ("", "a"), BYTES: (b"", b"a"), INT: (0, 1, -1), BOOL: (False, True), FLOAT: (0.0, 1.5),
           NONE: (None,)}
# Done by the runtime (with these many arguments, each an Any): a list's search by held_same (the
# typed list[Any] has none), its extend by any iterable held, a dict's pop of a key of any type.
BY_RUNTIME = {(6, "index"): (1, 1), (6, "count"): (1, 1), (6, "remove"): (1, 1), (6, "extend"): (1, 1),
              (7, "pop"): (1, 2)}
STDLIB = Path(__file__).resolve().parents[1] / "stdlib"
HELP = "narrow it (and an Any argument) first: 'if isinstance(x, str): ...' (or list, dict, bytes)"


class HeldValue(py_ast.expr):
    """The receiver or an argument of a held method call, evaluated once into a temporary
    (``temp``, set by lowering) and read by each branch."""
    _fields = ()

    def __init__(self, held_ty: Type, source: py_ast.AST):
        super().__init__()
        self.held_ty = held_ty
        py_ast.copy_location(self, source)


def literal(arg: py_ast.expr) -> bool:
    """A constant or a tuple of constants: each branch evaluates its own copy (no effect to repeat;
    ``startswith(("a", "b"))`` stays a tuple literal for the typed method)."""
    if isinstance(arg, py_ast.Tuple):
        return all(isinstance(item, py_ast.Constant) for item in arg.elts)
    return isinstance(arg, py_ast.Constant)


def leaf(ty: Type, arg: py_ast.expr) -> py_ast.expr:
    return copy.deepcopy(arg) if literal(arg) else HeldValue(ty, arg)


def held_as_any(ty: Type) -> bool:
    """Read as an Any by the runtime: what an Any holds, or a list whose items are (its items are
    read, never stored into)."""
    return to_any(ty) or (isinstance(ty, ListType) and ty.item in (STR, BYTES, ANY))


def class_attribute_names(program) -> set[str]:
    """What the objects an Any may hold could answer to. A private class of the compiler's own
    stdlib (``json._Encoder``, the classes of ``re._state``) does not count: CPython has no such
    class, and the stdlib's public functions never hand one out."""
    return {name for c in program.classes.values() if not stdlib_private(c)
            for name in (*c.methods, *c.fields, *c.constants)}


def stdlib_private(info) -> bool:
    private = any(part.startswith("_") for part in (*info.module.name.split("."), info.name))
    return private and STDLIB in Path(info.module.path).resolve().parents


def samples(ty: Type) -> tuple | None:
    if ty in SAMPLES:
        return SAMPLES[ty]
    if isinstance(ty, ListType):
        return ([],) if ty.item == ANY else None
    if isinstance(ty, DictType):
        return ({},) if ty.value == ANY else None
    if isinstance(ty, TupleType):
        parts = [samples(item) for item in ty.items]
        return None if None in parts else tuple(itertools.product(*parts))
    return None


def cpython_type_error(receivers: tuple, name: str, arg_types: list[Type], keywords: list[str]) -> str | None:
    """The TypeError CPython raises for these argument types, if every sample raises the same one."""
    options = [samples(ty) for ty in arg_types]
    if None in options:
        return None
    messages = set()
    for receiver in receivers:
        for values in itertools.product(*options):
            positional = values[:len(values) - len(keywords)]
            named = dict(zip(keywords, values[len(positional):]))
            try:
                getattr(type(receiver)(receiver), name)(*positional, **named)
            except TypeError as e:
                messages.add(str(e))
                continue
            except Exception:  # noqa: BLE001 - any other outcome: not decided by the types
                return None
            return None
    return messages.pop() if len(messages) == 1 else None


class HeldMethodChecks:
    class_attributes: set[str] = set()  # set per program by sema/held.py note_methods

    def check_HeldValue(self, node: HeldValue, expected: Type | None) -> Type:
        return node.held_ty

    def held_any_method(self, node: py_ast.Call, func: py_ast.Attribute) -> Type:
        name = func.attr
        kinds = [kind for kind in KINDS if hasattr(kind[3][0], name)]
        typed = [kind for kind in kinds if name in (methods_of(kind[1]) or {})]
        if name.startswith("_") or name in REFUSED or not kinds or len(typed) < len(kinds) \
                or any(hasattr(value, name) for value in PLAIN):
            raise self.fail(func, f"Any has no method '{name}' in this version", HELP)
        self.refuse_class_attribute(func)
        if any(isinstance(a, py_ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise self.fail(node, "'*' and '**' arguments of a method of an Any are not supported", HELP)
        containers = any(kind[0] in (6, 7) for kind in kinds)
        arg_types = [self.held_argument(arg, containers) for arg in (*node.args, *(k.value for k in node.keywords))]
        node.held_branches = [self.held_branch(node, func, kind, arg_types) for kind in kinds]
        node.call = ("held-method",)
        results = [call.ty for _, call, _ in node.held_branches if isinstance(call, py_ast.Call)]
        if any(isinstance(ty, ViewType) for ty in results):
            return results[0]  # keys()/values()/items(): a dict's only
        return ANY

    def refuse_class_attribute(self, func: py_ast.Attribute) -> None:
        if func.attr in self.class_attributes:
            raise self.fail(func, f"'{func.attr}' of an Any is not decided here: a class of this program defines "
                            f"'{func.attr}', which an Any holding one of its objects would call", HELP)

    def held_argument(self, arg: py_ast.expr, containers: bool) -> Type:
        """An argument's own type; a list or dict literal is the list[Any] / dict[str, Any] an Any holds
        where a list or dict has the method (``containers``)."""
        if isinstance(arg, py_ast.List) and containers:
            return self.check(arg, list_of(ANY))
        if isinstance(arg, py_ast.Dict) and containers:
            return self.check(arg, dict_of(STR, ANY))
        return self.check(arg)

    def held_branch(self, node: py_ast.Call, func: py_ast.Attribute, kind: tuple, arg_types: list[Type]):
        """(type code, the typed call on the narrowed value or None, else CPython's TypeError)."""
        code, receiver_ty, _, receivers = kind
        args = [leaf(ty, arg) for ty, arg in zip(arg_types, node.args)]
        keywords = [py_ast.keyword(arg=k.arg, value=leaf(ty, k.value))
                    for ty, k in zip(arg_types[len(args):], node.keywords)]
        attribute = py_ast.copy_location(py_ast.Attribute(value=HeldValue(receiver_ty, func.value), attr=func.attr,
                                                          ctx=py_ast.Load()), func)
        call = py_ast.copy_location(py_ast.Call(func=attribute, args=args, keywords=keywords), node)
        if (code, func.attr) in BY_RUNTIME:
            low, high = BY_RUNTIME[code, func.attr]
            if low <= len(args) <= high and not keywords and all(map(held_as_any, arg_types)):
                if code == 6:
                    self.refuse_protocols(node)  # sema/held.py: items compared may call __eq__
                return code, func.attr, None  # runtime/held_methods.py
        elif self.typed_call_fits(call):
            return code, call, None
        message = cpython_type_error(receivers, func.attr, arg_types, [k.arg for k in node.keywords])
        if message is None:
            raise self.fail(node, f"{func.attr}() of an Any is not decided here for these arguments: {receiver_ty}."
                            f"{func.attr}() does not take them as they are, and what CPython does then depends on "
                            "their values", HELP)
        return code, None, message

    def typed_call_fits(self, call: py_ast.Call) -> bool:
        """Whether the typed method takes these arguments as they are (an Any argument converted to a
        declared type would be checked with a message CPython does not give)."""
        from .check_expr import Bail  # check_expr builds on this module
        try:
            result = self.check(call)
        except Bail:  # the typed method refuses them
            return False
        leaves = [a for a in call.bound if isinstance(a, HeldValue)]
        if any(leaf.held_ty == ANY and getattr(leaf, "target_ty", ANY) != ANY for leaf in leaves):
            return False
        if not (to_any(result) or isinstance(result, ViewType)
                or (isinstance(result, ListType) and result.item in (STR, BYTES))):  # split(): a fresh list
            raise self.fail(call, f"{call.func.attr}() of an Any gives a {result}, which an Any cannot hold", HELP)
        return True
