"""``collections.defaultdict``, ``Counter`` and ``OrderedDict``: dicts that behave differently.

Problem: ``d[k].append(x)`` on a ``defaultdict(list)`` inserts ``[]`` for a missing key, where a
dict raises KeyError. Accepts: ``defaultdict[K, V]`` annotations and ``defaultdict(F)`` calls
where F is V's own builtin type (``list`` for a ``list[int]`` value). Guarantees: the value's type
is a ``DefaultDictType`` (a dict to every dict operation but ``d[k]``, which lower/collections_ops.py
makes insert V's empty value, and repr); other factories (a lambda, a function, another type than
V's) and a defaultdict where a plain dict or an Any is expected are located compile errors.
A ``Counter[K]`` reads 0 for a missing key (lower/collections_ops.py), counts lists
(runtime/dict_kinds.py), and its ``most_common``/``total`` are rewritten into ``sorted``/``sum``;
an ``OrderedDict[K, V]`` adds ``move_to_end``/``popitem``. Each is its own type, never a plain
``dict[K, V]``: what CPython does differently for it (``d[k]``, repr, ``==``, arithmetic) stays exact.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (BOOL, BYTES, FLOAT, INT, NONE, STR, Builtin, CounterType, DefaultDictType, DictType, ListType,
                       OrderedDictType, SetType, Type, VarTupleType, counter_of, default_dict_of, list_of,
                       ordered_dict_of, tuple_of)
from .deques import DEQUE, deque_annotation
from .user_hash import user_keyed

DEFAULTDICT = Builtin("collections.defaultdict")
COUNTER = Builtin("collections.Counter")
ORDERED_DICT = Builtin("collections.OrderedDict")
ORDERED_METHODS = ("move_to_end", "popitem")
COUNTER_HELP = "count a list: Counter(words), or c = Counter() then c[k] += 1"
# Counter's own methods; the dict's others (get, pop, keys, items, copy, ...) are the dict's.
COUNTER_METHODS = ("most_common", "total", "update")
COUNTER_LATER = ("elements", "subtract", "fromkeys")
ANNOTATE = "annotate it: d: defaultdict[str, list[int]] = defaultdict(list)"
NAMED_TUPLE_HELP = "write a class: from typing import NamedTuple; class P(NamedTuple): x: int"


def factory_name(value: Type) -> str | None:
    """The builtin type whose call makes V's empty value (CPython's factory), or None."""
    scalars = {INT: "int", FLOAT: "float", BOOL: "bool", STR: "str", BYTES: "bytes"}
    if value in scalars:
        return scalars[value]
    if isinstance(value, ListType):
        return "list"
    if isinstance(value, SetType):
        return "frozenset" if value.frozen else "set"
    if type(value) is DictType:
        return "dict"
    return None


def collections_annotation(sym: Builtin, args: list[Type], fail) -> Type:
    """``defaultdict[K, V]``, ``Counter[K]`` or ``OrderedDict[K, V]``; ``fail(message, help)`` makes the
    located error."""
    if sym == DEQUE:
        return deque_annotation(args, fail)  # sema/deques.py
    if sym == COUNTER:
        if len(args) != 1 or (args[0] not in (INT, STR, BYTES) and not user_keyed(args[0])):
            raise fail("a Counter's keys must be int, str or bytes", "write Counter[str] (or int, bytes keys)")
        return counter_of(args[0])
    if sym not in (DEFAULTDICT, ORDERED_DICT):
        raise fail(f"'{sym.name}' is not a type", "annotate with defaultdict[K, V], Counter[K] or OrderedDict[K, V]")
    shown = sym.name.split(".")[1]
    if len(args) != 2:
        raise fail(f"{shown} takes two types", f"write {shown}[K, V]")
    key, value = args
    if key not in (INT, STR, BYTES) and not (sym == DEFAULTDICT and user_keyed(key)):  # sema/user_hash.py
        raise fail("dict keys must be int, str or bytes", f"write {shown}[str, V] (or int, bytes keys)")
    if sym == ORDERED_DICT:
        return ordered_dict_of(key, value)
    if factory_name(value) is None:
        raise fail(f"a defaultdict of {value} values is not available yet", "its values may be int, float, "
                   "bool, str, bytes, list[T], set[T] or dict[K, V] (the factory is their type)")
    return default_dict_of(key, value)


def unavailable_import(name: str) -> tuple[str, str] | None:
    """The message for ``from collections import name`` of a name ours does not have yet."""
    import collections
    if not hasattr(collections, name):
        return None
    if name == "namedtuple":
        return "collections.namedtuple is not available yet", NAMED_TUPLE_HELP
    if name == "abc":  # a module: no module objects in a compiled filter
        return "collections.abc is not available as a module", "import its names: from collections.abc import Callable"
    return f"collections.{name} is not available yet", "see docs/stdlib.md for what collections has"


class CollectionsChecks:
    def collections_call(self, node: py_ast.Call, sym: Builtin, expected: Type | None) -> Type:
        if sym == DEFAULTDICT:
            return self.defaultdict_call(node, expected)
        if sym == COUNTER:
            return self.counter_call(node, expected)
        if sym == ORDERED_DICT:
            return self.ordered_dict_call(node, expected)
        if sym == DEQUE:
            return self.deque_call(node, expected)  # sema/deques.py
        raise self.fail(node.func, f"'{sym.name}' cannot be called")

    def defaultdict_call(self, node: py_ast.Call, expected: Type | None) -> Type:
        if node.keywords or len(node.args) != 1:
            raise self.fail(node, "defaultdict() takes its factory only here (no initial items, no keywords)",
                            "create it empty, then add the items: d = defaultdict(list); d[k] = v")
        if not isinstance(expected, DefaultDictType):
            raise self.fail(node, "the type of this defaultdict is not known", ANNOTATE if not isinstance(
                expected, DictType) else "a defaultdict is not a plain dict here (d[k] inserts): annotate it "
                "as defaultdict[K, V], where it is made and where it is passed")
        want = factory_name(expected.value)
        factory = node.args[0]
        given = factory.id if isinstance(factory, py_ast.Name) and factory.id not in self.local_names \
            and self.module.namespace.get(factory.id) is None else None
        if given != want:
            raise self.fail(factory, f"the factory of a {expected} must be {want}",
                            "a lambda, a function or another type as the factory is not available yet")
        made = py_ast.copy_location(py_ast.Dict(keys=[], values=[]), node)
        made.ty = expected  # an empty dict of this type (lower/containers.py new_dict)
        node.call = ("rewritten", made)
        return expected

    def counter_call(self, node: py_ast.Call, expected: Type | None) -> Type:
        """``Counter()`` (typed by its annotation) or ``Counter(xs)`` of a list or tuple[K, ...]."""
        if node.keywords or len(node.args) > 1:
            raise self.fail(node, "Counter() takes at most one list here (no keywords)", COUNTER_HELP)
        ty = expected if isinstance(expected, CounterType) else None
        source = node.args[0] if node.args else None
        if source is not None:
            items = self.check(source, list_of(ty.key) if ty else None)
            if items == STR and _plain(source):  # Counter(s) counts its characters, as Counter(list(s))
                source = node.args[0] = py_ast.copy_location(
                    py_ast.Call(func=py_ast.Name(id="list", ctx=py_ast.Load()), args=[source], keywords=[]), source)
                items = self.check(source, list_of(ty.key) if ty else None)
            if not (isinstance(items, (ListType, VarTupleType))
                    and (items.item in (INT, STR, BYTES) or user_keyed(items.item))):
                raise self.fail(source, f"Counter() of {items} is not available yet",
                                "count its characters: Counter(list(s))" if items == STR else
                                COUNTER_HELP + " (a list of int, str or bytes)")
            if ty is not None and items.item != ty.key:
                raise self.fail(source, f"the items of this list must be {ty.key}, not {items.item}")
            ty = ty or counter_of(items.item)
        if ty is None:
            raise self.fail(node, "the type of this Counter is not known",
                            "annotate it: counts: Counter[str] = Counter()")
        node.call = ("counter", None, source)  # lower/collections_ops.py
        return ty

    def counter_method(self, node: py_ast.Call, func: py_ast.Attribute, base: CounterType) -> Type:
        name = func.attr
        if name in COUNTER_LATER:
            raise self.fail(func, f"Counter.{name}() is not available yet", "loop over c.items()")
        if node.keywords and name != "most_common":
            raise self.fail(node, f"{name}() takes no keyword arguments here", "pass the arguments by position")
        if name == "update":
            return self.counter_update(node, func, base)
        if name == "total":
            self.no_arguments(node, "total")
            return self.rewritten(node, _call("sum", _method(func.value, "values", node)))
        return self.most_common(node, func, base)

    def counter_update(self, node: py_ast.Call, func: py_ast.Attribute, base: CounterType) -> Type:
        if len(node.args) != 1:
            raise self.fail(node, "update() takes one list or Counter here", COUNTER_HELP)
        source = node.args[0]
        items = self.check(source, list_of(base.key))
        if items != base and not (isinstance(items, (ListType, VarTupleType)) and items.item == base.key):
            raise self.fail(source, f"update() of a {base} takes a list of {base.key} or a {base} here, not {items}",
                            "pass a Counter, or loop: for k, n in d.items(): c[k] += n")
        node.call = ("counter", func.value, source)
        return NONE

    def most_common(self, node: py_ast.Call, func: py_ast.Attribute, base: CounterType) -> Type:
        """``sorted(c.items(), key=lambda p: p[1], reverse=True)``, cut to ``max(n, 0)`` items: CPython's
        order (by count, ties in insertion order: a stable sort), and its nlargest() gives [] for n <= 0."""
        given = node.args + [k.value for k in node.keywords if k.arg == "n"]
        if len(given) > 1 or any(k.arg != "n" for k in node.keywords):
            raise self.fail(node, "most_common() takes one argument, n", "write c.most_common(3)")
        pair = "__counter_pair"
        key = py_ast.Lambda(args=py_ast.arguments(posonlyargs=[], args=[py_ast.arg(arg=pair)], kwonlyargs=[],
                                                  kw_defaults=[], defaults=[]),
                            body=py_ast.Subscript(value=_name(pair), slice=py_ast.Constant(1), ctx=py_ast.Load()))
        ordered = py_ast.Call(func=_name("sorted"), args=[_method(func.value, "items", node)], keywords=[
            py_ast.keyword(arg="key", value=key), py_ast.keyword(arg="reverse", value=py_ast.Constant(True))])
        if given:
            cut = py_ast.Slice(upper=_call("max", given[0], py_ast.Constant(0)))
            ordered = py_ast.Subscript(value=ordered, slice=cut, ctx=py_ast.Load())
        self.rewritten(node, _located(ordered, node))
        return list_of(tuple_of((base.key, INT)))

    def rewritten(self, node: py_ast.Call, replacement: py_ast.expr) -> Type:
        ty = self.check(_located(replacement, node))
        node.call = ("rewritten", replacement)
        return ty

    def no_arguments(self, node: py_ast.Call, name: str) -> None:
        if node.args or node.keywords:
            raise self.fail(node, f"{name}() takes no arguments", f"write c.{name}()")


    def ordered_dict_call(self, node: py_ast.Call, expected: Type | None) -> Type:
        if node.args or node.keywords:
            raise self.fail(node, "OrderedDict() takes no items here", "create it empty, then add the items: "
                            "od: OrderedDict[str, int] = OrderedDict(); od[k] = v")
        if not isinstance(expected, OrderedDictType):
            raise self.fail(node, "the type of this OrderedDict is not known",
                            "annotate it: od: OrderedDict[str, int] = OrderedDict()")
        made = py_ast.copy_location(py_ast.Dict(keys=[], values=[]), node)
        made.ty = expected
        node.call = ("rewritten", made)
        return expected

    def dict_popitem(self, node: py_ast.Call, func: py_ast.Attribute, base: DictType) -> Type:
        """``d.popitem()`` of a dict, defaultdict or Counter: runtime/dict_popitem.py (loaded without an import)."""
        if node.args or node.keywords:
            raise self.fail(node, "popitem() takes no arguments", "write d.popitem()")
        node.call = ("ordered", "dict_popitem", func.value, None, None)
        return tuple_of((base.key, base.value))

    def ordered_method(self, node: py_ast.Call, func: py_ast.Attribute, base: OrderedDictType) -> Type:
        """``move_to_end(key, last=True)`` and ``popitem(last=True)`` (lower/collections_ops.py)."""
        name = func.attr
        params = [("key", base.key, False)] if name == "move_to_end" else []
        params.append(("last", BOOL, True))
        if any(k.arg not in [p[0] for p in params] for k in node.keywords) or len(node.args) > len(params):
            raise self.fail(node, f"{name}() takes {', '.join(p[0] for p in params)} here",
                            f"write od.{name}({'key, ' * (name == 'move_to_end')}last=False)")
        given = dict(zip([p[0] for p in params], node.args))
        given.update({k.arg: k.value for k in node.keywords})
        if "key" in [p[0] for p in params] and "key" not in given:
            raise self.fail(node, "move_to_end() takes the key", "write od.move_to_end(key)")
        for param, ty, _ in params:
            if param in given:
                self.use(given[param], ty, what=f"'{param}'")
        node.call = ("ordered", name, func.value, given.get("key"), given.get("last"))
        return NONE if name == "move_to_end" else tuple_of((base.key, base.value))

def _name(name: str) -> py_ast.Name:
    return py_ast.Name(id=name, ctx=py_ast.Load())


def _call(name: str, *args: py_ast.expr) -> py_ast.Call:
    return py_ast.Call(func=_name(name), args=list(args), keywords=[])


def _method(receiver: py_ast.expr, name: str, where: py_ast.AST) -> py_ast.Call:
    return py_ast.Call(func=py_ast.Attribute(value=receiver, attr=name, ctx=py_ast.Load()), args=[], keywords=[])


def _located(node: py_ast.AST, where: py_ast.AST) -> py_ast.AST:
    """Every synthetic node at ``where`` (the original operands keep their own places)."""
    for sub in py_ast.walk(node):
        if not hasattr(sub, "lineno") and isinstance(sub, (py_ast.expr, py_ast.arg)):
            py_ast.copy_location(sub, where)
    return node


def _plain(node: py_ast.expr) -> bool:
    """An expression that can be checked twice: names, constants, fields, items, calls (no lambda
    or comprehension, which checking registers)."""
    return not any(isinstance(n, (py_ast.Lambda, py_ast.ListComp, py_ast.SetComp, py_ast.DictComp,
                                  py_ast.GeneratorExp, py_ast.NamedExpr)) for n in py_ast.walk(node))
