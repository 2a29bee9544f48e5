"""WAT printer for ``build.py --wat``: the same IR the emitter sees, readable.

It prints only what the emitter would emit (reachable functions), driven by the
same opcode table, and uses ``$symbol`` names so that ``wasmtime.wat2wasm``
assembles the text into an equivalent module.
"""
from __future__ import annotations

from .. import ir
from .emit import data_segments, function_order, used_globals
from .opcodes import OPCODES


def _sym(symbol: str) -> str:
    """A WAT identifier: characters outside the id alphabet (e.g. the space in
    ``<init m.x>``) become ``_``; the binary's name section keeps the original."""
    return "$" + "".join(c if c.isascii() and c.isprintable() and c not in ' "(),;[]{}' else "_" for c in symbol)


def print_module(module: ir.Module) -> str:
    live = function_order(module)
    functions = [module.functions[s] for s in live if s in module.functions]
    lines = ["(module"]
    for s in live:
        if s in module.imports:
            imp = module.imports[s]
            lines.append(f'  (import "{imp.module}" "{imp.name}" (func {_sym(s)}{_signature(imp.params, imp.results)}))')
    lines.append(f'  (memory (export "{module.memory_export}") {module.memory_pages})')
    for symbol in used_globals(module, functions):
        g = module.globals[symbol]
        kind = f"(mut {g.valtype})" if g.mutable else g.valtype
        init = g.init if g.valtype.startswith("f") else int(g.init)  # a bool global's True is 1
        lines.append(f"  (global {_sym(symbol)} {kind} ({g.valtype}.const {init}))")
    for fn in functions:
        lines.extend(_function(fn))
    if module.start:
        lines.append(f"  (start {_sym(module.start)})")
    for offset, chunk in data_segments(bytes(module.data), module.data_base):
        lines.append(f'  (data (i32.const {offset}) "{_escape(chunk)}")')
    lines.append(")")
    return "\n".join(lines) + "\n"


def _signature(params: list[str], results: list[str]) -> str:
    text = "".join(f" (param {p})" for p in params)
    return text + "".join(f" (result {r})" for r in results)


def _function(fn: ir.Function) -> list[str]:
    head = f"  (func {_sym(fn.symbol)}"
    if fn.export:
        head += f' (export "{fn.export}")'
    head += "".join(f" (param ${n} {t})" for n, t in fn.params)
    head += "".join(f" (result {r})" for r in fn.results)
    lines = [head]
    lines += [f"    (local ${n} {t})" for n, t in fn.locals]
    depth = 2
    for instr in fn.body:
        if instr[0] in ("end", "else"):
            depth -= 1
        lines.append("  " * depth + _instruction(instr))
        if instr[0] in ("block", "loop", "if", "else"):
            depth += 1
    lines[-1] += ")"
    return lines


def _instruction(instr: tuple) -> str:
    op = OPCODES[instr[0]]
    parts = [instr[0]]
    for kind, value in zip(op.immediates, instr[1:]):
        if kind == "block":
            parts.append(_sym(value))
            if instr[2] is not None:
                parts.append(f"(result {instr[2]})")
            break
        if kind in ("local", "global", "func", "label"):
            parts.append(_sym(value))
        elif kind == "memarg":
            if value:
                parts.append(f"offset={value}")
        elif kind == "mem":
            continue
        else:
            parts.append(repr(value) if kind == "f64" else str(value))
    return " ".join(parts)


def _escape(data: bytes) -> str:
    return "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else f"\\{b:02x}" for b in data)
