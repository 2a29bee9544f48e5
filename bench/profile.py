"""Where a request's wasm work goes: calls and executed instructions per function.

    python -m bench.profile [FILTER.py] [--top N]

Builds the filter (default filter/main.py) with a counter per function: calls, and
instructions executed in its own body (counted per straight-line run, so close to
wasmtime fuel). Then runs the reference configuration's requests in the emulator
(new client, known client, rejected) and prints the functions that did the most work
per request. The counters cost work themselves: use bench/fuel.py for the figures.
"""
from __future__ import annotations

import sys
from pathlib import Path

import wasmtime

from compiler import ir, pipeline
from compiler.wasm import emit
from compiler.wasm import encode as enc

ROOT = Path(__file__).resolve().parent.parent
CONTROL = {"block", "loop", "if", "else", "end", "br", "br_if", "br_table", "return", "unreachable"}


def instrument(module: ir.Module) -> list[str]:
    """Add counters (globals calls@F, work@F) to every function; returns the symbols counted."""
    symbols = list(module.functions)
    for symbol in symbols:
        fn = module.functions[symbol]
        for kind in ("calls", "work"):
            module.globals[f"{kind}@{symbol}"] = ir.Global(f"{kind}@{symbol}", "i64", True, 0)
        body: list[tuple] = _bump(f"calls@{symbol}", 1)
        run: list[tuple] = []
        own = 0
        for instr in fn.body:
            if instr[0] == "call" and instr[1].startswith("rt."):
                counter = f"via@{symbol}>{instr[1]}"  # who calls the arithmetic helpers
                module.globals.setdefault(counter, ir.Global(counter, "i64", True, 0))
                run += _bump(counter, 1)
            run.append(instr)
            own += 1
            if instr[0] in CONTROL or instr[0] == "call":
                body += _bump(f"work@{symbol}", own) + run
                run, own = [], 0
        fn.body = body + _bump(f"work@{symbol}", own) + run
    return symbols


def _bump(counter: str, amount: int) -> list[tuple]:
    return [("global.get", counter), ("i64.const", amount), ("i64.add",), ("global.set", counter)]


def emit_with_counters(module: ir.Module) -> bytes:
    """emit.emit_module, with every counter global exported under its own name."""
    original = emit._exports

    def exports(mod: ir.Module, layout) -> list[bytes]:
        entries = original(mod, layout)
        for g in layout.globals:
            if "@" in g.symbol:
                entries.append(enc.name(g.symbol) + b"\x03" + enc.uleb(layout.global_index[g.symbol]))
        return entries
    emit._exports = exports
    try:
        return emit.emit_module(module)
    finally:
        emit._exports = original


def counters(instance, store) -> dict[str, int]:
    found = instance.exports(store)
    return {name: found[name].value(store) for name in _export_names if "@" in name}


_export_names: list[str] = []  # the instrumented module's export names


def main(argv: list[str]) -> int:
    from abi.emulator import Plugin
    from bench.fuel import REFERENCE_CONFIG, client_address
    top = 30
    if "--top" in argv:
        top = int(argv[argv.index("--top") + 1])
        del argv[argv.index("--top"):argv.index("--top") + 2]
    source = Path(argv[0]) if argv else ROOT / "filter" / "main.py"
    module = pipeline.compile_to_ir(source)
    instrument(module)
    wasm = emit_with_counters(module)
    captured = []
    original = wasmtime.Linker.instantiate

    def instantiate(self, store, mod):
        instance = original(self, store, mod)
        captured.append((instance, store))
        _export_names[:] = [e.name for e in mod.exports]
        return instance
    wasmtime.Linker.instantiate = instantiate
    try:
        plugin = Plugin.wasm(wasm, configuration=REFERENCE_CONFIG)
    finally:
        wasmtime.Linker.instantiate = original
    instance, store = captured[0]
    for label, client in (("new client", 1), ("known client", 1), ("third", 1), ("rejected", 1)):
        before = counters(instance, store)
        exchange = plugin.http_request(source_address=client_address(client))
        after = counters(instance, store)
        delta = {k: after[k] - before[k] for k in after if after[k] != before[k]}
        if label == "third":
            continue
        work = sum(v for k, v in delta.items() if k.startswith("work@"))
        print(f"== {label}: status {exchange.status}, {work} instructions, "
              f"fuel {sum(exchange.fuel.values())}")
        rows = sorted(((delta.get(f"work@{k[6:]}", 0), delta[k], k[6:]) for k in delta if k.startswith("calls@")),
                      reverse=True)
        for own, calls, symbol in rows[:top]:
            print(f"  {own:7d} own  {calls:5d} calls  {symbol}")
        via = sorted(((v, k[4:]) for k, v in delta.items() if k.startswith("via@")), reverse=True)
        print("  calls of rt.* helpers by caller:")
        for calls, edge in via[:top]:
            print(f"  {calls:5d}  {edge}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
