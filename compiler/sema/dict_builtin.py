"""The ``dict(...)`` built-in, as the literal or comprehension CPython's result equals:
``dict()`` is ``{}``, ``dict(a=1, b=2)`` is ``{"a": 1, "b": 2}``, ``dict(d)`` of a dict is
``{k: v for k, v in d.items()}`` (a copy in its order) and ``dict(pairs)`` of a list of 2-tuples
is ``{k: v for k, v in pairs}`` (a later key wins, as CPython). The call is checked and lowered
as that expression (``node.call = ("rewritten", expr)``); ``dict(x)`` of an Any is in
sema/held_conversions.py. ``dict(m, k=v)`` is ``dict(m) | {"k": v}`` and ``d.update(k=v)``
``d.update({"k": v})`` (sema/check_calls.py). Refused, located: pairs that are not 2-tuples.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, DictType, ListType, SetType, TupleType, Type, ViewType
from .held_conversions import KEY, VALUE, HeldDictSource, dict_of_held
from .builtins import is_builtin_call
from .user_hash import user_keyed
from .map_filter import zip_comprehension

HELP = "dict() takes nothing, keywords, a dict or a list of (key, value) pairs (and keywords) here"


def keywords_dict(node: py_ast.Call) -> py_ast.Dict:
    """``{"a": 1, "b": x}`` of a call's ``a=1, b=x``."""
    keys = [_at(py_ast.Constant(value=k.arg), k) for k in node.keywords]
    return _at(py_ast.Dict(keys=keys, values=[k.value for k in node.keywords]), node)


class DictBuiltinChecks:
    def builtin_dict(self, node: py_ast.Call, expected: Type | None) -> Type:
        if len(node.args) > 1:
            raise self.fail(node, "dict() takes one positional argument and keywords here", HELP)
        if any(k.arg is None for k in node.keywords):
            raise self.fail(node, "'**' unpacking in dict() is not supported", "copy the dict: dict(d)")
        if node.args and node.keywords:  # dict(m, k=v): dict(m), then updated by the keywords
            copied = _at(py_ast.Call(func=node.func, args=node.args, keywords=[]), node)
            replacement = _at(py_ast.BinOp(left=copied, op=py_ast.BitOr(), right=keywords_dict(node)), node)
            ty = self.check(replacement, expected)
            node.call = ("rewritten", replacement)
            return ty
        if node.args and is_builtin_call(self, node.args[0], "zip"):
            node.args[0] = zip_comprehension(node.args[0])  # dict(zip(keys, values))
        if node.args:
            replacement = self._dict_of(node, node.args[0], expected)
        else:
            replacement = keywords_dict(node)
        ty = self.check(replacement, expected)
        node.call = ("rewritten", replacement)
        return ty

    def dict_fromkeys(self, node: py_ast.Call) -> Type:
        """``dict.fromkeys(keys, value)``: ``{k: value for k in keys}``, every key holding the one
        value CPython evaluated once: a constant or a variable (a list built per key would differ)."""
        if node.keywords or not 1 <= len(node.args) <= 2 or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "dict.fromkeys() takes the keys and an optional value here",
                            "dict.fromkeys(keys) or dict.fromkeys(keys, value)")
        value = node.args[1] if len(node.args) == 2 else _at(py_ast.Constant(value=None), node)

        if not isinstance(value, (py_ast.Constant, py_ast.Name)):
            raise self.fail(value, "the value of dict.fromkeys() must be a constant or a variable here",
                            "CPython gives every key the same object: assign it to a variable first")
        generator = py_ast.comprehension(target=_name(KEY, py_ast.Store(), node), iter=node.args[0], ifs=[],
                                         is_async=0)
        replacement = _at(py_ast.DictComp(key=_name(KEY, py_ast.Load(), node), value=value,
                                          generators=[generator]), node)
        ty = self.check(replacement)
        source = getattr(node.args[0], "ty", None)
        if isinstance(source, (DictType, SetType)) and user_keyed(source.key if isinstance(source, DictType)
                                                                  else source.item):
            raise self.fail(node, "dict.fromkeys() of a dict or set of objects with __hash__ is not supported",
                            "CPython reuses their stored hashes: write {k: value for k in keys}")
        node.call = ("rewritten", replacement)
        return ty

    def check_HeldDictSource(self, node: HeldDictSource, expected: Type | None) -> Type:
        self.use(node.value, ANY, what="dict()'s argument")
        return ANY

    def _dict_of(self, node: py_ast.Call, source: py_ast.expr, expected: Type | None) -> py_ast.expr:
        ty = self.check(source)
        if ty == ANY:
            return dict_of_held(node, source, expected)  # sema/held_conversions.py
        if isinstance(ty, DictType) and user_keyed(ty.key):  # CPython merges it: stored hashes, maybe a clone
            copied = _at(py_ast.Call(func=_at(py_ast.Attribute(value=source, attr="copy", ctx=py_ast.Load()), source),
                                     args=[], keywords=[]), node)
            copied.dict_of = True  # lower/methods.py: runtime/user_keys.py user_dict_of
            return copied
        if isinstance(ty, DictType):
            items = py_ast.Attribute(value=source, attr="items", ctx=py_ast.Load())
            source = _at(py_ast.Call(func=_at(items, source), args=[], keywords=[]), source)
        elif not (isinstance(ty, (ListType, ViewType)) and isinstance(ty.item, TupleType)
                  and len(ty.item.items) == 2):
            raise self.fail(node, f"dict() of {ty} is not supported", HELP)
        target = py_ast.Tuple(elts=[_name(KEY, py_ast.Store(), source), _name(VALUE, py_ast.Store(), source)],
                              ctx=py_ast.Store())
        generator = py_ast.comprehension(target=_at(target, source), iter=source, ifs=[], is_async=0)
        return _at(py_ast.DictComp(key=_name(KEY, py_ast.Load(), source), value=_name(VALUE, py_ast.Load(), source),
                                   generators=[generator]), node)


def _name(name: str, ctx: py_ast.expr_context, where: py_ast.AST) -> py_ast.Name:
    return _at(py_ast.Name(id=name, ctx=ctx), where)


def _at(node, where: py_ast.AST):
    return py_ast.copy_location(node, where)
