"""``<``, ``<=``, ``>``, ``>=`` between objects of a class: the methods CPython would call.

Two kinds are accepted. (1) ``@dataclass(order=True)``: every class below an ordered dataclass is
one too, each with generated methods that compare the fields as tuples when both objects are of
exactly the same class and raise CPython's TypeError otherwise; the call dispatches on the left
object's runtime class. (2) A written method in a class without subclasses (so both operands are
exactly that class): ``a < b`` calls ``a.__lt__(b)``, else the mirrored ``b.__gt__(a)``, as CPython
tries the reflected method when the first is missing; with neither it is a compile error where
CPython raises TypeError.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, ClassInfo, ClassType, Type
from .types import TypeError_
from ..diagnostics import Diagnostic

NAMES = {py_ast.Lt: "__lt__", py_ast.LtE: "__le__", py_ast.Gt: "__gt__", py_ast.GtE: "__ge__"}
SYMBOLS = {"__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}
MIRROR = {"__lt__": "__gt__", "__gt__": "__lt__", "__le__": "__ge__", "__ge__": "__le__"}


def _inherited(info: ClassInfo | None, name: str):
    from .classes import inherited_method  # classes imports this module
    return inherited_method(info, name)


def ordering_method(info: ClassInfo, op: py_ast.cmpop) -> tuple[object, bool] | None:
    """(method, swapped) that ``a op b`` calls for two objects typed ``info``."""
    name = NAMES[type(op)]
    fn = _inherited(info, name)
    if fn is not None:
        return fn, False
    fn = _inherited(info, MIRROR[name])
    return (fn, True) if fn is not None else None


def check_object_ordering(checker, node: py_ast.Compare, op: py_ast.cmpop, a: Type, b: Type) -> bool:
    if not (isinstance(a, ClassType) and isinstance(b, ClassType)):
        return False
    info = a.info
    if _base_method(info, b.info, op):
        return True
    if a != b:  # related ordered dataclasses: their methods refuse objects of another class
        root = order_family_root(info)
        return root is not None and root is order_family_root(b.info)
    found = ordering_method(info, op)
    symbol = SYMBOLS[NAMES[type(op)]]
    if found is None and getattr(info, "named_tuple", False):
        raise checker.fail(node, f"'{symbol}' between NamedTuple objects is not supported here",
                           "compare their fields as tuples: (a.x, a.y) < (b.x, b.y)")
    if found is None:
        raise checker.fail(node, f"'{symbol}' not supported between instances of '{info.name}' and '{info.name}'",
                           "CPython raises TypeError: define __lt__ (and friends) or use @dataclass(order=True)")
    fn, _ = found
    if getattr(fn.node, "generated", False):
        return True
    if info.last_descendant_id != info.class_id:
        raise checker.fail(node, f"'{symbol}' between {info.name} objects is only supported for a class "
                           "without subclasses", "CPython would choose the method by the operands' runtime classes")
    if len(fn.params) != 2 or fn.params[1].ty != a or fn.result != BOOL:
        raise checker.fail(node, f"{fn.name} must be declared as 'def {fn.name}(self, other: \"{info.name}\") -> bool'")
    return True


def _base_method(a: ClassInfo, b: ClassInfo, op: py_ast.cmpop) -> bool:
    """A written ``def __lt__(self, other: "Base") -> bool`` in a base class of both operands' classes,
    which no class below Base overrides: CPython calls it, whatever the runtime classes, unless the right
    object's class is below the left's and has the mirrored method (``b.__gt__(a)`` is tried first).
    So the mirror must be missing, or Base one of our library's bases (never made itself: ipaddress's
    _BaseAddress) with no class below one of its subclasses."""
    from .classes import inherited_method  # classes imports this module
    from .class_keys import LIBRARY_RECORDS
    name = NAMES[type(op)]
    fn = inherited_method(a, name)
    owner = a
    while owner is not None and owner.methods.get(name) is not fn:
        owner = owner.base
    if fn is None or owner is None or getattr(fn.node, "generated", False) or getattr(owner, "order_below", True):
        return False
    other = fn.params[1].ty if len(fn.params) == 2 else None
    if not (isinstance(other, ClassType) and other.info is owner and fn.result == BOOL):
        return False
    abstract = owner.module.name in LIBRARY_RECORDS and not getattr(owner, "deep_below", True)
    if inherited_method(owner, MIRROR[name]) is not None and not abstract:
        return False
    return all(owner.class_id <= c.class_id <= owner.last_descendant_id for c in (a, b))


def order_family_root(info: ClassInfo) -> ClassInfo | None:
    """The topmost ordered dataclass ``info`` is, or derives from."""
    root = None
    while info is not None:
        if getattr(info, "dataclass_options", {}).get("order"):
            root = info
        info = info.base
    return root


def check_order_family(info: ClassInfo) -> None:
    root = order_family_root(info.base) if info.base is not None else None
    mine = getattr(info, "dataclass_options", {}).get("order")
    fail = lambda message, help="": TypeError_(Diagnostic(info.module.loc(info.node), message, help))  # noqa: E731
    if root is not None and not mine:
        raise fail(f"a subclass of the order=True dataclass {root.name} must be @dataclass(order=True) too",
                   "CPython would compare it with the base's methods, which refuse other classes")
    if mine:
        for name in NAMES.values():
            fn = info.methods.get(name)
            if fn is not None and not getattr(fn.node, "generated", False):
                raise TypeError_(Diagnostic(info.module.loc(fn.node), f"Cannot overwrite attribute {name} in class "
                                            f"{info.name}", "CPython raises TypeError: drop order=True or the method"))


def order_methods_source(info: ClassInfo, subclasses: list[ClassInfo]) -> list[str]:
    """The generated ``__lt__``... of an order=True dataclass, as source lines."""
    root = order_family_root(info)
    exact = f"isinstance(other, {info.name})"
    if subclasses:
        exact += " and not (" + " or ".join(f"isinstance(other, {c.name})" for c in subclasses) + ")"
    fields = list(info.fields)
    mine = "(" + "".join(f"self.{f}, " for f in fields) + ")"
    theirs = "(" + "".join(f"other.{f}, " for f in fields) + ")"
    lines = []
    for name, symbol in SYMBOLS.items():
        compare = f"{mine} {symbol} {theirs}" if fields else str(symbol in ("<=", ">="))
        message = f"f\"'{symbol}' not supported between instances of '{info.name}' and '{{type(other).__name__}}'\""
        lines += [f"    def {name}(self, other: '{root.name}') -> bool:", f"        if {exact}:",
                  f"            return {compare}", f"        raise TypeError({message})"]
    return lines
