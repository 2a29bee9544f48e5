"""What each construct outside the subset reports, and what to write instead.

One table, used by every pass that meets a construct it does not accept, so a
given construct always gets the same located message.
"""
from __future__ import annotations

import ast as py_ast

# node type -> (message, help)
UNSUPPORTED: dict[type, tuple[str, str]] = {
    py_ast.Try: ("try/except is not supported", "check the condition before the operation that could fail"),
    py_ast.With: ("'with' is not supported", "call the setup and cleanup functions explicitly"),
    py_ast.AsyncFunctionDef: ("async functions are not supported", "write a plain 'def'; Envoy calls the filter synchronously"),
    py_ast.AsyncFor: ("'async for' is not supported", "use a plain 'for' loop"),
    py_ast.AsyncWith: ("'async with' is not supported", "call the setup and cleanup functions explicitly"),
    py_ast.Await: ("'await' is not supported", "call the function directly"),
    py_ast.Lambda: ("lambda is not supported", "define a module-level function with 'def'"),
    py_ast.Yield: ("generators ('yield') are not supported", "build and return a list instead"),
    py_ast.YieldFrom: ("generators ('yield from') are not supported", "build and return a list instead"),
    py_ast.GeneratorExp: ("generator expressions are not supported", "use a list comprehension or a loop"),
    py_ast.SetComp: ("sets are not supported", "use a dict with the elements as keys"),
    py_ast.Set: ("sets are not supported", "use a dict with the elements as keys"),
    py_ast.DictComp: ("dict comprehensions are not supported", "fill the dict in a loop"),
    py_ast.Starred: ("'*' unpacking is not supported", "pass the elements one by one"),
    py_ast.NamedExpr: ("the walrus operator ':=' is not supported", "assign on its own line first"),
    py_ast.Import: ("'import module' is not supported", "write 'from module import name'"),
    py_ast.Nonlocal: ("'nonlocal' is not supported (no nested functions)", "pass the value as an argument"),
    py_ast.Delete: ("'del' is not supported here", "assign a new value instead"),
    py_ast.Raise: ("'raise' is not supported in this version", "use 'assert condition, message' to stop with an error"),
    py_ast.ClassDef: ("classes are not supported in this version", "use module-level functions and globals"),
    py_ast.Match: ("'match' is not supported", "use if/elif/else"),
    py_ast.JoinedStr: ("f-strings are not supported in this version", "build the text from bytes constants"),
    py_ast.List: ("lists are not supported in this version", "use separate variables or linear memory"),
    py_ast.Tuple: ("tuples are not supported in this version", "use separate variables"),
    py_ast.Dict: ("dicts are not supported in this version", "use shared data or linear memory"),
    py_ast.ListComp: ("list comprehensions are not supported in this version", "write a loop"),
    py_ast.Attribute: ("attribute access is not supported in this version", "import the name with 'from module import name'"),
    py_ast.Slice: ("slicing is not supported in this version", "index the elements one by one"),
}

NESTED_FUNCTION = ("nested functions and closures are not supported",
                   "define the function at module level and pass what it needs as arguments")


def describe(py_node: py_ast.AST) -> tuple[str, str]:
    """(message, help) for a construct the subset does not accept."""
    if isinstance(py_node, py_ast.FunctionDef):
        return NESTED_FUNCTION
    if isinstance(py_node, py_ast.Constant) and isinstance(py_node.value, str):
        return ("str values are not supported in this version", "use a bytes constant such as b\"text\"")
    if isinstance(py_node, py_ast.Constant) and isinstance(py_node.value, float):
        return ("float values are not supported in this version", "use int arithmetic, e.g. // for division")
    if isinstance(py_node, py_ast.Constant):
        return (f"{type(py_node.value).__name__} constants are not supported", "use int, bool or bytes values")
    found = UNSUPPORTED.get(type(py_node))
    if found:
        return found
    name = type(py_node).__name__
    return (f"this construct ({name}) is not supported", "see docs/language.md for the supported subset")
