"""Compile-time side of ``logging`` (compiler/stdlib/logging.py): %-style arguments.

Problem: CPython's ``log.info("took %d ms", ms)`` formats ``msg % args``; the subset has neither
varargs nor ``%`` of a str. Accepts: a module and its names imported from logging. Guarantees: a
call with arguments, of logging's functions or of a name assigned from ``getLogger(...)``
(``log = logging.getLogger(__name__)``, ``self.log = getLogger("x")``), of ``getLogger(...)`` itself
(``getLogger("x").info(...)``) or of a name annotated ``Logger`` (a parameter ``log: logging.Logger``,
``self.log: Logger``), has a constant message whose
conversions are ones an f-string does as ``%`` does, and becomes that f-string (``%d`` of an int
is ``{ms:d}``, ``%s`` is ``{x!s}``, ``%-8s`` is ``{x!s:<8}``, ``%.2f`` is ``{x:.2f}``); anything
else is a located error.
"""
from __future__ import annotations

import ast as py_ast
import re
from pathlib import Path

from ..diagnostics import Diagnostic
from ..program import SourceModule

STDLIB_DIR = Path(__file__).resolve().parent.parent / "stdlib"
METHODS = ("debug", "info", "warning", "error", "exception", "critical", "log")
CONVERSION = re.compile(r"%([-+ 0#]*)(\d*)(?:\.(\d+))?([a-zA-Z%(*]?)")


def check(module: SourceModule, names: dict[str, str]) -> list[Diagnostic]:
    """``names``: local name -> the logging name it was imported as."""
    loggers = _logger_names(module, names)
    errors = []
    for node in py_ast.walk(module.tree):
        if not isinstance(node, py_ast.Call):
            continue
        if _is_get_logger(node, names) and node.args and isinstance(node.args[0], py_ast.Name) \
                and node.args[0].id == "__name__":
            errors.append(Diagnostic(module.loc(node.args[0]), "getLogger(__name__) is not available: a compiled "
                                     "filter's modules have no __name__ (CPython's depends on how the file is run)",
                                     f"write the logger's name: getLogger({module.name.split('.')[-1]!r})"))
            continue
        func = node.func
        if isinstance(func, py_ast.Name) and names.get(func.id) in METHODS:
            method = names[func.id]
        elif isinstance(func, py_ast.Attribute) and func.attr in METHODS \
                and (_name_of(func.value) in loggers or _is_get_logger(func.value, names)):
            method = func.attr
        else:
            continue
        first = 1 if method == "log" else 0  # log(level, msg, *args)
        if len(node.args) <= first + 1:
            continue  # no arguments: CPython does not %-format the message
        problem = _rewrite(node, first)
        if problem:
            errors.append(Diagnostic(module.loc(node.args[first]), problem,
                                     "write the message as an f-string, or use %s, %d, %i, %x, %X, %o, %f"))
    return errors


def _name_of(node: py_ast.expr) -> str | None:
    if isinstance(node, py_ast.Name):
        return node.id
    if isinstance(node, py_ast.Attribute) and isinstance(node.value, py_ast.Name) and node.value.id == "self":
        return "self." + node.attr
    return None


def _is_get_logger(node: py_ast.expr | None, names: dict[str, str]) -> bool:
    return isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) \
        and names.get(node.func.id) == "getLogger"


def _is_logger_type(node: py_ast.expr | None, names: dict[str, str]) -> bool:
    if isinstance(node, py_ast.Constant) and isinstance(node.value, str):
        return names.get(node.value) == "Logger"  # "Logger" in quotes
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.BitOr):  # Logger | None
        return _is_logger_type(node.left, names) or _is_logger_type(node.right, names)
    return isinstance(node, py_ast.Name) and names.get(node.id) == "Logger"


def _logger_names(module: SourceModule, names: dict[str, str]) -> set[str]:
    """Names (and ``self.`` fields) assigned from getLogger(...) or annotated Logger, anywhere in the
    file: the rewrite keeps CPython's text whichever logger the call reaches."""
    found = set()
    for node in py_ast.walk(module.tree):
        if isinstance(node, py_ast.arg) and _is_logger_type(node.annotation, names):
            found.add(node.arg)
        if isinstance(node, py_ast.AnnAssign) and _is_logger_type(node.annotation, names):
            found.update(n for n in [_name_of(node.target)] if n)
        value = node.value if isinstance(node, (py_ast.Assign, py_ast.AnnAssign)) else None
        if _is_get_logger(value, names):
            targets = node.targets if isinstance(node, py_ast.Assign) else [node.target]
            found.update(n for n in map(_name_of, targets) if n)
    return found


def refuse_unseen_logger(checker, node: py_ast.Call, info, params: list) -> None:
    """A logger method reached through a value the rewrite above cannot see (``loggers[0].info("%d",
    n)``): a located error saying how to write it, rather than an argument count."""
    method = node.func.attr if isinstance(node.func, py_ast.Attribute) else ""
    if info.name != "Logger" or info.module.path.parent != STDLIB_DIR or method not in METHODS \
            or len(node.args) <= len(params):
        return
    raise checker.fail(node, f"the %-style arguments of Logger.{method}() are formatted when the file is compiled, "
                       f"for a logger the compiler sees: getLogger(...).{method}(...), or a name assigned from "
                       "getLogger() or annotated Logger", "assign the logger to a name first (log = "
                       "logging.getLogger(...)), or write the message as an f-string")


def _rewrite(call: py_ast.Call, first: int) -> str | None:
    message, args = call.args[first], call.args[first + 1:]
    if not (isinstance(message, py_ast.Constant) and isinstance(message.value, str)):
        return "a logging message with arguments must be a str constant here"
    if any(isinstance(a, py_ast.Starred) for a in args):
        return "*arguments to a logging call are not available yet"
    text, pieces, used, at = message.value, [], 0, 0
    for match in CONVERSION.finditer(text):
        pieces.append(text[at:match.start()])
        at = match.end()
        flags, width, precision, kind = match.groups()
        if kind == "%" and not (flags or width or precision):
            pieces.append("%")
            continue
        if kind not in ("s", "d", "i", "x", "X", "o", "f") or "#" in flags or (precision and kind not in "fs"):
            return f"the conversion '{match.group()}' in a logging message is not available yet"
        if used == len(args):
            return "not enough arguments for the logging message's format string"
        pieces.append(_field(args[used], flags, width, precision, kind))
        used += 1
    pieces.append(text[at:])
    if used != len(args):
        return "not all arguments converted during the logging message's formatting"
    values = [py_ast.Constant(p) if isinstance(p, str) else p for p in pieces if p != ""]
    call.args[first:] = [py_ast.copy_location(py_ast.JoinedStr(values=values), message)]
    return None


def _field(value: py_ast.expr, flags: str, width: str, precision: str | None, kind: str) -> py_ast.FormattedValue:
    """``%`` of one value as an f-string field of the same text."""
    align = "<" if "-" in flags else (">" if kind == "s" else "")
    fill = "0" if "0" in flags and "-" not in flags and kind != "s" else ""
    sign = "+" if "+" in flags else (" " if " " in flags and kind != "s" else "")
    spec = f"{align}{sign}{fill}{width}{'.' + precision if precision else ''}"
    spec += {"s": "", "i": "d"}.get(kind, kind)
    if kind == "f" and not precision:
        spec = spec[:-1] + ".6f"
    return py_ast.FormattedValue(value=value, conversion=ord("s") if kind == "s" else -1,
                                 format_spec=py_ast.JoinedStr(values=[py_ast.Constant(spec)]) if spec else None)
