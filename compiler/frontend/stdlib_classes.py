"""Members of one of the library's classes that a value of its private base class may lack.

Problem: ``ip_address(s)`` is typed ``IPv4Address | IPv6Address``, which the compiler holds as their
base class ``_BaseAddress`` (compiler/stdlib/ipaddress.py); reading ``a.ipv4_mapped`` then failed
with "'_BaseAddress' has no field" and a hint to declare it in the class body, which names our
internals and asks the user to edit the library. Guarantees: such a read or call is an error
saying which public classes have the member and which the value may also be, with the
``isinstance`` that narrows it (as mypy asks for the same code). A member CPython's class has and
ours not yet (``net.hosts()``, ``split.port``) is "ipaddress.IPv4Network.hosts is not available yet".
"""
from __future__ import annotations

import ast as py_ast
import importlib
from pathlib import Path

from ..program import ClassInfo

STDLIB_DIR = Path(__file__).resolve().parent.parent / "stdlib"


def narrowing_problem(info: ClassInfo, node: py_ast.Attribute) -> tuple[str, str] | None:
    """(message, help) when ``node.attr`` belongs to public subclasses of the library class ``info``,
    or to CPython's class and not yet ours."""
    if STDLIB_DIR not in info.module.path.resolve().parents:
        return None
    subclasses = [c for c in info.module.namespace.values() if isinstance(c, ClassInfo)
                  and c is not info and not c.name.startswith("_") and _derives(c, info)]
    having = [c.name for c in subclasses if _has(c, info, node.attr)]
    if not having or not info.name.startswith("_"):
        return _unavailable(info if not info.name.startswith("_") else None, subclasses, node.attr)
    others = [c.name for c in subclasses if c.name not in having]
    value = py_ast.unparse(node.value)
    return (f"'{node.attr}' is an attribute of {' and '.join(having)}, and this value may be "
            f"{_article(' or '.join(others))} (its type is {' | '.join(c.name for c in subclasses)})",
            f"narrow it first: if isinstance({value}, {having[0]}): ... {value}.{node.attr} ...")


def _derives(cls: ClassInfo, base: ClassInfo) -> bool:
    while cls.base is not None:
        if cls.base is base:
            return True
        cls = cls.base
    return False


def _has(cls: ClassInfo | None, base: ClassInfo, name: str) -> bool:
    while cls is not None and cls is not base:
        if name in cls.fields or name in cls.methods:
            return True
        cls = cls.base
    return False


def _article(names: str) -> str:
    return ("an " if names[:1] in "AEIOU" else "a ") + names


def _unavailable(info: ClassInfo | None, subclasses: list[ClassInfo], attr: str) -> tuple[str, str] | None:
    module = info.module.name if info is not None else subclasses[0].module.name if subclasses else ""
    module = module.removeprefix("compiler.stdlib.").split("_")[0]
    try:
        cpython = importlib.import_module(module)
    except ImportError:
        return None
    for cls in [info] if info is not None else subclasses:
        if hasattr(getattr(cpython, cls.name, None), attr):
            return (f"{module}.{cls.name}.{attr} is not available yet", f"see docs/stdlib.md for what {module} has")
    return None


def refuse_method_call(checker, node: py_ast.Call, info: ClassInfo, params: list) -> None:
    """Calls of our classes' methods that CPython takes and ours not yet, located with a hint
    (rather than an argument count): ``m.group(1, 2)``, a logger's %-arguments it cannot see."""
    from .stdlib_logging import refuse_unseen_logger
    refuse_unseen_logger(checker, node, info, params)
    method = node.func.attr if isinstance(node.func, py_ast.Attribute) else ""
    if info.name == "Match" and method == "group" and len(node.args) > 1 \
            and STDLIB_DIR in info.module.path.resolve().parents:
        raise checker.fail(node, "re.Match.group() of several groups is not available yet (CPython returns a "
                           "tuple)", "read them one by one: m.group(1), m.group(2)")


def index_problem(info: ClassInfo) -> tuple[str, str] | None:
    """``m[1]`` of a re.Match (CPython's __getitem__ is group())."""
    if info.name == "Match" and STDLIB_DIR in info.module.path.resolve().parents:
        return ("re.Match indexing (m[1]) is not available yet", "write m.group(1), as CPython's m[1] is")
    return None
