"""Cost of re: wasm fuel of one warm call (a module-level ``P = compile(...)``; the second call of
an export running it) and the module's size. Run: python tests/stdlib/bench_re.py"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import wasmtime

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from compiler import compile_file  # noqa: E402

# name -> (pattern object, the call, the subject)
CASES = {
    "search": ("compile(r'(\\d+)-(\\w+)')", "P.search(TEXT)", "x" * 80 + " 12345-abc tail"),
    "fullmatch-ip": ("compile(r'(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})')", "P.fullmatch(TEXT)",
                     "192.168.100.200"),
    "match-bearer": ("compile(r'Bearer\\s+([A-Za-z0-9._-]+)')", "P.match(TEXT)", "Bearer " + "abcDEF123." * 8),
    "sub": ("compile(r'\\s+')", "len(P.sub(' ', TEXT))", "a  b\t\tc   d " * 8),
    "split": ("compile(r'\\s*,\\s*')", "len(P.split(TEXT))", "gzip, deflate ,br,  zstd" * 4),
}
PROGRAM = """from abi import export
from re import compile

P = {pattern}
TEXT = {text!r}
SINK = 0


@export
def call() -> int:
    global SINK
    SINK = 1 if {body} else 0
    return SINK
"""
EMPTY = "from abi import export\n\n\n@export\ndef call() -> int:\n    return 0\n"


def fuel(wasm: bytes) -> int:
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    store = wasmtime.Store(engine)
    store.set_fuel(10**12)
    call = wasmtime.Instance(store, wasmtime.Module(engine, wasm), []).exports(store)["call"]
    call(store)
    before = store.get_fuel()
    call(store)
    return before - store.get_fuel()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "prog.py"
        path.write_text(EMPTY)
        empty = len(compile_file(path))
        print("| call | subject chars | fuel | module bytes (over empty) |\n|---|---|---|---|")
        for name, (pattern, body, text) in CASES.items():
            path.write_text(PROGRAM.format(pattern=pattern, body=body, text=text))
            wasm = compile_file(path)
            print(f"| {name} | {len(text)} | {fuel(wasm):,} | {len(wasm):,} (+{len(wasm) - empty:,}) |")


if __name__ == "__main__":
    main()
