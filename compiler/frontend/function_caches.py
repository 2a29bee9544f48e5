"""``@functools.lru_cache`` and ``@functools.cache`` on module-level functions, rewritten into code.

Problem: CPython's cache is a C wrapper object; the compiler has no such objects. Accepts: a
parsed module (after module_imports.rewrite). Guarantees: a module-level ``@lru_cache``,
``@lru_cache(maxsize=N)``, ``@lru_cache(N)`` or ``@cache`` function ``f`` whose parameters are
int, str, bytes or bool (or tuples of those) becomes:

- ``f@wrapped``: the function itself (its tracebacks still say ``f``);
- ``f``: a wrapper with CPython 3.11's bounded_lru_cache_wrapper steps: a hit moves the key to
  the most recently used end and counts a hit; a miss counts, calls ``f@wrapped``, returns
  without storing when a recursive call stored the key meanwhile, else evicts the least
  recently used key of a full cache and stores. maxsize=None never evicts (infinite_lru_cache_
  wrapper: the value is stored, overwriting), maxsize=0 (or negative) never stores;
- ``f.cache_info()`` / ``f.cache_clear()`` in the module: the synthetic functions
  ``f@cache_info`` / ``f@cache_clear``; CacheInfo is a NamedTuple with CPython's repr.

The wrapper is a frame of its own, as CPython's C call counts against the recursion limit: a
cached recursive function reaches RecursionError at half the depth, as in CPython. Calls must
pass every argument by position (sema/itertools_calls.py checks them): CPython's key of
``f(x=1)`` differs from that of ``f(1)``. float parameters are refused: CPython finds a NaN key
by identity. Anything else is a located error.
"""
from __future__ import annotations

import ast as py_ast

from ..diagnostics import Diagnostic
from ..program import SourceModule

HASHABLE = ("int", "str", "bytes", "bool")
KINDS = ("lru_cache", "cache")
HELP = "put @functools.lru_cache (or @functools.cache) on a module-level function"


def rewrite(module: SourceModule) -> list[Diagnostic]:
    names = {a.asname or a.name: a.name for s in module.tree.body if isinstance(s, py_ast.ImportFrom)
             and s.module == "functools" and s.level == 0 for a in s.names if a.name in KINDS}
    if not names:
        return []
    errors: list[Diagnostic] = []
    body: list[py_ast.stmt] = []
    cached: dict[str, int | None] = {}  # name -> maxsize
    for stmt in module.tree.body:
        if isinstance(stmt, py_ast.FunctionDef) and any(_kind(d, names) for d in stmt.decorator_list):
            try:
                name = stmt.name
                made, cached[name] = _cached_function(module, stmt, names)
                body += made
            except _Refused as refused:
                errors.append(Diagnostic(module.loc(refused.node), refused.message, refused.help))
                stmt.decorator_list = []  # reported once
                body.append(stmt)
            continue
        body.append(stmt)
    module.tree.body = body
    errors += _other_uses(module, names, cached)
    if cached and not errors:
        _method_calls(module, cached, errors)
    return errors


class _Refused(Exception):
    def __init__(self, node: py_ast.AST, message: str, help: str = ""):
        super().__init__(message)
        self.node, self.message, self.help = node, message, help


def _kind(decorator: py_ast.expr, names: dict[str, str]) -> str | None:
    callee = decorator.func if isinstance(decorator, py_ast.Call) else decorator
    if isinstance(callee, py_ast.Name) and callee.id in names:
        return names[callee.id]
    return None


def _maxsize(decorator: py_ast.expr, kind: str) -> int | None:
    if kind == "cache":
        if isinstance(decorator, py_ast.Call):
            raise _Refused(decorator, "@cache takes no arguments", "write @functools.cache")
        return None
    if not isinstance(decorator, py_ast.Call):
        return 128
    given = list(decorator.args) + [k.value for k in decorator.keywords if k.arg == "maxsize"]
    for keyword in decorator.keywords:
        if keyword.arg not in ("maxsize", "typed"):
            raise _Refused(keyword, f"lru_cache() has no argument '{keyword.arg}'", "write @lru_cache(maxsize=128)")
        if keyword.arg == "typed" and not (isinstance(keyword.value, py_ast.Constant)
                                          and isinstance(keyword.value.value, bool)):
            raise _Refused(keyword.value, "typed= must be True or False here", "write typed=True or leave it out")
    if len(given) > 1 or len(decorator.args) > 1:
        raise _Refused(decorator, "lru_cache() takes one maxsize", "write @lru_cache(maxsize=128)")
    if not given:
        return 128
    value = given[0]
    if isinstance(value, py_ast.Constant) and value.value is None:
        return None
    if isinstance(value, py_ast.UnaryOp) and isinstance(value.op, py_ast.USub) \
            and isinstance(value.operand, py_ast.Constant) and type(value.operand.value) is int:
        return 0  # CPython: a negative maxsize is 0
    if isinstance(value, py_ast.Constant) and type(value.value) is int:
        return max(value.value, 0)
    raise _Refused(value, "the maxsize of lru_cache() must be an int constant or None here",
                   "write the number itself: @lru_cache(maxsize=128)")


