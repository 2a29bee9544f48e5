"""binascii: hexlify/unhexlify (b2a_hex/a2b_hex), crc32, and the base64 codec base64.py uses.

CPython's results and binascii.Error messages (Modules/binascii.c, 3.11). Arguments CPython also
takes as str (unhexlify's ASCII text, hexlify's sep) are bytes only: a str is a compile error.
"""
from abi.intrinsics import data_ptr, load_u8, load_u32, shr_u, store_u8, store_u32, wrap_add
from compiler.runtime.ints import hex_value

M32 = 0xFFFFFFFF
HEX = b"0123456789abcdef"
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
PAD = 61  # '='
B64_VALUE = (  # the value of each byte as a base64 digit, 255 for the others
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff>\xff\xff\xff?456789:;<=\xff\xff\xff\xff\xff\xff'
    b'\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\xff\xff\xff\xff\xff\xff\x1a\x1b\x1c\x1d\x1e\x1f !"#$%&\'()*+,-./0123\xff\xff\xff\xff\xff'
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'
)
_crc_table = b""  # built by the first crc32 call


def fresh(n: int) -> bytes:
    """A new bytes of ``n`` zero bytes, which the caller fills in place (through data_ptr) before
    anything else sees it: the hot loops below write their output without a list. Relies on a
    bytes repetition always allocating a new object (runtime strings.repeat_impl; the compiler
    does not fold it inside functions); test_codecs/test_hashing would see a shared one."""
    return b"\x00" * n


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
    step = group if group > 0 else -group
    seps = (n - 1) // step if step != 0 and n > 0 else 0
    out = fresh(2 * n + seps)
    src = data_ptr(data)
    dst = data_ptr(out)
    digits = data_ptr(HEX)
    for i in range(n):
        if seps != 0 and i > 0 and ((group > 0 and (n - i) % step == 0) or (group < 0 and i % step == 0)):
            store_u8(dst, sepchar)
            dst = wrap_add(dst, 1)
        c = load_u8(wrap_add(src, i))
        store_u8(dst, load_u8(wrap_add(digits, c >> 4)))
        store_u8(wrap_add(dst, 1), load_u8(wrap_add(digits, c & 15)))
        dst = wrap_add(dst, 2)
    return out


def b2a_hex(data: bytes, sep: bytes | None = None, bytes_per_sep: int = 1) -> bytes:
    return hexlify(data, sep, bytes_per_sep)


