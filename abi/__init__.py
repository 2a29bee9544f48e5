"""The pieces of the subset that mark the wasm boundary.

The compiler recognises them by name: ``@export`` makes a module-level function
a wasm export of the same name, ``@export_if_overridden("Class.method", ...)``
does so only if some class of the program overrides one of those methods (a
subclass of ``Class`` defines it; names resolve in the decorated function's
module), ``@wasm_import(module, name)`` declares a host function, and ``i32`` /
``i64`` annotate wasm-level parameter and result types.

Under CPython (the emulator's ``cpython`` runner, or plain Python) they are
plain Python with two duties the compiled module gets from wasm itself:

- ``@wasm_import`` returns a trampoline to the host bound in ``HOST`` (the
  emulator sets it for the private copy of this package it loads per plugin
  instance). With no host bound, calling an import is a clear error.
- ``@export`` registers the function in ``EXPORTS`` (what the runner calls by
  its ABI name; ``active_exports()`` leaves out the ``@export_if_overridden``
  ones no class overrides, as the compiler does) and, when the emulator has
  bound the runtime heap (``RUNTIME_MEMORY``), gives every outermost export a
  fresh heap that is dropped when it returns: raw blocks live for one
  callback, as the compiled garbage collector guarantees, so a long test does
  not grow memory.
"""
from __future__ import annotations

import functools
from typing import Any, Callable, Protocol, TypeVar

__all__ = ["export", "export_if_overridden", "active_exports", "wasm_import", "i32", "i64"]

F = TypeVar("F", bound=Callable[..., Any])

# Wasm value types at the boundary. In Python code they behave as ``int``.
i32 = int
i64 = int


class Host(Protocol):
    """What ``@wasm_import`` trampolines call under CPython (the emulator's plugin instance)."""
    def call_import(self, name: str, args: tuple[int, ...]) -> int: ...


# Bound by abi.emulator for the module set of one plugin instance (never compiled).
HOST: Host | None = None
RUNTIME_MEMORY: Any = None  # that instance's compiler.runtime.memory module
EXPORTS: dict[str, Callable[..., Any]] = {}
# export name -> (the decorated function's globals, "Class.method" names), for active_exports
OVERRIDE_CONDITIONS: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {}
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


def export_if_overridden(*methods: str) -> Callable[[F], F]:
    """``@export``, but only if a class overrides one of ``methods`` ("Class.method"): a
    callback the program leaves at its default is not exported, so the host skips it."""
    def mark(fn: F) -> F:
        exported = export(fn)
        OVERRIDE_CONDITIONS[fn.__name__] = (fn.__globals__, methods)
        return exported
    return mark


def active_exports() -> dict[str, Callable[..., Any]]:
    """``EXPORTS`` as the compiled module has them: a conditional export only if a subclass
    of the named class defines the named method (the compiler's rule in sema/declare.py)."""
    active = {}
    for name, fn in EXPORTS.items():
        namespace, methods = OVERRIDE_CONDITIONS.get(name, ({}, ()))
        if not methods or any(_overridden(namespace, method) for method in methods):
            active[name] = fn
    return active


def _overridden(namespace: dict[str, Any], method: str) -> bool:
    class_name, method_name = method.split(".")
    todo = list(namespace[class_name].__subclasses__())
    while todo:
        cls = todo.pop()
        if method_name in cls.__dict__:
            return True
        todo += cls.__subclasses__()
    return False


def _fresh_heap(lay_out: bool) -> None:
    """Forget every heap block: the runtime re-initialises its heap on the next alloc.

    Initialising it at once keeps ``data_ptr`` from placing values in the static
    area during a callback (see abi/intrinsics.py)."""
    memory = RUNTIME_MEMORY
    if memory is None:
        return
    memory.heap_start = memory.heap_top = memory.free_heads = 0
    memory.bump = memory.bump_end = memory.small_free = memory.region_at_top = 0  # next alloc: alloc_slow
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
