"""Passes over the wasm-level IR, run in the order ``compiler/pipeline.py`` lists."""
