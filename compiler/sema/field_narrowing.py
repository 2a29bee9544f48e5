"""Narrowing a ``T | None`` field by assignment, as mypy does, but only while nothing can change it.

After ``a.f = e`` (``a`` a local or ``self``, ``e`` a ``T``), reads of ``a.f`` in the same function
see a ``T`` (key ``"a.f"`` in the checker's ``narrowed``, the same as ``if a.f is not None:``
proves), until what ends any narrowing of a field (sema/flow.py ``forget_fields``): an assignment
to ``a`` or ``del a``, an assignment to a field ``f`` of any object (aliases), code of the program
that may run (sema/types.py ``runs_user_code``: a call of a function, method, constructor or
function value, a built-in given objects or functions, ``key=``, a memory store, a comparison or
truth test of objects), also inside an ``and``/``or`` operand, a conditional expression's branch
or a comprehension (``keep_forgotten``), a loop (its body may run again), an exception edge (a
handler starts from what held before the ``try``), and a join where one path does not prove it.
A call's own arguments are read before it runs: ``g(self.f)`` right after the assignment sees a
``T``. Where the narrowing is lost the read stays ``T | None`` and a use that needs a ``T`` is
refused with ``HELP``; never is a None read as a ``T``. (A property cannot share a field's name:
sema/classes.py, so ``a.f = e`` of a field never runs a setter.)

A comprehension runs its body once per item: a field narrowed before it and read in it, where
code in it may change the field before the next item's read, is refused (``comprehension_fields``).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, NONE, OptionalType, Type
from .types import assignable, runs_user_code

HELP = ("keep the value in a local and use that: v = ...; {holder}.{attr} = v (a call of code that may "
        "assign a '.{attr}', a loop or an assignment to any '.{attr}' ends what is known of {holder}.{attr})")


def narrow_assigned_field(checker, target: py_ast.Attribute, declared: Type, ty: Type) -> None:
    """After ``target = <a ty>`` where the field is declared ``declared``."""
    checker.forget_fields(attr=target.attr)  # through any object: an alias may be the same object
    key, _ = checker.narrowable(target)
    if key is not None and isinstance(declared, OptionalType) and ty not in (ANY, NONE) \
            and not isinstance(ty, OptionalType) and assignable(ty, declared.inner):
        checker.narrowed[key] = declared.inner  # as declared: a subclass's object reads as the class


def field_help(checker, node: py_ast.AST) -> str:
    """The hint for a ``T | None`` field read where a ``T`` is needed ("" for anything else)."""
    if isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Attribute):
        node = node.func.value  # self.f.upper()
    if not isinstance(node, py_ast.Attribute) or not isinstance(getattr(node, "ty", None), OptionalType):
        return ""
    key, _ = checker.narrowable(node)
    if key is None:
        return ""
    holder, attr = key.split(".", 1)
    holder = holder.split("@exc")[0]  # an 'except ... as e' name is e@exc<N> inside
    return f"test it first: 'if {holder}.{attr} is not None: ...', or " + HELP.format(holder=holder, attr=attr)


def as_declared(checker, node: py_ast.expr) -> Type | None:
    """A narrowed local or field tested ``is None`` again: read it as declared (``T | None``) there,
    as CPython tests it; None when ``node`` is not such a read."""
    if isinstance(node, py_ast.Attribute) and hasattr(node, "narrowed_from"):
        node.ty = node.narrowed_from
        del node.narrowed_from
        return node.ty
    name = checker.local_of(node) if isinstance(node, py_ast.Name) and hasattr(checker, "local_of") else None
    declared = checker.fn.locals.get(name) if name is not None else None
    if isinstance(declared, OptionalType) and name in checker.narrowed:
        node.ty = declared
        return declared
    return None


def fields_kept(checker, values: list[py_ast.expr], parts: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Narrowings of the operands of an ``and``/``or``, less those about fields a later operand's
    code may assign (``x.f is not None and g()``: g may assign x.f)."""
    kept = []
    for index, (yes, no) in enumerate(parts):
        if not any("." in k for d in (yes, no) for k in d):
            kept.append((yes, no))  # no field narrowed: the field index need not be built
            continue
        for node in (n for v in values[index + 1:] for n in py_ast.walk(v) if runs_user_code(n)):
            attrs = checker.field_stores.assigned_by(node)
            yes, no = ({k: t for k, t in d.items() if not _field_in(k, attrs)} for d in (yes, no))
        kept.append((yes, no))
    return kept


def _field_in(key: str, attrs: frozenset[str] | None) -> bool:
    return "." in key and (attrs is None or key.split(".", 1)[1] in attrs)


class ComprehensionFields:
    """Mixed into the function checker (``forgotten``: sema/flow.py)."""

    def comprehension_start(self) -> int:
        return len(self.forgotten)

    def comprehension_fields(self, node: py_ast.expr, mark: int) -> None:
        """After checking comprehension ``node`` (``mark``: where its items began): refuse a read of
        a field narrowed before it where code in it may have ended that narrowing, since the next
        item reads the field again after that code ran."""
        ended = set(self.forgotten[mark:])
        if not ended:
            return
        first = node.generators[0].iter  # evaluated once, before any item
        parts = [n for n in py_ast.iter_child_nodes(node) if n is not first and not isinstance(n, py_ast.comprehension)]
        for clause in node.generators:
            parts += [clause.target, *clause.ifs] + ([] if clause.iter is first else [clause.iter])
        for child in (c for part in parts for c in py_ast.walk(part)):
            key = self.narrowable(child)[0] if isinstance(child, py_ast.Attribute) and hasattr(child, "narrowed_from") \
                else None
            if key in ended:
                holder, attr = key.split(".", 1)
                raise self.fail(child, "this field was narrowed before the comprehension, and code in it "
                                       "may change the field before the next item reads it",
                                HELP.format(holder=holder, attr=attr))
