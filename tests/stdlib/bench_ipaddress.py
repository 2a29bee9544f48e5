"""Cost of ipaddress: wasm fuel for one warm call, and the module's size with only that function
imported; and the rate limiter's own address parser (filter/addresses.py parse_address) against the
same job done with ipaddress. Run: python tests/stdlib/bench_ipaddress.py."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import wasmtime  # noqa: E402

from compiler import compile_file  # noqa: E402

# name -> (imports and globals, call)
CALLS = {
    "ip_address (IPv4)": ("from ipaddress import ip_address", "len(ip_address('203.0.113.7').packed)"),
    "IPv4Address (IPv4)": ("from ipaddress import IPv4Address", "int(IPv4Address('203.0.113.7'))"),
    "ip_address (IPv6)": ("from ipaddress import ip_address", "len(ip_address('2001:db8::8a2e:370:7334').packed)"),
    "str(ip_address) (IPv6)": ("from ipaddress import ip_address", "len(str(ip_address('2001:db8:0:0:1::1')))"),
    "ip_address(s).is_private": ("from ipaddress import ip_address", "int(ip_address('203.0.113.7').is_private)"),
    "ip_network (IPv4)": ("from ipaddress import ip_network", "ip_network('10.128.0.0/9').prefixlen"),
    "address in 3 networks": ("from ipaddress import ip_address, ip_network\n"
                              "NETS = [ip_network('10.0.0.0/8'), ip_network('192.168.0.0/16'), ip_network('::1/128')]",
                              "int(any(ip_address('203.0.113.7') in n for n in NETS))"),
    # The rate limiter's job on every request: Envoy's source address (with its port) to 16 bytes.
    "filter: parse_address(b'203.0.113.7:51234')": ("from addresses import parse_address",
                                                    "len(parse_address(b'203.0.113.7:51234') or b'')"),
    "ipaddress: the same": ("from via_ipaddress import parse_address",
                            "len(parse_address(b'203.0.113.7:51234') or b'')"),
}
PROGRAM = """from abi import export
{imports}

SINK = 0


@export
def setup() -> int:
    return 0


@export
def call() -> int:
    global SINK
    SINK = {body}
    return 0
"""
# parse_address (filter/addresses.py) written with ipaddress.
VIA_IPADDRESS = '''from ipaddress import IPv4Address, ip_address

from abi.sdk import strip_port, wire_to_text

V4_MAPPED_PREFIX = b"\\\\x00" * 10 + b"\\\\xff\\\\xff"


def parse_address(data: bytes) -> bytes | None:
    text = strip_port(wire_to_text(data))
    if text.startswith("[") and text.endswith("]"):
        text = text[1:len(text) - 1]
    try:
        address = ip_address(text)
    except ValueError:
        return None
    if isinstance(address, IPv4Address):
        return V4_MAPPED_PREFIX + address.packed
    return address.packed
'''


def fuel_and_size(source: str, folder: Path) -> tuple[int, int]:
    """bench_stdlib's, with the host's functions (which these calls never reach) as traps."""
    path = folder / "bench_prog.py"
    path.write_text(source)
    wasm = compile_file(path)
    config = wasmtime.Config()
    config.consume_fuel = True
    engine = wasmtime.Engine(config)
    store = wasmtime.Store(engine)
    store.set_fuel(10 ** 12)
    linker = wasmtime.Linker(engine)
    module = wasmtime.Module(engine, wasm)
    linker.define_unknown_imports_as_traps(module)
    exports = linker.instantiate(store, module).exports(store)
    exports["setup"](store)
    exports["call"](store)  # a warm call
    before = store.get_fuel()
    exports["call"](store)
    return before - store.get_fuel(), len(wasm)


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copy(ROOT / "filter" / "addresses.py", folder / "addresses.py")
        (folder / "via_ipaddress.py").write_text(VIA_IPADDRESS.replace("\\\\", "\\"))
        _, empty = fuel_and_size(PROGRAM.format(imports="", body="0"), folder)
        print(f"empty program: {empty} bytes")
        print("| call | fuel | module bytes (over empty) |")
        print("|---|---|---|")
        for name, (imports, body) in CALLS.items():
            fuel, size = fuel_and_size(PROGRAM.format(imports=imports, body=body), folder)
            print(f"| {name} | {fuel:,} | {size:,} (+{size - empty:,}) |")


if __name__ == "__main__":
    main()
