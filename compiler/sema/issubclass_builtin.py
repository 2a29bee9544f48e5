"""``issubclass(C, D)`` of classes named directly (the program's classes, the built-in exception
classes, ``int str float bool bytes list dict tuple object``), or ``D`` a tuple of them: decided
at compile time, as the constant CPython computes (a bool is an int; every class is an object).
A class held in a variable (a ``type`` value) and a mixin are refused, located."""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo, Type
from .types import is_subclass

BUILTIN_TYPES = ("int", "float", "bool", "str", "bytes", "list", "dict", "tuple", "object")
HELP = "name the classes: issubclass(KeyError, LookupError); test an object with isinstance(x, C)"


class IssubclassChecks:
    def builtin_issubclass(self, node: py_ast.Call, expected: Type | None) -> Type:
        if len(node.args) != 2 or node.keywords or any(isinstance(a, py_ast.Starred) for a in node.args):
            raise self.fail(node, "issubclass() takes a class and a class or a tuple of classes", HELP)
        sub = self.named_class(node.args[0])
        targets = node.args[1].elts if isinstance(node.args[1], py_ast.Tuple) else [node.args[1]]
        result = any(_subclass(sub, self.named_class(target)) for target in targets)
        replacement = py_ast.copy_location(py_ast.Constant(value=result), node)
        node.call = ("rewritten", replacement)
        return self.check(replacement)

    def named_class(self, node: py_ast.expr) -> ClassInfo | str:
        if isinstance(node, py_ast.Name) and node.id not in self.local_names:
            sym = self.module.namespace.get(node.id)
            if isinstance(sym, ClassInfo) and not getattr(sym, "mixin", False):
                return sym
            if sym is None and node.id in BUILTIN_TYPES:
                return node.id
        raise self.fail(node, "issubclass() takes classes named directly here (a class of the program, an "
                        "exception class or a built-in type)", HELP)


def _subclass(sub: ClassInfo | str, base: ClassInfo | str) -> bool:
    if base == "object":
        return True
    if isinstance(sub, str) or isinstance(base, str):
        return sub == base or (sub == "bool" and base == "int")
    return is_subclass(sub, base)
