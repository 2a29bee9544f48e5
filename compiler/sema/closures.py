"""Nested functions and closures: a nested ``def`` or a lambda reading (or, after ``nonlocal``,
writing) variables of the enclosing function, with CPython's late binding.

A variable of a function that a nested function uses is a *cell* of that function: it lives in
a heap object shared by the function and every closure made from it, so each sees the other's
later assignments, also after the enclosing function has returned (lower/closures.py). What
lowering reads: ``fn.free`` on a nested function, the ``(name inside, name outside)`` pairs it
captures in order (None on a function that is not nested); ``fn.cells`` on any function, its
locals that nested functions capture (names as lowering stores them); ``stmt.fn_value`` on a
nested ``def``.

Limits: a captured variable must be assigned, with its type known, before the nested function
is defined (the function's own name excepted, so it may call itself); a variable some nested
function writes through ``nonlocal`` is never narrowed (any call could change it).
"""
from __future__ import annotations

import ast as py_ast

from .. import cache
from ..program import FuncSym, Type
from .statement_walk import statements
from .types import TypeError_

SCOPES = (py_ast.FunctionDef, py_ast.Lambda)
ASSIGN_FIRST = "assign it before the nested function (or lambda) is defined"


def own_nodes(nodes: list[py_ast.AST]):
    """The nodes of a scope's body, and its nested functions, without descending into them."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, SCOPES):
            continue
        stack.extend(reversed(list(py_ast.iter_child_nodes(node))))


def scope_body(node: py_ast.AST) -> list[py_ast.AST]:
    return [node.body] if isinstance(node, py_ast.Lambda) else list(node.body)


def local_names(node: py_ast.AST) -> set[str]:
    """What ``node`` (a function or lambda) binds itself: parameters, assignments, nested defs."""
    names = {a.arg for a in node.args.args}
    declared = set()
    for sub in own_nodes(scope_body(node)):
        if sub is node:
            continue
        if isinstance(sub, py_ast.Name) and isinstance(sub.ctx, py_ast.Store):
            names.add(sub.id)
        elif isinstance(sub, py_ast.FunctionDef):
            names.add(sub.name)
        elif isinstance(sub, py_ast.ExceptHandler) and sub.name:
            names.add(sub.name)
        elif isinstance(sub, (py_ast.Nonlocal, py_ast.Global)):
            declared |= set(sub.names)
    return names - declared


def free_names(node: py_ast.AST) -> list[tuple[str, py_ast.AST]]:
    """Names ``node`` and the functions nested in it use without binding them, in order of
    first use, each with the node of its first use."""
    bound = local_names(node)
    found: dict[str, py_ast.AST] = {}
    for sub in own_nodes(scope_body(node)):
        if isinstance(sub, py_ast.Name) and sub.id not in bound:
            found.setdefault(sub.id, sub)
        elif isinstance(sub, py_ast.Nonlocal):
            for name in sub.names:
                found.setdefault(name, sub)
        elif isinstance(sub, SCOPES) and sub is not node:
            for name, use in free_names(sub):
                if name not in bound:
                    found.setdefault(name, use)
    return list(found.items())


def nonlocal_written(tree: py_ast.AST) -> set[str]:
    """Names some function nested in ``tree`` declares ``nonlocal`` (never narrowed)."""
    body = tree.body if isinstance(tree.body, list) else []  # a lambda's is an expression
    return {n for sub in statements(body) if isinstance(sub, py_ast.Nonlocal) for n in sub.names}


def nested_facts(node: py_ast.AST) -> tuple[frozenset, frozenset]:
    """The names of the defs nested directly in a function, and the names its nested functions
    declare ``nonlocal``."""
    defs = {s.name for s in own_nodes(list(node.body)) if isinstance(s, py_ast.FunctionDef) and s is not node}
    return frozenset(defs), frozenset(nonlocal_written(node))


def capture(checker, node: py_ast.AST, inner: FuncSym, own_name: str | None = None) -> None:
    """Find what ``inner`` (made from ``node`` inside ``checker``'s function) captures: each
    variable becomes a cell of the enclosing function (or passes through it, from further out)."""
    from .infer import UnknownLiteral
    outer = checker.fn
    free: list[tuple[str, str]] = []
    for name, use in free_names(node):
        storage = checker.comp_renames.get(name, name)
        if storage not in checker.local_names or storage in checker.global_names:
            if isinstance(use, py_ast.Nonlocal):
                raise checker.fail(use, f"no binding for nonlocal '{name}' found",
                                   "assign it in the enclosing function first")
            continue  # a global or built-in, found the usual way
        if outer.name == "<module>":  # a comprehension variable of a global's initializer
            raise checker.fail(use, f"a lambda in a global's initializer cannot read '{name}'",
                               "build the value in a function")
        ty: Type | None = outer.locals.get(storage)
        if ty is None or isinstance(ty, UnknownLiteral) or (
                checker.assigned is not None and storage not in checker.assigned and name != own_name):
            raise checker.fail(use, f"'{name}' is read by a nested function before it is assigned "
                               "(or before its type is known)", ASSIGN_FIRST)
        inner.locals[name] = ty
        free.append((name, storage))
        if storage not in {inside for inside, _ in (outer_free(outer))}:
            cells_of(outer).add(storage)
    inner.free = free


def outer_free(fn: FuncSym) -> list[tuple[str, str]]:
    return getattr(fn, "free", None) or []


def cells_of(fn: FuncSym) -> set[str]:
    if not hasattr(fn, "cells"):
        fn.cells = set()
    return fn.cells


def enter(checker) -> None:
    """At the start of checking a function: its nested defs' names are locals; what it captures
    is a local already assigned."""
    fn = checker.fn
    defs, written = cache.function_fact(fn, "nested", lambda: nested_facts(fn.node))
    checker.local_names |= defs - checker.global_names
    checker.shared_names = written | getattr(fn, "shared_names", set())
    for inside, _ in outer_free(fn):
        checker.local_names.add(inside)
        if checker.assigned is not None:
            checker.assigned.add(inside)


class ClosureChecks:
    """The statement checks of nested functions (mixed into sema.check.FunctionChecker)."""

    def stmt_FunctionDef(self, stmt: py_ast.FunctionDef) -> None:
        from .callables import function_type
        from .check import FunctionChecker
        from .check_expr import Bail
        from .declare import signature
        outer = self.fn
        if stmt.args.defaults or stmt.decorator_list:
            raise self.fail(stmt, "a nested function takes no default values or decorators here",
                            "pass every argument: a function value is called with all of them")
        if stmt.args.vararg or stmt.args.kwarg:
            raise self.fail(stmt.args.vararg or stmt.args.kwarg, "a nested function cannot take *args or **kwargs here",
                            "take a tuple[T, ...] or dict[str, T] parameter, or define the function at module level")
        inner = FuncSym(f"{outer.qualname}.<locals>.{stmt.name}@{stmt.lineno}", self.module, stmt)
        try:
            signature(inner)
        except TypeError_ as err:  # declare's located diagnostic
            self.untyped.add(stmt.name)  # its uses are not reported again
            raise Bail(err.diagnostic) from None
        ty = function_type(inner)
        declared = outer.locals.setdefault(stmt.name, ty)
        if declared != ty:
            raise self.fail(stmt, f"'{stmt.name}' was declared as {declared}")
        if self.assigned is not None:
            self.assigned.add(stmt.name)
        capture(self, stmt, inner, own_name=stmt.name)
        inner.shared_names = self.shared_names
        self.errors.extend(FunctionChecker(inner).check_function())
        stmt.fn_value = inner
        self.module.namespace[f"<def>@{inner.qualname}"] = inner

    def stmt_Nonlocal(self, stmt: py_ast.Nonlocal) -> None:
        for name in stmt.names:
            if name not in {inside for inside, _ in outer_free(self.fn)}:
                raise self.fail(stmt, f"no binding for nonlocal '{name}' found",
                                "'nonlocal' names a variable of an enclosing function")
