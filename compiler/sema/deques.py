"""``collections.deque[T]``: a list-like queue with O(1) appends and pops at both ends.

Problem: a deque reads like a list (len, d[i], in, ==, iteration, list(d), sorted(d)) but has its own
methods, repr (``deque([1, 2], maxlen=3)``), index errors and an iteration that raises RuntimeError
once the deque changed. Accepts: ``deque[T]`` annotations; ``deque()``, ``deque(iterable)``,
``deque(iterable, maxlen)`` (maxlen by position or keyword, an int or None); the methods in METHODS;
``d.maxlen``. Guarantees: the value is a ``DequeType`` (a ``ListType``: every read-only list
operation serves it, on the same layout, compiler/runtime/deques.py); its methods run the
runtime's (lower/deques.py); a loop over it (lower/loops.py) checks CPython's state at each step; what a list
does and a deque does not (slices, sort, isinstance(d, list)) and what is left out (+, *, +=) are
located compile errors.
"""
from __future__ import annotations

import ast as py_ast

from ..program import (ANY, BOOL, BYTES, FLOAT, INT, NONE, STR, Builtin, DequeType, ListType, OptionalType, Type,
                       VarTupleType, deque_of, optional_of)
from .types import eq_kind

DEQUE = Builtin("collections.deque")
ANNOTATE = "annotate it: d: deque[int] = deque()"
# name -> (parameters: "item", "items" (an iterable of T) or "int"; result: "item", "none", "int", "deque")
METHODS = {"append": (("item",), "none"), "appendleft": (("item",), "none"), "pop": ((), "item"),
           "popleft": ((), "item"), "extend": (("items",), "none"), "extendleft": (("items",), "none"),
           "rotate": (("int",), "none"), "clear": ((), "none"), "count": (("item",), "int"),
           "remove": (("item",), "none"), "reverse": ((), "none"), "copy": ((), "deque"),
           "index": (("item", "int", "int"), "int"), "insert": (("int", "item"), "none")}
FEWEST_ARGUMENTS = {"rotate": 0, "index": 1}  # rotate(n=1), index(x, start=0, stop=len)
REMOVABLE = (INT, BOOL, FLOAT, STR, BYTES)  # remove()'s ValueError shows the value's repr


def deque_annotation(args: list[Type], fail) -> Type:
    if len(args) != 1:
        raise fail("deque takes one type", "write deque[T]")
    if args[0] == ANY:  # an Any's operations would take it for the list it is laid out as
        raise fail("a deque of Any is not available yet", "give its items a type: deque[str], deque[int], ...")
    return deque_of(args[0])


def is_deque(ty: Type | None) -> bool:
    return isinstance(ty, DequeType)


class DequeChecks:
    def deque_call(self, node: py_ast.Call, expected: Type | None) -> Type:
        """``deque(iterable=(), maxlen=None)``: typed by its annotation, else by the iterable's items."""
        args = list(node.args)
        keywords = {k.arg: k.value for k in node.keywords}
        if len(args) > 2 or set(keywords) - {"iterable", "maxlen"} or any(
                isinstance(a, py_ast.Starred) for a in args) or ("maxlen" in keywords and len(args) == 2):
            raise self.fail(node, "deque() takes an iterable and maxlen here", "write deque(items, maxlen=3)")
        source = args[0] if args else keywords.get("iterable")
        maxlen = args[1] if len(args) == 2 else keywords.get("maxlen")
        if isinstance(expected, OptionalType):  # q: deque[int] | None = deque()
            expected = expected.inner
        ty = expected if is_deque(expected) else None
        if source is not None:
            source = self.deque_source(source, ty)
            ty = ty or deque_of(source.ty.item)
        if ty is None:
            raise self.fail(node, "the type of this deque is not known", ANNOTATE if not isinstance(
                expected, ListType) else "a deque is not a list: annotate it as deque[T]")
        if maxlen is not None:
            self.use(maxlen, optional_of(INT), what="maxlen")
        node.call = ("deque", "new", None, [source, maxlen])  # lower/deques.py
        return ty

    def deque_source(self, source: py_ast.expr, ty: DequeType | None) -> py_ast.expr:
        """The items as a list-layout value: a list, tuple[T, ...] or deque as it is, any other iterable
        through ``list(...)`` (a str's characters, a range's ints, a dict's keys...)."""
        wanted = ty and ListType(f"list[{ty.item}]", "i32", True, ty.item)
        if not _lazy(source):
            items = self.check(source, wanted)
        if _lazy(source) or not isinstance(items, (ListType, VarTupleType)):
            source = py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(
                py_ast.Name(id="list", ctx=py_ast.Load()), source), args=[source], keywords=[]), source)
            items = self.check(source, wanted)
        if ty is not None and items.item != ty.item:
            raise self.fail(source, f"the items of this {items} must be {ty.item}, not {items.item}")
        return source

    def deque_method(self, node: py_ast.Call, func: py_ast.Attribute, base: DequeType) -> Type:
        name = func.attr
        if name not in METHODS:  # every public method of CPython's deque is in METHODS
            raise self.fail(func, f"a deque has no method '{name}'", "see docs/stdlib.md for what a deque has")
        params, result = METHODS[name]
        if node.keywords or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, f"deque.{name}() takes its arguments by position only", "pass them in order")
        if not FEWEST_ARGUMENTS.get(name, len(params)) <= len(node.args) <= len(params):
            raise self.fail(node, f"deque.{name}() takes {len(params)} argument(s)", f"write d.{name}("
                            f"{', '.join('x' for _ in params)})")
        args = list(node.args)
        for param, arg in zip(params, args):
            if param == "item":
                self.use(arg, base.item, what=f"the argument of deque.{name}()")
            elif param == "int":
                self.use_int(arg, what=f"the argument of deque.{name}()")
        if params == ("items",):
            args = [self.deque_source(args[0], base)]
        self.refuse_unsearchable(node, name, base)
        node.call = ("deque", name, func.value, args)
        return {"item": base.item, "none": NONE, "int": INT, "deque": base}[result]

    def refuse_unsearchable(self, node: py_ast.Call, name: str, base: DequeType) -> None:
        if name == "count" and eq_kind(base.item) is None:
            raise self.fail(node, f"deque.count() on {base} is not supported in this version",
                            "count in a loop: sum(1 for x in d if x == v)")
        if name in ("remove", "index") and base.item not in REMOVABLE:
            raise self.fail(node, f"deque.{name}() on {base} is not available yet",
                            "find its index in a loop, then rotate it to an end and pop it")

    def deque_maxlen(self, node: py_ast.Attribute, base: DequeType) -> Type:
        """``d.maxlen``: an int or None (read only, as CPython's)."""
        if not isinstance(node.ctx, py_ast.Load):
            raise self.fail(node, "a deque's maxlen cannot be assigned", "make a new deque: deque(d, maxlen=n)")
        call = py_ast.copy_location(py_ast.Call(func=node, args=[], keywords=[]), node)
        call.call = ("deque", "maxlen", node.value, [])
        call.ty = optional_of(INT)
        node.replaced_by = call
        return call.ty


def _lazy(source: py_ast.expr) -> bool:
    """An iterable only list() (or a for loop) takes here: a generator expression, range(), map()..."""
    return isinstance(source, py_ast.GeneratorExp) or (
        isinstance(source, py_ast.Call) and isinstance(source.func, py_ast.Name)
        and source.func.id in ("range", "map", "filter", "zip", "enumerate", "reversed"))
