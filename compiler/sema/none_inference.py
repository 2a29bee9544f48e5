"""A local first assigned None, typed by its next assignment, as mypy's partial types:
``found = None`` then ``found = client`` (in a loop, a branch) makes ``found`` a
``str | None`` from the start. Until that assignment the local's type is a placeholder
(``UnknownLiteral`` of kind "none", sema/infer.py): reading it there is a located error asking
for an annotation, as for an empty list. A local only ever assigned None and never read ends
as ``int | None`` (no operation can observe it).
"""
from __future__ import annotations

import ast as py_ast

from ..program import ANY, INT, Type, optional_of
from .infer import unknown


class NoneInference:
    def bind_partial_none(self, name: str, value: py_ast.expr | None) -> bool:
        """``name = None`` while ``name`` has no type (or still the placeholder): bind it."""
        declared = self.fn.locals.get(name)
        if value is None or (declared is not None and declared != unknown("none")):
            return False
        self.unknown_literals.setdefault(name, []).append(value)
        self.fn.locals[name] = unknown("none")
        if self.assigned is not None:
            self.assigned.add(name)
        return True

    def settle_none(self, name: str, ty: Type) -> Type:
        """The first assignment of another type: ``name`` is ``ty | None`` from its first None."""
        settled = ANY if ty == ANY else optional_of(ty)
        self.fn.locals[name] = settled
        for literal in self.unknown_literals.pop(name, []):
            literal.target_ty = settled
        return settled

    def finish_none(self, name: str) -> None:
        self.settle_none(name, INT)
