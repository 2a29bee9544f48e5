"""``for key, group in itertools.groupby(items, key=f)`` with CPython 3.11's state machine.

CPython's groupby and its groupers share one iterator and the state ``currkey``/``currvalue``/
``tgtkey``: the outer ``next()`` invalidates the previous group and pulls items (calling the
key) until the key differs from the last group's; a group's ``next()`` pulls at most one item
and stops at the first item of another key, which the next outer step then starts from. Here
that state is kept in hidden locals and lowered as CPython's steps (lower/groupby_loops.py), so
the key is called for the same items in the same order, between the same statements of the
loop body, whether the body consumes its group, part of it, or nothing.

Accepted: a ``for`` loop or comprehension clause unpacking ``key, group`` over groupby of a list,
str or bytes (walked by index, as CPython's list iterator); the group is used inside that loop,
as the iterable of a for loop or comprehension or the argument of list(), sum(), ... Keys are
int, str, bytes, bool or tuples of those (CPython compares keys by identity first: a float NaN
key would group differently). Anything else is a located error.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, BYTES, INT, STR, TupleType, tuple_of

GROUP_WHERE = ("a group of itertools.groupby() is an iterator: it is supported inside its loop, as the iterable "
               "of a for loop or comprehension or the argument of list(), sorted(), set(), sum(), any(), all(), "
               "min(), max(), str.join() or list.extend()")
FOR_HELP = "write: for key, group in groupby(items, key=f): ... list(group) ..."


class GroupbyChecks:
    def group_plans(self) -> dict:
        if not hasattr(self, "_group_plans"):
            self._group_plans, self._finished_groups = {}, set()
        return self._group_plans

    def groupby_iteration(self, owner, call):
        from .itertools_calls import Plan
        iterable, key = self.itertools_arguments(call, "groupby", 2, ("iterable", "key"), required=1)
        target = getattr(owner, "target", None)
        if not (isinstance(target, py_ast.Tuple) and len(target.elts) == 2
                and all(isinstance(e, py_ast.Name) for e in target.elts)):
            raise self.fail(call, "itertools.groupby() is supported as the iterable of a for loop or "
                            "comprehension unpacking each pair into a key and a group", FOR_HELP)
        group = target.elts[1].id
        self.refuse_captured_group(owner, group)
        plan = Plan("groupby", call)
        item = self.source(plan, call, iterable, [])
        if plan.source.iteration[0] not in ("list", "text"):
            raise self.fail(iterable, "itertools.groupby() takes a list, str or bytes here",
                            "make the items a list first: groupby(list(...), key=...)")
        if isinstance(key, py_ast.Constant) and key.value is None:
            key = None
        key_expr = plan.item_load if key is None else self.applied(key, [plan.item_load], "groupby()")
        key_ty = key_expr.ty
        if not _plain_key(key_ty):
            raise self.fail(key if key is not None else iterable, f"the keys of groupby() are {key_ty} here",
                            "use keys of type int, str, bytes or bool (or tuples of those)")
        state = {name: self.hidden(call, key_ty) for name in ("new_key", "key", "target")}
        state["value"] = self.hidden(call, item)
        same = _at(py_ast.Compare(left=state["target"]["load"], ops=[py_ast.Eq()],
                                  comparators=[state["key"]["load"]]), call)
        self.check(same)
        plan.args, plan.state = {"key": key_expr, "same": same}, state
        self.group_plans()[group] = plan
        owner.iteration = ("groupby", plan)
        return tuple_of((key_ty, INT))  # the group's own local is never read: its uses are the plan's

    def refuse_captured_group(self, owner, group: str) -> None:
        scope = owner.body if isinstance(owner, py_ast.For) else []
        for node in (n for stmt in scope for n in py_ast.walk(stmt)):
            if isinstance(node, (py_ast.Lambda, py_ast.FunctionDef)) and any(
                    isinstance(n, py_ast.Name) and n.id == group for n in py_ast.walk(node)):
                raise self.fail(node, "a group of itertools.groupby() cannot be used by a nested function",
                                "loop over the group in the loop body itself")

    def group_iteration(self, owner, iterable):
        """``for v in group`` (or a comprehension over it) inside its groupby loop, or None."""
        if isinstance(iterable, py_ast.Name) and iterable.id in self.group_plans():
            plan = self.group_plans()[iterable.id]
            owner.iteration = ("group", plan)
            return plan.state["value"]["ty"]
        return None

    def is_group(self, node) -> bool:
        return isinstance(node, py_ast.Name) and node.id in self.group_plans()

    def check_Name(self, node, expected=None):
        plans = self.group_plans()
        if isinstance(node.ctx, py_ast.Load) and node.id in plans:
            raise self.fail(node, GROUP_WHERE, "write list(group) to keep its items in a list")
        if isinstance(node.ctx, py_ast.Load) and node.id in self._finished_groups:
            raise self.fail(node, "a group of itertools.groupby() is used only inside its loop here",
                            "keep list(group) in a variable inside the loop")
        return super().check_Name(node, expected)

    def stmt_For(self, stmt):
        before = set(self.group_plans())
        try:
            super().stmt_For(stmt)
        finally:
            self.finish_groups(before)

    def comprehension(self, node, elements):
        before = set(self.group_plans())
        try:
            return super().comprehension(node, elements)
        finally:
            self.finish_groups(before)

    def finish_groups(self, before: set) -> None:
        plans = self.group_plans()
        for name in set(plans) - before:
            del plans[name]
            self._finished_groups.add(name)


def _plain_key(ty) -> bool:
    if isinstance(ty, TupleType):
        return all(_plain_key(t) for t in ty.items)
    return ty in (INT, STR, BYTES, BOOL)


def _at(node, where):
    return py_ast.copy_location(node, where)