def unhexlify(hexstr: bytes) -> bytes:
    n = len(hexstr)
    if n % 2 != 0:
        raise Error("Odd-length string")
    out = fresh(n // 2)
    src = data_ptr(hexstr)
    dst = data_ptr(out)
    for i in range(0, n, 2):
        hi = hex_value(load_u8(wrap_add(src, i)))
        lo = hex_value(load_u8(wrap_add(src, i + 1)))
        if hi < 0 or lo < 0:
            raise Error("Non-hexadecimal digit found")
        store_u8(wrap_add(dst, i >> 1), hi * 16 + lo)
    return out


def a2b_hex(hexstr: bytes) -> bytes:
    return unhexlify(hexstr)


def crc_table() -> int:
    """The address of the CRC-32 table (256 u32 words), built on the first call."""
    global _crc_table
    if len(_crc_table) == 0:
        table = fresh(1024)
        at = data_ptr(table)
        for n in range(256):
            c = n
            for _ in range(8):
                if c & 1:
                    c = 0xEDB88320 ^ (c >> 1)
                else:
                    c = c >> 1
            store_u32(wrap_add(at, n * 4), c)
        _crc_table = table
    return data_ptr(_crc_table)


def crc32(data: bytes, crc: int = 0) -> int:
    """CRC-32 (zlib's polynomial) of ``data``, continuing from ``crc`` (its low 32 bits)."""
    table = crc_table()
    src = data_ptr(data)
    c = (crc & M32) ^ M32
    for i in range(len(data)):
        c = load_u32(wrap_add(table, ((c ^ load_u8(wrap_add(src, i))) & 255) << 2)) ^ (c >> 8)
    return c ^ M32


def b2a_base64(data: bytes, newline: bool = True) -> bytes:
    return encode64(data, newline, B64)


def encode64(data: bytes, newline: bool, alphabet: bytes) -> bytes:
    """b2a_base64 with the digits of ``alphabet`` (base64.py passes the URL-safe one)."""
    n = len(data)
    full = n - n % 3
    out = fresh((n + 2) // 3 * 4 + (1 if newline else 0))
    src = data_ptr(data)
    dst = data_ptr(out)
    table = data_ptr(alphabet)
    for i in range(0, full, 3):
        at = wrap_add(src, i)
        v = (load_u8(at) << 16) | (load_u8(wrap_add(at, 1)) << 8) | load_u8(wrap_add(at, 2))
        store_u8(dst, load_u8(wrap_add(table, v >> 18)))
        store_u8(wrap_add(dst, 1), load_u8(wrap_add(table, (v >> 12) & 63)))
        store_u8(wrap_add(dst, 2), load_u8(wrap_add(table, (v >> 6) & 63)))
        store_u8(wrap_add(dst, 3), load_u8(wrap_add(table, v & 63)))
        dst = wrap_add(dst, 4)
    if n - full > 0:
        v = data[full] << 16
        if n - full == 2:
            v = v | (data[full + 1] << 8)
        store_u8(dst, alphabet[v >> 18])
        store_u8(dst + 1, alphabet[(v >> 12) & 63])
        store_u8(dst + 2, alphabet[(v >> 6) & 63] if n - full == 2 else PAD)
        store_u8(dst + 3, PAD)
        dst = dst + 4
    if newline:
        store_u8(dst, 10)
    return out


def a2b_base64(data: bytes, strict_mode: bool = False) -> bytes:
    """CPython 3.11's decoder: a complete pad sequence ends the input; other characters outside
    the alphabet are skipped, or refused in strict mode."""
    return decode64(data, strict_mode, B64_VALUE)


def decode64(data: bytes, strict_mode: bool, value_table: bytes) -> bytes:
    """a2b_base64 with the digit values of ``value_table`` (base64.py passes the URL-safe one)."""
    n = len(data)
    if strict_mode and n > 0 and data[0] == PAD:
        raise Error("Leading padding not allowed")
    out = fresh(n // 4 * 3 + 3)
    src = data_ptr(data)
    dst = data_ptr(out)
    values = data_ptr(value_table)
    count = 0  # bytes written
    i = 0
    while i + 4 <= n:  # whole groups of four digits, the usual input, with one load each
        v = load_u32(wrap_add(src, i))
        a = load_u8(wrap_add(values, v & 255))
        b = load_u8(wrap_add(values, shr_u(v, 8) & 255))
        c = load_u8(wrap_add(values, shr_u(v, 16) & 255))
        d = load_u8(wrap_add(values, shr_u(v, 24)))
        if (a | b | c | d) >= 64:
            break
        bits = (a << 18) | (b << 12) | (c << 6) | d
        to = wrap_add(dst, count)
        store_u8(to, shr_u(bits, 16))
        store_u8(wrap_add(to, 1), shr_u(bits, 8))
        store_u8(wrap_add(to, 2), bits)
        count += 3
        i += 4
    quad = 0  # then the rest a character at a time, from where the groups stopped
    left = 0
    pads = 0
    padding_started = False
    while i < n:
        c = load_u8(wrap_add(src, i))
        i += 1
        if c == PAD:
            padding_started = True
            if quad >= 2:
                pads += 1
                if quad + pads >= 4:
                    if strict_mode and i < n:
                        raise Error("Excess data after padding")
                    return out[:count]
            continue
        v = load_u8(wrap_add(values, c))
        if v == 255:
            if strict_mode:
                raise Error("Only base64 data is allowed")
            continue
        if strict_mode and padding_started:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        if quad == 0:
            left = v
        elif quad == 1:
            store_u8(wrap_add(dst, count), ((left << 2) | (v >> 4)) & 255)
            left = v & 15
        elif quad == 2:
            store_u8(wrap_add(dst, count), ((left << 4) | (v >> 2)) & 255)
            left = v & 3
        else:
            store_u8(wrap_add(dst, count), ((left << 6) | v) & 255)
        count += 1 if quad != 0 else 0
        quad = (quad + 1) & 3
    if quad == 1:
        raise Error("Invalid base64-encoded string: number of data characters ("
                    + str(count // 3 * 4 + 1) + ") cannot be 1 more than a multiple of 4")
    if quad != 0:
        raise Error("Incorrect padding")
    return out[:count]
