"""``random.choice``, ``shuffle``, ``sample`` and ``choices``: generic in their sequence's item type.

Problem: the subset has no generic functions, yet ``choice(names)`` gives a str and ``choice(ports)``
an int. Accepts: a call of one of compiler/stdlib/random.py's four, written for ``list[int]``, whose
sequence argument is a ``list[T]`` (or, for choice and sample, a ``tuple[T, ...]``, held as a list).
Guarantees: the call is checked with the sequence parameter (and the result) typed by T, and runs
the stdlib function as is: it only moves 8-byte slots, alike in every list (lower/random_calls.py
turns choice's slot into a T). Other sequences (str, a fixed tuple, a set, a dict, a deque) are
located errors naming what to pass instead.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import replace
from ..program import FuncSym, Param, ListType, Type, VarTupleType, list_of
from .check_expr import Bail
from .star_args import argument_positions

GENERIC = ("random.choice", "random.shuffle", "random.sample", "random.choices")
LISTS_ONLY = ("random.shuffle", "random.choices")


def is_generic_random(fn: FuncSym) -> bool:
    return fn.qualname in GENERIC


class RandomCallChecks:
    def generic_random_call(self, node: py_ast.Call, fn: FuncSym) -> Type:
        name = fn.name
        if any(isinstance(a, py_ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise self.fail(node, f"random.{name}() takes its arguments one by one here", "pass each argument")
        bound = self.given_arguments(node, fn.params, name, node.args)
        if bound[0] is None:
            raise self.fail(node, f"{name}() takes the sequence as its first argument", f"write random.{name}(xs)")
        if isinstance(bound[0], py_ast.Call) and isinstance(bound[0].func, py_ast.Name) \
                and bound[0].func.id in ("range", "map", "filter", "zip", "enumerate", "reversed"):
            raise self.fail(bound[0], f"random.{name}() of {bound[0].func.id}() is not available yet",
                            f"pass a list: random.{name}(list({bound[0].func.id}(...)))")
        seq = self.check(bound[0])
        allowed = (ListType,) if fn.qualname in LISTS_ONLY else (ListType, VarTupleType)
        if not (isinstance(seq, allowed) and type(seq) in (ListType, VarTupleType)):
            raise self.fail(bound[0], f"random.{name}() of {seq} is not available yet",
                            f"pass a list: random.{name}(list(xs))")
        for index, param in enumerate(fn.params[1:], 1):
            if bound[index] is None and param.default is None:
                raise self.fail(node, f"{name}() is missing the argument '{param.name}'",
                                f"pass it: random.{name}(..., {param.name}=...)")
            if bound[index] is None:
                bound[index] = param.default
            self.use_argument(bound[index], param, name)
        node.bound = bound
        names = [p.name for p in fn.params]
        positions = argument_positions(fn.params, len(node.args), [names.index(k.arg) for k in node.keywords])
        if positions != sorted(positions):
            node.evaluation_order = positions  # CPython evaluates arguments in source order
        node.call = ("slot-function", fn) if name == "choice" else ("function", fn)
        return seq.item if name == "choice" else list_of(seq.item) if name != "shuffle" else fn.result

    def use_argument(self, arg: py_ast.expr, param: Param, name: str) -> None:
        try:
            self.use(arg, param.ty, what=f"argument '{param.name}' of {name}()")
        except Bail as bail:
            found = bail.diagnostic
            if "weights" in param.name and found is not None and not found.help:  # ours takes float weights
                raise Bail(replace(found, help="pass float weights: [float(w) for w in weights]")) from None
            raise
