"""Generator expressions where CPython consumes them at once, with CPython's lazy order.

A generator object is never a value here: a ``(e for x in xs)`` is accepted only where the
consumer pulls every item (or stops early) before anything else runs, so it lowers to loops
(lower/generators.py) and gives the same calls in the same order as CPython's lazy iterator:

- ``list()``, ``tuple()``, ``dict()``, ``sorted()``, ``set()``, ``frozenset()``, ``str.join()``, ``min()``/``max()``:
  CPython drains the generator before any user code of theirs runs, so the generator is the
  list comprehension it equals (``min``/``max`` with ``key=`` call the key between items: the
  comprehension is exact only while the items run no code of the program, which is checked).
- ``any()``, ``all()``, ``sum()``, ``list.extend()``, ``for`` loops and ``enumerate()`` in a
  ``for``: one inline loop nest, stopping early where CPython stops pulling.

Arguments evaluated after the generator was made (``sum``'s start, ``min``'s default,
``enumerate``'s start) must be constants or variables: the loop evaluates the generator's first
iterable when it starts, after them. Calls of generator functions (``yield``) are made generator
expressions over them here, and inlined (sema/generator_functions.py).
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, FLOAT, INT, ClassType, tuple_of
from .types import runs_user_code

ITEM = "__generated"
DRAINING_HELP = "write a list comprehension [...] and use the list"
WHERE = ("a generator expression is supported as the argument of any(), all(), sum(), min(), max(), "
         "sorted(), list(), tuple(), dict(), set(), frozenset(), str.join() or list.extend(), or as the iterable "
         "of a for loop")


class GeneratorChecks:
    def check_GeneratorExp(self, node: py_ast.GeneratorExp, expected=None):
        written = getattr(node, "written_as", None)  # map()/filter(): sema/lazy_map_filter.py
        if written is not None:
            raise self.fail(node, WHERE.replace("a generator expression", f"{written}()"),
                            f"write list({written}(...)) and use the list")
        raise self.fail(node, WHERE, DRAINING_HELP)

    # -- consumers that drain the generator first: the list comprehension it equals ---------------
    def builtin_list(self, node, expected):
        drained(self, node, "list")
        return super().builtin_list(node, expected)

    def builtin_sorted(self, node, expected):
        drained(self, node, "sorted")
        return super().builtin_sorted(node, expected)

    def builtin_tuple(self, node, expected):
        drained(self, node, "tuple")
        return super().builtin_tuple(node, expected)

    def builtin_dict(self, node, expected):
        drained(self, node, "dict")  # dict((k, v) for ...): of the list of pairs
        return super().builtin_dict(node, expected)

    def builtin_set(self, node, expected, name: str = "set"):
        drained(self, node, name)
        return super().builtin_set(node, expected, name)

    def set_consumer(self, node) -> None:
        if not (node.args and isinstance(node.args[0], py_ast.GeneratorExp)):
            super().set_consumer(node)  # a generator is checked once, by the built-in itself

    def builtin_min(self, node, expected):
        return self.generator_extremum(node, expected, "min")

    def builtin_max(self, node, expected):
        return self.generator_extremum(node, expected, "max")

    def generator_extremum(self, node, expected, name: str):
        comp = drained(self, node, name)
        for keyword in node.keywords if comp is not None else ():
            if keyword.arg == "default" and not _reads_only(keyword.value):  # evaluated after every item here
                raise self.fail(keyword.value, f"with a generator expression, the default of {name}() must be a "
                                "constant or a variable here", "CPython evaluates it before the generator's first "
                                "item: compute it into a variable first")
        ty = getattr(super(), f"builtin_{name}")(node, expected)
        if comp is not None and getattr(node, "sort_key", (None,))[0] is not None:
            for part in (comp.elt, *(c for clause in comp.generators for c in clause.ifs)):
                busy = next((n for n in py_ast.walk(part) if isinstance(n, py_ast.expr) and runs_code(n)), None)
                if busy is not None:
                    raise self.fail(busy, f"{name}() with key= calls the key between the items of a generator: "
                                    "here an item runs code, whose order would differ",
                                    "compute the items into a list first, then call "
                                    f"{name}(items, key=...)")
        return ty

    def method_call(self, node, func):
        gen = node.args[0] if func.attr in ("join", "extend") and len(node.args) == 1 and not node.keywords \
            and isinstance(node.args[0], py_ast.GeneratorExp) else None
        if gen is None:
            return super().method_call(node, func)
        node.args[0] = as_list(gen)
        if func.attr == "extend":
            node.extend_generator = node.args[0]  # appended item by item (lower/generators.py)
        ty = super().method_call(node, func)
        if getattr(node, "call", ("",))[0] != "type-method":  # a method of the program would get a generator
            raise self.fail(gen, WHERE, DRAINING_HELP)
        return ty

    # -- consumers that pull item by item -------------------------------------------------------
    def iteration(self, owner, iterable):
        if isinstance(iterable, py_ast.GeneratorExp):
            (ty,) = self.comprehension(iterable, lambda: [self.check(iterable.elt)])
            owner.iteration = ("generator", iterable)
            return ty
        return super().iteration(owner, iterable)

    def iteration_combined(self, owner, call):
        if not any(isinstance(arg, py_ast.GeneratorExp) for arg in call.args):
            return super().iteration_combined(owner, call)
        if call.func.id == "zip":
            return self.zip_generator(owner, call)
        start = self.enumerate_start(call)
        if not isinstance(call.args[0], py_ast.GeneratorExp):
            raise self.fail(call.args[1], "enumerate()'s start cannot be a generator expression")
        holder = py_ast.Pass()
        item = self.iteration(holder, call.args[0])
        if start is not None:
            simple_argument(self, start, "the start of enumerate()", call.args[0])
            self.use_int(start, what="the start of enumerate()")
        owner.iteration = ("enumerate_generator", call.args[0], start)
        return tuple_of((INT, item))

    def zip_generator(self, owner, call):
        """zip() of a generator and a list, str or bytes, in either order. CPython pulls from the
        first, then the second: a generator second is pulled only while the first has an item,
        which the loop nest keeps when finding the next item runs nothing (one plain clause)."""
        if len(call.args) != 2 or call.keywords or all(isinstance(a, py_ast.GeneratorExp) for a in call.args):
            raise self.fail(call, "zip() over a generator expression takes it and one list, str or bytes here")
        gen_first = isinstance(call.args[0], py_ast.GeneratorExp)
        gen, other = call.args if gen_first else call.args[::-1]
        holder, other_holder = py_ast.Pass(), py_ast.Pass()
        if gen_first:
            item = self.iteration(holder, gen)
            other_item = self.iteration(other_holder, other)
            simple_argument(self, other, "the other iterable of zip()", gen)
        else:
            other_item = self.iteration(other_holder, other)
            item = self.iteration(holder, gen)
            clause = gen.generators[0]
            if len(gen.generators) != 1 or clause.ifs or clause.iteration[0] not in ("list", "text", "range"):
                raise self.fail(gen, "zip() pulls its second iterable only while the first has items: this "
                                "generator's clauses would run before that test", "put the generator first")
        if other_holder.iteration[0] not in ("list", "text"):
            raise self.fail(other, "zip() with a generator expression takes a list, str or bytes beside it")
        owner.iteration = ("zip_generator", gen, other, gen_first)
        return tuple_of((item, other_item) if gen_first else (other_item, item))

    def builtin_any(self, node, expected):
        return self.truth_fold(node, "any")

    def builtin_all(self, node, expected):
        return self.truth_fold(node, "all")

    def truth_fold(self, node, name: str):
        if len(node.args) != 1 or node.keywords:
            raise self.fail(node, f"{name}() takes exactly one argument (an iterable)")
        gen = node.generator = as_generator(node.args[0])
        self.comprehension(gen, lambda: [self.truthy(gen.elt)])
        node.bound = []
        return BOOL

    def builtin_sum(self, node, expected):
        starts = [k.value for k in node.keywords if k.arg == "start"]
        if not 1 <= len(node.args) + len(starts) <= 2 or len(starts) != len(node.keywords) or not node.args:
            raise self.fail(node, "sum() takes an iterable and a start: sum(items) or sum(items, start)")
        start = (node.args[1:] + starts or [None])[0]
        gen = node.generator = as_generator(node.args[0])
        (item,) = self.comprehension(gen, lambda: [self.check(gen.elt)])
        total = INT
        if start is not None:
            simple_argument(self, start, "the start of sum()", gen)
            total = self.expect(start, INT, FLOAT, BOOL, what="the start of sum()")
            total = INT if total == BOOL else total
        if item not in (INT, BOOL, FLOAT):
            raise self.fail(gen.elt, f"sum() adds int, bool or float items here, not {item}",
                            "convert the items, or add them in a loop")
        if item == FLOAT and total == INT:
            raise self.fail(node, "sum() of floats starts from the int 0, and gives that int when there is "
                            "no item", "pass a float start: sum(items, 0.0)")
        node.sum_start, node.bound = start, []
        return total


def drained(checker, node: py_ast.Call, name: str) -> py_ast.ListComp | None:
    """Replace a generator first argument of ``node`` by its list comprehension (returned)."""
    if len(node.args) != 1 or not isinstance(node.args[0], py_ast.GeneratorExp):
        return None
    node.args[0] = as_list(node.args[0])
    return node.args[0]


def as_list(gen: py_ast.GeneratorExp) -> py_ast.ListComp:
    return py_ast.copy_location(py_ast.ListComp(elt=gen.elt, generators=gen.generators), gen)


def as_generator(iterable: py_ast.expr) -> py_ast.GeneratorExp:
    """``iterable`` itself if a generator expression, else ``(v for v in iterable)``, which
    CPython's consumers iterate the same way."""
    if isinstance(iterable, py_ast.GeneratorExp):
        return iterable
    target = py_ast.copy_location(py_ast.Name(id=ITEM, ctx=py_ast.Store()), iterable)
    clause = py_ast.comprehension(target=target, iter=iterable, ifs=[], is_async=0)
    elt = py_ast.copy_location(py_ast.Name(id=ITEM, ctx=py_ast.Load()), iterable)
    return py_ast.copy_location(py_ast.GeneratorExp(elt=elt, generators=[clause]), iterable)


