"""``itertools.zip_longest(a, b, ..., fillvalue=None)`` of lists, str or bytes, with CPython's steps.

CPython pulls from each iterator in turn; one that is exhausted is never pulled again and gives
the fill value; the call ends at the pull that exhausts the last active one (mid-tuple: the
items already pulled for that tuple are dropped). Here each source is walked by index (as
CPython's list iterator, re-reading the length, so a loop body's appends are seen) with its own
exhausted flag (lower/itertools_loops.py). The items of a source whose type is not the fill
value's are ``T | None`` for the default fill value None; another fill value must have every
source's item type.
"""
from __future__ import annotations

import ast as py_ast

from ..program import NONE, optional_of, tuple_of


class ZipLongestChecks:
    def plan_zip_longest(self, plan, call):
        fill = None
        for keyword in call.keywords:
            if keyword.arg != "fillvalue":
                raise self.fail(keyword, f"itertools.zip_longest() has no keyword argument '{keyword.arg}'",
                                "pass the iterables by position, and fillvalue= by name")
            fill = keyword.value
        if len(call.args) < 2:
            raise self.fail(call, "itertools.zip_longest() takes two or more iterables here",
                            "write zip_longest(a, b, fillvalue=...)")
        fill_ty = NONE if fill is None else self.check(fill)
        sources, items = [], []
        for arg in call.args:
            holder = py_ast.Pass()
            item = self.iteration(holder, arg)
            if holder.iteration[0] not in ("list", "text"):
                raise self.fail(arg, "itertools.zip_longest() takes lists, str or bytes here",
                                "make the items a list first: zip_longest(list(...), ...)")
            sources.append(holder.iteration[1])
            if item == fill_ty:
                items.append(item)
            elif fill_ty == NONE:
                items.append(optional_of(item))
            else:
                raise self.fail(fill, f"the fill value of zip_longest() is {fill_ty}, and items are {item}",
                                "use a fill value of the items' type, or None")
        plan.args = {"sources": sources, "fill": fill, "fill_ty": fill_ty, "items": items}
        return tuple_of(tuple(items))
