"""Calls compiler/runtime/float_parse.py compiled (tests/runtime/test_float_parse.py).

The text comes in one code point (or byte) per ``put`` call; a parse returns the float's
bits, so nan's sign and -0.0 are compared exactly.
"""
from abi import export
from abi.intrinsics import float_bits
from compiler.runtime.float_parse import parse_float, parse_float_bytes

CODES: list[int] = []


@export
def put(code: int) -> None:
    CODES.append(code)


@export
def parse_str() -> int:
    text = "".join([chr(c) for c in CODES])
    CODES.clear()
    return float_bits(parse_float(text))


@export
def parse_bytes() -> int:
    data = bytes(CODES)
    CODES.clear()
    return float_bits(parse_float_bytes(data))