def simple_argument(checker, arg: py_ast.expr, what: str, gen: py_ast.GeneratorExp) -> None:
    """An argument CPython evaluates after the generator's first iterable, but the loop before it:
    the order cannot matter when evaluating one of them runs nothing."""
    if _reads_only(gen.generators[0].iter) or _reads_only(arg):
        return
    raise checker.fail(arg, f"with a generator expression, {what} must be a constant or a variable here",
                       "CPython evaluates it after the generator's first iterable: compute it into a "
                       "variable first")


def _reads_only(arg: py_ast.expr) -> bool:
    if isinstance(arg, py_ast.UnaryOp) and isinstance(arg.op, py_ast.USub):
        arg = arg.operand
    return isinstance(arg, (py_ast.Constant, py_ast.Name))  # an undefined name fails when checked


def runs_code(node: py_ast.expr) -> bool:
    """Whether evaluating ``node`` itself may run code of the program or raise: calls, and
    operations that can fail (arithmetic, indexing) or call methods of objects."""
    if isinstance(node, (py_ast.Call, py_ast.BinOp, py_ast.Subscript, py_ast.NamedExpr, py_ast.ListComp,
                         py_ast.DictComp, py_ast.SetComp, py_ast.JoinedStr)):
        return True
    if isinstance(node, py_ast.UnaryOp) and isinstance(node.op, py_ast.USub):
        return True  # -(-2**63) overflows
    if isinstance(node, py_ast.Attribute):  # a property's getter, or an Any's lookup
        return hasattr(node, "property_call") or not isinstance(getattr(node.value, "ty", None), ClassType)
    return runs_user_code(node)

