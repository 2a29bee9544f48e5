"""base64: the Base64, Base32 and Base16 codecs of RFC 4648, as CPython's Lib/base64.py (3.11).

What the decoders read may be bytes or an ASCII str, as in CPython (a non-ASCII str raises its
ValueError); altchars and map01, which CPython also takes as str, are bytes only here: passing
a str is a compile error.
"""
from abi.intrinsics import data_ptr, load_u8, store_u8, wrap_add
from binascii import Error, a2b_base64, b2a_base64, decode64, encode64, fresh, hexlify, unhexlify

B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"
B64URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# binascii.B64_VALUE with '-' and '_' worth 62 and 63 as well: urlsafe_b64decode translates them
# to '+' and '/' (which stay digits) before decoding; one table does both in one pass
B64URL_VALUE = (
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff>\xff>\xff?456789:;<=\xff\xff\xff\xff\xff\xff'
    b'\xff\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\xff\xff\xff\xff?\xff\x1a\x1b\x1c\x1d\x1e\x1f !"#$%&\'()*+,-./0123\xff\xff\xff\xff\xff'
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'
    b'\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff'
)


def bytes_repr(b: bytes) -> str:
    """repr(b), for the AssertionError CPython's asserts show."""
    quote = "'"
    if 39 in b and 34 not in b:
        quote = '"'
    out = "b" + quote
    for c in b:
        if c == ord(quote) or c == 92:
            out += "\\" + chr(c)
        elif c == 9:
            out += "\\t"
        elif c == 10:
            out += "\\n"
        elif c == 13:
            out += "\\r"
        elif c < 32 or c >= 127:
            out += "\\x" + "0123456789abcdef"[c >> 4] + "0123456789abcdef"[c & 15]
        else:
            out += chr(c)
    return out + quote


def translate2(s: bytes, a: int, b: int, to_a: int, to_b: int) -> bytes:
    """s.translate(bytes.maketrans(bytes([a, b]), bytes([to_a, to_b]))): the later pair wins."""
    n = len(s)
    out = fresh(n)
    src = data_ptr(s)
    dst = data_ptr(out)
    for i in range(n):
        c = load_u8(wrap_add(src, i))
        if c == b:
            c = to_b
        elif c == a:
            c = to_a
        store_u8(wrap_add(dst, i), c)
    return out


def b64encode(s: bytes, altchars: bytes | None = None) -> bytes:
    encoded = b2a_base64(s, False)
    if altchars is not None:
        assert len(altchars) == 2, bytes_repr(altchars)
        return translate2(encoded, 43, 47, altchars[0], altchars[1])
    return encoded


def decode_data(s: str | bytes) -> bytes:
    """CPython's _bytes_from_decode_data: what the decoders read may be an ASCII str."""
    if isinstance(s, bytes):
        return s
    data = s.encode()
    if len(data) != len(s):
        raise ValueError("string argument should contain only ASCII characters")
    return data


def b64decode(s: str | bytes, altchars: bytes | None = None, validate: bool = False) -> bytes:
    data = decode_data(s)
    if altchars is not None:
        assert len(altchars) == 2, bytes_repr(altchars)
        data = translate2(data, altchars[0], altchars[1], 43, 47)
    return a2b_base64(data, validate)


def standard_b64encode(s: bytes) -> bytes:
    return b64encode(s)


def standard_b64decode(s: str | bytes) -> bytes:
    return b64decode(s)


def urlsafe_b64encode(s: bytes) -> bytes:
    return encode64(s, False, B64URL)


def urlsafe_b64decode(s: str | bytes) -> bytes:
    return decode64(decode_data(s), False, B64URL_VALUE)


def b32encode_with(alphabet: bytes, s: bytes) -> bytes:
    out: list[int] = []
    n = len(s)
    for i in range(0, n, 5):
        acc = 0
        for j in range(i, i + 5):
            acc = (acc << 8) | (s[j] if j < n else 0)
        for k in range(35, -1, -5):
            out.append(alphabet[(acc >> k) & 31])
    pads = [0, 6, 4, 3, 1][n % 5]
    for k in range(len(out) - pads, len(out)):
        out[k] = 61
    return bytes(out)


def b32decode_with(alphabet: bytes, s: bytes, casefold: bool, map01: bytes | None) -> bytes:
    if len(s) % 8:
        raise Error("Incorrect padding")
    if map01 is not None:
        assert len(map01) == 1, bytes_repr(map01)
        s = translate2(s, 48, 49, 79, map01[0])
    if casefold:
        s = s.upper()
    total = len(s)
    s = s.rstrip(b"=")
    padchars = total - len(s)
    out: list[int] = []
    acc = 0
    for i in range(0, len(s), 8):
        acc = 0
        for j in range(i, min(i + 8, len(s))):
            v = alphabet.find(bytes([s[j]]))
            if v < 0:
                raise Error("Non-base32 digit found")
            acc = (acc << 5) + v
        for k in range(32, -1, -8):
            out.append((acc >> k) & 255)
    if padchars not in [0, 1, 3, 4, 6]:
        raise Error("Incorrect padding")
    if padchars and out:
        acc = acc << (5 * padchars)
        keep = (43 - 5 * padchars) // 8
        out = out[:len(out) - 5]
        for k in range(32, 32 - 8 * keep, -8):
            out.append((acc >> k) & 255)
    return bytes(out)


def b32encode(s: bytes) -> bytes:
    return b32encode_with(B32, s)


def b32decode(s: str | bytes, casefold: bool = False, map01: bytes | None = None) -> bytes:
    return b32decode_with(B32, decode_data(s), casefold, map01)


def b32hexencode(s: bytes) -> bytes:
    return b32encode_with(B32HEX, s)


def b32hexdecode(s: str | bytes, casefold: bool = False) -> bytes:
    return b32decode_with(B32HEX, decode_data(s), casefold, None)


def b16encode(s: bytes) -> bytes:
    return hexlify(s).upper()


def b16decode(s: str | bytes, casefold: bool = False) -> bytes:
    data = decode_data(s)
    if casefold:
        data = data.upper()
    for c in data:
        if not (48 <= c <= 57 or 65 <= c <= 70):
            raise Error("Non-base16 digit found")
    return unhexlify(data)
