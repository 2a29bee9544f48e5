"""Type checking of list and dict comprehensions, with CPython's scoping.

A comprehension runs in a scope of its own: its loop variables (the targets of
every ``for``) are hidden locals (``x@comp3``) that do not leak into the
function, and the first ``for``'s iterable is evaluated in the enclosing scope
(``[x for x in x]`` iterates the outer ``x``). Several ``for`` clauses nest
left to right, each clause's ``if``s filtering before the next ``for``; each
clause records its ``iteration`` for lowering (lower/comprehensions.py).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, STR, DictType, ListType, OptionalType, Type, dict_of, list_of
from .field_narrowing import ComprehensionFields
from .class_keys import KEY_HELP, key_problem


class ComprehensionChecks(ComprehensionFields):
    comp_counter = 0

    def check_ListComp(self, node: py_ast.ListComp, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType):
            expected = expected.inner
        if expected == ANY:
            expected = list_of(ANY)  # a new list an Any will hold: the one list type it can
        hint = expected.item if isinstance(expected, ListType) else None
        (element,) = self.comprehension(node, lambda: [self.element(node.elt, hint)])
        return list_of(element)

    def check_DictComp(self, node: py_ast.DictComp, expected: Type | None) -> Type:
        if isinstance(expected, OptionalType):
            expected = expected.inner
        if expected == ANY:
            expected = dict_of(STR, ANY)
        hints = (expected.key, expected.value) if isinstance(expected, DictType) else (None, None)
        key, value = self.comprehension(node, lambda: [self.element(node.key, hints[0]),
                                                       self.element(node.value, hints[1])])
        if key_problem(key):
            raise self.fail(node.key, key_problem(key), KEY_HELP)
        return dict_of(key, value)

    def element(self, node: py_ast.expr, hint: Type | None) -> Type:
        return self.use(node, hint) if hint is not None else self.check(node)

    def comprehension(self, node: py_ast.expr, elements) -> list[Type]:
        """Check the clauses in their scope, then ``elements()`` (the item's parts) inside it."""
        clauses = node.generators
        for clause in clauses:
            if clause.is_async:
                raise self.unsupported(py_ast.AsyncFor())
        # (a walrus in a written comprehension's iterable is CPython's SyntaxError, raised when the
        # text is compiled at load; comprehensions the compiler makes may hold one there legitimately)
        first = self.iteration(clauses[0], clauses[0].iter)  # in the enclosing scope, as CPython
        self.forget_rebound(node)  # a walrus inside runs again on each item
        start = self.comprehension_start()
        ComprehensionChecks.comp_counter += 1
        saved = self.snapshot(), set(self.local_names), dict(self.comp_renames)
        renames = {n.id: f"{n.id}@comp{ComprehensionChecks.comp_counter}"
                   for clause in clauses for n in py_ast.walk(clause.target) if isinstance(n, py_ast.Name)}
        self.comp_renames.update(renames)
        self.local_names |= set(renames.values())
        try:
            for index, clause in enumerate(clauses):
                item = first if index == 0 else self.iteration(clause, clause.iter)
                self.assign_to(clause.target, None, item)
                for condition in clause.ifs:
                    self.truthy(condition)
                    self.narrow_after(condition, True)
            types = elements()
            self.comprehension_fields(node, start)  # sema/field_narrowing.py
            return types
        finally:
            self.restore(saved[0])
            self.keep_forgotten(start)  # a call in it may have assigned fields
            self.local_names, self.comp_renames = saved[1], saved[2]
            self.forget_rebound(node)  # a walrus inside binds in the function, if it ran
