"""Build a proxy-wasm module from a Python filter.

    python build.py                      # filter/main.py -> main.wasm
    python build.py SOURCE -o OUT.wasm   # any module of the subset
    python build.py SOURCE --wat         # print the WAT text instead
    python build.py SOURCE --ir          # print the IR after each pass (validated)
    python build.py SOURCE --ir ranges   # ... or after one pass

On a compile error it prints ``path:line:col: error: ...`` and exits 1.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compiler import CompileError, compile_file, compile_to_wat
from compiler.cache_store import kept_on_disk
from compiler.pipeline import compile_to_ir_text, pass_names

ROOT = Path(__file__).resolve().parent
DEFAULT_SOURCE = ROOT / "filter" / "main.py"
DEFAULT_OUTPUT = Path("main.wasm")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="Python module to compile (default: filter/main.py)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                        help="where to write the wasm module (default: main.wasm)")
    parser.add_argument("--wat", action="store_true", help="print the module as WAT text instead")
    parser.add_argument("--ir", nargs="?", const="*", metavar="PASS", choices=["*", *pass_names()],
                        help=f"print the IR after every pass, or after PASS ({', '.join(pass_names())})")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: error: no such source file", file=sys.stderr)
        return 1
    try:
        if args.wat:
            sys.stdout.write(compile_to_wat(args.source))
            return 0
        if args.ir:
            sys.stdout.write(compile_to_ir_text(args.source, None if args.ir == "*" else args.ir))
            return 0
        with kept_on_disk():  # the facts of the last build's unchanged sources, not redone
            wasm = compile_file(args.source)
    except CompileError as err:
        print(err, file=sys.stderr)
        return 1
    args.output.write_bytes(wasm)
    print(f"wrote {args.output} ({len(wasm)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
