"""Compile-time checks of a program's use of ``re`` (compiler/stdlib/re/).

Problem: our re differs from CPython's where the types cannot follow it: flags are ints (CPython's
are RegexFlag, printed as ``re.IGNORECASE``), finditer() gives a list (CPython's an iterator) and
Match.groups() a list (CPython's a tuple); and a constant pattern CPython rejects, or ours does
not support yet, should fail at compile time rather than when it runs.
Accepts: a module and its names imported from re. Guarantees: flags are used only as arguments
(through ``|`` and conditional expressions), finditer() and groups() results only where a list and CPython's value behave alike,
and ours supports every constant pattern and replacement (one CPython rejects raises its re.error
when it runs, as in CPython).
"""
from __future__ import annotations

import ast as py_ast
import sys
import types
import warnings
from pathlib import Path

from ..diagnostics import Diagnostic
from ..program import SourceModule

RE_DIR = Path(__file__).resolve().parent.parent / "stdlib" / "re"
FLAGS = {"NOFLAG": 0, "IGNORECASE": 2, "I": 2, "MULTILINE": 8, "M": 8, "DOTALL": 16, "S": 16,
         "VERBOSE": 64, "X": 64, "UNICODE": 32, "U": 32, "ASCII": 256, "A": 256}
# function -> (index of the pattern argument, of flags, of the replacement; -1: none)
PATTERN_CALLS = {"compile": (0, 1, -1), "match": (0, 2, -1), "search": (0, 2, -1), "fullmatch": (0, 2, -1),
                 "sub": (0, 4, 1), "subn": (0, 4, 1), "split": (0, 3, -1), "findall": (0, 2, -1),
                 "finditer": (0, 2, -1)}
_ours: types.ModuleType | None = None


def check(module: SourceModule, names: dict[str, str]) -> list[Diagnostic]:
    """``names``: local name -> the re name it was imported as."""
    parents = {child: node for node in py_ast.walk(module.tree) for child in py_ast.iter_child_nodes(node)}
    errors = []
    for node in py_ast.walk(module.tree):
        if isinstance(node, py_ast.Name) and names.get(node.id) in FLAGS and isinstance(node.ctx, py_ast.Load) \
                and not _passed(node, parents, names):
            errors.append(Diagnostic(module.loc(node), f"re.{names[node.id]} can only be passed as a flags argument "
                                     "here", "CPython's flags are RegexFlag values, not ints: pass them (an | "
                                     "of them, or a conditional expression of them) directly to re's function"))
        if isinstance(node, py_ast.Call):
            errors += _check_call(module, node, names, parents)
    return errors


def _passed(node: py_ast.AST, parents: dict, names: dict[str, str]) -> bool:
    parent = parents.get(node)
    while (isinstance(parent, py_ast.BinOp) and isinstance(parent.op, py_ast.BitOr)) \
            or (isinstance(parent, py_ast.IfExp) and node is not parent.test):
        node, parent = parent, parents.get(parent)
    if isinstance(parent, py_ast.keyword) and parent.arg == "flags":
        parent, node = parents.get(parent), parent
    return isinstance(parent, py_ast.Call) and isinstance(parent.func, py_ast.Name) \
        and names.get(parent.func.id) in PATTERN_CALLS and (node in parent.args or node in parent.keywords)


def _check_call(module: SourceModule, node: py_ast.Call, names: dict[str, str], parents: dict) -> list[Diagnostic]:
    func = node.func
    method = func.attr if isinstance(func, py_ast.Attribute) else None
    name = names.get(func.id) if isinstance(func, py_ast.Name) else None
    parent = parents.get(node)
    if name in ("Pattern", "Match"):
        return [Diagnostic(module.loc(node), f"cannot create 're.{name}' instances",
                           "CPython raises TypeError here: make one with compile() or a match")]
    if (method == "finditer" or name == "finditer") and not _iterated(node, parent):
        return [Diagnostic(module.loc(node), "the result of finditer() can only be looped over here",
                           "CPython's is an iterator (ours a list): write for m in finditer(...)")]
    if method == "groups" and not (_iterated(node, parent) or _indexed(node, parent)):
        return [Diagnostic(module.loc(node), "the result of Match.groups() can only be indexed or looped over "
                           "here", "CPython's is a tuple (ours a list): write m.groups()[i] or m.group(i)")]
    if name in PATTERN_CALLS:
        return _check_constants(module, node, name)
    return []


