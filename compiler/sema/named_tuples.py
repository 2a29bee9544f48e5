"""``class P(NamedTuple): x: int; y: str = "a"``: an immutable record whose fields are also its items.

Problem: CPython's NamedTuple is a tuple subclass: built positionally or by keyword with the field
defaults, read by name or by index, unpacked, compared (``==`` between two of the same class is a
comparison of the items), ``len()``, a repr ``P(x=1, y='a')``, ``p._replace(y="b")`` and
``P._fields``; assigning a field raises AttributeError.
Accepts: the class (its fields, their defaults, methods and constants) and the uses above.
Guarantees: the class is a frozen dataclass here (the generated ``__init__``, ``__eq__`` and
``__repr__`` are what CPython's NamedTuple does for these uses; field assignment is a compile error,
sema/dataclass_options.py), its objects are records whose slots are the fields in order (so
``p[0]`` and ``x, y = p`` read them as a tuple's items, lower/containers.py and
lower/statements.py), and ``P._fields``, ``len(p)`` and ``p._replace(...)`` are rewritten into a
tuple of constants, a constant and a construction. What a tuple also does and this class does not
(iteration, slicing, ``in``, ``+``, ordering, use as a tuple) is a located compile error, never a
different result; so are a subclass, a class without fields and a field named ``_x``.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import Builtin, ClassInfo, ClassType, Type, tuple_of
from .types import TypeError_

REPLACE_HELP = "make a new one: p._replace(x=...), or use a @dataclass"


def _fail(info: ClassInfo, py_node: py_ast.AST, message: str, help: str = "") -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(py_node), message, help))


def is_named_tuple_base(info: ClassInfo, base: py_ast.expr) -> bool:
    """``class P(NamedTuple)``: mark P (a frozen dataclass with an equality of its fields)."""
    sym = info.module.namespace.get(base.id) if isinstance(base, py_ast.Name) else None
    if sym != Builtin("typing.NamedTuple"):
        return False
    if info.node.decorator_list:
        raise _fail(info, info.node.decorator_list[0], "a NamedTuple class takes no decorators",
                    "use either NamedTuple or @dataclass")
    info.named_tuple = info.dataclass = True
    info.dataclass_options = {"frozen": True, "order": False, "eq": True, "repr": True}
    return True


def is_named_tuple(ty: Type) -> bool:
    return isinstance(ty, ClassType) and getattr(ty.info, "named_tuple", False)


def named_items(ty: Type) -> tuple[Type, ...] | None:
    """The item types of a NamedTuple value (its fields in order), else None."""
    if not is_named_tuple(ty):
        return None
    return tuple(ty.info.fields[name] for name in ty.info.named_fields)


def check_body(info: ClassInfo) -> None:
    """After the class body is declared: what CPython's NamedTuple refuses, or does otherwise."""
    if info.base is not None and getattr(info.base, "named_tuple", False):
        raise _fail(info, info.node.bases[0], f"subclassing the NamedTuple class {info.base.name} is not supported",
                    f"add the fields and methods to {info.base.name}, or keep one as a field")
    if not getattr(info, "named_tuple", False):
        return
    info.named_fields = list(info.fields)
    if not info.named_fields:
        raise _fail(info, info.node, "a NamedTuple class without fields is not supported",
                    "declare its fields: name: type")
    for stmt in info.node.body:
        if isinstance(stmt, py_ast.AnnAssign) and isinstance(stmt.target, py_ast.Name) \
                and stmt.target.id.startswith("_"):
            raise _fail(info, stmt, f"field names cannot start with an underscore: '{stmt.target.id}'",
                        "CPython raises ValueError: rename the field")
        if isinstance(stmt, py_ast.FunctionDef) and stmt.name in ("__init__", "__new__", "__post_init__"):
            raise _fail(info, stmt, f"a NamedTuple class cannot define {stmt.name} here",
                        "CPython builds it from the fields: add a function or classmethod that makes one")


