"""Fields of classes: annotated fields with their defaults (constants, ``dataclasses.field``,
shared list/dict literals), and class constants that instances hold as fields.

A field's default is filled in when the record is allocated; a dataclass's
``default_factory`` is instead the default of the generated ``__init__``
parameter, evaluated afresh at each call.
"""
from __future__ import annotations

import ast as py_ast

from .. import cache
from ..diagnostics import Diagnostic
from ..program import Builtin, ClassInfo, GlobalSym, Program, Type
from .constants import ConstantError, fold
from .dataclass_options import factory_source
from .enums import is_member_read
from .statement_walk import statements
from .types import TypeError_, is_subclass, resolve


def _fail(info: ClassInfo, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(py_node), message, help))


def declare_field(program: Program, info: ClassInfo, stmt: py_ast.AnnAssign) -> None:
    name = stmt.target.id
    ty = resolve(info.module, stmt.annotation)
    if name in info.fields and info.fields[name] != ty:
        raise _fail(info, stmt, f"field '{name}' is already declared as {info.fields[name]}")
    info.fields[name] = ty
    info.hidden_fields = getattr(info, "hidden_fields", set()) - {name}  # redeclared: shown unless repr=False
    if stmt.value is not None:
        info.factories.pop(name, None)  # redeclared with a default: it replaces the base's factory
    value = stmt.value
    if _is_field_call(info, value):
        value = _dataclass_field(program, info, stmt, value)
    if value is None:
        if info.dataclass and any(f in info.defaults or f in info.factories for f in info.fields if f != name) \
                and name not in info.factories:
            raise _fail(info, stmt, f"non-default field '{name}' follows a field with a default",
                        "put fields without defaults first, as dataclasses require")
        return
    if info.dataclass and is_member_read(info.module, value):
        info.factories[name] = py_ast.unparse(value)  # the one member, read at each call (sema/enums.py)
        return
    try:
        value.folded = fold(info.module, value)  # (value, type) for lowering
    except ConstantError:
        _shared_default(program, info, stmt, ty)
        return
    info.defaults[name] = value


def _is_field_call(info: ClassInfo, value: py_ast.expr | None) -> bool:
    return isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name) \
        and info.module.namespace.get(value.func.id) == Builtin("dataclasses.field")


def _dataclass_field(program: Program, info: ClassInfo, stmt: py_ast.AnnAssign, call: py_ast.Call) -> py_ast.expr | None:
    """``field(default=...)`` or ``field(default_factory=F)``: the plain default, or None after
    recording the factory (called for each instance made without this argument)."""
    if not info.dataclass or getattr(info, "named_tuple", False):
        raise _fail(info, call, "field() only describes a field of a @dataclass", "give the field a plain default")
    given = {k.arg: k.value for k in call.keywords}
    if call.args or set(given) - {"default", "default_factory", "repr"}:
        raise _fail(info, call, "field() supports default=, default_factory= and repr= here",
                    "drop the other arguments")
    shown = given.pop("repr", None)
    if shown is not None and not (isinstance(shown, py_ast.Constant) and isinstance(shown.value, bool)):
        raise _fail(info, shown, "field(repr=...) takes True or False here", "write repr=False")
    if shown is not None and not shown.value:
        info.hidden_fields.add(stmt.target.id)  # left out of the generated __repr__: sema/dataclass_repr.py
    if len(given) > 1:
        raise _fail(info, call, "field() takes one of default= and default_factory=",
                    "CPython raises ValueError when both are given")
    if not given:
        return None  # no default: a required field
    if "default" in given:
        return given["default"]
    name = stmt.target.id
    info.factories[name] = factory_source(program, info, name, stmt.annotation, given["default_factory"])
    return None


def _shared_default(program: Program, info: ClassInfo, stmt: py_ast.AnnAssign, ty: Type) -> None:
    """``items: list[int] = []`` in a plain class: one list made at start-up and shared by every
    instance that does not assign its own, as CPython's class attribute is."""
    name, value = stmt.target.id, stmt.value
    if getattr(info, "named_tuple", False):
        raise _fail(info, value, "a NamedTuple field default must be a constant",
                    "CPython would share this one object between all the instances: build it where you make one")
    if isinstance(value, py_ast.Tuple):  # CPython allows one (immutable); not made at start-up here yet
        raise _fail(info, value, "a tuple as a field default is not supported yet",
                    "pass it to the constructor, or assign it in __init__")
    if info.dataclass:
        kind = type(value).__name__.lower()
        raise _fail(info, value, f"mutable default <class '{kind}'> for field {name} is not allowed: "
                    "use default_factory", f"write: {name}: {ty} = field(default_factory={kind})")
    if not (isinstance(value, (py_ast.List, py_ast.Dict)) and all(
            _is_constant(info, e) for e in py_ast.walk(value) if e is not value and isinstance(e, py_ast.expr))):
        raise _fail(info, value, "a field default must be a constant or a literal list or dict of constants",
                    "assign the value in __init__ instead")
    g = GlobalSym(f"{info.qualname}.{name}", info.module, stmt)  # typed and made at start-up
    program.globals[g.qualname] = info.constants[name] = g
    value.shared_global = g.qualname
    info.defaults[name] = value


def _is_constant(info: ClassInfo, node: py_ast.expr) -> bool:
    try:
        fold(info.module, node)
        return True
    except ConstantError:
        return isinstance(node, (py_ast.List, py_ast.Dict))


def promote_instance_constants(program: Program, order: list[ClassInfo]) -> None:
    """A class constant that a subclass redefines, or that code assigns through an object, is read
    through an instance from a field: CPython looks it up on the object's runtime class (or finds the
    instance attribute an assignment made). The field starts as the constant of the class instantiated.
    Reads through the class name still use the constant itself."""
    stored = set().union(*(cache.module_fact(module, "attribute stores", lambda module=module: frozenset(
        target.attr for target in _attribute_stores(module.tree))) for module in program.modules.values()))
    for info in order:
        for name, g in info.constants.items():
            root = _defining_class(info, name)
            if root is info:
                redefined = any(name in c.constants for c in program.classes.values() if c is not info and is_subclass(c, info))
                if (redefined or name in stored) and name not in info.fields:
                    info.fields[name] = g.ty
                    info.constant_fields.add(name)
                else:
                    continue
            elif name not in root.constant_fields:
                continue
            elif g.ty != root.constants[name].ty:
                raise _fail(info, g.node, f"class constant '{name}' is {root.constants[name].ty} in "
                            f"{root.name} and cannot become {g.ty} here", f"give it a {root.constants[name].ty} value")
            info.defaults[name] = _folded_node(g)


def _attribute_stores(tree: py_ast.Module):
    for node in statements(tree.body):
        targets = node.targets if isinstance(node, py_ast.Assign) else \
            [node.target] if isinstance(node, (py_ast.AugAssign, py_ast.AnnAssign)) else []
        yield from (t for t in targets if isinstance(t, py_ast.Attribute))


def _defining_class(info: ClassInfo, name: str) -> ClassInfo:
    """The topmost class on the chain from ``info`` that defines the constant ``name``."""
    found = info
    while info is not None:
        if name in info.constants:
            found = info
        info = info.base
    return found


def _folded_node(g: GlobalSym) -> py_ast.expr:
    node = py_ast.Constant(value=g.value)
    node.folded = (g.value, g.ty)
    return node
