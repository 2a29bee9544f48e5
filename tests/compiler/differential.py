"""Run a program both ways: under CPython and compiled to wasm in wasmtime.

``Outcome`` is what a call produced: a value, or the name of the exception
CPython raised / the wasm trap raised (a trap names the Python exception
through the runtime function it went through, e.g. ``OverflowError``).
CPython results that do not fit the compiled types (an int beyond int64) are
expected to trap with OverflowError.
"""
from __future__ import annotations

import ctypes
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

import wasmtime

from compiler import CompileError, ir, pipeline

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1
TRAP_NAMES = ("OverflowError", "ZeroDivisionError", "ValueError", "IndexError", "KeyError",
              "AssertionError", "MemoryError", "TypeError", "RuntimeError", "UnicodeDecodeError",
              "NegativePowerError", "RecursionError")
_ENGINE = wasmtime.Engine()
_CACHE: dict[Path, "CompiledProgram"] = {}


@dataclass(frozen=True)
class Outcome:
    value: object = None
    error: str | None = None  # exception or trap name


class CompiledProgram:
    """A compiled module, instantiated afresh for every call (no state leaks between cases)."""

    def __init__(self, path: Path):
        self.passes: list[tuple[str, list[str]]] = []  # (pass, ir.validate's problems) in order

        def observe(name: str, module: ir.Module) -> None:
            self.passes.append((name, ir.validate(module)))
        try:
            self.wasm = pipeline.compile_file_observed(path, observe)
        except CompileError as err:
            # A fresh error without the compiler's deep traceback: pytest would render every frame's
            # locals, which takes minutes and gigabytes and can bring an xdist worker down.
            raise CompileError(err.diagnostics) from None
        self.module = wasmtime.Module(_ENGINE, self.wasm)

    def instance(self) -> tuple[wasmtime.Store, wasmtime.Instance]:
        store = wasmtime.Store(_ENGINE)
        return store, wasmtime.Instance(store, self.module, [])

    def call(self, name: str, *args: object) -> Outcome:
        store, instance = self.instance()
        func = export(store, instance, name)
        try:
            return Outcome(func(store, *args))
        except wasmtime.Trap as trap:
            return Outcome(error=trap_name(trap))


def export(store: wasmtime.Store, instance: wasmtime.Instance, name: str) -> wasmtime.Func:
    """One export of an instance. ``Instance.exports`` wraps every export, ~0.5 ms for a program's
    dozens: a quarter of the differential tests' time, which instantiate afresh for every call."""
    ffi = getattr(wasmtime, "_ffi", None)
    if ffi is None or not hasattr(ffi, "wasmtime_instance_export_get"):  # another wasmtime-py
        return instance.exports(store)[name]
    from wasmtime._extern import wrap_extern
    item, raw = ffi.wasmtime_extern_t(), name.encode()
    if not ffi.wasmtime_instance_export_get(store._context(), ctypes.byref(instance._instance), raw,
                                            len(raw), ctypes.byref(item)):
        raise KeyError(name)
    return wrap_extern(item)


def write_memory(memory: wasmtime.Memory, store: wasmtime.Store, data: bytes, address: int) -> None:
    """``data`` into the module's memory at ``address``. Nothing for no bytes: a zero-length buffer
    may sit at the very end of memory, where wasmtime refuses even an empty write."""
    if data:
        memory.write(store, data, address)


def trap_name(trap: wasmtime.Trap) -> str:
    raised = re.search(r"!(?:\S+\.)?(\w+)\.uncaught\b", trap.message)  # an uncaught exception's class
    if raised:
        return raised.group(1)
    for name in TRAP_NAMES:
        if re.search(rf"!{name}\b", trap.message):
            return name
    return "trap:" + trap.message.splitlines()[-1].strip()


def compiled(path: Path) -> CompiledProgram:
    path = Path(path).resolve()
    if path not in _CACHE:
        _CACHE[path] = CompiledProgram(path)
    return _CACHE[path]


def load_python(path: Path):
    """Import a program as a fresh CPython module (its globals start clean)."""
    spec = importlib.util.spec_from_file_location(f"diff_{Path(path).stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def outcome_of(func, args: tuple) -> Outcome:
    """What calling a CPython function gave: its value, or the name of what it raised."""
    try:
        return Outcome(func(*args))
    except Exception as err:  # the program's own exception is the outcome
        return Outcome(error=type(err).__name__)


def run_python(path: Path, name: str, *args: object) -> Outcome:
    return outcome_of(getattr(load_python(path), name), args)


def expected_wasm(outcome: Outcome, float_result: bool = False) -> Outcome:
    """What the compiled module must produce for a given CPython outcome (``float_result``: the
    export returns a float; kept for callers, a float never stands for a trap any more)."""
    value = outcome.value
    if outcome.error is None and isinstance(value, int) and not isinstance(value, bool):
        if not INT64_MIN <= value <= INT64_MAX:
            return Outcome(error="OverflowError")
    if isinstance(value, bool):
        return Outcome(int(value))
    return outcome


def assert_same(path: Path, name: str, *args: object) -> Outcome:
    """Call ``name(*args)`` both ways and assert the compiled module matches CPython."""
    python = run_python(path, name, *args)
    wasm = compiled(path).call(name, *[int(a) if isinstance(a, bool) else a for a in args])
    expected = expected_wasm(python, isinstance(wasm.value, float))
    assert wasm == expected, f"{Path(path).name}:{name}{args}: CPython {python}, wasm {wasm}"
    return python