class NamedTupleChecks:
    def named_tuple_fields(self, node: py_ast.Attribute, info: ClassInfo, instance: bool) -> Type:
        """``P._fields`` / ``p._fields``: the tuple of the field names (p still evaluated)."""
        names = _at(py_ast.Tuple(elts=[_at(py_ast.Constant(value=n), node) for n in info.named_fields],
                                 ctx=py_ast.Load()), node)
        node.replaced_by = self.check_once(node.value, lambda _: names) if instance else names
        return self.check(node.replaced_by)

    def named_tuple_item(self, node: py_ast.Subscript, base: ClassType) -> Type:
        """``p[0]``, ``p[-1]``: the field at a constant index (a slice or another index is refused)."""
        if isinstance(node.slice, py_ast.Slice) or not isinstance(node.ctx, py_ast.Load):
            what = "sliced" if isinstance(node.slice, py_ast.Slice) else "assigned"
            raise self.fail(node, f"a NamedTuple cannot be {what} here", "read the fields by name: p.x")
        return self.tuple_item(node, tuple_of(named_items(base)))  # node.tuple_index: lowered as a tuple's

    def named_tuple_len(self, node: py_ast.Call, ty: ClassType) -> Type:
        """``len(p)``: the number of fields (the argument still evaluated once)."""
        count = py_ast.copy_location(py_ast.Constant(value=len(ty.info.named_fields)), node)
        node.call = ("rewritten", self.check_once(node.args[0], lambda _: count))
        return self.check(node.call[1])

    def named_tuple_replace(self, node: py_ast.Call, func: py_ast.Attribute, ty: ClassType) -> Type:
        """``p._replace(y=v)``: ``P(x=p.x, y=v)`` with p evaluated once, before the new values."""
        info = ty.info
        if node.args or any(k.arg is None for k in node.keywords):
            raise self.fail(node.args[0] if node.args else node, "_replace() takes the fields by keyword only",
                            "write p._replace(name=value)")
        names = [n for n, sym in self.module.namespace.items() if sym is info and n not in self.local_names]
        if not names:
            raise self.fail(func, f"_replace() makes a {info.name}, which this module does not import",
                            f"import {info.name} here")
        unknown = [k.arg for k in node.keywords if k.arg not in info.named_fields]
        if unknown:
            raise self.fail(node, f"Got unexpected field names: {unknown!r}",
                            f"CPython raises ValueError: the fields are {', '.join(info.named_fields)}")

        def build(read):
            given = {k.arg for k in node.keywords}
            kept = [py_ast.keyword(arg=name, value=_at(py_ast.Attribute(value=read(), attr=name, ctx=py_ast.Load()), func))
                    for name in info.named_fields if name not in given]
            call = py_ast.Call(func=_at(py_ast.Name(id=names[0], ctx=py_ast.Load()), func), args=[],
                               keywords=kept + list(node.keywords))
            return _at(call, node)
        node.call = ("rewritten", self.check_once(func.value, build))
        return self.check(node.call[1])

    def check_once(self, value: py_ast.expr, make) -> py_ast.expr:
        """``make(read)`` where ``read()`` gives the value again: a local name as it is, else the
        item of a one-item comprehension (``[... for v in [value]][0]``), evaluated once."""
        if isinstance(value, py_ast.Name) and value.id in self.local_names and value.id not in self.global_names:
            return make(lambda: _at(py_ast.Name(id=value.id, ctx=py_ast.Load()), value))
        self.named_tuple_temps = getattr(self, "named_tuple_temps", 0) + 1  # a name per use, in checking order
        name = f"__named_tuple{self.named_tuple_temps}"
        shown = make(lambda: _at(py_ast.Name(id=name, ctx=py_ast.Load()), value))
        generator = py_ast.comprehension(target=_at(py_ast.Name(id=name, ctx=py_ast.Store()), value),
                                         iter=_at(py_ast.List(elts=[value], ctx=py_ast.Load()), value), ifs=[], is_async=0)
        listed = _at(py_ast.ListComp(elt=shown, generators=[generator]), value)
        return _at(py_ast.Subscript(value=listed, slice=_at(py_ast.Constant(value=0), value), ctx=py_ast.Load()), value)


def _at(node, where: py_ast.AST):
    return py_ast.copy_location(node, where)
