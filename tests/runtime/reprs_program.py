"""Calls compiler/runtime/reprs.py compiled (tests/runtime/test_reprs.py).

A case comes in one code point (or byte) per ``put`` call: the text, then -1, then the
repr CPython gives for it; a check returns 1 when the runtime's repr is the same.
"""
from abi import export
from compiler.runtime.reprs import bytes_repr, str_repr

CODES: list[int] = []


@export
def put(code: int) -> None:
    CODES.append(code)


def expected() -> str:
    split = CODES.index(-1)
    return "".join([chr(c) for c in CODES[split + 1:]])


def given() -> list[int]:
    return CODES[:CODES.index(-1)]


@export
def check_str() -> bool:
    same = str_repr("".join([chr(c) for c in given()])) == expected()
    CODES.clear()
    return same


@export
def check_bytes() -> bool:
    same = bytes_repr(bytes(given())) == expected()
    CODES.clear()
    return same
