"""The ``tuple()`` built-in, where the compiler can type what it gives.

Accepted: ``tuple(t)`` of a tuple (``t`` itself, as CPython gives), ``tuple([a, b])`` /
``tuple((a, b))`` of a literal (the tuple literal it equals), ``tuple(x)`` of a list, a dict's
keys, a view, a str's characters or a ``range()`` (a ``tuple[T, ...]``, made as ``list(x)`` makes it), and,
as the argument of ``str``/``bytes`` ``startswith``/``endswith``, the list of affixes it copies
(tested one by one, compiler/runtime/tuple_builtin.py). Anything else is a located compile error.
"""
from __future__ import annotations

import ast as py_ast

from ..program import INT, STR, DictType, ListType, TupleType, Type, VarTupleType, ViewType, list_of, var_tuple_of
from . import map_filter
from .bytearrays import int_list, of_bytes

HELP = "tuple() takes a list, a tuple, a str, a dict or a dict view"


def _is_tuple_call(checker, node: py_ast.expr) -> bool:
    return isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id == "tuple" \
        and "tuple" not in checker.module.namespace and "tuple" not in checker.local_names


def joined_tuple(checker, base: Type, name: str, args: list, params: list) -> list:
    """``sep.join(t)`` of a ``tuple[str, ...]`` held in a variable: walked as the list it is held as."""
    if name == "join" and len(args) == 1 and isinstance(args[0], py_ast.Name) \
            and checker.check(args[0]) == var_tuple_of(base):
        return [(params[0][0], args[0].ty, False)]
    return params


def affix_tuple(checker, base: Type, name: str, args: list, params: list) -> list:
    """``s.startswith(tuple(x))``: the parameter takes the tuple's items as a list (or the tuple)."""
    if name not in ("startswith", "endswith") or not args:
        return params
    if isinstance(args[0], py_ast.Name):  # a tuple held in a variable: as a tuple literal is
        held = checker.check(args[0])
        same = _items(held, base) == "same" or held == var_tuple_of(base)
        return [(params[0][0], held, False), *params[1:]] if same else params
    if not _is_tuple_call(checker, args[0]):
        return params
    call = args[0]
    if len(call.args) != 1 or call.keywords or isinstance(call.args[0], py_ast.Starred):
        raise checker.fail(call, "tuple() takes exactly one argument here")
    source = checker.check(call.args[0])
    items = _items(source, base)
    if items is None:
        raise checker.fail(call.args[0], f"tuple for {name}() must only contain {base}: "
                           f"tuple() of {source} is not supported here", HELP)
    call.affixes = list_of(base) if items == "list" else source
    return [(params[0][0], call.affixes, False), *params[1:]]


def _items(source: Type, base: Type) -> str | None:
    """How ``tuple(source)`` gives ``base`` items: "list" (copied into a list), "same" (a tuple), or None."""
    if isinstance(source, TupleType):
        return "same" if all(t == base for t in source.items) else None
    if isinstance(source, VarTupleType) and source.item == base:
        return "list"  # held as a list already (compiler/program.py)
    if isinstance(source, (ListType, ViewType)) and source.item == base:
        return "list"
    if isinstance(source, DictType) and source.key == base:
        return "list"
    return "list" if source == base == STR else None


class TupleBuiltinChecks:
    def builtin_tuple(self, node: py_ast.Call, expected: Type | None) -> Type:
        if hasattr(node, "affixes"):  # checked by affix_tuple
            node.bound = list(node.args)
            if isinstance(node.affixes, TupleType):
                node.call = ("rewritten", node.args[0])  # CPython gives the tuple itself
            return node.affixes
        if len(node.args) != 1 or node.keywords or isinstance(node.args[0], py_ast.Starred):
            raise self.fail(node, "tuple() takes exactly one argument here", HELP)
        map_filter.consumed(self, node)  # tuple(reversed(xs)): xs[::-1]
        arg = node.args[0]
        if isinstance(arg, (py_ast.List, py_ast.Tuple)) and not any(isinstance(e, py_ast.Starred) for e in arg.elts):
            replacement = py_ast.copy_location(py_ast.Tuple(elts=arg.elts, ctx=py_ast.Load()), arg)
            ty = self.check(replacement, expected)
            node.call = ("rewritten", replacement)
            return ty
        if self.range_argument(node, "tuple"):
            return var_tuple_of(INT)  # made as list(range(...)) makes it (lower/calls.py)
        ty = self.check(arg)
        if isinstance(ty, (TupleType, VarTupleType)):
            node.call = ("rewritten", arg)  # CPython gives the tuple itself
            return ty
        if of_bytes(ty):  # its ints, in a new list (sema/bytearrays.py)
            node.bound = [int_list(arg)]
            return var_tuple_of(INT)
        if isinstance(ty, (ListType, ViewType)) or ty == STR or isinstance(ty, DictType):
            node.bound = [arg]  # copied as list(x) copies it (lower/tuple_builtin.py)
            return var_tuple_of(STR if ty == STR else ty.key if isinstance(ty, DictType) else ty.item)
        raise self.fail(node, f"tuple() of {ty} is not supported", HELP)
