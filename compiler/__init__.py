"""A compiler from a statically typed subset of Python to core WebAssembly.

Public surface: ``compile_file`` (wasm bytes), ``compile_to_wat`` (text) and
``CompileError`` (raised with located ``Diagnostic`` values).

The names are imported on first use (PEP 562): ``import compiler.cache_store`` (build.py's
look-up of a previous build's output) then costs milliseconds, not the whole compiler's import.
"""
import importlib

__all__ = ["compile_file", "compile_to_wat", "CompileError", "Diagnostic"]
_FROM = {"compile_file": "pipeline", "compile_to_wat": "pipeline",
         "CompileError": "diagnostics", "Diagnostic": "diagnostics"}


def __getattr__(name: str):
    home = _FROM.get(name)
    if home is not None:
        value = getattr(importlib.import_module(f".{home}", __name__), name)
    else:  # a submodule (compiler.pipeline after a bare ``import compiler``)
        try:
            value = importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module 'compiler' has no attribute '{name}'") from None
    globals()[name] = value
    return value
