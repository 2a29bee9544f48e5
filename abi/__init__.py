"""The pieces of the subset that mark the wasm boundary.

Under CPython these are plain Python (the decorators return the function, the
wasm types are ``int``), so a filter module runs unchanged in the interpreter.
The compiler recognises them by name: ``@export`` makes a module-level function
a wasm export of the same name, ``@wasm_import(module, name)`` declares a host
function, and ``i32`` / ``i64`` annotate wasm-level parameter and result types.
"""
from typing import Callable, TypeVar

__all__ = ["export", "wasm_import", "i32", "i64"]

F = TypeVar("F", bound=Callable[..., object])

# Wasm value types at the boundary. In Python code they behave as ``int``.
i32 = int
i64 = int


def export(fn: F) -> F:
    """Make a module-level function a wasm export named like the function."""
    return fn


def wasm_import(module: str, name: str) -> Callable[[F], F]:
    """Declare the decorated stub as the host function ``module.name``.

    The stub's annotations (``i32``/``i64``) give the exact wasm signature and
    its body is never compiled; under CPython the stub itself runs.
    """
    def bind(fn: F) -> F:
        return fn
    return bind
