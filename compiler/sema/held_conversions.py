"""``list(x)``, ``set(x)`` and ``dict(x)`` of an Any, as CPython builds them from what ``x`` holds.

``list(x)`` iterates it (a list's items, a str's characters, a dict's keys; TypeError for a number
or None), which is ``[v for v in x]``: checked and lowered as that comprehension over the Any (its
held iteration, runtime/held_items.py). ``set(x)`` is the set of ``list(x)``; ``dict(x)`` copies a
dict held, or builds one from pairs (runtime/dynamic_ops.py ``held_dict_source``), as
``{k: v for k, v in source.items()}``. Where a typed container is expected
(``self.keys: dict[str, str] = dict(config["keys"])``) the result is that container, each item
checked as any Any meeting a declared type is (TypeError if it does not fit): the copy is fresh in
CPython too, so no alias can see the difference. The call is noted (``items_target``) for the
emulator's CPython runner, which checks the same items (sema/boundaries.py); the nodes made here
are ``synthetic``, never matched to the source's.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, STR, DictType, ListType, OptionalType, SetType, Type, dict_of, list_of
from .map_filter import ITEM


KEY, VALUE = "__key", "__value"  # the copy's loop variables (sema/dict_builtin.py's too)


class HeldDictSource(py_ast.expr):
    """The dict ``dict(value)`` copies when ``value`` is an Any (a dict, or one built from pairs)."""

    _fields = ("value",)


def list_of_held(checker, node: py_ast.Call, expected: Type | None = None) -> Type:
    held = node.args[0]
    target = _made(py_ast.Name(id=ITEM, ctx=py_ast.Store()), node)
    element = _made(py_ast.Name(id=ITEM, ctx=py_ast.Load()), node)
    generator = py_ast.comprehension(target=target, iter=held, ifs=[], is_async=0)
    comprehension = _made(py_ast.ListComp(elt=element, generators=[generator]), node)
    node.args[0] = comprehension
    node.bound = [comprehension]
    wanted = typed_container(expected, ListType)
    ty = checker.check(comprehension, wanted)
    assert isinstance(ty, ListType)
    if wanted is not None:
        node.items_target = ty
    return list_of(ty.item)


def typed_container(expected: Type | None, kind: type) -> Type | None:
    """The typed container of ``kind`` expected here (``T | None`` unwrapped), if not of Anys."""
    if isinstance(expected, OptionalType):
        expected = expected.inner
    if not isinstance(expected, kind):
        return None
    if isinstance(expected, DictType):  # a dict an Any holds has str keys
        return expected if expected.key == STR and expected.value != ANY else None
    return expected if expected.item != ANY else None


def set_of_held(checker, node: py_ast.Call, expected: Type | None, name: str) -> py_ast.expr:
    """``set(x)`` of an Any: the set of ``list(x)`` with the declared item type, which must be known."""
    wanted = typed_container(expected, SetType)
    if wanted is None:
        raise checker.fail(node, f"{name}() of an Any needs the {name}'s item type",
                           f"declare it: names: {name}[str] = {name}(x)")
    items = _made(py_ast.Call(func=_made(py_ast.Name(id="list", ctx=py_ast.Load()), node),
                              args=[node.args[0]], keywords=[]), node.args[0])
    node.args[0] = items
    checker.check(items, list_of(wanted.item))
    node.items_target = wanted
    return items


def dict_of_held(node: py_ast.Call, source: py_ast.expr, expected: Type | None) -> py_ast.expr:
    """``{k: v for k, v in held_dict_source(source).items()}`` (checked by the caller)."""
    pairs = _made(HeldDictSource(value=source), source)
    items = _made(py_ast.Call(func=_made(py_ast.Attribute(value=pairs, attr="items", ctx=py_ast.Load()), node),
                              args=[], keywords=[]), node)
    key, value = KEY, VALUE
    target = _made(py_ast.Tuple(elts=[_made(py_ast.Name(id=key, ctx=py_ast.Store()), node),
                                      _made(py_ast.Name(id=value, ctx=py_ast.Store()), node)],
                                ctx=py_ast.Store()), node)
    generator = py_ast.comprehension(target=target, iter=items, ifs=[], is_async=0)
    node.items_target = typed_container(expected, DictType) or dict_of(STR, ANY)
    return _made(py_ast.DictComp(key=_made(py_ast.Name(id=key, ctx=py_ast.Load()), node),
                                 value=_made(py_ast.Name(id=value, ctx=py_ast.Load()), node),
                                 generators=[generator]), node)


def _made(new: py_ast.AST, where: py_ast.AST):
    new = py_ast.copy_location(new, where)
    new.synthetic = True
    return new
