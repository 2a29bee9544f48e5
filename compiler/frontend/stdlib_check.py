"""What a program may use of the standard library modules the compiler provides (compiler/stdlib/).

Problem: our ``base64`` is a module in the subset whose functions take every argument by position
or keyword, and which holds helpers CPython's module does not have. Accepts: the loaded modules
and which of them are standard library modules. Guarantees: a program imports only names CPython's
module has too (else CPython's ImportError text), and only those ours implements (else "...
is not available yet"); its calls pass positional-only parameters by position and keyword-only
ones by keyword, as CPython requires (its TypeError becomes a compile error here), and a
parameter whose CPython default is not None (``hexlify``'s ``sep``) never receives a None.
"""
from __future__ import annotations

import ast as py_ast
import importlib
import inspect
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..program import SourceModule

NO_DEFAULT = "<unrepresentable>"  # a default CPython's signature cannot show: not None
HASHES = ("sha256", "sha1", "md5")
# (module, function, parameter) -> the str constants it may take: CPython takes more (OpenSSL's
# spellings such as "SHA256", other algorithms, constructors), which ours does not have yet.
CHOICES = {("hmac", "new", "digestmod"): HASHES, ("hmac", "HMAC", "digestmod"): HASHES,
           ("hmac", "digest", "digest"): HASHES}
# urllib.parse decodes with CPython's default codec and error handler only.
CHOICES.update({("urllib.parse", f, p): (v,) for f in ("parse_qs", "parse_qsl")
                for p, v in (("encoding", "utf-8"), ("errors", "replace"))})


@dataclass(frozen=True)
class Params:
    positional_only: tuple[str, ...]
    positional: tuple[str, ...]  # every parameter that may be passed by position
    keyword_only: tuple[str, ...]
    not_none: tuple[str, ...]  # no None default in CPython: passing None raises there
    any_keyword: bool = False  # **kw (json.dumps passes them on to its encoder class)


def check(modules: dict[str, SourceModule], stdlib: set[str]) -> list[Diagnostic]:
    errors: list[Diagnostic] = []
    library = [m for m in modules.values() if m.name in stdlib or m.name.startswith("compiler.stdlib.")]
    internal = _internal_fields(library)  # helpers' too (datetime_delta's timedelta._days)
    for module in modules.values():
        if module in library:
            continue  # the library's own imports of its helpers
        errors += _internal_uses(module, internal)
        calls: dict[str, tuple[str, str]] = {}
        for stmt in module.tree.body:
            if isinstance(stmt, py_ast.ImportFrom) and stmt.level == 0 and stmt.module in stdlib:
                for alias in stmt.names:
                    problem = _import_problem(modules[stmt.module], alias.name)
                    if problem:
                        errors.append(Diagnostic(module.loc(stmt), *problem))
                    else:
                        calls[alias.asname or alias.name] = (stmt.module, alias.name)
        if "datetime" in stdlib:  # strftime formats in any module: a datetime may be passed to it
            from . import stdlib_datetime  # each checker imported by the programs that need it
            errors += stdlib_datetime.check(module, {l: n for l, (m, n) in calls.items() if m == "datetime"})
        if calls:
            errors += _check_calls(module, calls, modules)
            errors += _module_checks(module, calls)

    return errors


def _module_checks(module: SourceModule, calls: dict[str, tuple[str, str]]) -> list[Diagnostic]:
    """The checks of one library module's calls (re patterns, struct formats, logging), imported
    only by the programs that use that module."""
    errors: list[Diagnostic] = []
    for library in ("re", "struct", "logging"):
        names = {local: name for local, (mod, name) in calls.items() if mod == library}
        if names:
            checker = importlib.import_module(f"{__package__}.stdlib_{library}")
            errors += checker.check(module, names)
    return errors


def _internal_fields(library: list[SourceModule]) -> dict[str, str]:
    """The fields our library objects keep (``self._hash_state``), which CPython's objects do not
    have: field name -> module."""
    fields = {}
    for module in library:
        for node in py_ast.walk(module.tree):
            if isinstance(node, py_ast.Attribute) and isinstance(node.value, py_ast.Name) \
                    and node.value.id == "self" and node.attr.startswith("_"):
                fields[node.attr] = _shown_module(module.name)
    return fields


