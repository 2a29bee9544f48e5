"""Objects of a class family that writes ``__hash__``: dict keys and set items hashed by it.

CPython's ``hash(obj)`` calls the ``__hash__`` its class resolves (a class whose own body defines
``__eq__`` without ``__hash__``, or sets ``__hash__ = None``, resolves None: unhashable), and a dict
or set compares two keys of one hash with ``__eq__`` (sema/classes.py allows a written ``__eq__``
only in a class without a base, so one method serves a family). The runtime keeps CPython's tables
(runtime/user_keys.py for dicts, runtime/set_table.py for sets) and calls the program's methods through
two functions the lowering writes (lower/user_keys.py): so the hashes, the order of a set and the
number and order of ``__eq__`` calls are CPython's. ``info.user_key`` marks such a key type.
"""
from __future__ import annotations

import ast as py_ast

from ..program import ClassInfo

UNHASHABLE = "unhashable type: '{}' ({}): {} objects cannot be dict keys or set items"
ADDRESS = "objects of {} cannot be dict keys or set items here: {} ({})"


def writes_hash(info: ClassInfo) -> bool:
    """Whether the class's own body defines ``__hash__`` (a method, or ``__hash__ = None``)."""
    return _own_hash(info) is not None


def _own_hash(info: ClassInfo) -> str | None:
    """"method", "none" (``__hash__ = None``) or None: what the class body itself says of __hash__."""
    for stmt in info.node.body:
        if isinstance(stmt, (py_ast.FunctionDef, py_ast.AsyncFunctionDef)) and stmt.name == "__hash__":
            return "method"
        targets = stmt.targets if isinstance(stmt, py_ast.Assign) else [stmt.target] if isinstance(
            stmt, py_ast.AnnAssign) else []
        if any(isinstance(t, py_ast.Name) and t.id == "__hash__" for t in targets):
            return "none"
    return None


def _own_eq(info: ClassInfo) -> bool:
    return any(isinstance(s, (py_ast.FunctionDef, py_ast.AsyncFunctionDef)) and s.name == "__eq__"
               for s in info.node.body)


def _line(info: ClassInfo | None):
    while info is not None:
        yield info
        info = info.base


def unhashable_reason(info: ClassInfo) -> tuple[str, str] | None:
    """(the class that decides, why) when CPython resolves ``info.__hash__`` to None (or to object's,
    an address: no order or hash would match), else None."""
    for c in _line(info):
        own = _own_hash(c)
        if own == "method":
            return None
        if own == "none":
            return c.name, "it sets __hash__ = None"
        if _own_eq(c):
            return c.name, "it defines __eq__ without __hash__"
    return info.name, "it hashes by address, and a class of its family writes __hash__"


def user_key_problem(info: ClassInfo, family: list[ClassInfo], ancestors: list[ClassInfo]) -> str | None:
    """Why objects typed ``info`` (of any class in ``family``, whose line of bases is ``ancestors``)
    cannot key by the written ``__hash__``; None marks ``info.user_key``."""
    for c in family + ancestors:  # eq=False: dataclasses leave __eq__ and __hash__ alone
        if c.dataclass and getattr(c, "dataclass_options", {}).get("eq", True):
            return (f"objects of {info.name} cannot be dict keys or set items yet: {c.name} is a dataclass with eq=True "
                    "in a class family that writes __hash__")
    for c in family:
        reason = unhashable_reason(c)
        if reason is not None and "address" in reason[1]:
            return ADDRESS.format(info.name, reason[0], reason[1])
        if reason is not None:
            return UNHASHABLE.format(reason[0], reason[1], info.name)
    info.user_key = True
    return None


def user_keyed(ty) -> bool:
    """Objects hashed by a written __hash__ (``info.user_key``)."""
    return getattr(getattr(ty, "info", None), "user_key", False)


def comparison_problem(op: py_ast.cmpop, a, b) -> tuple[str, str] | None:
    """``x in d.keys()`` of a dict keyed by such objects: CPython looks x up; the snapshot list here
    would call __eq__ item by item. (message, help)"""
    from ..program import TupleType, ViewType
    if isinstance(op, (py_ast.In, py_ast.NotIn)) and isinstance(b, ViewType):
        item = b.item.items[0] if isinstance(b.item, TupleType) and b.item.items else b.item
        if user_keyed(item):
            return (f"`in` on a view of a dict keyed by {item} objects is not supported",
                    "test `key in d` on the dict itself")
    return None


def keys_view_lookup(node: py_ast.Compare, types: list) -> bool:
    """``x in d.keys()`` of such keys becomes ``x in d``: CPython's dictkeys_contains is PyDict_Contains
    (a hash and a lookup), where the snapshot list here would call __eq__ item by item."""
    from ..program import ViewType
    right = node.comparators[0]
    if len(node.ops) != 1 or not isinstance(node.ops[0], (py_ast.In, py_ast.NotIn)):
        return False
    if not (isinstance(types[1], ViewType) and types[1].name.startswith("dict_keys[") and user_keyed(types[1].item)):
        return False
    if not (isinstance(right, py_ast.Call) and isinstance(right.func, py_ast.Attribute) and right.func.attr == "keys"
            and not right.args and not right.keywords):
        return False
    node.comparators[0] = right.func.value
    return True
