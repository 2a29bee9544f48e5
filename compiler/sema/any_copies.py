"""Typed containers and tuples where an Any is only read, as in ``json.dumps({"tags": tags})``.

An Any cannot hold a typed container (types.to_any): code holding the Any could store another
type into it. Where the Any is only read and then dropped (the object ``json.dumps`` encodes),
a copy made of Anys cannot be told from the original: no code keeps it, changes it or compares
its identity. So there (``READ_ONLY``, and the items of the displays and comprehensions written
in that argument, which are new objects only it sees) a ``list[int]``, ``dict[str, list[str]]``
or ``tuple[int, str]`` becomes a ``list[Any]``/``dict[str, Any]`` copy: ``[v for v in x]``,
``{k: v for k, v in x.items()}``, nested as its type is. A tuple gives a list, which json writes
the same. An int key becomes ``str(k)``, as json writes it, unless ``sort_keys`` is given
(CPython sorts int keys as ints). What json.dumps would refuse anyway (a set, a deque, an
object) is a compile error naming CPython's TypeError.
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..program import (ANY, INT, STR, ClassType, DequeType, DictType, ListType, OptionalType, SetType,
                       TupleType, Type, VarTupleType, ViewType, dict_of, list_of)
from .types import to_any

READ_ONLY = {"json.dumps": "obj"}  # by qualname
DISPLAY_PARTS = {py_ast.List: ("elts",), py_ast.Tuple: ("elts",), py_ast.Dict: ("values",),
                 py_ast.ListComp: ("elt",), py_ast.DictComp: ("value",)}


class Prechecked(py_ast.expr):
    """An expression checked already (of type ``held_ty``), read once by the copy made of it."""
    _fields = ("value",)


class ReadOnlyUse:
    int_keys: bool  # json writes an int key as str(k): no sort_keys that would order them as ints

    def __init__(self, int_keys: bool) -> None:
        self.int_keys = int_keys


def mark_read_only_arguments(node: py_ast.Call, qualname: str, names: list[str],
                             bound: list[py_ast.expr | None]) -> None:
    """Mark the argument of a READ_ONLY parameter, and the items of displays written in it."""
    name = READ_ONLY.get(qualname)
    if name is None or name not in names:
        return
    arg = bound[names.index(name)]
    sort_keys = next((k.value for k in node.keywords if k.arg == "sort_keys"), None)
    int_keys = sort_keys is None or (isinstance(sort_keys, py_ast.Constant) and sort_keys.value is False)
    if arg is not None:
        _mark(arg, ReadOnlyUse(int_keys))


def _mark(node: py_ast.expr, use: ReadOnlyUse) -> None:
    node.read_only_any = use
    for field in DISPLAY_PARTS.get(type(node), ()):
        parts = getattr(node, field)
        for part in parts if isinstance(parts, list) else [parts]:
            _mark(part, use)


class AnyCopies:
    """Mixed into the expression checker: ``use()`` calls ``copy_into_any`` for a marked value."""

    any_copy_temps = 0

    def copy_into_any(self, node: py_ast.expr, ty: Type) -> Type | None:
        """Replace ``node`` (checked, of type ``ty``) by its copy made of Anys; None if no copy is needed."""
        use = getattr(node, "read_only_any", None)
        if use is None or to_any(ty):
            return None
        self.refuse_unencodable(node, ty, use)
        inner = copy.copy(node)  # the original as checked (and rewritten), lowered once inside the copy
        source = _prechecked(inner, ty, node)
        if isinstance(ty, (OptionalType, TupleType)):  # read more than once: bound to a name first
            name = self.any_copy_name()
            bound = _at(py_ast.ListComp(elt=self.copy_of(lambda: _name(name, py_ast.Load, node), ty, use, node),
                                        generators=[_clause(_name(name, py_ast.Store, node),
                                                            _at(py_ast.List(elts=[source], ctx=py_ast.Load()), node))]),
                        node)
            self.check(bound, list_of(ANY))
            made = _at(py_ast.Subscript(value=_prechecked(bound, list_of(ANY), node),
                                        slice=_at(py_ast.Constant(value=0), node), ctx=py_ast.Load()), node)
        else:
            made = self.copy_of(lambda: source, ty, use, node)
        result = self.check(made, _container_of(ty))
        node.replaced_by = made
        node.ty = result
        return result

    def copy_of(self, read, ty: Type, use: ReadOnlyUse, where: py_ast.expr) -> py_ast.expr:
        """An expression of Anys equal to the value ``read()`` gives (a local name where read twice)."""
        if to_any(ty):
            return read()
        if isinstance(ty, OptionalType):
            test = _at(py_ast.Compare(left=read(), ops=[py_ast.Is()], comparators=[_none(where)]), where)
            return _at(py_ast.IfExp(test=test, body=_none(where), orelse=self.copy_of(read, ty.inner, use, where)), where)
        if isinstance(ty, TupleType):
            return _at(py_ast.List(elts=[self.copy_of(lambda i=i: _item(read(), i, where), item, use, where)
                                         for i, item in enumerate(ty.items)], ctx=py_ast.Load()), where)
        name = self.any_copy_name()
        item = lambda: _name(name, py_ast.Load, where)  # noqa: E731
        if isinstance(ty, DictType):
            key_name = self.any_copy_name()
            key = _name(key_name, py_ast.Load, where)
            if ty.key == INT:
                key = _at(py_ast.Call(func=_name("str", py_ast.Load, where), args=[key], keywords=[]), where)
            target = _at(py_ast.Tuple(elts=[_name(key_name, py_ast.Store, where), _name(name, py_ast.Store, where)],
                                      ctx=py_ast.Store()), where)
            items = _at(py_ast.Call(func=_at(py_ast.Attribute(value=read(), attr="items", ctx=py_ast.Load()), where),
                                    args=[], keywords=[]), where)
            return _at(py_ast.DictComp(key=key, value=self.copy_of(item, ty.value, use, where),
                                       generators=[_clause(target, items)]), where)
        target = _name(name, py_ast.Store, where)
        return _at(py_ast.ListComp(elt=self.copy_of(item, ty.item, use, where),
                                   generators=[_clause(target, read())]), where)

    def check_Prechecked(self, node: Prechecked, expected: Type | None) -> Type:
        return node.held_ty

    def any_copy_name(self) -> str:
        AnyCopies.any_copy_temps += 1
        return f"__any_copy{AnyCopies.any_copy_temps}"

    def refuse_unencodable(self, node: py_ast.expr, ty: Type, use: ReadOnlyUse) -> None:
        problem = _unencodable(ty, use)
        if problem is not None:
            raise self.fail(node, *problem)


def _unencodable(ty: Type, use: ReadOnlyUse) -> tuple[str, str] | None:
    """Why json.dumps cannot take a ``ty`` here (message, help), or None."""
    if to_any(ty):
        return None
    if isinstance(ty, OptionalType):
        return _unencodable(ty.inner, use)
    if isinstance(ty, (SetType, DequeType, ViewType)):
        kind = ("frozenset" if ty.frozen else "set") if isinstance(ty, SetType) else "deque" if isinstance(ty, DequeType) else "dict view"
        return (f"json.dumps() cannot encode a {ty} (CPython raises TypeError: Object of type "
                f"{kind} is not JSON serializable)", "pass a list: sorted(x) or list(x)")
    if isinstance(ty, ClassType):
        return (f"json.dumps() cannot encode a {ty} (CPython raises TypeError: Object of type "
                f"{ty.info.name if ty.info else ty} is not JSON serializable)",
                "pass a dict of its fields, or .value of an enum member")
    if isinstance(ty, TupleType):
        return next(filter(None, (_unencodable(item, use) for item in ty.items)), None)
    if isinstance(ty, DictType):
        if ty.key != STR and not (ty.key == INT and use.int_keys):
            if ty.key == INT:
                return (f"json.dumps() with sort_keys of a {ty} is not supported (CPython sorts its keys as ints)",
                        "pass the items sorted, without sort_keys: {str(k): v for k, v in sorted(d.items())}")
            return f"json.dumps() of a {ty} is not supported", "use str keys"
        return _unencodable(ty.value, use)
    if isinstance(ty, (ListType, VarTupleType)):
        return _unencodable(ty.item, use)
    return f"json.dumps() cannot take a {ty} here", "build a list[Any] or dict[str, Any] from it"


def _container_of(ty: Type) -> Type:
    inner = ty.inner if isinstance(ty, OptionalType) else ty
    return dict_of(STR, ANY) if isinstance(inner, DictType) else list_of(ANY) if not isinstance(ty, OptionalType) \
        else ANY


def _prechecked(value: py_ast.expr, ty: Type, where: py_ast.AST) -> Prechecked:
    made = _at(Prechecked(value=value), where)
    made.held_ty = ty
    return made


def _item(value: py_ast.expr, index: int, where: py_ast.AST) -> py_ast.Subscript:
    return _at(py_ast.Subscript(value=value, slice=_at(py_ast.Constant(value=index), where), ctx=py_ast.Load()), where)


def _clause(target: py_ast.expr, iterable: py_ast.expr) -> py_ast.comprehension:
    return py_ast.comprehension(target=target, iter=iterable, ifs=[], is_async=0)


def _name(name: str, ctx, where: py_ast.AST) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=ctx()), where)


def _none(where: py_ast.AST) -> py_ast.Constant:
    return _at(py_ast.Constant(value=None), where)


def _at(node, where: py_ast.AST):
    node = py_ast.copy_location(node, where)
    node.synthetic = True
    return node