def _shown_module(name: str) -> str:
    """The CPython module a library module stands for: compiler.stdlib.datetime_delta is datetime."""
    if name.startswith("compiler.stdlib."):
        return name.removeprefix("compiler.stdlib.").split("_")[0]
    return name


def _internal_uses(module: SourceModule, internal: dict[str, str]) -> list[Diagnostic]:
    if not internal:
        return []
    return [Diagnostic(module.loc(node), f"'{node.attr}' is internal to the compiler's {internal[node.attr]} "
                       "objects", "CPython's objects have no such attribute: use their documented ones")
            for node in py_ast.walk(module.tree) if isinstance(node, py_ast.Attribute) and node.attr in internal]


def _import_problem(ours: SourceModule, name: str) -> tuple[str, str] | None:
    try:
        cpython = importlib.import_module(ours.name)
    except ImportError:  # one of our modules' helpers (re._engine)
        return (f"the standard library module '{ours.name}' is not available in a compiled filter", "")
    if name == "*":
        return None  # reported by declare
    if not hasattr(cpython, name):
        return (f"cannot import name '{name}' from '{ours.name}'", f"CPython's {ours.name} has no '{name}'")
    if name.startswith("_") or name not in _top_level_names(ours):
        return (f"{ours.name}.{name} is not available yet", f"see docs/stdlib.md for what {ours.name} has")
    return None


