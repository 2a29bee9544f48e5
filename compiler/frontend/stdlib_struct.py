"""Compile-time side of ``struct`` (compiler/stdlib/struct.py).

Problem: CPython's pack takes any number of values and unpack returns a tuple whose item types the
format decides; the subset has neither varargs nor a result type chosen by a str's value.
Accepts: a module and its names imported from struct. Guarantees: the format of pack, unpack and
unpack_from is a str constant that CPython accepts and ours supports (else a located error);
``pack(fmt, a, b)`` becomes ``pack(fmt, [a, b])`` (values as ``Any``, checked as CPython checks
them when it runs), and ``unpack(fmt, buf)`` / ``unpack_from(fmt, buf, offset)`` a call of a
function written here into the module, returning the typed tuple (``tuple[int, bytes]``).
"""
from __future__ import annotations

import ast as py_ast
import struct

from ..diagnostics import Diagnostic
from ..program import SourceModule

FORMAT_CALLS = ("pack", "unpack", "unpack_from")
READERS = {"unpack": "unpack", "unpack_from": "unpack_from"}  # ours return _Values
KINDS = {int: ("int", "ints"), float: ("float", "floats"), bool: ("bool", "bools"), bytes: ("bytes", "blobs")}


def check(module: SourceModule, names: dict[str, str]) -> list[Diagnostic]:
    """``names``: local name -> the struct name it was imported as."""
    errors: list[Diagnostic] = []
    made: list[py_ast.stmt] = []
    for node in list(py_ast.walk(module.tree)):
        if not (isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name)
                and names.get(node.func.id) in FORMAT_CALLS):
            continue
        name = names[node.func.id]
        problem = _format_problem(node, name)
        if problem:
            errors.append(Diagnostic(module.loc(node.args[0] if node.args else node), *problem))
        elif name == "pack":
            values = py_ast.List(elts=node.args[1:], ctx=py_ast.Load())
            node.args = [node.args[0], py_ast.copy_location(values, node)]
        else:
            made.append(_reader(node, name, len(made)))
    if made:
        imports = py_ast.ImportFrom(module="struct", names=[py_ast.alias(name=r, asname="__struct_" + r)
                                                             for r in READERS.values()], level=0)
        body = module.tree.body
        first = 1 if body and isinstance(body[0], py_ast.Expr) and isinstance(body[0].value, py_ast.Constant) else 0
        body.insert(first, py_ast.copy_location(imports, made[0]))  # after the docstring
        module.tree.body.extend(made)
    return errors


def _format_problem(call: py_ast.Call, name: str) -> tuple[str, str] | None:
    shown = f"struct.{name}()"
    if not call.args or not (isinstance(call.args[0], py_ast.Constant) and isinstance(call.args[0].value, str)):
        return (f"the format of {shown} must be a str constant here",
                "the compiled code's types follow the format: write it in the call")
    if any(isinstance(arg, py_ast.Starred) for arg in call.args):
        return (f"*arguments to {shown} are not available yet", "pass each value")
    text = call.args[0].value
    for c in "p" + ("nNP" if text[:1] not in "=<>!" else ""):
        if c in text:
            return (f"the struct format character '{c}' is not available yet", "see docs/stdlib.md for struct")
    if name == "pack":
        return None  # a format CPython rejects raises its struct.error when the call runs, here too
    try:
        values = struct.unpack(text, bytes(struct.calcsize(text)))
    except struct.error as error:
        return (f"struct.error: {error}", f"CPython raises this when {shown} runs")
    if not values:
        return (f"{shown} of a format without items is not available yet", "")
    return None


def _reader(call: py_ast.Call, name: str, number: int) -> py_ast.FunctionDef:
    """``def __struct_unpack_N(buffer, offset=0) -> tuple[...]``, and the call rewritten to it."""
    text = call.args[0].value
    counts = {kind: 0 for kind in KINDS}
    types, items = [], []
    for value in struct.unpack(text, bytes(struct.calcsize(text))):
        kind = type(value)
        types.append(KINDS[kind][0])
        items.append(f"values.{KINDS[kind][1]}[{counts[kind]}]")
        counts[kind] += 1
    function = f"__struct_{name}_{number}"
    offset = ", offset: int = 0" if name == "unpack_from" else ""
    passed = ", offset" if name == "unpack_from" else ""
    source = (f"def {function}(buffer: bytes{offset}) -> tuple[{', '.join(types)}]:\n"
              f"    values = __struct_{READERS[name]}({text!r}, buffer{passed})\n"
              f"    return ({', '.join(items)},)\n")
    made = py_ast.parse(source).body[0]
    for node in py_ast.walk(made):
        if hasattr(node, "lineno"):
            py_ast.copy_location(node, call)
    call.func = py_ast.copy_location(py_ast.Name(id=function, ctx=py_ast.Load()), call.func)
    call.args = call.args[1:]
    return made
