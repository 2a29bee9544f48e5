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
import gc
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DEFAULT_SOURCE = ROOT / "filter" / "main.py"
DEFAULT_OUTPUT = Path("main.wasm")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # The pass names come from the pipeline, whose import is most of the compiler: only for
    # --ir and --help (a build whose output is unchanged imports none of it).
    asked = any(a.startswith(("--ir", "-h", "--h")) for a in argv)
    passes = _pass_names() if asked else None
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help="Python module to compile (default: filter/main.py)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                        help="where to write the wasm module (default: main.wasm)")
    parser.add_argument("--wat", action="store_true", help="print the module as WAT text instead")
    parser.add_argument("--ir", nargs="?", const="*", metavar="PASS",
                        choices=["*", *passes] if passes else None,
                        help=f"print the IR after every pass, or after PASS ({', '.join(passes or [])})")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: error: no such source file", file=sys.stderr)
        return 1
    wasm = None if args.wat or args.ir else _previous_output(args.source)
    if wasm is not None:  # nothing it was built from changed: no compiler import at all
        return _write(args.output, wasm)
    from compiler.diagnostics import CompileError
    try:
        if args.wat:
            from compiler import compile_to_wat
            sys.stdout.write(compile_to_wat(args.source))
            return 0
        if args.ir:
            from compiler.pipeline import compile_to_ir_text
            sys.stdout.write(compile_to_ir_text(args.source, None if args.ir == "*" else args.ir))
            return 0
        wasm = _build(args.source)
    except CompileError as err:
        print(err, file=sys.stderr)
        return 1
    return _write(args.output, wasm)


def _write(output: Path, wasm: bytes) -> int:
    output.write_bytes(wasm)
    print(f"wrote {output} ({len(wasm)} bytes)")
    return 0


def _pass_names() -> list[str]:
    from compiler.pipeline import pass_names
    return pass_names()


def _previous_output(source: Path) -> bytes | None:
    """The bytes of the last build of ``source`` if none of the files it read changed
    (compiler/output_cache.py)."""
    from compiler import cache_store, output_cache
    folder = cache_store.folder()
    if folder is None:
        return None
    return output_cache.lookup(folder, cache_store.compiler_version(), source.resolve())


def _build(source: Path) -> bytes:
    """The wasm bytes of ``source``, compiled with the facts of the previous build's unchanged
    sources (compiler/cache_store.py) and the compiler's own bytecode (compiler/code_bundle.py)
    from the cache directory; kept there for the next build (compiler/output_cache.py)."""
    from compiler import cache_store
    folder = cache_store.folder()
    if folder is None:  # PYWASM_NO_CACHE=1, or nowhere to keep it
        from compiler import compile_file
        return compile_file(source)
    from compiler import code_bundle, output_cache
    version, entry = cache_store.compiler_version(), source.resolve()
    code_bundle.install(folder, version)
    from compiler import compile_file
    from compiler.frontend.load import observing_files
    with cache_store.kept_on_disk(folder), observing_files() as observed:
        wasm = compile_file(source)
    if cache_store.compiler_version() == version:  # not edited while this build ran
        output_cache.store(folder, version, entry, observed, wasm)
        code_bundle.save(folder, version)
    return wasm


if __name__ == "__main__":
    # One short process: the cycle collector would walk the compiler's million objects again
    # and again (imports included) to find next to nothing, and once more at exit.
    gc.disable()
    status = main()
    gc.freeze()
    sys.exit(status)
