"""``functools.reduce(f, items[, initial])`` with CPython 3.11's steps and TypeError.

CPython takes the first item as the running value when there is no initial one, then calls
``f(value, item)`` for each further item, pulling one at a time; with no item and no initial
value it raises TypeError("reduce() of empty iterable with no initial value"). Here the items
are any iterable a ``for`` loop takes (a generator expression or an itertools call too), ``f`` a
lambda of two parameters or a function's name (sema/itertools_calls.py's ``applied``), and
lowering (lower/itertools_loops.py) is that loop, the running value a hidden local.
"""
from __future__ import annotations

import ast as py_ast

EMPTY = "reduce() of empty iterable with no initial value"


class ReduceChecks:
    def check_reduce(self, node: py_ast.Call, expected=None):
        from .itertools_calls import Plan
        if node.keywords:
            raise self.fail(node.keywords[0], "reduce() takes no keyword arguments",
                            "pass the initial value by position: reduce(f, items, initial)")
        if not 2 <= len(node.args) <= 3 or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "reduce() takes a function, an iterable and an optional initial value",
                            "write reduce(f, items) or reduce(f, items, initial)")
        func, iterable, initial = (node.args + [None])[:3]
        plan = Plan("reduce", node)
        item = self.source(plan, node, iterable, [initial] if initial is not None else [])
        total_ty = item if initial is None else self.check(initial)
        total = self.hidden(node, total_ty)
        step = self.applied(func, [total["load"], plan.item_load], "reduce()")
        if step.ty != total_ty:
            raise self.fail(func, f"the function of reduce() returns {step.ty}, not {total_ty} as its running "
                            "value", "return the type of the items (or of the initial value)")
        if initial is None and item != total_ty:
            raise self.fail(iterable, "the items of reduce() must have the type of its running value",
                            "pass an initial value of the running value's type")
        plan.args = {"initial": initial, "step": step, "empty": self.error_value(node, "TypeError", EMPTY)}
        plan.state = {"total": total}
        node.call = ("reduce", plan)
        return total_ty
