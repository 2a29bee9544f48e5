"""``import X`` and ``import X.Y as Z``, rewritten into the from-imports the rest of the compiler reads.

Problem: the compiler has no module objects, yet ``import json; json.loads(s)`` is how most Python
reads. Accepts: a parsed module. Guarantees: each top-level ``import X.Y`` becomes
``from X.Y import`` (nothing: the module is still found, or its absence reported, at the import),
and each use ``X.Y.name`` becomes the name ``X.Y.name`` bound by a synthetic
``from X.Y import name as X.Y.name`` located at the use, so sema and stdlib_check see ordinary
from-imports and report at the use. A dotted name cannot clash with a program's identifiers. A
module name used as a value, assigned, rebound anywhere in the file (a parameter, a local, ...) or
an attribute assigned through it is a located error: ``json.x = 1`` or a local ``json`` would
mean something else than the from-import. Code under ``if __name__ == "__main__":`` runs only
under CPython and is left alone, as sema leaves it.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import SourceModule

VALUE_HELP = "a compiled filter has no module objects: use its names directly, as in json.loads(s)"


def rewrite(module: SourceModule) -> list[Diagnostic]:
    imports = [stmt for stmt in module.tree.body if isinstance(stmt, py_ast.Import)]
    if not imports:
        return []
    bound: dict[str, str] = {}  # local name -> the module it names
    known: set[str] = set()  # every module imported here, parent packages included
    for stmt in imports:
        for alias in stmt.names:
            parts = alias.name.split(".")
            known.update(".".join(parts[:i + 1]) for i in range(len(parts)))
            bound[alias.asname or parts[0]] = alias.name if alias.asname else parts[0]
    uses = _Uses(module, bound, known)
    uses.errors += _rebindings(module, bound)
    for stmt in module.tree.body:
        if not isinstance(stmt, py_ast.Import) and not _is_main_guard(stmt):
            uses.visit(stmt)
    module.tree.body = _replace_imports(module.tree.body, uses.synthetic)
    return uses.errors


class _Uses(py_ast.NodeTransformer):
    """Turns each ``X.Y.name`` into the Name ``X.Y.name``; collects the from-imports it needs."""

    def __init__(self, module: SourceModule, bound: dict[str, str], known: set[str]):
        self.module, self.bound, self.known = module, bound, known
        self.synthetic: dict[str, py_ast.ImportFrom] = {}  # alias -> its from-import
        self.errors: list[Diagnostic] = []

    def visit_Name(self, node: py_ast.Name) -> py_ast.AST:
        if node.id in self.bound and isinstance(node.ctx, py_ast.Load):
            self._error(node, f"the module '{self.bound[node.id]}' cannot be used as a value", VALUE_HELP)
        return node  # stores and deletes are reported by _rebindings

    def visit_Attribute(self, node: py_ast.Attribute) -> py_ast.AST:
        chain = _chain(node)
        if chain is None or chain[0] not in self.bound:
            return self.generic_visit(node)
        path = self.bound[chain[0]].split(".") + chain[1:]
        depth = max(i for i in range(1, len(path) + 1) if ".".join(path[:i]) in self.known | {path[0]})
        owner = ".".join(path[:depth])
        if depth == len(path):
            self._error(node, f"the module '{owner}' cannot be used as a value", VALUE_HELP)
            return node
        name = f"{owner}.{path[depth]}"
        target = node
        for _ in range(len(path) - depth - 1):
            target = target.value  # the Attribute that reads ``name``
        if target is node and not isinstance(node.ctx, py_ast.Load):
            self._error(node, f"cannot assign to '{name}': the module is read-only here",
                        "keep the value in a global of your own module")
            return node
        replacement = py_ast.copy_location(py_ast.Name(id=name, ctx=py_ast.Load()), target)
        if name not in self.synthetic:
            self.synthetic[name] = _from_import(owner, path[depth], name, target)
        if target is node:
            return replacement
        parent = node
        while parent.value is not target:
            parent = parent.value
        parent.value = replacement
        return node

    def _error(self, node: py_ast.AST, message: str, help: str) -> None:
        self.errors.append(Diagnostic(self.module.loc(node), message, help))


def _chain(node: py_ast.Attribute) -> list[str] | None:
    """``a.b.c`` -> ['a', 'b', 'c']; None when the chain does not start at a name."""
    names: list[str] = []
    current: py_ast.AST = node
    while isinstance(current, py_ast.Attribute):
        names.append(current.attr)
        current = current.value
    if not isinstance(current, py_ast.Name):
        return None
    return [current.id] + names[::-1]


def _from_import(module: str, name: str, alias: str, where: py_ast.AST) -> py_ast.ImportFrom:
    stmt = py_ast.ImportFrom(module=module, names=[py_ast.alias(name=name, asname=alias)], level=0)
    py_ast.copy_location(stmt.names[0], where)
    return py_ast.copy_location(stmt, where)


def _replace_imports(body: list[py_ast.stmt], synthetic: dict[str, py_ast.ImportFrom]) -> list[py_ast.stmt]:
    """Each ``import X.Y`` becomes ``from X.Y import`` (nothing); the uses' from-imports go first."""
    out: list[py_ast.stmt] = []
    for stmt in body:
        if not isinstance(stmt, py_ast.Import):
            out.append(stmt)
            continue
        if synthetic:
            out += list(synthetic.values())
            synthetic = {}
        for alias in stmt.names:
            out.append(py_ast.copy_location(py_ast.ImportFrom(module=alias.name, names=[], level=0), stmt))
    return out


