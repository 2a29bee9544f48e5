"""A compiler from a statically typed subset of Python to core WebAssembly.

Public surface: ``compile_file`` (wasm bytes), ``compile_to_wat`` (text) and
``CompileError`` (raised with located ``Diagnostic`` values).
"""
from .diagnostics import CompileError, Diagnostic
from .pipeline import compile_file, compile_to_wat

__all__ = ["compile_file", "compile_to_wat", "CompileError", "Diagnostic"]
