"""Cost of the standard library modules: bytes each adds to a module, and wasm fuel per call.

Run: python tests/stdlib/bench_stdlib.py. Each call gets 1 KB of input built before the fuel is
counted, and is the second one (the CRC, SHA-256 and MD5 tables are built by the first); CPython's time for the same call is shown for scale (timeit, best of 5).
"""
from __future__ import annotations

import sys
import tempfile
import timeit
from pathlib import Path

import wasmtime

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from compiler import compile_file  # noqa: E402

# name -> (import line, the call on DATA (1 KB) or ENC (its base64)), CPython setup
CALLS = {
    "b64encode": ("from base64 import b64encode", "b64encode(DATA)"),
    "b64decode": ("from base64 import b64decode", "b64decode(ENC)"),
    "b32encode": ("from base64 import b32encode", "b32encode(DATA)"),
    "hexlify": ("from binascii import hexlify", "hexlify(DATA)"),
    "unhexlify": ("from binascii import unhexlify", "unhexlify(HEXED)"),
    "crc32": ("from zlib import crc32", "crc32(DATA)"),
    "adler32": ("from zlib import adler32", "adler32(DATA)"),
    "sha256": ("from hashlib import sha256", "sha256(DATA).digest()"),
    "sha1": ("from hashlib import sha1", "sha1(DATA).digest()"),
    "md5": ("from hashlib import md5", "md5(DATA).digest()"),
    "sha512": ("from hashlib import sha512", "sha512(DATA).digest()"),
    "hmac-sha256": ("from hmac import new", "new(b'key', DATA, 'sha256').digest()"),
    "json.dumps": ("from json import dumps, loads", "dumps(DOC)"),
    "json.dumps indent=2": ("from json import dumps, loads", "dumps(DOC, indent=2, sort_keys=True)"),
    "struct.pack (16 bytes)": ("from struct import pack", "pack('<IHHQ', 1, 2, 3, 4)"),
    "struct.unpack (16 bytes)": ("from struct import unpack", "unpack('<IHHQ', DATA[:16])[3]"),
}
# a 1 KB document (30 members of 5 values each): what json.dumps writes
TEXT = ('{' + ", ".join(f'"k{i}": [{i}, {i * 0.5}, "v{i} \\u00e9", null, true]' for i in range(30)) + '}')
SETUP = """
import base64, binascii, json
DATA = bytes(i * 7 % 256 for i in range(1024))
ENC = base64.b64encode(DATA)
HEXED = binascii.hexlify(DATA)
DOC = json.loads(TEXT)
""".replace("TEXT", repr(TEXT))
PROGRAM = """from typing import Any

from abi import export
{imports}

DATA = b""
ENC = b""
HEXED = b""
DOC: Any = None
SINK = 0


@export
def setup() -> int:
    global DATA, ENC, HEXED, DOC
    DATA = bytes([i * 7 % 256 for i in range(1024)])
    DOC = {doc}
    ENC = {enc}
    HEXED = {hexed}
    return 0


@export
def call() -> int:
    global SINK
    SINK = {body}
    return 0
"""


def program(imports: str, body: str) -> str:
    enc = "b64encode(DATA)" if "b64encode" in imports or "b64decode" in imports else 'b""'
    hexed = "hexlify(DATA)" if "hexlify" in imports else 'b""'
    if "b64decode" in imports:
        imports += ", b64encode"
    if "unhexlify" in imports:
        imports += ", hexlify"
    body = body if body.startswith(("crc32", "adler32", "unpack")) else f"len({body})"
    doc = f"loads({TEXT!r})" if "loads" in imports else "None"
    return PROGRAM.format(imports=imports, enc=enc, hexed=hexed, doc=doc, body=body)


def fuel_and_size(source: str, folder: Path) -> tuple[int, int]:
    path = folder / "bench_prog.py"
    path.write_text(source)
    wasm = compile_file(path)
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    store = wasmtime.Store(engine)
    store.set_fuel(10 ** 12)
    instance = wasmtime.Instance(store, wasmtime.Module(engine, wasm), [])
    instance.exports(store)["setup"](store)
    instance.exports(store)["call"](store)  # a warm call: the tables built on first use exist
    before = store.get_fuel()
    instance.exports(store)["call"](store)
    return before - store.get_fuel(), len(wasm)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _, empty = fuel_and_size(program("", "0").replace("len(0)", "0"), Path(folder))
        print(f"empty program: {empty} bytes")
        print("| call (1 KB) | fuel | module bytes (over empty) | CPython µs |")
        print("|---|---|---|---|")
        for name, (imports, body) in CALLS.items():
            fuel, size = fuel_and_size(program(imports, body), Path(folder))
            cpython = min(timeit.repeat(body, setup=SETUP + imports, number=200, repeat=5)) / 200 * 1e6
            print(f"| {name} | {fuel:,} | {size:,} (+{size - empty:,}) | {cpython:.1f} |")


if __name__ == "__main__":
    main()
