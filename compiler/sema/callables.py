"""Functions as values: ``Callable[[A, B], R]`` (from typing or collections.abc), module-level
functions and lambdas used as values, and calls of such values.

A function value is a pointer to a small object whose first slot says which function it is
(lower/closures.py). Only functions whose every parameter is plain are values; a value is
called with positional arguments, as ``Callable`` types them.
What lowering reads: ``node.fn_value`` (the FuncSym a ``Name`` or ``Lambda`` gives as a
value) and, on a call of a value, ``node.call = ("value", CallableType)``.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass

from .type_values import refuse_type_value_use
from ..program import NONE, Builtin, ClassType, FuncSym, GlobalSym, OptionalType, Type, UnionType
from .lambdas import lambda_function
from .types import assignable

CALLABLE_NAMES = ("typing.Callable", "collections.abc.Callable")
CALLABLE_HELP = "write Callable[[int, str], bool]: a list of parameter types, then the result type"


@dataclass(frozen=True)
class CallableType(Type):
    params: tuple[Type, ...] = ()
    result: Type = NONE


def callable_of(params: tuple[Type, ...], result: Type) -> CallableType:
    name = f"Callable[[{', '.join(map(str, params))}], {result}]"
    return CallableType(name, "i32", True, tuple(params), result)


def is_callable_annotation(module, name: str) -> bool:
    sym = module.namespace.get(name)
    return isinstance(sym, Builtin) and sym.name in CALLABLE_NAMES


def resolve_callable(module, py_node: py_ast.Subscript, resolve, fail) -> CallableType:
    """``Callable[[A, B], R]``; ``Callable[..., R]`` is refused (its calls could not be checked)."""
    args = py_node.slice.elts if isinstance(py_node.slice, py_ast.Tuple) else []
    if len(args) != 2 or not isinstance(args[0], py_ast.List):
        raise fail("Callable takes a list of parameter types and a result type: " + CALLABLE_HELP)
    params = tuple(resolve(module, a) for a in args[0].elts)
    if any(p == NONE for p in params):
        raise fail("a parameter cannot have type None")
    return callable_of(params, resolve(module, args[1]))


def function_type(fn: FuncSym) -> CallableType:
    return callable_of(tuple(p.ty for p in fn.params), fn.result)


def function_value(checker, node: py_ast.Name, sym) -> Type | None:
    """The type of a module-level function named as a value (None: not one)."""
    if not isinstance(sym, FuncSym) or sym.owner is not None or sym.host is not None or sym.export:
        return None
    if any(p.wasm != p.ty.wasm for p in sym.params) or sym.result_wasm != sym.result.wasm:
        raise checker.fail(node, f"'{node.id}' takes or returns an abi.i32 int: it cannot be a value")
    if any(p.var_positional or p.var_keyword for p in sym.params):
        raise checker.fail(node, f"'{node.id}' takes *args or **kwargs: it cannot be a value",
                           "wrap the call in a lambda or a nested function")
    node.fn_value = sym
    return function_type(sym)


def check_lambda(checker, node: py_ast.Lambda, expected: Type | None) -> Type:
    """A lambda as a value: its parameter types come from the Callable type expected there."""
    from .check_expr import Bail
    if isinstance(expected, OptionalType) and isinstance(expected.inner, CallableType):
        expected = expected.inner  # Callable[...] | None
    if isinstance(expected, UnionType):  # str | Callable[[Match], str] (re.sub's repl): its one Callable
        callables = [m for m in expected.members if isinstance(m, CallableType)]
        expected = callables[0] if len(callables) == 1 else expected
    if not isinstance(expected, CallableType):
        if node.args.args:
            raise checker.fail(node, "the parameter types of this lambda are not known here",
                               "annotate the variable: f: Callable[[int], int] = lambda x: ...")
        fn = lambda_function(checker, node, [])
    else:
        fn = lambda_function(checker, node, list(expected.params))
        if not assignable(fn.result, expected.result):
            raise Bail(checker.fail(node.body, f"this lambda returns {fn.result}, not {expected.result}").diagnostic)
        if fn.result != expected.result:
            fn = lambda_function(checker, node, list(expected.params), expected.result)
    node.fn_value = fn
    return function_type(fn)


def value_call(checker, node: py_ast.Call) -> Type | None:
    """A call of a function value (a variable, field, item or call result of a Callable type);
    None when the callee is a function, class, method or built-in called the usual way."""
    func = node.func
    if isinstance(func, py_ast.Name):
        local = func.id in checker.local_names and func.id not in checker.global_names
        if not local and not isinstance(checker.module.namespace.get(func.id), GlobalSym):
            return None
    elif isinstance(func, py_ast.Attribute):
        if not _field_of_callable(checker, func):
            return None
    elif not isinstance(func, (py_ast.Subscript, py_ast.Call)):
        return None
    ty = checker.check(func)
    if isinstance(ty, OptionalType) and isinstance(ty.inner, CallableType):
        raise checker.fail(func, f"this value may be None ({ty})", "test it first: 'if f is not None: f(...)'")
    if not isinstance(ty, CallableType):
        refuse_type_value_use(checker, func, ty, "call")  # sema/type_values.py
        raise checker.fail(func, f"a {ty} cannot be called")
    if node.keywords:
        raise checker.fail(node.keywords[0], "a function value takes positional arguments only")
    if len(node.args) != len(ty.params):
        raise checker.fail(node, f"this function takes {len(ty.params)} argument(s), {len(node.args)} given")
    for index, (arg, param) in enumerate(zip(node.args, ty.params)):
        if isinstance(arg, py_ast.Starred):
            raise checker.unsupported(arg)
        checker.use(arg, param, what=f"argument {index + 1}")
    node.call = ("value", ty)
    node.bound = list(node.args)
    return ty.result


def _field_of_callable(checker, func: py_ast.Attribute) -> bool:
    """``obj.field(...)`` where ``field`` holds a function value (not a method)."""
    receiver = func.value
    if isinstance(receiver, py_ast.Name) and not (receiver.id in checker.local_names
                                                  or isinstance(checker.module.namespace.get(receiver.id), GlobalSym)):
        return False
    if not isinstance(receiver, (py_ast.Name, py_ast.Attribute)):
        return False
    from .check_expr import Bail
    try:
        base = checker.check(receiver)
    except Bail:
        return False  # reported again by the method call's own check
    return isinstance(base, ClassType) and isinstance(base.info.fields.get(func.attr), CallableType)
