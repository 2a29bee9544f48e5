"""Wasm binary encoding and WAT printing, driven by one opcode table."""
