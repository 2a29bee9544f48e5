"""``key=``, ``reverse=`` and ``default=`` of sorted, list.sort, min and max.

A key is a module-level function of one parameter, a lambda of one parameter (reading only it
and globals), a built-in such as ``len``/``abs``/``str`` or a method such as ``str.lower``
(taken as the lambda that calls it). Keys order as CPython's ``<`` does: int and bool, str,
bytes, float, and tuples of int, bool, str or bytes (``order_kind`` is then a tuple of the
items' kinds). A sort by float keys, objects with ``__lt__`` or tuples holding a float runs
CPython's own algorithm (sema/sort_orders.py: ``node.sort_key`` is then ``(fn, None)``).

What lowering (``lower/sort_keys.py``) reads: ``node.sort_key = (FuncSym | None, order_kind)``,
``node.sort_reverse`` (an expression or None) and, for min/max, ``node.extremum`` =
(iterable expression, default expression or None).
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, STR, ClassType, FuncSym, ListType, Param, TupleType, Type,
                       ViewType, list_of, union_of)
from .callables import CallableType
from .lambdas import lambda_function
from .sort_orders import mark_sort, sorts_by_less
from .types import assignable, union_problem

ORDER_KINDS = {INT: 0, BOOL: 0, FLOAT: 1, STR: 2, BYTES: 2}  # compiler/runtime/sorting.py
KEY_BUILTINS = ("len", "abs", "str", "int", "float", "ord", "repr", "bool")
KEY_HELP = "use a key of type int, float, str or bytes, or a tuple of those"
SORT_KEY_HELP = "use a key of type int, float, str or bytes, an object whose class defines __lt__, or a tuple of scalars"


def implied_key(item: Type, where: py_ast.AST) -> py_ast.keyword | None:
    """The ``key=`` that orders ``item`` values as CPython's own comparison does, where the plain
    sort has none: a bytes or bool is its own key; an object of an ``order=True`` dataclass without
    subclasses is the tuple of its fields (what its generated ``__lt__`` compares; equal keys keep
    their order, as the stable sort keeps equal objects')."""
    if item in (BYTES, BOOL):
        return _lambda_key(lambda v: v, where)
    info = item.info if isinstance(item, ClassType) else None
    if info is None or not getattr(info, "dataclass_options", {}).get("order") or not info.fields \
            or info.last_descendant_id != info.class_id:
        return None
    return _lambda_key(lambda v: py_ast.Tuple(elts=[py_ast.Attribute(value=v, attr=f, ctx=py_ast.Load())
                                                    for f in info.fields], ctx=py_ast.Load()), where)


def _lambda_key(body_of, where: py_ast.AST) -> py_ast.keyword:
    parameter = py_ast.arg(arg="__sorted_item", annotation=None)
    arguments = py_ast.arguments(posonlyargs=[], args=[parameter], vararg=None, kwonlyargs=[], kw_defaults=[],
                                 kwarg=None, defaults=[])
    lam = py_ast.Lambda(args=arguments, body=body_of(py_ast.Name(id="__sorted_item", ctx=py_ast.Load())))
    for node in py_ast.walk(lam):
        if isinstance(node, py_ast.expr):
            py_ast.copy_location(node, where)
    return py_ast.keyword(arg="key", value=lam)


def sort_help(ty: Type) -> str:
    if ty == ANY:
        return "an Any's items have no type here: sort a typed list, e.g. sorted([str(k) for k in x])"
    return "sort by an int, float or str key (or a tuple of them): sorted(items, key=lambda x: (x.major, x.name))"


def check_sorted(checker, node: py_ast.Call) -> py_ast.expr | None:
    """``sorted(xs, key=..., reverse=...)`` with a key: the iterable (None when there is no key)."""
    key, reverse = _keywords(checker, node, "sorted", ("key", "reverse"))
    if key is None or len(node.args) != 1:
        return None
    ty = checker.check(node.args[0])
    if not isinstance(ty, (ListType, ViewType)):
        raise checker.fail(node.args[0], f"sorted() takes a list or a dict view here, not {ty}")
    _key(checker, node, key, ty.item, sort=True)
    _reverse(checker, node, reverse)
    node.ty = list_of(ty.item)
    return node.args[0]


def check_list_sort(checker, node: py_ast.Call, ty: ListType) -> bool:
    """``lst.sort(key=..., reverse=...)`` with a key, or of tuples; False otherwise (the plain sort)."""
    key, reverse = _keywords(checker, node, "sort", ("key", "reverse"))
    implied = implied_key(ty.item, node) if key is None and tuple_kinds(ty.item) is None else None
    if implied is not None:
        node.keywords.append(implied)
        key = implied.value
    if key is None and tuple_kinds(ty.item) is None:
        return False
    if node.args:
        raise checker.fail(node.args[0], "sort() takes no positional arguments", "write sort(key=..., reverse=True)")
    if key is None:
        node.sort_key = (None, tuple_kinds(ty.item))
    else:
        _key(checker, node, key, ty.item, sort=True)
    _reverse(checker, node, reverse)
    node.call = ("type-method", "sort")
    node.bound = []
    return True


def check_extremum(checker, node: py_ast.Call, name: str, keyless: bool = False) -> Type | None:
    """min/max with ``key=`` or ``default=`` (or ``keyless``: a list of float or bytes, which the plain
    path does not compare): the result type (None: no keyword, the plain path)."""
    if not node.keywords and not keyless:
        return None
    key, default = _keywords(checker, node, name, ("key", "default"))
    if not node.args:
        raise checker.fail(node, f"{name}() needs at least one argument")
    if len(node.args) == 1:
        ty = checker.check(node.args[0])
        if not isinstance(ty, (ListType, ViewType)):
            raise checker.fail(node.args[0], f"{name}() of one argument takes a list or a dict view, not {ty}")
        item, items = ty.item, node.args[0]
    else:
        if default is not None:
            raise checker.fail(default, f"Cannot specify a default for {name}() with multiple positional arguments")
        types = {checker.check(a) for a in node.args}
        if len(types) != 1:
            raise checker.fail(node, f"{name}() arguments must all have the same type here")
        item = types.pop()
        items = py_ast.copy_location(py_ast.List(elts=list(node.args), ctx=py_ast.Load()), node)
        items.ty = list_of(item)
    implied = implied_key(item, node) if key is None and item not in ORDER_KINDS else None
    if implied is not None:  # an order=True dataclass: by the tuple of its fields
        node.keywords.append(implied)
        key = implied.value
    if key is None:
        if item not in ORDER_KINDS:
            raise checker.fail(node, f"{name}() compares int, float, str or bytes items here, not {item}",
                               f"compare by a key: {name}(items, key=lambda x: x.name)")
        node.sort_key = (None, ORDER_KINDS[item])
    else:
        _key(checker, node, key, item, sort=False)
    result = item
    if default is not None:
        result = union_of([item, checker.check(default)])
        if union_problem(result):
            raise checker.fail(default, union_problem(result))
    node.extremum = (items, default)
    node.bound = []
    return result


def tuple_kinds(item: Type) -> tuple[int, ...] | None:
    """The order kinds of tuples that sort without a key (int, bool, str or bytes items: CPython
    compares them item by item), else None. As a sort key they are their own (``node.sort_key``
    ``(None, kinds)``)."""
    if isinstance(item, TupleType) and item.items and all(t in ORDER_KINDS and t != FLOAT for t in item.items):
        return tuple(ORDER_KINDS[t] for t in item.items)
    return None


def tuples_in_order(node: py_ast.Call, item: Type, reverse: py_ast.expr | None) -> bool:
    """``sorted(xs)`` / ``min(xs)`` / ``max(xs)`` of tuples (``xs`` checked already): as with
    their own items as the key. False when the items are not such tuples."""
    kinds = tuple_kinds(item)
    if kinds is None:
        return False
    node.sort_key = (None, kinds)
    node.sort_reverse = reverse
    return True


def _keywords(checker, node: py_ast.Call, name: str, allowed: tuple[str, ...]) -> list[py_ast.expr | None]:
    found: dict[str, py_ast.expr] = {}
    for keyword in node.keywords:
        if keyword.arg not in allowed:
            raise checker.fail(keyword, f"{name}() takes only {' and '.join(a + '=' for a in allowed)} "
                               "by keyword here")
        found[keyword.arg] = keyword.value
    key = found.get("key")
    if isinstance(key, py_ast.Constant) and key.value is None:
        found.pop("key")  # key=None: the plain order, as if not written
        node.keywords = [k for k in node.keywords if k.arg != "key"]
    return [found.get(a) for a in allowed]


def _reverse(checker, node: py_ast.Call, reverse: py_ast.expr | None) -> None:
    if reverse is not None:
        checker.use(reverse, BOOL, what="reverse")
    node.sort_reverse = reverse


def _key(checker, node: py_ast.Call, key: py_ast.expr, item: Type, sort: bool) -> None:
    fn = key_function(checker, key, item)
    if isinstance(fn.result, TupleType) and fn.result.items and all(
            t in ORDER_KINDS and t != FLOAT for t in fn.result.items):
        node.sort_key = (fn, tuple(ORDER_KINDS[t] for t in fn.result.items))  # compared item by item
        return
    if sort and sorts_by_less(fn.result):  # float or object keys: CPython's algorithm (sema/sort_orders.py)
        node.sort_key = (fn, None)
        mark_sort(checker, node, fn.result, node)
        return
    if fn.result not in ORDER_KINDS:
        raise checker.fail(key, f"a key of type {fn.result} is not supported here",
                           SORT_KEY_HELP if sort else KEY_HELP)
    node.sort_key = (fn, ORDER_KINDS[fn.result])


def key_function(checker, key: py_ast.expr, item: Type) -> FuncSym:
    """The one-parameter function ``key`` names (a lambda becomes one)."""
    if isinstance(key, py_ast.Name) and not _local(checker, key.id):
        sym = checker.module.namespace.get(key.id)
        if isinstance(sym, FuncSym) and sym.owner is None and sym.host is None:
            if len(sym.params) != 1 or not assignable(item, sym.params[0].ty):
                raise checker.fail(key, f"the key function '{key.id}' must take one {item} parameter")
            key.ty = item
            return sym
        if sym is None and key.id in KEY_BUILTINS:
            return lambda_function(checker, _calling(key, lambda arg: py_ast.Call(func=key, args=[arg],
                                                                                    keywords=[])), [item])
    if isinstance(key, py_ast.Attribute) and isinstance(key.value, py_ast.Name) \
            and key.value.id in ("str", "bytes") and key.value.id not in checker.module.namespace:
        method = key.attr
        return lambda_function(checker, _calling(key, lambda arg: py_ast.Call(
            func=py_ast.Attribute(value=arg, attr=method, ctx=py_ast.Load()), args=[], keywords=[])), [item])
    if isinstance(key, py_ast.Lambda):
        return lambda_function(checker, key, [item])
    if isinstance(key, (py_ast.Name, py_ast.Attribute)):
        return _value_key(checker, key, item)
    raise checker.fail(key, "a key must be a module-level function, a lambda, a built-in such as len, "
                       "or a method such as str.lower")


def _value_key(checker, key: py_ast.expr, item: Type) -> FuncSym:
    """A function value (a variable or field of a Callable type) as the key: called through its
    dispatcher. Reading a name or field runs nothing, so when it is read does not matter."""
    ty = checker.check(key)
    if not isinstance(ty, CallableType) or len(ty.params) != 1 or not assignable(item, ty.params[0]):
        raise checker.fail(key, f"the key must be a function of one {item} parameter, not {ty}")
    fn = FuncSym("<key value>", checker.module, None, [Param("x", ty.params[0], ty.params[0].wasm or "i32")],
                 ty.result, ty.result.wasm)
    fn.value_expr = key
    return fn


def _local(checker, name: str) -> bool:
    return name in checker.local_names and name not in checker.global_names


def _calling(key: py_ast.expr, call) -> py_ast.Lambda:
    """``lambda k: call(k)`` placed at ``key``."""
    arg = py_ast.Name(id="__key", ctx=py_ast.Load())
    node = py_ast.Lambda(args=py_ast.arguments(posonlyargs=[], args=[py_ast.arg(arg="__key")], vararg=None,
                                               kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]),
                         body=call(arg))
    for sub in py_ast.walk(node):
        py_ast.copy_location(sub, key)
    return node
