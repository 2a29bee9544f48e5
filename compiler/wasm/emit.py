"""Emit: IR module -> wasm binary bytes.

Problem: turn a symbolic IR module into a core wasm module Envoy's V8 accepts.
Accepts: a validated ``ir.Module`` (see ``ir.validate``). Guarantees: only
functions and imports reachable from the exports are emitted (a program that
calls no host function imports nothing); imports take the first function
indices, then functions, the most called first (a call's index is one LEB byte below 128),
then in reachability order; labels become branch depths;
a ``name`` section maps every function to its Python name, so a
trap's backtrace in Envoy names the Python function.
"""
from __future__ import annotations

import re

from .. import ir
from . import encode as enc
from .opcodes import OPCODES


def reachable(module: ir.Module, skip: frozenset[str] = frozenset(), roots: tuple[str, ...] = (),
              memo: dict[str, tuple[list, int, list[str]]] | None = None) -> list[str]:
    """Symbols of imports and functions reachable from exported functions and ``roots`` (not
    through ``skip``). ``memo`` keeps each function's callees while its body (the same list, of
    the same length) is unchanged, for a caller that asks again as it adds functions."""
    order: list[str] = []
    seen: set[str] = set(skip)
    stack = [s for s, f in module.functions.items() if f.export] + [r for r in roots if r in module.functions]
    if module.start:
        stack.append(module.start)
    stack.reverse()
    while stack:
        symbol = stack.pop()
        if symbol in seen:
            continue
        seen.add(symbol)
        order.append(symbol)
        fn = module.functions.get(symbol)
        if fn is not None:  # callees already seen are skipped when popped: the same order
            stack.extend(reversed(_callees(symbol, fn.body, memo)))
    return order


def _callees(symbol: str, body: list, memo: dict | None) -> list[str]:
    known = memo.get(symbol) if memo is not None else None
    if known is not None and known[0] is body and known[1] == len(body):
        return known[2]
    callees = [i[1] for i in body if i[0] == "call"]
    if memo is not None:
        memo[symbol] = (body, len(body), callees)
    return callees


def function_order(module: ir.Module) -> list[str]:
    """Reachable symbols, imports first (wasm numbers them first), then functions by how many
    calls name them, most first (stable: reachability order among equals)."""
    callees: dict = {}
    live = reachable(module, memo=callees)
    calls: dict[str, int] = {}
    for symbol in live:
        if symbol in callees:  # a function's calls, as reachable() listed them
            for callee in callees[symbol][2]:
                calls[callee] = calls.get(callee, 0) + 1
    imports = [s for s in live if s in module.imports]
    return imports + sorted((s for s in live if s in module.functions), key=lambda s: -calls.get(s, 0))


def used_globals(module: ir.Module, functions: list[ir.Function]) -> list[str]:
    used = {i[1] for fn in functions for i in fn.body if i[0] in ("global.get", "global.set")}
    return [s for s in module.globals if s in used]


class _Layout:
    """Index assignment for one emission: symbol -> index."""

    def __init__(self, module: ir.Module):
        live = function_order(module)
        self.imports = [module.imports[s] for s in live if s in module.imports]
        self.functions = [module.functions[s] for s in live if s in module.functions]
        self.globals = [module.globals[s] for s in used_globals(module, self.functions)]
        self.func_index = {imp.symbol: i for i, imp in enumerate(self.imports)}
        for fn in self.functions:
            self.func_index[fn.symbol] = len(self.func_index)
        self.global_index = {g.symbol: i for i, g in enumerate(self.globals)}
        self.types: list[bytes] = []

    def type_index(self, params: list[str], results: list[str]) -> int:
        sig = enc.functype(params, results)
        if sig not in self.types:
            self.types.append(sig)
        return self.types.index(sig)


