"""Multiple inheritance for mixins: ``class Handler(LoggingMixin, Base)`` where every base but one
is a mixin: a class of the same module with no base, no fields, no constants, no decorators, and
only plain methods whose names are not ``__dunder__`` ones.

CPython's MRO (C3) for such a class is the class, the mixins listed before the other base, that
base and its ancestors, then the mixins listed after it (object last): a mixin before the base
overrides the base's methods, one after it is overridden by them. Objects and fields come from the
one base, as with single inheritance; each mixin method the MRO picks is declared again on the
class (a copy of its definition, ``self`` typed with the class), so ``self.name`` reads the class's
fields. A mixin's methods are not declared on the mixin itself (their ``self`` would have none of
the fields they read): a mixin is not a type here, ``isinstance(x, Mixin)`` is refused.

``super()`` in a mixin's method, or naming a method a mixin of the class defines, is refused: it
needs the cooperative MRO walk. ``super().__init__(...)`` and other methods only the base chain
defines resolve as before (no mixin has them).
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..diagnostics import Diagnostic
from ..program import ClassInfo, Program
from .types import TypeError_

HELP = "make the other bases mixins (no base, no fields, plain methods only), or keep an instance as a field"


def _fail(info: ClassInfo, node: py_ast.AST, message: str, help: str) -> TypeError_:
    return TypeError_(Diagnostic(info.module.loc(node), message, help))


def not_a_mixin(info: ClassInfo | None, user: ClassInfo) -> str | None:
    """Why ``info`` cannot be a mixin of ``user`` (None: it can)."""
    if not isinstance(info, ClassInfo):
        return "it is not a class of the program"
    node = info.node
    if info.module is not user.module:
        return "it is defined in another module"
    if node.bases or node.keywords or node.decorator_list:
        return "it has a base class or a decorator"
    for index, stmt in enumerate(node.body):
        if index == 0 and isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant) \
                or isinstance(stmt, py_ast.Pass):
            continue
        if not isinstance(stmt, py_ast.FunctionDef):
            return "its body holds fields or constants"
        if stmt.decorator_list or stmt.name.startswith("__"):
            return f"its method {stmt.name} is decorated or special"
    return None


def mark_mixins(program: Program) -> None:
    """Every class listed as a base next to others, when it qualifies, is a mixin everywhere."""
    for user in program.classes.values():
        if len(user.node.bases) < 2:
            continue
        for base in user.node.bases:
            sym = user.module.namespace.get(base.id) if isinstance(base, py_ast.Name) else None
            if isinstance(sym, ClassInfo) and not_a_mixin(sym, user) is None:
                sym.mixin = True


def split_bases(info: ClassInfo) -> py_ast.expr | None:
    """Record ``info.mixins_before``/``mixins_after``; the one other base (or None) for the caller."""
    primary, before, after = None, [], []
    for base in info.node.bases:
        sym = info.module.namespace.get(base.id) if isinstance(base, py_ast.Name) else None
        if getattr(sym, "mixin", False) and sym.module is info.module:
            (after if primary is not None else before).append(sym)
            continue
        if primary is not None:
            first = info.module.namespace.get(primary.id) if isinstance(primary, py_ast.Name) else None
            why = not_a_mixin(sym, info) if len(info.node.bases) > 1 else None
            names = [getattr(s, "name", "?") for s in (first, sym)]
            raise _fail(info, base, f"multiple inheritance from {names[0]} and {names[1]} is not supported: "
                        f"{names[1]} is not a mixin ({why})", HELP)
        primary = base
    if len(set(map(id, before + after))) < len(before + after):
        raise _fail(info, info.node, "a mixin is listed twice", "list each base once (CPython raises TypeError)")
    info.mixins_before, info.mixins_after = before, after
    return primary


def add_mixin_methods(program: Program, info: ClassInfo, declare_method, inherited_method) -> None:
    """Declare on ``info`` each mixin method its MRO picks (after its own methods are declared)."""
    for mixin in getattr(info, "mixins_before", []):
        for stmt in _methods(mixin):
            if stmt.name not in info.methods:
                _declare_copy(program, info, stmt, declare_method)
    for mixin in getattr(info, "mixins_after", []):
        for stmt in _methods(mixin):
            if stmt.name not in info.methods and (info.base is None or inherited_method(info.base, stmt.name) is None):
                _declare_copy(program, info, stmt, declare_method)


def _methods(mixin: ClassInfo) -> list[py_ast.FunctionDef]:
    return [s for s in mixin.node.body if isinstance(s, py_ast.FunctionDef)]


def _declare_copy(program: Program, info: ClassInfo, stmt: py_ast.FunctionDef, declare_method) -> None:
    method = copy.deepcopy(stmt)
    method.from_mixin = True
    declare_method(program, info, method)


def super_problem(fn, name: str) -> str | None:
    """Why ``super().name(...)`` in ``fn`` needs the cooperative MRO walk (None: the base chain decides)."""
    owner = fn.owner
    if getattr(fn.node, "from_mixin", False):
        return "super() in a mixin's method is not supported: CPython continues along the MRO of the object's class"
    mixins = getattr(owner, "mixins_before", []) + getattr(owner, "mixins_after", [])
    defining = [m.name for m in mixins if any(s.name == name for s in _methods(m))]
    if defining:
        return f"super().{name}() in a class with the mixin {defining[0]}, which defines {name}, is not supported"
    return None