def _iterated(node: py_ast.AST, parent: py_ast.AST | None) -> bool:
    return isinstance(parent, (py_ast.For, py_ast.comprehension)) and parent.iter is node


def _indexed(node: py_ast.AST, parent: py_ast.AST | None) -> bool:
    if isinstance(parent, py_ast.Subscript) and parent.value is node:
        return not isinstance(parent.slice, py_ast.Slice)
    if isinstance(parent, py_ast.Call) and isinstance(parent.func, py_ast.Name) and parent.func.id == "len":
        return True
    return isinstance(parent, py_ast.Compare) and node in parent.comparators \
        and all(isinstance(op, (py_ast.In, py_ast.NotIn)) for op in parent.ops)


def _argument(node: py_ast.Call, index: int, keyword: str) -> py_ast.expr | None:
    if 0 <= index < len(node.args):
        return node.args[index]
    return next((k.value for k in node.keywords if k.arg == keyword), None)


def _constant_flags(node: py_ast.expr | None) -> int | None:
    if node is None:
        return 0
    if isinstance(node, py_ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, py_ast.Name) and node.id in FLAGS:
        return FLAGS[node.id]
    if isinstance(node, py_ast.BinOp) and isinstance(node.op, py_ast.BitOr):
        left, right = _constant_flags(node.left), _constant_flags(node.right)
        return None if left is None or right is None else left | right
    return None


def _check_constants(module: SourceModule, node: py_ast.Call, name: str) -> list[Diagnostic]:
    pattern_at, flags_at, repl_at = PATTERN_CALLS[name]
    pattern = _argument(node, pattern_at, "pattern")
    flags = _constant_flags(_argument(node, flags_at, "flags"))
    if not (isinstance(pattern, py_ast.Constant) and isinstance(pattern.value, str)) or flags is None:
        return []
    repl = _argument(node, repl_at, "repl") if repl_at >= 0 else None
    problem = _refusal(pattern.value, flags, repl.value if isinstance(repl, py_ast.Constant)
                       and isinstance(repl.value, str) else None)
    if problem is None and name == "findall" and _groups(pattern.value, flags) > 1:
        problem = (True, "re.findall() of a pattern with more than one group is not available yet (CPython "
                   "returns a list of tuples)", "loop over re.finditer(...) and read m.group(1), m.group(2), ...")
    if problem is None:
        return []
    return [Diagnostic(module.loc(pattern if problem[0] else repl), problem[1], problem[2])]


def _groups(pattern: str, flags: int) -> int:
    try:
        return _load()._syntax.parse(pattern, flags).groups
    except Exception:
        return 0


def _refusal(pattern: str, flags: int, repl: str | None) -> tuple[bool, str, str] | None:
    """(about the pattern?, message, help) if ours does not support the constants yet. A pattern
    or replacement CPython rejects is left alone: ours raises CPython's error when it runs."""
    ours = _load()
    try:
        parsed = ours._syntax.parse(pattern, flags)
        ours._emit.emit_program(parsed)
    except NotImplementedError as err:
        return (True, str(err), "see docs/stdlib.md for what the compiled re supports")
    except Exception:
        return None
    try:
        if repl is not None:
            ours._template.parse_template(repl, pattern, parsed.groups, parsed.names)
    except NotImplementedError as err:
        return (False, str(err), "see docs/stdlib.md for what the compiled re supports")
    except Exception:
        return None
    return None


def _load() -> types.ModuleType:
    """Our re's parser under CPython, as package ``_compiled_re`` (CPython's own re untouched)."""
    global _ours
    if _ours is None:
        package = types.ModuleType("_compiled_re")
        package.__path__ = []
        sys.modules["_compiled_re"] = package
        for part in ("_errors", "_tokens", "_syntax", "_unicode", "_sets", "_emit", "_template"):
            text = (RE_DIR / f"{part}.py").read_text().replace("from re.", "from _compiled_re.")
            module = types.ModuleType(f"_compiled_re.{part}")
            sys.modules[module.__name__] = module
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(text, str(RE_DIR / f"{part}.py"), "exec"), module.__dict__)
            setattr(package, part, module)
        _ours = package
    return _ours
