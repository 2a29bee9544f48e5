"""binascii: hexlify/unhexlify (b2a_hex/a2b_hex), crc32, and the base64 codec base64.py uses.

CPython's results and binascii.Error messages (Modules/binascii.c, 3.11). Arguments CPython also
takes as str (unhexlify's ASCII text, hexlify's sep) are bytes only: a str is a compile error.
"""
M32 = 0xFFFFFFFF
HEX = b"0123456789abcdef"
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
PAD = 61  # '='
_crc_table: list[int] = []  # filled by the first crc32 call


class Error(ValueError):
    pass


def hexlify(data: bytes, sep: bytes | None = None, bytes_per_sep: int = 1) -> bytes:
    """Two lowercase hex digits per byte; with ``sep``, one separator every ``bytes_per_sep``
    bytes counted from the right (from the left when negative), as CPython's _Py_strhex."""
    if bytes_per_sep > 2147483647 or bytes_per_sep < -2147483648:
        raise OverflowError("Python int too large to convert to C int")
    group = 0
    sepchar = 0
    if sep is not None:
        if len(sep) != 1:
            raise ValueError("sep must be length 1.")
        sepchar = sep[0]
        group = bytes_per_sep
    n = len(data)
    out: list[int] = []
    step = group if group > 0 else -group
    for i in range(n):
        if step != 0 and i > 0:
            if group > 0 and (n - i) % step == 0:
                out.append(sepchar)
            elif group < 0 and i % step == 0:
                out.append(sepchar)
        c = data[i]
        out.append(HEX[c >> 4])
        out.append(HEX[c & 15])
    return bytes(out)


def b2a_hex(data: bytes, sep: bytes | None = None, bytes_per_sep: int = 1) -> bytes:
    return hexlify(data, sep, bytes_per_sep)


def hex_value(c: int) -> int:
    if 48 <= c <= 57:
        return c - 48
    if 97 <= c <= 102:
        return c - 87
    if 65 <= c <= 70:
        return c - 55
    return -1


def unhexlify(hexstr: bytes) -> bytes:
    n = len(hexstr)
    if n % 2 != 0:
        raise Error("Odd-length string")
    out: list[int] = []
    for i in range(0, n, 2):
        hi = hex_value(hexstr[i])
        lo = hex_value(hexstr[i + 1])
        if hi < 0 or lo < 0:
            raise Error("Non-hexadecimal digit found")
        out.append(hi * 16 + lo)
    return bytes(out)


def a2b_hex(hexstr: bytes) -> bytes:
    return unhexlify(hexstr)


def crc_table() -> list[int]:
    if len(_crc_table) == 0:
        for n in range(256):
            c = n
            for _ in range(8):
                if c & 1:
                    c = 0xEDB88320 ^ (c >> 1)
                else:
                    c = c >> 1
            _crc_table.append(c)
    return _crc_table


def crc32(data: bytes, crc: int = 0) -> int:
    """CRC-32 (zlib's polynomial) of ``data``, continuing from ``crc`` (its low 32 bits)."""
    table = crc_table()
    c = (crc & M32) ^ M32
    for b in data:
        c = table[(c ^ b) & 255] ^ (c >> 8)
    return c ^ M32


def b2a_base64(data: bytes, newline: bool = True) -> bytes:
    out: list[int] = []
    n = len(data)
    full = n - n % 3
    for i in range(0, full, 3):
        v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out.append(B64[v >> 18])
        out.append(B64[(v >> 12) & 63])
        out.append(B64[(v >> 6) & 63])
        out.append(B64[v & 63])
    if n - full == 1:
        v = data[full] << 16
        out.append(B64[v >> 18])
        out.append(B64[(v >> 12) & 63])
        out.append(PAD)
        out.append(PAD)
    elif n - full == 2:
        v = (data[full] << 16) | (data[full + 1] << 8)
        out.append(B64[v >> 18])
        out.append(B64[(v >> 12) & 63])
        out.append(B64[(v >> 6) & 63])
        out.append(PAD)
    if newline:
        out.append(10)
    return bytes(out)


def b64_value(c: int) -> int:
    if 65 <= c <= 90:
        return c - 65
    if 97 <= c <= 122:
        return c - 71
    if 48 <= c <= 57:
        return c + 4
    if c == 43:
        return 62
    if c == 47:
        return 63
    return -1


def a2b_base64(data: bytes, strict_mode: bool = False) -> bytes:
    """CPython 3.11's decoder: a complete pad sequence ends the input; other characters outside
    the alphabet are skipped, or refused in strict mode."""
    n = len(data)
    if strict_mode and n > 0 and data[0] == PAD:
        raise Error("Leading padding not allowed")
    out: list[int] = []
    quad = 0
    left = 0
    pads = 0
    padding_started = False
    for i in range(n):
        c = data[i]
        if c == PAD:
            padding_started = True
            if quad >= 2:
                pads += 1
                if quad + pads >= 4:
                    if strict_mode and i + 1 < n:
                        raise Error("Excess data after padding")
                    return bytes(out)
            continue
        v = b64_value(c)
        if v < 0:
            if strict_mode:
                raise Error("Only base64 data is allowed")
            continue
        if strict_mode and padding_started:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        if quad == 0:
            left = v
        elif quad == 1:
            out.append(((left << 2) | (v >> 4)) & 255)
            left = v & 15
        elif quad == 2:
            out.append(((left << 4) | (v >> 2)) & 255)
            left = v & 3
        else:
            out.append(((left << 6) | v) & 255)
        quad = (quad + 1) % 4
    if quad == 1:
        raise Error("Invalid base64-encoded string: number of data characters ("
                    + str(len(out) // 3 * 4 + 1) + ") cannot be 1 more than a multiple of 4")
    if quad != 0:
        raise Error("Incorrect padding")
    return bytes(out)
