"""zlib: the checksums crc32 and adler32, with zlib 1.2's results (compression is not available yet)."""
from abi.intrinsics import data_ptr, load_u8, wrap_add
from binascii import crc32 as binascii_crc32

M32 = 0xFFFFFFFF
BASE = 65521


def crc32(data: bytes, value: int = 0) -> int:
    return binascii_crc32(data, value)


def adler32(data: bytes, value: int = 1) -> int:
    """zlib's adler32_z: a one-byte input reduces each sum by at most one BASE, so a start value
    beyond BASE shows through as in zlib; longer inputs reduce fully."""
    a = value & 0xFFFF
    b = (value >> 16) & 0xFFFF
    if len(data) == 1:
        a += data[0]
        if a >= BASE:
            a -= BASE
        b += a
        if b >= BASE:
            b -= BASE
        return a | (b << 16)
    src = data_ptr(data)
    for i in range(len(data)):
        a += load_u8(wrap_add(src, i))
        b += a
        if b >= 0x7FFFFFFF:  # keeps the sums small; the result is the same modulo BASE
            a %= BASE
            b %= BASE
    return (a % BASE) | ((b % BASE) << 16)
