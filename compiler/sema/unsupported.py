"""What each construct outside the subset reports, and what to write instead.

One table, used by every pass that meets a construct it does not accept, so a
given construct always gets the same located message. The golden cases in
tests/compiler/test_diagnostics.py pin every message, and the table of
unsupported constructs in docs/language.md is checked against them.
"""
from __future__ import annotations

import ast as py_ast
import builtins

from .builtins import PYTHON_BUILTINS

EXPLICIT_CLEANUP = "call the setup and cleanup functions explicitly"
SYNCHRONOUS = "write a plain 'def'; Envoy calls the filter synchronously"

# node type -> (message, help)
UNSUPPORTED: dict[type, tuple[str, str]] = {
    py_ast.TryStar: ("try/except* (exception groups) is not supported", "catch with a plain 'except'"),
    py_ast.AsyncFunctionDef: ("async functions are not supported", SYNCHRONOUS),
    py_ast.AsyncFor: ("'async for' is not supported", "use a plain 'for' loop"),
    py_ast.AsyncWith: ("'async with' is not supported", EXPLICIT_CLEANUP),
    py_ast.Await: ("'await' is not supported", "call the function directly"),
    py_ast.Lambda: ("lambda is not supported", "define a module-level function with 'def'"),
    py_ast.Yield: ("generators ('yield') are not supported", "build and return a list instead"),
    py_ast.YieldFrom: ("generators ('yield from') are not supported", "build and return a list instead"),
    py_ast.GeneratorExp: ("generator expressions are not supported", "use a list comprehension or a loop"),
    py_ast.Starred: ("'*' unpacking is not supported", "pass or assign the elements one by one"),
    py_ast.Import: ("imports are only supported at module level", "move the import to the top of the file"),
    py_ast.ImportFrom: ("imports are only supported at module level", "move the import to the top of the file"),
    py_ast.Global: ("'global' at module level is not supported", "remove it: module-level names are global already"),
    py_ast.Nonlocal: ("'nonlocal' is not supported (no nested functions)", "pass the value as an argument"),
    py_ast.ClassDef: ("nested classes are not supported", "define the class at module level"),
    py_ast.Match: ("'match' is not supported", "use if/elif/else"),
    py_ast.Slice: ("a slice is only supported alone inside [...]", "write x[a:b:c]"),
}

NESTED_FUNCTION = ("nested functions and closures are not supported",
                   "define the function at module level and pass what it needs as arguments")
CONSTANTS: dict[type, tuple[str, str]] = {
    complex: ("complex numbers are not supported", "carry the real and imaginary parts as two floats"),
    type(...): ("'...' is not supported", "write 'pass' for an empty body"),
}


def describe(py_node: py_ast.AST) -> tuple[str, str]:
    """(message, help) for a construct the subset does not accept."""
    if isinstance(py_node, py_ast.FunctionDef):
        return NESTED_FUNCTION
    if isinstance(py_node, py_ast.Constant):
        return CONSTANTS.get(type(py_node.value), (f"{type(py_node.value).__name__} constants are not supported",
                                                    "use int, float, bool, str or bytes values"))
    found = UNSUPPORTED.get(type(py_node))
    if found:
        return found
    name = type(py_node).__name__
    return (f"this construct ({name}) is not supported", "see docs/language.md for the supported subset")


BUILTIN_HELP = {
    "eval": "the module cannot run code made at run time: write the code itself",
    "exec": "the module cannot run code made at run time: write the code itself",
    "compile": "the module cannot run code made at run time: write the code itself",
    "print": "log through the SDK: log(level, message) from abi.hostcalls",
    "map": "map() works as the argument of list(), sorted(), min(), max() or str.join(); "
           "elsewhere write a list comprehension",
    "filter": "filter() works as the argument of list(), sorted(), min(), max() or str.join(); "
              "elsewhere write a list comprehension",
    "getattr": "access the field directly: obj.name",
    "setattr": "assign the field directly: obj.name = value",
    "hasattr": "declare the field in the class, with a default",
    "open": "a filter has no files: use the plugin configuration",
    "input": "a filter has no console: use the plugin configuration",
}


def undefined_name(name: str) -> tuple[str, str]:
    """(message, help) for a name that is neither defined, imported nor a supported built-in."""
    if name in dir(builtins):
        return (f"the built-in '{name}' is not supported",
                BUILTIN_HELP.get(name, f"supported built-ins: {', '.join(PYTHON_BUILTINS)}"))
    return (f"name '{name}' is not defined", "define it, or import it with 'from module import name'")
