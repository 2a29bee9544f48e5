"""Type checking of the walrus operator ``(name := value)``, with CPython's scoping.

The name is a local of the function (inside a comprehension too: it binds in
the enclosing function, not in the comprehension's scope), or a global under
``global``. Its value is the expression's value. Where a walrus may not run
(a later operand of ``and``/``or``, a branch of ``a if c else b``, any part of
a comprehension but the first iterable), the name does not count as assigned
afterwards, and what tests proved about it before it was rebound is dropped.
CPython's own refusals (rebinding a comprehension's loop variable, a walrus
in a comprehension's iterable) are syntax errors here too (the latter found when the text is
compiled at load, so that comprehensions the compiler makes, e.g. around a repr, do not raise it).
"""
from __future__ import annotations

import ast as py_ast

from ..program import GlobalSym, Local, Type
from .infer import UnknownLiteral

SYNTAX_HELP = "CPython rejects this too: fix the syntax"


def walrus_targets(node: py_ast.AST) -> list[py_ast.Name]:
    return [n.target for n in py_ast.walk(node) if isinstance(n, py_ast.NamedExpr)]


class WalrusChecks:
    def check_NamedExpr(self, node: py_ast.NamedExpr, expected: Type | None) -> Type:
        target = node.target
        if self.fn.node.name == "<module>":
            raise self.fail(node, "the walrus operator ':=' is only supported inside functions",
                            "assign the global on its own line first")
        renamed = self.comp_renames.get(target.id)
        if renamed is not None and "@comp" in renamed:
            raise self.fail(node, "syntax error: assignment expression cannot rebind comprehension "
                            f"iteration variable '{target.id}'", SYNTAX_HELP)
        name = renamed or target.id
        declared = self.fn.locals.get(name)
        ty = self.check(node.value, None if isinstance(declared, UnknownLiteral) else declared)
        self.assign_name(target, None, ty, None)
        if not isinstance(getattr(target, "sym", None), GlobalSym):
            target.sym = Local(name)  # tests narrow it: (m := d.get(k)) is not None
        return ty

    def forget_rebound(self, node: py_ast.AST) -> None:
        """Drop what is proved about the names a walrus in ``node`` may have rebound."""
        for target in walrus_targets(node):
            name = getattr(target, "local_name", target.id)
            self.narrowed.pop(name, None)
            self.forget_fields(holder=name)


def without_rebound(values: list[py_ast.expr], parts: list[tuple[dict, dict]]) -> list[tuple[dict, dict]]:
    """Narrowings of the operands of an ``and``/``or``, less those about a name that a walrus in a
    later operand rebinds (the later value is what the name holds after the test)."""
    kept = []
    for index, (yes, no) in enumerate(parts):
        later = {getattr(t, "local_name", t.id) for v in values[index + 1:] for t in walrus_targets(v)}
        if later:
            yes = {k: v for k, v in yes.items() if k.split(".", 1)[0] not in later}
            no = {k: v for k, v in no.items() if k.split(".", 1)[0] not in later}
        kept.append((yes, no))
    return kept
