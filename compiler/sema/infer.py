"""Types of unannotated empty literals, from how the function goes on to use them (as mypy does).

``items = []`` (``{}``, ``set()``) gives ``items`` a placeholder type; the first use that tells the
item type settles it: ``items.append(x)``/``insert``/``extend``, ``items += xs``,
``d[k] = v``, ``seen.add(x)``/``update``, ``seen |= s``, an assignment of a typed list, or passing it where a typed list is
expected. Every empty literal assigned to the name so far takes that type. A use
that needs the type before it is known (iterating, indexing, comparing) is a
compile error that asks for an annotation; one never used in a typed way ends as
``list[int]``/``dict[str, int]``/``set[int]``, whose item type no operation can observe.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass

from .class_keys import KEY_HELP, key_problem
from .sets import set_item_problem
from ..program import INT, STR, DictType, ListType, SetType, Type, ViewType, VarTupleType, dict_of, list_of, set_of


@dataclass(frozen=True)
class UnknownLiteral(Type):
    """The type of a local bound to an empty list or dict whose item type is not known yet."""
    kind: str = "list"  # "list", "dict" or "set", or "none" for a local assigned None so far


def unknown(kind: str) -> UnknownLiteral:
    return UnknownLiteral(f"{kind}[?]", "i32", True, kind)


class LiteralInference:
    def start_inference(self) -> None:
        self.unknown_literals: dict[str, list[py_ast.expr]] = {}  # local -> its empty literals

    def bind_unknown_literal(self, stmt: py_ast.Assign) -> bool:
        """``name = []`` / ``name = {}`` with no known type for ``name``: bind a placeholder."""
        target, value = stmt.targets[0], stmt.value
        empty = (isinstance(value, py_ast.List) and not value.elts) or (isinstance(value, py_ast.Dict) and not value.keys)
        if len(stmt.targets) != 1 or not isinstance(target, py_ast.Name) or not (empty or self.empty_set(value)) \
                or target.id in self.global_names or target.id in self.comp_renames:
            return False
        declared = self.fn.locals.get(target.id)
        kind = "list" if isinstance(value, py_ast.List) else "dict" if isinstance(value, py_ast.Dict) else "set"
        if declared is not None and declared != unknown(kind):
            return False
        if kind == "set":
            self.check(value, set_of(INT))  # the call's own checks (its type is settled below)
        self.unknown_literals.setdefault(target.id, []).append(value)
        self.fn.locals[target.id] = value.ty = unknown(kind)
        self.assign_name(target, value, value.ty, None)
        return True

    def empty_set(self, value: py_ast.expr) -> bool:
        """``set()``, the built-in (not a name of the program)."""
        return isinstance(value, py_ast.Call) and isinstance(value.func, py_ast.Name) and value.func.id == "set" \
            and not value.args and not value.keywords and "set" not in self.local_names \
            and "set" not in self.module.namespace

    def settle(self, name: str, ty: Type) -> Type:
        """The local ``name`` and its empty literals have type ``ty`` from now on."""
        if self.fn.locals[name].kind == "none":
            return self.settle_none(name, ty)  # sema/none_inference.py
        expected = {"list": ListType, "dict": DictType, "set": SetType}[self.fn.locals[name].kind]
        if not isinstance(ty, expected) or isinstance(ty, UnknownLiteral) or getattr(ty, "frozen", False):
            raise self.fail_unknown(name)
        item_problem = set_item_problem(ty.item) if isinstance(ty, SetType) else None
        if item_problem:
            self.fn.locals[name] = ty  # its later uses are not errors too
            raise self.fail(self.unknown_literals.pop(name)[0], *item_problem)
        problem = key_problem(ty.key) if isinstance(ty, DictType) else None
        if problem:
            literals = self.unknown_literals.get(name)
            raise self.fail(literals[0], problem, KEY_HELP) if literals else self.fail_unknown(name)
        self.fn.locals[name] = ty
        for literal in self.unknown_literals.pop(name, []):
            literal.ty = ty
        return ty

    def settle_by_method(self, receiver: py_ast.Name, method: str, args: list[py_ast.expr]) -> Type:
        """``items.append(x)`` and friends tell the item type of an unknown list."""
        kind = self.fn.locals[receiver.id].kind
        if kind == "list" and method in ("append", "insert") and args:
            return self.settle(receiver.id, list_of(self.check(args[-1])))
        if kind == "list" and method == "extend" and len(args) == 1:
            return self.settle(receiver.id, self.check(args[0]))
        if kind == "dict" and method in ("update",) and len(args) == 1:
            return self.settle(receiver.id, self.check(args[0]))
        if kind == "set" and method == "add" and len(args) == 1:
            return self.settle(receiver.id, set_of(self.check(args[0])))
        if kind == "set" and method == "update" and len(args) == 1:
            items = self.check(args[0])
            if isinstance(items, (ListType, SetType, ViewType, VarTupleType)):
                return self.settle(receiver.id, set_of(items.item))
        raise self.fail_unknown(receiver.id, receiver)

    def settle_by_item(self, target: py_ast.Subscript, value_ty: Type) -> Type:
        """``d[k] = v`` tells the key and value types of an unknown dict."""
        name = target.value.id
        if self.fn.locals[name].kind != "dict":
            raise self.fail_unknown(name, target)
        return self.settle(name, dict_of(self.check(target.slice), value_ty))

    def finish_inference(self) -> None:
        for name in list(self.unknown_literals):
            if self.fn.locals[name].kind == "none":
                self.finish_none(name)
                continue
            kind = self.fn.locals[name].kind
            self.settle(name, list_of(INT) if kind == "list" else set_of(INT) if kind == "set" else dict_of(STR, INT))

    def check_maybe_unknown(self, node: py_ast.expr, expected: Type | None = None) -> Type:
        """Check ``node`` where an unknown empty literal may be settled by the caller; anywhere
        else reading one is an error asking for an annotation (see ``check_Name``)."""
        self.allow_unknown = node
        try:
            return self.check(node, expected)
        finally:
            self.allow_unknown = None

    def read_unknown(self, node: py_ast.Name) -> None:
        if getattr(self, "allow_unknown", None) is not node:
            raise self.fail_unknown(node.id, node)

    def settle_by_augmented(self, stmt: py_ast.AugAssign) -> bool:
        """``items += xs`` tells the type of an unknown list."""
        name = self.unknown_local(stmt.target)
        operator = py_ast.BitOr if name is not None and self.fn.locals[name].kind == "set" else py_ast.Add
        if name is None or not isinstance(stmt.op, operator) or self.fn.locals[name].kind == "none":
            return False
        self.settle(name, self.check(stmt.value))
        return True

    def unknown_local(self, node: py_ast.expr) -> str | None:
        if isinstance(node, py_ast.Name) and isinstance(self.fn.locals.get(node.id), UnknownLiteral) \
                and node.id in self.unknown_literals:
            return node.id
        return None

    def fail_unknown(self, name: str, use: py_ast.AST | None = None):
        kind = self.fn.locals[name].kind
        example = {"list": "list[str] = []", "set": "set[str] = set()"}.get(kind, "dict[str, int] = {}")
        where = f" when line {use.lineno} uses it" if use is not None and hasattr(use, "lineno") else ""
        if kind == "none":
            return self.fail(self.unknown_literals[name][0], f"the type of '{name}' (None so far) is not known{where}",
                             f"annotate it where it is first assigned: {name}: <type> | None = None")
        return self.fail(self.unknown_literals[name][0], f"the type of the empty {kind} '{name}' is not known{where}",
                         f"annotate it where it is made: {name}: {example}")
