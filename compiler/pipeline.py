"""The one place that lists the compiler's passes, in order.

    load     source files -> parsed modules (frontend/load.py)
    declare  module-level names, signatures, constants (sema/declare.py)
    check    types, names, definite assignment (sema/check.py)
    lower    typed tree -> symbolic wasm IR (lower/to_ir.py)
    exceptions  branches that take a raised exception to its handler (passes/exceptions.py)
    inline   small helpers' bodies in place of their calls (passes/inline.py)
    escape   records and tuples that never leave a function kept in locals (passes/escape.py)
    ranges   plain arithmetic where operands cannot overflow (passes/ranges.py)
    propagate  copies and constants propagated, constant arithmetic folded (passes/propagate.py)
    dce      dead code, constant ifs, idle blocks and locals removed (passes/dce.py)
    recursion  RecursionError counting on recursive functions (passes/recursion.py)
    peephole  adjacent instructions replaced by fewer (passes/peephole.py)
    booleans  and/or of plain comparisons without a branch (passes/booleans.py)
    pack     the same code in fewer bytes: long constants in globals, locals grouped (passes/pack.py)
    emit     IR -> wasm bytes, or WAT text (wasm/emit.py, wasm/wat.py)

Every pass reports problems only as ``CompileError``. Any other exception is a
bug in the compiler: it is reported as an internal error at the user's file,
never as a raw traceback.
"""
from __future__ import annotations

import gc
import sys
from pathlib import Path

from . import ir
from .diagnostics import CompileError, Diagnostic, display_path, loc_of
from .frontend import load
from .lower import to_ir
from .lower.runtime import STAND_INS
from .passes import booleans, dce, escape, exceptions, inline, pack, peephole, propagate, ranges, recursion
from .sema import check, declare
from .wasm import emit


# Passes over the IR, in order: (name, function). Each takes and returns an ir.Module.
# inline runs first so that ranges sees each helper's arguments at its call sites (not joined over
# every caller) on bodies already simplified (inline runs propagate and dce on what it reaches);
# the checked helpers stay calls, since ranges recognises them by name, and so do the stand-ins
# runtime checks raise through (a trap's backtrace names the exception through them). propagate and dce run again
# after ranges, which leaves constant operands and checks; recursion last, on the final call graph.
IR_PASSES = (
    ("exceptions", exceptions.run),  # branches from calls that may raise to handlers
    ("inline", lambda module: inline.run(module, frozenset(ranges.CHECKED) | frozenset(STAND_INS))),
    ("escape", escape.run),        # objects that never leave a function as locals
    ("ranges", ranges.run),        # unchecked arithmetic where it cannot overflow
    ("propagate", propagate.run),  # copies and constants, constant folding
    ("dce", dce.run),              # dead code, constant ifs, idle blocks and locals
    ("recursion", recursion.run),  # RecursionError where CPython raises it
    ("peephole", peephole.run),    # conversions and zero tests in fewer instructions
    ("booleans", booleans.run),    # and/or of plain comparisons as i32.and/i32.or
    ("pack", pack.run),            # fewer bytes, same instructions: last, constants become globals
)


def compile_to_ir(path: Path, text: str | None = None, observe=None) -> ir.Module:
    """The IR of a program after every pass; ``observe(name, module)`` sees it after each one
    ("lower" first, then each of IR_PASSES), as ``build.py --ir`` prints it."""
    program = load.run(path, text)          # parse the entry and its imports
    program = declare.run(program)          # names, signatures, constants
    program = check.run(program)            # types and definite assignment
    module = to_ir.run(program)             # symbolic wasm IR
    if observe:
        observe("lower", module)
    for name, run in IR_PASSES:
        module = run(module)
        if observe:
            observe(name, module)
    return module


def pass_names() -> list[str]:
    return ["lower", *(name for name, _ in IR_PASSES)]


def compile_to_ir_text(path: str | Path, after: str | None = None) -> str:
    """The IR printed after each pass (or only after ``after``), each headed by the pass name."""
    from .wasm import wat  # a build without --ir or --wat never prints
    printed: list[str] = []

    def observe(name: str, module: ir.Module) -> None:
        if after is None or name == after:
            problems = ir.validate(module)
            note = "" if not problems else " (INVALID: " + "; ".join(problems[:5]) + ")"
            printed.append(f";; ---- after {name}{note} ----\n" + wat.print_module(module))
    _reported(Path(path), lambda: compile_to_ir(Path(path), None, observe))
    return "".join(printed)


def compile_file(path: str | Path, text: str | None = None) -> bytes:
    """Compile a Python source file (and what it imports) to wasm bytes."""
    return _reported(Path(path), lambda: emit.emit_module(compile_to_ir(Path(path), text)))


def compile_file_observed(path: str | Path, observe) -> bytes:
    """``compile_file``, with ``observe(name, module)`` seeing the IR after each pass (tests
    validate it there: one compile gives them both the bytes and every pass's IR)."""
    return _reported(Path(path), lambda: emit.emit_module(compile_to_ir(Path(path), None, observe)))


def compile_to_wat(path: str | Path, text: str | None = None) -> str:
    """The module ``compile_file`` would produce, as WAT text."""
    from .wasm import wat
    return _reported(Path(path), lambda: wat.print_module(compile_to_ir(Path(path), text)))


# The passes walk expressions recursively; CPython itself compiles expressions thousands of
# operators long (a + 1 + 1 + ...), and Python-to-Python calls do not use the C stack.
RECURSION_LIMIT = 60000


def _reported(path: Path, build):
    """Run a build; anything but a CompileError is a compiler bug, reported at the user's file.
    The cycle collector waits until the build ends: a compile allocates millions of objects and
    frees few, so collecting while it runs walks the caller's whole heap again and again (up to
    half of a compile inside a test process); afterwards one collection sees only the build's."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, RECURSION_LIMIT))
    collecting = gc.isenabled()
    gc.disable()
    try:
        return build()
    except CompileError as err:
        diagnostics = err.diagnostics
    except RecursionError:
        raise _internal(path, "the program nests too deeply to compile") from None
    except Exception as err:
        raise _internal(path, f"internal compiler error: {type(err).__name__}: {err}") from err
    finally:
        sys.setrecursionlimit(previous)
        if collecting:
            gc.enable()
    # A fresh error: the caught one's traceback holds every frame of the compile, and through
    # them the whole program (in cycles only the collector frees) for as long as the caller keeps it.
    raise CompileError(diagnostics)


def _internal(path: Path, message: str) -> CompileError:
    return CompileError([Diagnostic(loc_of(display_path(path), "", None), message,
                                    "please report this with the source that triggered it")])
