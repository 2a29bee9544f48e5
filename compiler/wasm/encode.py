"""Wasm binary primitives: LEB128, vectors, names and length-prefixed sections."""
from __future__ import annotations

import struct

VALTYPE_CODES = {"i32": 0x7F, "i64": 0x7E, "f32": 0x7D, "f64": 0x7C}


def uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def f64(value: float) -> bytes:
    return struct.pack("<d", value)


def name(text: str) -> bytes:
    raw = text.encode("utf-8")
    return uleb(len(raw)) + raw


def vector(items: list[bytes]) -> bytes:
    return uleb(len(items)) + b"".join(items)


def section(section_id: int, payload: bytes) -> bytes:
    """Build the payload first, then prefix it with its id and length."""
    return bytes([section_id]) + uleb(len(payload)) + payload


def functype(params: list[str], results: list[str]) -> bytes:
    return (b"\x60" + vector([bytes([VALTYPE_CODES[p]]) for p in params])
            + vector([bytes([VALTYPE_CODES[r]]) for r in results]))
