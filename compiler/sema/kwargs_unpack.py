"""``f(**d)`` and ``Cls(**d)``: keyword arguments taken from a ``dict[str, T]`` or from an Any
holding a dict (a JSON object), beside positional and keyword arguments.

Problem: which parameters the dict fills is only known when the call runs. Accepts: a call of a
module-level function or a class (its ``__init__``) with one ``**`` argument. Guarantees: the
explicit arguments are checked as in any call; every parameter the dict may fill takes the dict's
values (an Any's checked at run time, TypeError if it does not fit; ``T`` must fit at compile
time); ``node.unpacking`` says what lowering (compiler/lower/kwargs_unpack.py) needs to bind them
at run time with CPython 3.11's checks and messages. Anything else stays a located compile error.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass

from ..program import ANY, STR, DictType, Param, Type, dict_of
from .types import assignable, from_any

HELP = "pass the arguments by name one by one"


@dataclass
class Unpacking:
    source: py_ast.expr  # the d of **d
    values: Type  # the type of its values (Any for an Any)
    before: list[str]  # explicit keywords ahead of it in the call
    after: list[str]  # explicit keywords after it
    names: list[str]  # every parameter
    given: list[str]  # parameters passed positionally
    required: list[str]  # positional parameters without a default the dict must fill
    required_keyword: list[str]  # keyword-only ones
    func: str  # "module.f()" / "module.Cls()": CPython's name in the merge messages
    qualname: str  # "f" / "Cls.__init__": its name in the binding messages


def bind_unpacked(checker, node: py_ast.Call, params: list[Param], name: str, args: list[py_ast.expr],
                  result: Type) -> Type:
    """``CallChecker.bind`` for a call with a ``**`` argument."""
    func, qualname = _names(checker, node)
    unpacks = [k for k in node.keywords if k.arg is None]
    if len(unpacks) > 1:
        raise checker.fail(unpacks[1], "only one '**' argument per call is supported", HELP)
    split = node.keywords.index(unpacks[0])
    source = unpacks[0].value
    bound = checker.given_arguments(node, params, name, args)
    values = _values_type(checker, source)
    required, required_keyword = [], []
    for param, arg in zip(params, bound):
        if arg is not None:
            checker.use(arg, param.ty, what=f"argument '{param.name}' of {name}()")
            continue
        _check_values(checker, source, values, param, name)
        if param.default is None:
            (required_keyword if param.keyword_only else required).append(param.name)
        else:
            checker.use(param.default, param.ty)
    node.bound = bound
    node.unpacking = Unpacking(source, values, [k.arg for k in node.keywords[:split]],
                               [k.arg for k in node.keywords[split + 1:]], [p.name for p in params],
                               [p.name for p in params[:len(args)]], required, required_keyword, func, qualname)
    return result


def _names(checker, node: py_ast.Call) -> tuple[str, str]:
    kind, target = node.call[0], node.call[1]
    if kind == "function" and isinstance(node.func, py_ast.Name):  # not C.m(...) of a static or class method
        return f"{target.module.name}.{target.name}()", target.name
    if kind == "new":
        init = node.call[2]
        return f"{target.module.name}.{target.name}()", f"{init.owner.name}.__init__"
    raise checker.fail(next(k for k in node.keywords if k.arg is None),
                       "'**' unpacking is supported in calls of functions and classes only", HELP)


def _values_type(checker, source: py_ast.expr) -> Type:
    empty = isinstance(source, py_ast.Dict) and not source.keys  # f(**{})
    ty = checker.check(source, dict_of(STR, ANY) if empty else None)
    if ty == ANY:
        if checker.objects_have_getitem:  # an object with keys() and __getitem__ is a mapping too
            raise checker.fail(source, "'**' of an Any is not supported where a class of the program "
                               "defines __getitem__", "narrow it first: 'if isinstance(d, dict): ...'")
        return ANY
    if isinstance(ty, DictType) and ty.key == STR:
        return ty.value
    raise checker.fail(source, f"'**' needs a dict[str, T] or an Any holding a dict, not {ty}", HELP)


def _check_values(checker, source: py_ast.expr, values: Type, param: Param, name: str) -> None:
    """The dict's values must fit every parameter it may fill (an Any's: checked when it runs)."""
    if values == param.ty or (values == ANY and (param.ty == ANY or from_any(param.ty))) \
            or (values != ANY and assignable(values, param.ty)):
        return
    raise checker.fail(source, f"argument '{param.name}' of {name}() must be {param.ty}, not {values} "
                       "(the type of this dict's values)", HELP)