def _cached_function(module: SourceModule, fn: py_ast.FunctionDef,
                     names: dict[str, str]) -> tuple[list[py_ast.stmt], int | None]:
    if len(fn.decorator_list) != 1:
        raise _Refused(fn.decorator_list[0], "a cached function takes no other decorator here",
                       "keep only @lru_cache, and call the function from an exported one")
    decorator = fn.decorator_list[0]
    maxsize = _maxsize(decorator, _kind(decorator, names))
    args = fn.args
    if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs or args.defaults:
        raise _Refused(fn, "a cached function takes plain parameters without defaults here",
                       "CPython's cache key differs for f(x=1) and f(1): pass every argument by position")
    for arg in args.args:
        if arg.arg in ("repr", "len"):  # the wrapper calls these built-ins
            raise _Refused(arg, f"a cached function's parameter cannot be named '{arg.arg}' here",
                           "rename the parameter")
        if arg.annotation is None or not _hashable(arg.annotation):
            raise _Refused(arg, f"the parameter '{arg.arg}' of a cached function must be int, str, bytes, "
                           "bool or a tuple of those here", "pass such a value, and look the rest up inside")
    if fn.returns is None or (isinstance(fn.returns, py_ast.Constant) and fn.returns.value is None):
        raise _Refused(fn, "a cached function must return a value here", "annotate its result: -> int")
    fn.decorator_list = []
    name = fn.name
    fn.name = f"{name}@wrapped"
    fn.shown_name = name  # tracebacks name the function as CPython does
    fn.lru_cache = True
    text = _wrapper_text(name, fn, maxsize)
    made = py_ast.parse(text).body
    for stmt in made:
        _located(stmt, decorator)
    for node in py_ast.walk(made[-1]):  # the wrapper: its calls are checked as calls of ``f``
        if isinstance(node, py_ast.FunctionDef):
            node.lru_cache = True
    return [_Renamed(name).visit(s) for s in made[:-1]] + [fn, _Renamed(name).visit(made[-1])], maxsize


def _hashable(annotation: py_ast.expr) -> bool:
    if isinstance(annotation, py_ast.Name):
        return annotation.id in HASHABLE
    if isinstance(annotation, py_ast.Subscript) and isinstance(annotation.value, py_ast.Name) \
            and annotation.value.id in ("tuple", "Tuple"):
        parts = annotation.slice.elts if isinstance(annotation.slice, py_ast.Tuple) else [annotation.slice]
        return all(isinstance(p, py_ast.Constant) and p.value is Ellipsis or _hashable(p) for p in parts)
    return False


def _wrapper_text(name: str, fn: py_ast.FunctionDef, maxsize: int | None) -> str:
    params = ", ".join(f"{a.arg}: {py_ast.unparse(a.annotation)}" for a in fn.args.args)
    passed = ", ".join(a.arg for a in fn.args.args)
    result = py_ast.unparse(fn.returns)
    single = [py_ast.unparse(a.annotation) for a in fn.args.args]
    if len(single) == 1 and single[0] in ("int", "str", "bytes"):
        key_ty, key = single[0], passed  # CPython's key for one int or str argument is that argument
    else:  # the repr of the tuple: equal exactly when the tuples of these types are
        key_ty, key = "str", f"repr(({passed},))" if fn.args.args else '""'
    lines = [f"F__cache: dict[{key_ty}, {result}] = {{}}",
             "F__info: list[int] = [0, 0]",
             f"def F({params}) -> {result}:",
             f"    F__key = {key}"]
    if maxsize is None:
        lines += ["    if F__key in F__cache:",
                  "        F__info[0] += 1",
                  "        return F__cache[F__key]",
                  "    F__info[1] += 1",
                  f"    F__value = F__wrapped({passed})",
                  "    F__cache[F__key] = F__value",
                  "    return F__value"]
    elif maxsize == 0:
        lines += ["    F__info[1] += 1",
                  f"    return F__wrapped({passed})"]
    else:
        lines += ["    if F__key in F__cache:",
                  "        F__info[0] += 1",
                  "        F__value = F__cache.pop(F__key)",  # now the most recently used
                  "        F__cache[F__key] = F__value",
                  "        return F__value",
                  "    F__info[1] += 1",
                  f"    F__value = F__wrapped({passed})",
                  "    if F__key in F__cache:",  # a recursive call stored it meanwhile
                  "        return F__value",
                  f"    if len(F__cache) >= {maxsize}:",
                  "        for F__oldest in F__cache:",
                  "            del F__cache[F__oldest]",
                  "            break",
                  "    F__cache[F__key] = F__value",
                  "    return F__value"]
    return "\n".join(lines) + "\n"


