"""Run a module in wasmtime, with fuel accounting per callback.

The module is checked as Envoy checks it at load time (every import must be
a host function of abi/imports.py with the same wasm type; known callbacks
must have the ABI's types; memory, an allocator and the ABI version marker
must be exported), compiled once, and instantiated per VM (each Envoy worker
has its own instance of the same compiled module).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import wasmtime

from ..errors import ImportSignatureError, ModuleError, UnknownImportError, WasmTrap
from ..memory import WasmMemory
from ..table import ABI_VERSION_MARKER, ALLOCATORS, EXPORTS, IMPORTS

DEFAULT_FUEL = 10**10  # per callback; far beyond any sane filter, so only a runaway loop hits it
_VALTYPES = {"i32": wasmtime.ValType.i32(), "i64": wasmtime.ValType.i64()}


def _type_str(func_type: wasmtime.FuncType) -> str:
    params = " ".join(str(p) for p in func_type.params)
    results = " ".join(str(r) for r in func_type.results)
    return f"{params} -> {results}".strip()


def _engine() -> wasmtime.Engine:
    config = wasmtime.Config()
    config.consume_fuel = True
    return wasmtime.Engine(config)


class WasmModule:
    """A compiled module, checked like Envoy checks it; ``instantiate()`` gives one VM's instance."""

    runner = "wasm"

    def __init__(self, wasm: bytes | str | Path, *, fuel: int = DEFAULT_FUEL):
        if isinstance(wasm, (str, Path)):
            wasm = Path(wasm).read_bytes()
        self.engine = _engine()
        try:
            self.module = wasmtime.Module(self.engine, wasm)
        except wasmtime.WasmtimeError as err:
            raise ModuleError(f"Failed to load Wasm bytecode: {err}") from None
        self.fuel = fuel
        self._check_imports()
        self._check_exports()

    def _check_imports(self) -> None:
        for imp in self.module.imports:
            sig = IMPORTS.get(imp.name)
            if sig is not None and sig.module != imp.module:
                sig = None
            if sig is None:
                raise UnknownImportError(f"the module imports {imp.module}.{imp.name}, which the "
                                         "host does not provide (not in abi/imports.py)")
            if not isinstance(imp.type, wasmtime.FuncType) or _type_str(imp.type) != sig.wasm_type():
                got = _type_str(imp.type) if isinstance(imp.type, wasmtime.FuncType) else imp.type
                raise ImportSignatureError(f"import type mismatch: {imp.module}.{imp.name}, want: "
                                           f"{sig.wasm_type()}, but the module imports: {got}")

    def _check_exports(self) -> None:
        names = {e.name: e.type for e in self.module.exports}
        if not isinstance(names.get("memory"), wasmtime.MemoryType):
            raise ModuleError("the module exports no memory")
        if ABI_VERSION_MARKER not in names:
            raise ModuleError("Missing or unknown Proxy-Wasm ABI version")
        if not any(a in names for a in ALLOCATORS):
            raise ModuleError("Wasm module is missing malloc function.")
        for name, ty in names.items():
            sig = EXPORTS.get(name)
            if sig is not None and _type_str(ty) != sig.wasm_type():
                raise ImportSignatureError(f"Bad function signature for: {name}, want: "
                                           f"{sig.wasm_type()}, but the module exports: {_type_str(ty)}")

    @property
    def imports(self) -> list[str]:
        return [i.name for i in self.module.imports]

    def instantiate(self) -> "WasmInstance":
        return WasmInstance(self)


class WasmInstance:
    def __init__(self, module: WasmModule):
        self.module = module
        self.store = wasmtime.Store(module.engine)
        self.vm: Any = None
        self.exports: dict[str, Any] = {}
        self.memory: WasmMemory | None = None
        self.last_fuel: int | None = None  # fuel the last outermost call consumed

    def bind(self, vm: Any) -> None:
        """Link every import to ``vm.call_import`` and instantiate (start functions are
        restricted, as during Envoy's start-up)."""
        self.vm = vm
        linker = wasmtime.Linker(self.module.engine)
        for imp in self.module.module.imports:
            sig = IMPORTS[imp.name]
            func_type = wasmtime.FuncType([_VALTYPES[t] for t in sig.param_types],
                                          [_VALTYPES[t] for t in sig.results])
            linker.define_func(imp.module, imp.name, func_type, self._host_function(imp.name))
        self.store.set_fuel(self.module.fuel)
        vm.restricted = "start"
        try:
            instance = linker.instantiate(self.store, self.module.module)
        except wasmtime.Trap as trap:
            raise _trap("instantiation", trap) from None
        finally:
            vm.restricted = None
        exports = instance.exports(self.store)
        self.exports = {e.name: exports[e.name] for e in self.module.module.exports
                        if isinstance(e.type, wasmtime.FuncType)}
        allocator = next(a for a in ALLOCATORS if a in self.exports)
        self.memory = WasmMemory(self.store, exports["memory"], vm.allocate)
        self.allocator = allocator

    def _host_function(self, name: str):
        vm = self.vm

        def host_function(*args: int) -> int:
            return vm.call_import(name, args)
        host_function.__name__ = name
        return host_function

    def call(self, name: str, args: tuple[int, ...], outer: bool) -> int | None:
        """Call export ``name``; an outermost call gets a fresh fuel budget and records its use."""
        func = self.exports[name]
        if outer:
            self.store.set_fuel(self.module.fuel)
        try:
            return func(self.store, *args)
        except wasmtime.Trap as trap:
            raise _trap(name, trap) from None
        finally:
            if outer:
                self.last_fuel = self.module.fuel - self.store.get_fuel()


def _trap(callback: str, trap: wasmtime.Trap) -> WasmTrap:
    message = trap.message.rsplit("Caused by:", 1)[-1].strip() if "Caused by:" in trap.message \
        else trap.message.strip()
    message = message.removeprefix("wasm trap: ")
    frames = [f"{f.module_offset:#x} - {f.func_name or f'<wasm function {f.func_index}>'}"
              for f in (trap.frames or [])]
    return WasmTrap(callback, message, frames)
