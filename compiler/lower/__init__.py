"""Lowering: typed Python tree -> wasm-level IR."""
