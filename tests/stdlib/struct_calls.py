"""struct as a program calls it (``import struct``, constant formats), compiled and under CPython:
test_struct.py compares the text each export leaves in OUT."""
import struct
from struct import calcsize, pack, unpack, unpack_from

from abi import export
from abi.intrinsics import data_ptr

OUT = b""


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def header(version: int, flags: int, length: int, name: bytes, ratio: float) -> str:
    data = struct.pack("!BBHI8sd", version, flags, length, length * 3, name, ratio)
    v, f, n, m, got, r = struct.unpack("!BBHI8sd", data)
    small = unpack_from("<H", data, offset=2)[0]
    (single,) = unpack("<f", pack("<f", ratio))
    t, q = unpack("@?q", pack("@?q", True, -length))
    return f"{data.hex()} {v} {f} {n} {m} {got.hex()} {r} {small} {single} {t} {q} {calcsize('@bq')}"


@export
def run(version: int, length: int, ratio: float) -> int:
    global OUT
    try:
        OUT = header(version, 7, length, b"filter", ratio).encode()
    except struct.error as error:
        OUT = f"struct.error: {error}".encode()
    except OverflowError as error:
        OUT = f"OverflowError: {error}".encode()
    return len(OUT)


@export
def short_buffer(size: int) -> int:
    global OUT
    try:
        a, b = unpack(">hh", b"\x00" * size)
        OUT = f"{a} {b}".encode()
    except struct.error as error:
        OUT = f"struct.error: {error}".encode()
    return len(OUT)


@export
def bad_count() -> int:
    global OUT
    try:
        OUT = pack("<2i", 1)
    except struct.error as error:
        OUT = f"struct.error: {error}".encode()
    return len(OUT)
