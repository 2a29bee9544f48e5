"""``map(f, xs)`` and ``filter(f, xs)`` as the generator expressions they equal, wherever CPython's
lazy iterator is consumed as a generator is (sema/generators.py: a ``for`` loop, ``sum``, ``any``,
``all``, ``list``, ``sorted``, ``min``/``max``, ``str.join``, ...):

- ``map(f, xs)`` is ``(f(v) for v in xs)``; ``map(f, xs, ys)`` is ``(f(a, b) for a, b in zip(xs, ys))``;
  ``map(lambda x: e, xs)`` is ``(e for x in xs)``;
- ``filter(f, xs)`` is ``(v for v in xs if f(v))``; ``filter(None, xs)`` is ``(v for v in xs if v)``.

CPython evaluates ``f`` once, when map() is called; the generator reads the name once per item.
That is the same function only where nothing can rebind the name meanwhile: a lambda, a function
or class of the module, or a built-in (not a local variable, which a loop body could assign). Other
functions stay with sema/map_filter.py (consumers that drain at once). The rewrite runs on a
function's body before it is checked, leaving nested functions and lambdas to their own checks.
"""
from __future__ import annotations

import ast as py_ast

from ..program import GlobalSym
from .builtins import is_builtin_call

ITEM = "__mapped"


def rewrite_body(checker, body: list[py_ast.stmt]) -> None:
    text = checker.module.text
    if "map(" in text or "filter(" in text:  # most modules call neither: no body to walk
        _Rewriter(checker).visit_all(body)


class _Rewriter(py_ast.NodeTransformer):
    def __init__(self, checker):
        self.checker = checker

    def visit_all(self, body: list[py_ast.stmt]) -> None:
        for index, stmt in enumerate(body):
            body[index] = self.visit(stmt)

    def visit_FunctionDef(self, node):
        return node  # checked with its own names

    visit_AsyncFunctionDef = visit_Lambda = visit_ClassDef = visit_FunctionDef

    def visit_Call(self, node: py_ast.Call):
        self.generic_visit(node)
        lazy = as_generator(self.checker, node)
        return lazy if lazy is not None else node


def as_generator(checker, call: py_ast.Call) -> py_ast.GeneratorExp | None:
    """The generator expression ``call`` equals, or None to leave it as it is."""
    if not is_builtin_call(checker, call, "map", "filter"):
        return None
    func = call.func
    if call.keywords or any(isinstance(a, py_ast.Starred) for a in call.args):
        return None
    sources = call.args[1:]
    if not sources or (func.id == "filter" and len(sources) != 1):
        return None
    names = _parameters(checker, call.args[0], len(sources))
    if names is None or (func.id == "map" and _is_none(call.args[0])):  # map(None, xs): CPython's TypeError
        return None
    loads = [_at(py_ast.Name(id=n, ctx=py_ast.Load()), call) for n in names]
    applied = _applied(call.args[0], loads)
    if func.id == "map":
        element, conditions = applied, []
    else:
        element, conditions = loads[0], [applied]
    gen = _at(py_ast.GeneratorExp(elt=element, generators=[_clause(names, sources, conditions, call)]), call)
    gen.written_as = func.id
    return gen


def _parameters(checker, f: py_ast.expr, count: int) -> list[str] | None:
    if isinstance(f, py_ast.Lambda):
        arguments = f.args
        if arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.defaults \
                or arguments.posonlyargs or len(arguments.args) != count:
            return None
        return [a.arg for a in arguments.args]
    fixed = isinstance(f, py_ast.Name) and f.id not in checker.local_names and f.id not in checker.global_names \
        and not isinstance(checker.module.namespace.get(f.id), GlobalSym)  # a variable: another function may rebind it
    return [f"{ITEM}{i}" for i in range(count)] if fixed or _is_none(f) else None


def _is_none(f: py_ast.expr) -> bool:
    return isinstance(f, py_ast.Constant) and f.value is None


def _applied(f: py_ast.expr, loads: list[py_ast.Name]) -> py_ast.expr:
    if isinstance(f, py_ast.Lambda):
        return f.body
    if _is_none(f):
        return _at(py_ast.Name(id=loads[0].id, ctx=py_ast.Load()), f)  # filter(None, xs): the item's own truth
    return _at(py_ast.Call(func=f, args=loads, keywords=[]), f)


def _clause(names: list[str], sources: list[py_ast.expr], conditions, where) -> py_ast.comprehension:
    if len(names) == 1:
        target, source = _at(py_ast.Name(id=names[0], ctx=py_ast.Store()), where), sources[0]
    else:
        target = _at(py_ast.Tuple(elts=[_at(py_ast.Name(id=n, ctx=py_ast.Store()), where) for n in names],
                                  ctx=py_ast.Store()), where)
        source = _at(py_ast.Call(func=_at(py_ast.Name(id="zip", ctx=py_ast.Load()), where), args=list(sources),
                                 keywords=[]), where)
    return py_ast.comprehension(target=target, iter=source, ifs=conditions, is_async=0)


def _at(node, where: py_ast.AST):
    return py_ast.copy_location(node, where)
