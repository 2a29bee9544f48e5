"""json.loads of bytes: CPython 3.11's ``s.decode(detect_encoding(s), 'surrogatepass')``.

The encoding is guessed as CPython's json.detect_encoding does (a BOM, else where the zero bytes
are): UTF-8, UTF-8 with a BOM, UTF-16 or UTF-32 (either byte order). A decoding error raises the
UnicodeDecodeError CPython raises (encoding, object, start, end, reason). 'surrogatepass' lets an
encoded lone surrogate through, which a str here cannot hold: it becomes U+FFFD and the caller
raises ValueError once the document has parsed (a JSONDecodeError still comes first, at the same
position, as the stand-in is one character like the surrogate).
"""

STAND_IN = 0xFFFD


def decode_document(b: bytes) -> tuple[str, bool]:
    """The text of ``b`` and whether it held a lone surrogate."""
    encoding = detect_encoding(b)
    if encoding == "utf-8":
        return _utf8(b)
    if encoding == "utf-8-sig":
        return _utf8(b[3:])  # CPython's utf-8-sig codec reports positions in what follows the BOM
    if encoding == "utf-16":
        return _utf16(b, 2, b[0] == 0xFE)
    if encoding == "utf-16-be" or encoding == "utf-16-le":
        return _utf16(b, 0, encoding == "utf-16-be")
    if encoding == "utf-32":
        return _utf32(b, 4, b[0] == 0)
    return _utf32(b, 0, encoding == "utf-32-be")


def detect_encoding(b: bytes) -> str:
    """json.detect_encoding of CPython 3.11."""
    if b.startswith(b"\x00\x00\xfe\xff") or b.startswith(b"\xff\xfe\x00\x00"):
        return "utf-32"
    if b.startswith(b"\xfe\xff") or b.startswith(b"\xff\xfe"):
        return "utf-16"
    if b.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if len(b) >= 4:
        if not b[0]:
            return "utf-16-be" if b[1] else "utf-32-be"
        if not b[1]:
            return "utf-16-le" if b[2] or b[3] else "utf-32-le"
    elif len(b) == 2:
        if not b[0]:
            return "utf-16-be"
        if not b[1]:
            return "utf-16-le"
    return "utf-8"


def _utf8(b: bytes) -> tuple[str, bool]:
    parts: list[str] = []
    pos = 0
    lone = False
    while True:
        try:
            parts.append(b[pos:].decode())
            return "".join(parts), lone
        except UnicodeDecodeError as err:
            start = pos + err.start
            if not _encoded_surrogate(b, start):
                raise UnicodeDecodeError("utf-8", b, start, pos + err.end, err.reason) from None
            parts.append(b[pos:start].decode())
            parts.append(chr(STAND_IN))
            lone = True
            pos = start + 3


def _encoded_surrogate(b: bytes, i: int) -> bool:
    """ED A0-BF 80-BF: U+D800-U+DFFF in UTF-8, which 'surrogatepass' decodes."""
    return i + 3 <= len(b) and b[i] == 0xED and 0xA0 <= b[i + 1] <= 0xBF and 0x80 <= b[i + 2] <= 0xBF


def _utf16(b: bytes, start: int, big: bool) -> tuple[str, bool]:
    name = "utf-16-be" if big else "utf-16-le"
    parts: list[str] = []
    lone = False
    n = len(b)
    i = start
    while i < n:
        if n - i < 2:
            raise UnicodeDecodeError(name, b, i, n, "truncated data")
        unit = _unit16(b, i, big)
        i += 2
        if unit < 0xD800 or unit > 0xDFFF:
            parts.append(chr(unit))
            continue
        if unit <= 0xDBFF and n - i >= 2:
            low = _unit16(b, i, big)
            if 0xDC00 <= low <= 0xDFFF:
                parts.append(chr(0x10000 + ((unit - 0xD800) << 10 | (low - 0xDC00))))
                i += 2
                continue
        parts.append(chr(STAND_IN))
        lone = True
    return "".join(parts), lone


def _unit16(b: bytes, i: int, big: bool) -> int:
    return b[i] << 8 | b[i + 1] if big else b[i + 1] << 8 | b[i]


def _utf32(b: bytes, start: int, big: bool) -> tuple[str, bool]:
    name = "utf-32-be" if big else "utf-32-le"
    parts: list[str] = []
    lone = False
    n = len(b)
    i = start
    while i < n:
        if n - i < 4:
            raise UnicodeDecodeError(name, b, i, n, "truncated data")
        if big:
            code = b[i] << 24 | b[i + 1] << 16 | b[i + 2] << 8 | b[i + 3]
        else:
            code = b[i + 3] << 24 | b[i + 2] << 16 | b[i + 1] << 8 | b[i]
        if code > 0x10FFFF:
            raise UnicodeDecodeError(name, b, i, i + 4, "code point not in range(0x110000)")
        if 0xD800 <= code <= 0xDFFF:
            code = STAND_IN
            lone = True
        parts.append(chr(code))
        i += 4
    return "".join(parts), lone
