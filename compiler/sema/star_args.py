"""``*args: T`` parameters and ``*`` in calls.

A ``*args: T`` parameter is a ``tuple[T, ...]`` (compiler/program.py ``VarTupleType``): a call
passes the extra positional arguments as a tuple literal of them, so the function itself is an
ordinary one whose parameter is that tuple.

``f(a, *xs, b)``: ``xs`` is a list or a ``tuple[T, ...]``. The arguments from the first starred
one on make one sequence (``rest``, built left to right as CPython evaluates them, the lists
copied), which fills the parameters the explicit arguments before it left, then ``*args``.
Where ``rest`` only feeds ``*args`` no check is needed. Where it fills named parameters, its
length is checked when the call runs, with CPython's ``TypeError`` (``f() missing 1 required
positional argument: 'b'``, ``f() takes 2 positional arguments but 3 were given``,
compiler/runtime/tuple_builtin.py); that needs CPython's name of the function, so it is
accepted for module-level functions of the program and constructors, whose parameters it
fills must have no defaults and take exactly ``T``. Anything else is a located compile error.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass

from ..frontend.load import PROJECT_ROOT
from ..program import ListType, Param, TupleType, Type, VarTupleType, var_tuple_of

HELP = "pass the arguments one by one, or give the function a '*args: T' parameter"


@dataclass
class StarBinding:
    """What lowering needs to check ``rest`` and take the parameters from it."""
    rest: py_ast.expr  # a tuple[T, ...] expression: the arguments from the first starred one
    before: int  # positional arguments before it
    wanted: int  # named parameters it fills
    exact: bool  # no *args: more items than wanted is a TypeError
    offset: int  # 1 when CPython counts self in its message
    qualname: str  # CPython's name of the function in the message
    item: Type
    names: list[str]  # the parameters it fills
    temp: str = ""  # the local holding rest (set by lowering)


class StarItem(py_ast.expr):
    """Argument ``index`` of ``rest`` (``index`` -1: the items after the named ones, for *args;
    -2: ``whole``, all of rest, for *args, with no binding to check)."""

    def __init__(self, binding: StarBinding | None = None, index: int = 0, ty: Type | None = None,
                 whole: py_ast.expr | None = None):  # defaults: copy.deepcopy makes one without arguments
        super().__init__()
        self.binding, self.index, self.ty, self.whole = binding, index, ty, whole


def vararg_index(params: list[Param]) -> int | None:
    return next((i for i, p in enumerate(params) if p.var_positional), None)


def argument_positions(params: list[Param], count: int, keywords: list[int]) -> list[int]:
    """The parameter each argument fills, in source order (the extras all fill *args)."""
    vararg = vararg_index(params)
    positions = [i if vararg is None else min(i, vararg) for i in range(count)]
    return list(dict.fromkeys(positions + keywords))


def refuse_unpacked_into_varargs(checker, node: py_ast.Call, params: list[Param], name: str) -> None:
    if vararg_index(params) is not None:  # the runtime binding of **d knows no *args
        raise checker.fail(node, f"'**' unpacking in a call of {name}(), which takes *args, is not supported",
                           "pass the arguments by name one by one")
    if any(p.var_keyword for p in params):  # nor **kwargs
        raise checker.fail(node, f"'**' unpacking in a call of {name}(), which takes **kwargs, is not supported",
                           "pass the arguments by name one by one")


def packed_extras(node: py_ast.Call, extras: list[py_ast.expr]) -> py_ast.Tuple:
    """The extra positional arguments of a call as the tuple ``*args`` receives."""
    where = extras[0] if extras else node
    return py_ast.copy_location(py_ast.Tuple(elts=list(extras), ctx=py_ast.Load()), where)


def bind_starred(checker, node: py_ast.Call, params: list[Param], name: str, args: list[py_ast.expr],
                 bound: list) -> list:
    """``CallChecker.given_arguments`` for a call with ``*`` arguments."""
    star = next(i for i, a in enumerate(args) if isinstance(a, py_ast.Starred))
    for arg in args:
        if isinstance(arg, py_ast.Starred) and isinstance(arg.value, py_ast.Name):  # read twice: harmless
            ty = checker.check(arg.value)
            if not isinstance(ty, (ListType, VarTupleType, TupleType)):
                raise checker.fail(arg.value, f"'*' unpacking of {ty} is not supported", "unpack a list or a tuple")
    if node.keywords:
        raise checker.fail(args[star], "'*' unpacking together with keyword arguments is not supported", HELP)
    vararg = vararg_index(params)
    positional = sum(not p.keyword_only and not p.var_positional and not p.var_keyword for p in params)
    if star > positional and vararg is None:
        raise checker.fail(node, f"{name}() takes {positional} positional argument(s), {star} or more given")
    for index in range(min(star, positional)):
        bound[index] = args[index]
    covered = params[star:positional]
    rest = _rest(args[star:], args[positional:star], node)
    item = _item_type(checker, rest, args[star])
    if not covered and vararg is None:
        raise checker.fail(args[star], f"{name}() takes no more positional arguments here", HELP)
    if not covered:
        if params[vararg].ty != var_tuple_of(item):
            raise checker.fail(args[star], f"*{params[vararg].name} of {name}() takes {params[vararg].ty.item}, "
                               f"not {item}", HELP)
        bound[vararg] = StarItem(None, -2, params[vararg].ty, rest)  # only *args takes them: no check
        return bound
    binding = StarBinding(rest, star, len(covered), vararg is None, *_cpython_name(checker, node, args[star]), item,
                          [p.name for p in covered])
    for offset, param in enumerate(covered):
        if param.default is not None or param.ty != item:
            raise checker.fail(args[star], f"'*' unpacking into parameter '{param.name}' of {name}() "
                               f"({param.ty}{', with a default' if param.default is not None else ''}) is not "
                               f"supported: each parameter it fills must take {item} and have no default", HELP)
        bound[star + offset] = StarItem(binding, offset, item)
    if vararg is not None:
        if params[vararg].ty.item != item:
            raise checker.fail(args[star], f"*{params[vararg].name} of {name}() takes {params[vararg].ty.item}, "
                               f"not {item}", HELP)
        bound[vararg] = StarItem(binding, -1, params[vararg].ty)
    return bound


def _item_type(checker, rest: py_ast.expr, where: py_ast.expr) -> Type:
    """The item type of ``rest``; a fixed tuple of one item type is copied into a tuple[T, ...]."""
    ty = checker.check(rest)
    if isinstance(ty, TupleType) and len(set(ty.items)) == 1:
        rest.target_ty = ty = var_tuple_of(ty.items[0])
    if not isinstance(ty, VarTupleType):
        raise checker.fail(where, f"'*' unpacking here gives {ty}, not a sequence of one item type", HELP)
    return ty.item


def _rest(args: list[py_ast.expr], extras: list[py_ast.expr], node: py_ast.Call) -> py_ast.expr:
    """``(extras...) + tuple(xs) + (b,) + ...``: the sequence the arguments from the star on make."""
    segments: list[py_ast.expr] = [packed_extras(node, extras)] if extras else []
    plain: list[py_ast.expr] = []
    for arg in args:
        if not isinstance(arg, py_ast.Starred):
            plain.append(arg)
            continue
        if plain:
            segments.append(packed_extras(node, plain))
            plain = []
        segments.append(_as_tuple(arg.value))
    if plain:
        segments.append(packed_extras(node, plain))
    rest = segments[0]
    for segment in segments[1:]:
        rest = py_ast.copy_location(py_ast.BinOp(left=rest, op=py_ast.Add(), right=segment), segment)
    return rest


def _as_tuple(source: py_ast.expr) -> py_ast.expr:
    """``tuple(xs)``: CPython copies the items when the call's arguments are evaluated."""
    call = py_ast.Call(func=py_ast.Name(id="tuple", ctx=py_ast.Load()), args=[source], keywords=[])
    return py_ast.copy_location(call, source)


def _cpython_name(checker, node: py_ast.Call, where: py_ast.expr) -> tuple[int, str]:
    """(1 if CPython counts self, the function's name in CPython's TypeError)."""
    kind, target = node.call[0], node.call[1]
    if kind == "function" and isinstance(node.func, py_ast.Name) and target.owner is None and _own(target):
        return 0, target.name
    if kind == "new" and node.call[2] is not None and _own(node.call[2]):
        return 1, f"{node.call[2].owner.name}.__init__"
    raise checker.fail(where, "'*' unpacking into named parameters is supported in calls of the program's "
                       "module-level functions and classes only", HELP)


def _own(fn) -> bool:
    """A function of the program (not of the compiler's runtime or standard library)."""
    return not fn.module.path.resolve().is_relative_to(PROJECT_ROOT / "compiler")