def _top_level_names(module: SourceModule) -> set[str]:
    names = set()
    for stmt in module.tree.body:
        if isinstance(stmt, (py_ast.FunctionDef, py_ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, py_ast.Assign):  # constants (re.IGNORECASE)
            names.update(t.id for t in stmt.targets if isinstance(t, py_ast.Name))
        elif isinstance(stmt, py_ast.ImportFrom):  # re-exported names (re.error)
            names.update(a.asname or a.name for a in stmt.names)
    return names


def cpython_params(module_name: str, name: str) -> Params | None:
    """The parameter kinds of CPython's ``module.name`` (None when it shows none)."""
    func = getattr(importlib.import_module(module_name), name)
    try:
        text = getattr(func, "__text_signature__", None) or str(inspect.signature(func))
    except ValueError:
        return None  # e.g. an exception class
    text = re.sub(r"^\(\$(module|self)(, /)?(, )?", "(", text).replace(NO_DEFAULT, "...")  # random: bound methods
    # Defaults shown as <...>: urlencode's quote_via (ours has no such parameter), UUID's is_safe
    text = re.sub(r"<[^<>]*>", "None", text)
    args = py_ast.parse(f"def f{text}: pass").body[0].args
    every = args.posonlyargs + args.args
    defaulted = list(zip(every[len(every) - len(args.defaults):], args.defaults))
    defaulted += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
    not_none = tuple(a.arg for a, d in defaulted if isinstance(d, py_ast.Constant) and d.value is ...)
    return Params(tuple(a.arg for a in args.posonlyargs), tuple(a.arg for a in every),
                  tuple(a.arg for a in args.kwonlyargs), not_none, args.kwarg is not None)


def _check_calls(module: SourceModule, calls: dict[str, tuple[str, str]],
                 library: dict[str, SourceModule]) -> list[Diagnostic]:
    errors = []
    for node in py_ast.walk(module.tree):
        if not (isinstance(node, py_ast.Call) and isinstance(node.func, py_ast.Name) and node.func.id in calls):
            continue
        mod_name, name = calls[node.func.id]
        params = cpython_params(mod_name, name)
        if params is None:
            continue
        shown = f"{mod_name}.{name}()"
        for keyword in node.keywords:
            if keyword.arg in params.positional_only:
                errors.append(Diagnostic(module.loc(keyword), f"{shown} takes '{keyword.arg}' by position only",
                                         "pass it by position, as CPython requires"))
        if len(node.args) > len(params.positional) and params.keyword_only:
            extra = params.keyword_only[0]
            errors.append(Diagnostic(module.loc(node.args[len(params.positional)]),
                                     f"{shown} takes '{extra}' by keyword only",
                                     f"write {extra}=..., as CPython requires"))
        if mod_name == "hmac":
            _constructors_as_names(node, calls)
        passed = dict(zip(params.positional, node.args))
        passed.update({k.arg: k.value for k in node.keywords if k.arg})
        for param in params.not_none:
            value = passed.get(param)
            if value is not None and not (isinstance(value, py_ast.Constant) and isinstance(value.value, bytes)):
                errors.append(Diagnostic(module.loc(value), f"the '{param}' argument of {shown} must be a "
                                         "bytes constant here", "CPython's default is not None, so a None "
                                         "could not be told from leaving it out: write it as b':'"))
        errors += _check_choices(module, mod_name, name, passed)
        errors += _unavailable_keywords(module, library[mod_name], shown, params, node, library)
    return errors


def _constructors_as_names(call: py_ast.Call, calls: dict[str, tuple[str, str]]) -> None:
    """``hmac.new(key, msg, hashlib.sha256)``: the constructor becomes its name, ``"sha256"``, which
    CPython's hmac takes too, with the same results."""
    values = list(enumerate(call.args)) + [(k, k.value) for k in call.keywords]
    for where, value in values:
        if isinstance(value, py_ast.Name) and calls.get(value.id, ("", ""))[0] == "hashlib" \
                and calls[value.id][1] in HASHES:
            name = py_ast.copy_location(py_ast.Constant(calls[value.id][1]), value)
            if isinstance(where, int):
                call.args[where] = name
            else:
                where.value = name


def _unavailable_keywords(module: SourceModule, ours: SourceModule, shown: str, params: Params,
                          call: py_ast.Call, library: dict[str, SourceModule]) -> list[Diagnostic]:
    """Keywords CPython's function takes (``json.dumps(default=...)``) and ours does not yet."""
    have = _our_params(ours, shown.split(".")[-1][:-2], library)
    cpython = set(params.positional + params.keyword_only)
    return [Diagnostic(module.loc(k), f"the '{k.arg}' argument of {shown} is not available yet",
                       f"see docs/stdlib.md for what {shown} takes")
            for k in call.keywords if k.arg and have is not None and k.arg not in have
            and (k.arg in cpython or params.any_keyword)]


def _our_params(ours: SourceModule, name: str, library: dict[str, SourceModule]) -> set[str] | None:
    """The parameters of our function or class ``name`` (its __init__'s; None without one), followed
    into the helper module it is imported from (urllib.parse's quote from urllib/quoting.py)."""
    for stmt in ours.tree.body:
        if isinstance(stmt, py_ast.ImportFrom) and stmt.module in library \
                and any((a.asname or a.name) == name for a in stmt.names):
            return _our_params(library[stmt.module], name, library)
        if isinstance(stmt, py_ast.ClassDef) and stmt.name == name:
            init = [s for s in stmt.body if isinstance(s, py_ast.FunctionDef) and s.name == "__init__"]
            stmt = init[0] if init else stmt
        if isinstance(stmt, py_ast.FunctionDef) and stmt.name in (name, "__init__"):
            args = stmt.args
            return {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    return None


def _check_choices(module: SourceModule, mod_name: str, name: str, passed: dict) -> list[Diagnostic]:
    errors = []
    for (m, f, param), choices in CHOICES.items():
        value = passed.get(param)
        if (m, f) != (mod_name, name) or value is None:
            continue
        if not (isinstance(value, py_ast.Constant) and value.value in choices):
            shown = ", ".join(repr(c) for c in choices)
            errors.append(Diagnostic(module.loc(value), f"the '{param}' argument of {mod_name}.{name}() must be "
                                     f"one of {shown} here", "other algorithms and spellings are not available "
                                     "yet: write the name as a str constant"))
    return errors
