"""Calls of datetime (compiler/stdlib/datetime.py) whose CPython result depends on the host's local
time zone, which a compiled filter does not know, and strftime formats with directives ours does not
have: located errors where the call can be seen (the library raises ValueError for the rest).

Accepts: a module and its local names for datetime's classes (``DateTime`` -> ``datetime``).
Guarantees: ``now()``/``fromtimestamp(t)`` without a tz and ``astimezone()`` without one are
refused; so is ``x.strftime("...")`` with a constant format using another directive than
datetime_text.DIRECTIVES, in every module of a program that imports datetime (any receiver: it is
most likely a datetime or date; a program class's own strftime would be refused too).
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import SourceModule
from ..stdlib.datetime_text import DIRECTIVES

LOCAL = "a compiled filter does not know the host's local time zone"
TZ_HELP = "pass one: datetime.now(timezone.utc), datetime.fromtimestamp(t, timezone.utc)"
TZ_PARAMS = {"now": ("tz", 0), "fromtimestamp": ("tz", 1)}


def check(module: SourceModule, names: dict[str, str]) -> list[Diagnostic]:
    errors = []
    for node in py_ast.walk(module.tree):
        if not (isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Attribute)):
            continue
        func = node.func
        owner = names.get(func.value.id) if isinstance(func.value, py_ast.Name) else None
        if owner == "datetime" and func.attr in TZ_PARAMS and _no_tz(node, *TZ_PARAMS[func.attr]):
            errors.append(Diagnostic(module.loc(node), f"datetime.datetime.{func.attr}() without a tz is not "
                                     f"available: {LOCAL}", TZ_HELP))
        elif func.attr == "astimezone" and not node.args and not node.keywords:
            errors.append(Diagnostic(module.loc(node), f"datetime.datetime.astimezone() without a tz is not "
                                     f"available: {LOCAL}", "pass one: dt.astimezone(timezone.utc)"))
        elif func.attr == "strftime" and len(node.args) == 1 and isinstance(node.args[0], py_ast.Constant) \
                and isinstance(node.args[0].value, str):
            directive = unknown_directive(node.args[0].value)
            if directive:
                errors.append(Diagnostic(module.loc(node.args[0]), f"the strftime directive '%{directive}' is "
                                         "not available yet", "supported: %" + " %".join(DIRECTIVES)))
    return errors


def _no_tz(call: py_ast.Call, name: str, position: int) -> bool:
    given = call.args[position] if len(call.args) > position else None
    for keyword in call.keywords:
        if keyword.arg == name:
            given = keyword.value
    return given is None or (isinstance(given, py_ast.Constant) and given.value is None)


def unknown_directive(fmt: str) -> str:
    i = 0
    while i < len(fmt) - 1:
        if fmt[i] == "%":
            if fmt[i + 1] not in DIRECTIVES:
                return fmt[i + 1]
            i += 2
        else:
            i += 1
    return ""