class _Renamed(py_ast.NodeTransformer):
    """``F`` -> ``f``, ``F__x`` -> ``f@x``: names no program can write."""

    def __init__(self, name: str):
        self.name = name

    def rename(self, text: str) -> str:
        if text == "F":
            return self.name
        if text == "F__CacheInfo":
            return "functools.CacheInfo"
        if text.startswith("F__"):
            return f"{self.name}@{text[3:]}"
        return text

    def visit_Name(self, node):
        node.id = self.rename(node.id)
        return node

    def visit_FunctionDef(self, node):
        node.name = self.rename(node.name)
        self.generic_visit(node)
        return node


def _other_uses(module: SourceModule, names: dict[str, str], cached: dict) -> list[Diagnostic]:
    """lru_cache or cache anywhere but on a module-level function: a located error."""
    errors = []
    for node in py_ast.walk(module.tree):
        if isinstance(node, py_ast.Name) and node.id in names:
            errors.append(Diagnostic(module.loc(node), f"functools.{names[node.id]} is supported as the "
                                     "decorator of a module-level function", HELP))
    return errors


def _method_calls(module: SourceModule, cached: dict, errors: list) -> None:
    """``f.cache_info()`` / ``f.cache_clear()`` -> ``f@cache_info()`` / ``f@cache_clear()``, defined
    after ``f`` when used."""
    used: set[tuple[str, str]] = set()

    class Calls(py_ast.NodeTransformer):
        def visit_Attribute(self, node):
            self.generic_visit(node)
            if not (isinstance(node.value, py_ast.Name) and node.value.id in cached):
                return node
            if node.attr not in ("cache_info", "cache_clear"):
                errors.append(Diagnostic(module.loc(node), f"a cached function has no attribute "
                                         f"'{node.attr}' here", "call its cache_info() or cache_clear()"))
                return node
            used.add((node.value.id, node.attr))
            return py_ast.copy_location(py_ast.Name(id=f"{node.value.id}@{node.attr}", ctx=node.ctx), node)
    Calls().visit(module.tree)
    for name, method in sorted(used):
        at = next(i for i, s in enumerate(module.tree.body) if isinstance(s, py_ast.FunctionDef) and s.name == name)
        made = py_ast.parse(METHODS[method].format(maxsize=cached[name])).body[0]
        _located(made, module.tree.body[at])
        module.tree.body.insert(at + 1, _Renamed(name).visit(made))
    if any(method == "cache_info" for _, method in used):
        body = module.tree.body
        first = 1 if isinstance(body[0], py_ast.Expr) and isinstance(body[0].value, py_ast.Constant) else 0
        body[first:first] = _cache_info_class(body[first])  # after the docstring


METHODS = {"cache_info": """
def F__cache_info() -> F__CacheInfo:
    return F__CacheInfo(F__info[0], F__info[1], {maxsize}, len(F__cache))
""", "cache_clear": """
def F__cache_clear() -> None:
    F__cache.clear()
    F__info[0] = 0
    F__info[1] = 0
"""}


def _cache_info_class(where: py_ast.stmt) -> list[py_ast.stmt]:
    """``from compiler.runtime.cache_info import CacheInfo as functools.CacheInfo``: CPython's
    NamedTuple, under a name no program can write."""
    stmt = py_ast.ImportFrom(module="compiler.runtime.cache_info",
                             names=[py_ast.alias(name="CacheInfo", asname="functools.CacheInfo")], level=0)
    _located(stmt, where)
    py_ast.copy_location(stmt.names[0], where)
    return [stmt]


def _located(stmt: py_ast.stmt, where: py_ast.AST) -> None:
    for node in py_ast.walk(stmt):
        if hasattr(node, "lineno"):
            py_ast.copy_location(node, where)
            node.end_lineno, node.end_col_offset = where.end_lineno, where.end_col_offset
