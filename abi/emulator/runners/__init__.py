"""The two runners: ``wasm`` (main.wasm in wasmtime) and ``cpython`` (the filter source)."""
