"""Dataclass options beyond the plain ``@dataclass``: ``default_factory`` of any zero-argument
callable, ``@dataclass(frozen=True, order=True, eq=False, repr=False)`` (the generated repr: sema/dataclass_repr.py).

A factory becomes a module-level function ``__factory_<Class>_<field>`` (checked in module scope,
as CPython runs the lambda or callable there); the generated ``__init__`` calls it for each instance
made without that argument, so no local variable of the caller can shadow the names it uses.
Assigning a field of a frozen dataclass is a compile error where CPython raises
FrozenInstanceError: every assignment through a variable typed with the class (or a class related
to it by inheritance, whose runtime object may be the frozen one) is refused.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import Builtin, ClassInfo, FuncSym, Program
from .types import TypeError_

OPTIONS = ("frozen", "order", "eq", "repr")


def _fail(info: ClassInfo, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(py_node), message, help))


def dataclass_decorator(info: ClassInfo, decorator: py_ast.expr) -> bool:
    """Record the options of ``@dataclass`` / ``@dataclass(...)``; False when it is another decorator."""
    func = decorator.func if isinstance(decorator, py_ast.Call) else decorator
    sym = info.module.namespace.get(func.id) if isinstance(func, py_ast.Name) else None
    if sym != Builtin("dataclasses.dataclass"):
        return False
    info.dataclass = True
    info.dataclass_options = {"frozen": False, "order": False, "eq": True, "repr": True}
    if isinstance(decorator, py_ast.Call):
        if decorator.args:
            raise _fail(info, decorator.args[0], "@dataclass(...) takes keyword arguments only")
        for keyword in decorator.keywords:
            value = keyword.value
            if keyword.arg not in OPTIONS or not (isinstance(value, py_ast.Constant) and isinstance(value.value, bool)):
                raise _fail(info, keyword, f"@dataclass supports {', '.join(o + '=True/False' for o in OPTIONS)} here",
                            "drop the other options")
            info.dataclass_options[keyword.arg] = value.value
    if info.dataclass_options["order"] and not info.dataclass_options["eq"]:
        raise _fail(info, decorator, "eq must be true if order is true", "CPython raises ValueError here")
    return True


def option(info: ClassInfo, name: str) -> bool:
    return getattr(info, "dataclass_options", {}).get(name, name in ("eq", "repr") and info.dataclass)


def check_frozen_inheritance(info: ClassInfo) -> None:
    base = info.base
    if base is None or not base.dataclass or not info.dataclass:
        return
    if option(base, "frozen") != option(info, "frozen"):
        kind = ("non-frozen dataclass from a frozen one" if option(base, "frozen")
                else "frozen dataclass from a non-frozen one")
        raise _fail(info, info.node, f"cannot inherit {kind}", "CPython raises TypeError here")


def mark_frozen_families(program: Program) -> None:
    """``info.frozen_family``: a frozen dataclass an object typed ``info`` may be (the class, a base
    or a subclass), whose fields no assignment may change."""
    frozen = [c for c in program.classes.values() if option(c, "frozen")]
    for info in program.classes.values():
        info.frozen_family = next((c for c in frozen if _inherits(c, info) or _inherits(info, c)), None)


def frozen_assignment(checker, target: py_ast.Attribute, info: ClassInfo) -> None:
    """Refuse ``obj.field = ...`` where obj may be a frozen dataclass instance (CPython raises
    FrozenInstanceError), except in the generated __init__, which CPython's sets with object.__setattr__."""
    frozen = getattr(info, "frozen_family", None)
    if frozen is None or getattr(checker.fn.node, "generated", False):
        return
    if getattr(frozen, "enum", False):
        raise checker.fail(target, f"cannot assign to '{target.attr}' of a member of the Enum {frozen.name}",
                           "CPython raises AttributeError: members are constants")
    if getattr(frozen, "named_tuple", False):
        raise checker.fail(target, f"cannot assign to '{target.attr}': {frozen.name} is a NamedTuple, which cannot "
                           "be changed", "CPython raises AttributeError: make a new one with "
                           f"p._replace({target.attr}=...)")
    raise checker.fail(target, f"cannot assign to field '{target.attr}': {frozen.name} is a frozen dataclass",
                       "CPython raises dataclasses.FrozenInstanceError: make a new object with "
                       "dataclasses.replace-style construction, or drop frozen=True")


def _inherits(info: ClassInfo | None, base: ClassInfo) -> bool:
    while info is not None:
        if info is base:
            return True
        info = info.base
    return False


def factory_source(program: Program, info: ClassInfo, name: str, annotation: py_ast.expr,
                   factory: py_ast.expr) -> str:
    """The expression the generated __init__ evaluates for a missing argument."""
    ident = factory.id if isinstance(factory, py_ast.Name) else None
    sym = info.module.namespace.get(ident) if ident else None
    if ident in ("list", "dict") and sym is None:
        return {"list": "[]", "dict": "{}"}[ident]  # literals: nothing a caller's name could shadow
    if isinstance(factory, py_ast.Lambda):
        args = factory.args
        if args.args or args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
            raise _fail(info, factory, "default_factory must take no arguments",
                        "CPython calls it with none and raises TypeError")
        body = factory.body
    elif ident in ("set", "frozenset") and sym is None or isinstance(sym, (ClassInfo, FuncSym)):
        body = py_ast.copy_location(py_ast.Call(func=factory, args=[], keywords=[]), factory)
    else:
        raise _fail(info, factory, "default_factory must be a lambda, list, dict, set, or a class or function "
                    "of the program", "write default_factory=lambda: [...]")
    fname = f"__factory_{info.name}_{name}"
    ret = py_ast.copy_location(py_ast.Return(value=body), factory)
    node = py_ast.FunctionDef(name=fname, args=py_ast.arguments(posonlyargs=[], args=[], kwonlyargs=[],
                              kw_defaults=[], defaults=[]), body=[ret], decorator_list=[], returns=annotation)
    py_ast.copy_location(node, factory)
    node.end_lineno, node.end_col_offset = factory.end_lineno, factory.end_col_offset
    fn = FuncSym(f"{info.module.name}.{fname}", info.module, node)
    program.functions[fn.qualname] = info.module.namespace[fname] = fn
    return f"{fname}()"
