"""The ABI's function tables as the emulator sees them.

Imports are read from abi/imports.py (the one table of host functions: names,
parameter names and wasm types), by parsing it, so there is no second list to
drift. Exports are the callbacks Envoy looks up in a module, with the wasm
types it demands (../shared/docs/proxy-wasm-abi.md §2).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

IMPORTS_PY = Path(__file__).resolve().parent.parent / "imports.py"


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[tuple[str, str], ...]  # (parameter name, "i32" | "i64")
    results: tuple[str, ...]
    module: str = "env"

    @property
    def param_types(self) -> tuple[str, ...]:
        return tuple(ty for _, ty in self.params)

    def wasm_type(self) -> str:
        """As Envoy prints it: ``i32 i32 -> i32``."""
        return f"{' '.join(self.param_types)} -> {' '.join(self.results)}".strip()


def read_import_table(path: Path = IMPORTS_PY) -> dict[str, Signature]:
    """Every ``@wasm_import(module, name)`` stub of ``path`` as a Signature, in file order."""
    table: dict[str, Signature] = {}
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Name)
                    and decorator.func.id == "wasm_import"):
                module, name = (ast.literal_eval(arg) for arg in decorator.args)
                params = tuple((a.arg, _wasm_type(a.annotation)) for a in node.args.args)
                results = () if node.returns is None or _is_none(node.returns) else (
                    _wasm_type(node.returns),)
                table[name] = Signature(name, params, results, module)
    return table


def _wasm_type(annotation: ast.expr | None) -> str:
    if isinstance(annotation, ast.Name) and annotation.id in ("i32", "i64"):
        return annotation.id
    raise ValueError(f"abi/imports.py: annotation {ast.dump(annotation) if annotation else None} "
                     "is not i32/i64")


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


IMPORTS: dict[str, Signature] = read_import_table()


def _export(name: str, params: int, results: int) -> Signature:
    return Signature(name, tuple((f"arg{i}", "i32") for i in range(params)), ("i32",) * results)


# Callbacks Envoy calls (ABI 0.2.1), with the types it requires of them.
EXPORTS: dict[str, Signature] = {sig.name: sig for sig in (
    _export("proxy_on_memory_allocate", 1, 1),
    _export("malloc", 1, 1),
    _export("_initialize", 0, 0),
    _export("_start", 0, 0),
    _export("main", 2, 1),
    _export("proxy_on_context_create", 2, 0),
    _export("proxy_on_vm_start", 2, 1),
    _export("proxy_on_configure", 2, 1),
    _export("proxy_on_tick", 1, 0),
    _export("proxy_on_done", 1, 1),
    _export("proxy_on_log", 1, 0),
    _export("proxy_on_delete", 1, 0),
    _export("proxy_on_foreign_function", 3, 0),
    _export("proxy_on_request_headers", 3, 1),
    _export("proxy_on_request_body", 3, 1),
    _export("proxy_on_request_trailers", 2, 1),
    _export("proxy_on_response_headers", 3, 1),
    _export("proxy_on_response_body", 3, 1),
    _export("proxy_on_response_trailers", 2, 1),
    _export("proxy_on_new_connection", 1, 1),
    _export("proxy_on_downstream_data", 3, 1),
    _export("proxy_on_upstream_data", 3, 1),
    _export("proxy_on_downstream_connection_close", 2, 0),
    _export("proxy_on_upstream_connection_close", 2, 0),
    _export("proxy_on_http_call_response", 5, 0),
    _export("proxy_on_grpc_receive_initial_metadata", 3, 0),
    _export("proxy_on_grpc_receive", 3, 0),
    _export("proxy_on_grpc_receive_trailing_metadata", 3, 0),
    _export("proxy_on_grpc_close", 3, 0),
    _export("proxy_on_queue_ready", 2, 0),
)}
ABI_VERSION_MARKER = "proxy_abi_version_0_2_1"
ALLOCATORS = ("malloc", "proxy_on_memory_allocate")  # Envoy prefers malloc


def to_i32(value: int) -> int:
    """Wrap to a signed i32, as a wasm i32 parameter receives it."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value & 0x80000000 else value


def to_i64(value: int) -> int:
    value &= 0xFFFFFFFFFFFFFFFF
    return value - (1 << 64) if value & (1 << 63) else value


def u32(value: int) -> int:
    return value & 0xFFFFFFFF


WRAP = {"i32": to_i32, "i64": to_i64}
