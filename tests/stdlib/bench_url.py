"""Cost of urllib.parse, fnmatch and math: wasm fuel for one warm call, and the module's size with
only that function imported. Run: python tests/stdlib/bench_url.py."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stdlib import fuel_and_size  # noqa: E402

URL = "https://user:pw@Example.COM:8443/a/b%20c/d;p?x=1&y=%C3%A9t%C3%A9&z=a+b#frag"
QUERY = "a=1&b=%C3%A9t%C3%A9&c=x+y&d=&e=%2F%3F&a=2"
# name -> (import, call)
CALLS = {
    "quote (75 chars)": ("from urllib.parse import quote", f"len(quote({URL!r}))"),
    "unquote (75 chars)": ("from urllib.parse import unquote", f"len(unquote({URL!r}))"),
    "parse_qs (6 fields)": ("from urllib.parse import parse_qs", f"len(parse_qs({QUERY!r}))"),
    "urlsplit": ("from urllib.parse import urlsplit", f"len(urlsplit({URL!r}).netloc)"),
    "urljoin": ("from urllib.parse import urljoin", f"len(urljoin({URL!r}, '../x/./y?q=1'))"),
    "fnmatch.translate": ("from fnmatch import translate", "len(translate('/api/v[0-9]/*/[!a-z]*.json'))"),
    "math.comb(60, 30)": ("from math import comb", "comb(60, 30) % 1000"),
    "fnmatch": ("from fnmatch import fnmatch", "int(fnmatch('/api/v1/users/42', '/api/v[0-9]/*/[!a-z]*'))"),
    "math.floor": ("from math import floor", "floor(-2.5)"),
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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        _, empty = fuel_and_size(PROGRAM.format(imports="", body="0"), Path(folder))
        print(f"empty program: {empty} bytes")
        print("| call | fuel | module bytes (over empty) |")
        print("|---|---|---|")
        for name, (imports, body) in CALLS.items():
            fuel, size = fuel_and_size(PROGRAM.format(imports=imports, body=body), Path(folder))
            print(f"| {name} | {fuel:,} | {size:,} (+{size - empty:,}) |")


if __name__ == "__main__":
    main()
