"""The program model shared by the passes: modules, symbols and source types.

The front end keeps CPython's own ``ast`` (imported as ``py_ast``) as the tree;
passes add what they learn as attributes on its nodes, always with these names:

- ``node.ty``: the source ``Type`` of an expression (set by ``sema.check``);
- ``node.sym``: what a ``Name`` (or a call's callee) refers to: a ``Local``,
  ``GlobalSym``, ``FuncSym`` or ``Builtin`` (set by ``sema.check``).

Source types (``Type``) are Python-level; each knows the wasm value type that
carries it. Nothing below ``lower/`` looks at a source type.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Loc, loc_of


@dataclass(frozen=True)
class Type:
    name: str
    wasm: str | None  # the wasm value type carrying it; None for NoneType

    def __str__(self) -> str:
        return self.name


INT = Type("int", "i64")
BOOL = Type("bool", "i32")
NONE = Type("None", None)
BYTES = Type("bytes", "i32")  # pointer to a bytes object: [u32 header][u32 len][data]

# Layout of bytes objects in linear memory.
BYTES_LEN_OFFSET = 4
BYTES_DATA_OFFSET = 8
STATIC_OBJECT_HEADER = 0x8000_0001  # static (never freed) bytes object


@dataclass
class SourceModule:
    name: str  # dotted module name, e.g. "filter.main"
    path: Path
    display_path: str
    text: str
    tree: py_ast.Module
    namespace: dict[str, "Symbol"] = field(default_factory=dict)

    def loc(self, py_node: py_ast.AST | None) -> Loc:
        return loc_of(self.display_path, self.text, py_node)


@dataclass
class Param:
    name: str
    ty: Type
    wasm: str  # boundary wasm type (i32 for ``i32``-annotated ints)


@dataclass
class FuncSym:
    qualname: str
    module: SourceModule
    node: py_ast.FunctionDef
    params: list[Param] = field(default_factory=list)
    result: Type = NONE
    result_wasm: str | None = None
    export: str | None = None
    host: tuple[str, str] | None = None  # (module, name) for a host import
    locals: dict[str, Type] = field(default_factory=dict)


@dataclass
class GlobalSym:
    qualname: str
    module: SourceModule
    node: py_ast.AST
    ty: Type | None = None
    value: object = None  # compile-time initial value (int, bool, bytes)
    assigned_in_functions: bool = False


@dataclass(frozen=True)
class Builtin:
    name: str  # e.g. "len", "range", "abi.export", "abi.intrinsics.load_u8"


@dataclass(frozen=True)
class Local:
    name: str


Symbol = FuncSym | GlobalSym | Builtin


@dataclass
class Program:
    modules: dict[str, SourceModule]
    entry: str
    functions: dict[str, FuncSym] = field(default_factory=dict)
    globals: dict[str, GlobalSym] = field(default_factory=dict)


# Modules the compiler provides itself: their names are intrinsics, not code.
BUILTIN_MODULES: dict[str, tuple[str, ...]] = {
    "abi": ("export", "wasm_import", "i32", "i64"),
    "abi.intrinsics": (
        "load_u8", "load_u32", "load_i64", "store_u8", "store_u32", "store_i64",
        "memory_size", "memory_grow", "heap_base", "data_ptr", "unreachable",
    ),
}