def emit_module(module: ir.Module) -> bytes:
    layout = _Layout(module)
    import_entries = [
        enc.name(imp.module) + enc.name(imp.name) + b"\x00"
        + enc.uleb(layout.type_index(imp.params, imp.results))
        for imp in layout.imports
    ]
    func_types = [
        enc.uleb(layout.type_index([t for _, t in fn.params], fn.results))
        for fn in layout.functions
    ]
    bodies = [_function_body(fn, layout) for fn in layout.functions]
    out = bytearray(b"\x00asm\x01\x00\x00\x00")
    out += enc.section(1, enc.vector(layout.types))
    if import_entries:
        out += enc.section(2, enc.vector(import_entries))
    out += enc.section(3, enc.vector(func_types))
    out += enc.section(5, enc.vector([b"\x00" + enc.uleb(module.memory_pages)]))
    if layout.globals:
        out += enc.section(6, enc.vector([_global_entry(g) for g in layout.globals]))
    out += enc.section(7, enc.vector(_exports(module, layout)))
    if module.start:
        out += enc.section(8, enc.uleb(layout.func_index[module.start]))
    out += enc.section(10, enc.vector(bodies))
    segments = [b"\x00" + _const_expr("i32", offset) + enc.uleb(len(chunk)) + chunk
                for offset, chunk in data_segments(bytes(module.data), module.data_base)]
    if segments:
        out += enc.section(11, enc.vector(segments))
    out += enc.section(0, enc.name("name") + _names(layout))
    return bytes(out)


SEGMENT_HEADER = 8  # bytes of a data segment's header at most: flags, i32.const offset, end, length


def data_segments(data: bytes, base: int) -> list[tuple[int, bytes]]:
    """The static data as (address, bytes) segments, without its zero runs longer than a segment's
    header: memory starts zeroed, so those bytes need not be written (the padding after each
    constant, the zero words of tables and headers)."""
    segments: list[tuple[int, bytes]] = []
    start = 0
    for run in (*_LONG_ZEROS.finditer(data), None):
        stop = len(data) if run is None else run.start()
        chunk = data[start:stop].rstrip(b"\x00")
        skipped = len(chunk) - len(chunk.lstrip(b"\x00"))
        if chunk[skipped:]:
            segments.append((base + start + skipped, chunk[skipped:]))
        start = stop if run is None else run.end()
    return segments


_LONG_ZEROS = re.compile(rb"\x00{%d,}" % (SEGMENT_HEADER + 1))


def _exports(module: ir.Module, layout: _Layout) -> list[bytes]:
    entries = [enc.name(module.memory_export) + b"\x02" + enc.uleb(0)]
    for fn in layout.functions:
        if fn.export:
            entries.append(enc.name(fn.export) + b"\x00" + enc.uleb(layout.func_index[fn.symbol]))
    return entries


def _const_expr(valtype: str, value: int | float) -> bytes:
    if valtype == "i32":
        return b"\x41" + enc.sleb(_signed(value, 32)) + b"\x0b"
    if valtype == "i64":
        return b"\x42" + enc.sleb(_signed(value, 64)) + b"\x0b"
    return b"\x44" + enc.f64(float(value)) + b"\x0b"


def _signed(value: int | float, bits: int) -> int:
    value = int(value) & ((1 << bits) - 1)
    return value - (1 << bits) if value >> (bits - 1) else value


def _global_entry(g: ir.Global) -> bytes:
    return bytes([enc.VALTYPE_CODES[g.valtype], 1 if g.mutable else 0]) + _const_expr(g.valtype, g.init)


def _function_body(fn: ir.Function, layout: _Layout) -> bytes:
    local_index = {n: i for i, (n, _) in enumerate(fn.params + fn.locals)}
    code = bytearray(enc.vector(_local_groups([t for _, t in fn.locals])))
    labels: list[str] = []
    func_index, global_index = layout.func_index, layout.global_index
    for instr in fn.body:  # the common immediates inline: a build encodes ~20k instructions
        op = OPCODES[instr[0]]
        kinds = op.immediates
        if not kinds:
            code += op.code
            if instr[0] == "end" and labels:
                labels.pop()
            continue
        kind = kinds[0]
        if kind == "local":
            code += op.code + _uleb(local_index[instr[1]])
        elif kind == "i64":
            code += op.code + _sleb(_signed(instr[1], 64))
        elif kind == "func":
            code += op.code + _uleb(func_index[instr[1]])
        elif kind == "global":
            code += op.code + _uleb(global_index[instr[1]])
        elif kind == "i32":
            code += op.code + _sleb(_signed(instr[1], 32))
        else:
            code += _instruction(instr, labels, local_index, layout)
    code += b"\x0b"
    return enc.uleb(len(code)) + bytes(code)


