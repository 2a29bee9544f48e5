"""The pieces of the subset that mark the wasm boundary.

The compiler recognises them by name: ``@export`` makes a module-level function
a wasm export of the same name, ``@wasm_import(module, name)`` declares a host
function, and ``i32`` / ``i64`` annotate wasm-level parameter and result types.

Under CPython (the emulator's ``cpython`` runner, or plain Python) they are
plain Python with two duties the compiled module gets from wasm itself:

- ``@wasm_import`` returns a trampoline to the host bound in ``HOST`` (the
  emulator sets it for the private copy of this package it loads per plugin
  instance). With no host bound, calling an import is a clear error.
- ``@export`` registers the function in ``EXPORTS`` (what the runner calls by
  its ABI name) and, when the emulator has bound the runtime heap
  (``RUNTIME_MEMORY``), gives every outermost export a fresh heap that is
  dropped when it returns: raw blocks live for one callback, as the compiled
  garbage collector guarantees, so a long test does not grow memory.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

__all__ = ["export", "wasm_import", "i32", "i64"]

F = TypeVar("F", bound=Callable[..., Any])

# Wasm value types at the boundary. In Python code they behave as ``int``.
i32 = int
i64 = int

# Bound by abi.emulator for the module set of one plugin instance (never compiled).
HOST: Any = None            # has .call_import(name, args) -> int
RUNTIME_MEMORY: Any = None  # that instance's compiler.runtime.memory module
EXPORTS: dict[str, Callable[..., Any]] = {}
_depth = 0                  # how many exports are on the Python stack


class UnboundHostError(RuntimeError):
    """A host import was called under CPython with no emulator host bound."""


def export(fn: F) -> F:
    """Make a module-level function a wasm export named like the function."""
    @functools.wraps(fn)
    def exported(*args: Any) -> Any:
        global _depth
        if _depth == 0:
            _fresh_heap(lay_out=True)
        _depth += 1
        try:
            return fn(*args)
        finally:
            _depth -= 1
            if _depth == 0:
                _fresh_heap(lay_out=False)
    EXPORTS[fn.__name__] = exported
    return exported  # type: ignore[return-value]


def _fresh_heap(lay_out: bool) -> None:
    """Forget every heap block: the runtime re-initialises its heap on the next alloc.

    Initialising it at once keeps ``data_ptr`` from placing values in the static
    area during a callback (see abi/intrinsics.py)."""
    memory = RUNTIME_MEMORY
    if memory is None:
        return
    memory.heap_start = memory.heap_top = memory.free_heads = 0
    memory.allocated_since_collect = memory.live_after_collect = 0
    memory.export_depth = 0
    if lay_out:
        memory.init_heap()


def wasm_import(module: str, name: str) -> Callable[[F], F]:
    """Declare the decorated stub as the host function ``module.name``.

    The stub's annotations (``i32``/``i64``) give the exact wasm signature and
    its body is never compiled; under CPython a call goes to the bound host.
    """
    def bind(fn: F) -> F:
        @functools.wraps(fn)
        def trampoline(*args: int) -> int:
            host = HOST
            if host is None:
                raise UnboundHostError(
                    f"{module}.{name} was called under CPython with no host bound: run the filter "
                    "through the emulator, e.g. abi.emulator.Plugin.cpython('filter/main.py')")
            return host.call_import(name, args)
        trampoline.wasm_import = (module, name)  # type: ignore[attr-defined]
        return trampoline  # type: ignore[return-value]
    return bind
