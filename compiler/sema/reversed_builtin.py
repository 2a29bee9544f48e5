"""``reversed(x)`` where CPython's reverse iterator is consumed at once.

- The iterable of a ``for`` loop or comprehension: a list, tuple[T, ...], str or bytes walked from
  its last index down (lower/loops.py ``iterate_reversed``; a list that shrinks under the loop ends
  it, as CPython's iterator does), or ``reversed(range(...))``, the range from its last item.
- The argument of ``list()``, ``tuple()``, ``sorted()``, ``min()``/``max()``, ``str.join()``: these
  drain the iterator before any code of the program runs, so it is the slice ``x[::-1]`` (of a str
  or bytes, ``list(x[::-1])``: its characters or byte values).
Elsewhere (kept in a variable, passed to ``next()``) it is refused, located.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BYTES, INT, STR, ListType, Type, VarTupleType
from .builtins import is_builtin_call

SEQUENCES = "a list, tuple, str, bytes or range()"
WHERE = ("reversed() is supported as the iterable of a for loop or comprehension, or as the argument of "
         "list(), tuple(), sorted(), min(), max() or str.join()")


def is_reversed(checker, node: py_ast.expr) -> bool:
    return is_builtin_call(checker, node, "reversed")


def reversed_argument(checker, call: py_ast.Call) -> py_ast.expr:
    if len(call.args) != 1 or call.keywords or isinstance(call.args[0], py_ast.Starred):
        raise checker.fail(call, "reversed() takes exactly one argument", "reversed(items)")
    return call.args[0]


def reversed_iteration(checker, owner: py_ast.AST, call: py_ast.Call) -> Type:
    """What a for loop over ``reversed(x)`` yields; records ``owner.iteration``."""
    arg = reversed_argument(checker, call)
    if is_builtin_call(checker, arg, "range"):
        if arg.keywords or not 1 <= len(arg.args) <= 3:
            raise checker.fail(arg, "range() takes 1 to 3 positional arguments")
        for bound in arg.args:
            checker.use_int(bound, what="a range() argument")
        owner.iteration = ("range", arg.args, True)
        return INT
    ty = _sequence(checker, arg)
    owner.iteration = ("reversed", arg)
    return ty.item if isinstance(ty, (ListType, VarTupleType)) else STR if ty == STR else INT


def as_slice(checker, call: py_ast.Call) -> py_ast.expr:
    """``x[::-1]``: what a consumer that drains ``reversed(x)`` at once sees."""
    arg = reversed_argument(checker, call)
    ty = _sequence(checker, arg)
    step = py_ast.copy_location(py_ast.UnaryOp(op=py_ast.USub(), operand=py_ast.Constant(1)), arg)
    whole = py_ast.copy_location(py_ast.Slice(lower=None, upper=None, step=step), arg)
    sliced = py_ast.copy_location(py_ast.Subscript(value=arg, slice=whole, ctx=py_ast.Load()), call)
    if ty not in (STR, BYTES):
        return sliced
    func = py_ast.copy_location(py_ast.Name(id="list", ctx=py_ast.Load()), call)
    return py_ast.copy_location(py_ast.Call(func=func, args=[sliced], keywords=[]), call)  # its items


def _sequence(checker, arg: py_ast.expr) -> Type:
    ty = checker.check(arg)
    if not (isinstance(ty, (ListType, VarTupleType)) or ty in (STR, BYTES)):
        help_ = "reverse a copy: reversed(list(d))" if "dict" in str(ty) else f"reversed() takes {SEQUENCES}"
        raise checker.fail(arg, f"reversed() of {ty} is not supported", help_)
    return ty


class ReversedChecks:
    def builtin_reversed(self, node: py_ast.Call, expected: Type | None) -> Type:
        raise self.fail(node, WHERE, "or copy it: list(reversed(items)), or items[::-1]")