_ONE_BYTE = [bytes((i,)) for i in range(128)]


def _uleb(value: int) -> bytes:
    return _ONE_BYTE[value] if value < 128 else enc.uleb(value)


def _sleb(value: int) -> bytes:
    return _ONE_BYTE[value & 0x7F] if -64 <= value < 64 else enc.sleb(value)


def _local_groups(types: list[str]) -> list[bytes]:
    """Runs of equal local types are declared as one (count, type) entry."""
    groups: list[bytes] = []
    start = 0
    for index in range(1, len(types) + 1):
        if index == len(types) or types[index] != types[start]:
            groups.append(enc.uleb(index - start) + bytes([enc.VALTYPE_CODES[types[start]]]))
            start = index
    return groups


def _instruction(instr: tuple, labels: list[str], local_index: dict[str, int], layout: _Layout) -> bytes:
    op = OPCODES[instr[0]]
    out = bytearray(op.code)
    values = list(instr[1:]) + [None] * (len(op.immediates) - len(instr) + 1)
    for kind, value in zip(op.immediates, values):
        if kind == "block":
            labels.append(value)
            result = instr[2]
            out += b"\x40" if result is None else bytes([enc.VALTYPE_CODES[result]])
            break
        out += _immediate(kind, value, labels, local_index, layout, op.align)
    if instr[0] == "end" and labels:
        labels.pop()
    return bytes(out)


def _immediate(kind: str, value, labels, local_index, layout: _Layout, align: int) -> bytes:
    if kind == "local":
        return enc.uleb(local_index[value])
    if kind == "global":
        return enc.uleb(layout.global_index[value])
    if kind == "func":
        return enc.uleb(layout.func_index[value])
    if kind == "label":
        return enc.uleb(len(labels) - 1 - labels.index(value))
    if kind == "i32":
        return enc.sleb(_signed(value, 32))
    if kind == "i64":
        return enc.sleb(_signed(value, 64))
    if kind == "f64":
        return enc.f64(value)
    if kind == "memarg":
        return enc.uleb(align) + enc.uleb(value if isinstance(value, int) else 0)
    if kind == "mem":
        return b"\x00"
    raise ValueError(f"unknown immediate kind {kind}")


def _names(layout: _Layout) -> bytes:
    """Function names only (what a trap's backtrace shows); local names would double the size."""
    functions = [enc.uleb(layout.func_index[i.symbol]) + enc.name(i.name) for i in layout.imports]
    functions += [enc.uleb(layout.func_index[f.symbol]) + enc.name(display_name(f)) for f in layout.functions]
    return enc.section(1, enc.vector(functions))


def display_name(fn: ir.Function) -> str:
    """The name a backtrace shows, as short as says which Python function it is (docs/architecture.md,
    "Names"): ``compiler.runtime.str_find.str_find`` reads as ``rt.str_find.str_find``, an export's wrapper
    by the export's name, ``m.C.f@dispatch.C`` as ``m.C.f@dispatch``, ``m.<init m.x>`` as
    ``m.<init x>``; the program's own functions keep their module and class. (An import is
    named by its field name, ``proxy_log``.)"""
    symbol = fn.symbol
    if fn.export and symbol.endswith("@export"):
        return fn.export
    if symbol.startswith(RUNTIME_PREFIX):
        symbol = "rt." + symbol[len(RUNTIME_PREFIX):]
    base, marker, cls = symbol.partition("@dispatch.")
    if marker and base.rsplit(".", 2)[-2:-1] == [cls]:
        return base + "@dispatch"
    module, marker, rest = symbol.partition(".<init ")
    if marker and rest.startswith(module + "."):
        return f"{module}.<init {rest[len(module) + 1:]}"
    return symbol


RUNTIME_PREFIX = "compiler.runtime."