def _rebindings(module: SourceModule, bound: dict[str, str]) -> list[Diagnostic]:
    """Any other binding of a module's name in the file: it would hide the module somewhere."""
    errors = []
    for node, name in _bindings(module.tree):
        if name in bound:
            errors.append(Diagnostic(module.loc(node), f"'{name}' names the module '{bound[name]}' imported "
                                     "in this file and cannot be rebound", f"rename this one, or import the "
                                     f"module under another name: import {bound[name]} as {name}_module"))
    return errors


def _bindings(tree: py_ast.Module):
    """(node, name) for each name bound in the module, outside the imports and a class's own
    fields and methods (which live in the class, not in the functions' scope)."""
    members = {id(n) for c in py_ast.walk(tree) if isinstance(c, py_ast.ClassDef) for s in c.body
               for n in _members(s)}
    for stmt in tree.body:
        if isinstance(stmt, py_ast.Import) or _is_main_guard(stmt):
            continue
        for node in py_ast.walk(stmt):
            if id(node) in members:
                continue
            if isinstance(node, py_ast.Name) and not isinstance(node.ctx, py_ast.Load):
                yield node, node.id
            elif isinstance(node, py_ast.arg):
                yield node, node.arg
            elif isinstance(node, (py_ast.FunctionDef, py_ast.ClassDef)):
                yield node, node.name
            elif isinstance(node, (py_ast.Global, py_ast.Nonlocal)):
                yield from ((node, n) for n in node.names)
            elif isinstance(node, py_ast.ExceptHandler) and node.name:
                yield node, node.name
            elif isinstance(node, py_ast.ImportFrom):
                yield from ((node, a.asname or a.name) for a in node.names)
            elif isinstance(node, (py_ast.MatchAs, py_ast.MatchStar)) and node.name:
                yield node, node.name


def _members(stmt: py_ast.stmt) -> list[py_ast.AST]:
    if isinstance(stmt, py_ast.Assign):
        return [t for t in stmt.targets if isinstance(t, py_ast.Name)]
    if isinstance(stmt, py_ast.AnnAssign):
        return [stmt.target]
    if isinstance(stmt, py_ast.FunctionDef):
        return [stmt]
    return []


def _is_main_guard(stmt: py_ast.stmt) -> bool:
    test = stmt.test if isinstance(stmt, py_ast.If) else None
    return (isinstance(test, py_ast.Compare) and isinstance(test.left, py_ast.Name) and test.left.id == "__name__"
            and len(test.comparators) == 1 and isinstance(test.comparators[0], py_ast.Constant)
            and test.comparators[0].value == "__main__")
