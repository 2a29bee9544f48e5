"""``str.encode`` / ``bytes.decode`` with an encoding or error handler other than strict UTF-8
(sema/codecs.py chooses the function; plain ``encode()``/``decode()`` stay in runtime/str_utf8.py).

The codecs are CPython's ``ascii`` and ``latin-1`` both ways and ``utf-8`` decoding, with the
error handlers ``strict``, ``replace``, ``ignore``, ``backslashreplace`` and (encoding)
``xmlcharrefreplace``; results and messages are CPython 3.11's. A str here holds no lone
surrogate, so UTF-8 encoding never fails and needs no handler (sema keeps it on the plain path).
"""
from compiler.runtime.exceptions import UnicodeDecodeError, UnicodeEncodeError
from compiler.runtime.reprs import hex_digits
from compiler.runtime.str_utf8 import continuation_high, continuation_low, decode_problem


def encode_limited(s: str, limit: int, encoding: str, errors: str) -> bytes:
    """``s.encode(encoding, errors)`` for ascii (limit 128) and latin-1 (limit 256)."""
    out: list[int] = []
    position = 0
    for ch in s:
        c = ord(ch)
        if c < limit:
            out.append(c)
        elif errors == "strict":
            unencodable_run(s, position, limit, encoding)
        elif errors == "replace":
            out.append(63)
        elif errors == "backslashreplace":
            append_text(out, escaped(c))
        elif errors == "xmlcharrefreplace":
            append_text(out, "&#" + str(c) + ";")
        position += 1
    return bytes(out)


def unencodable_run(s: str, start: int, limit: int, encoding: str) -> None:
    """CPython's UnicodeEncodeError: it names the whole run of unencodable characters."""
    end = start + 1
    for ch in s[start + 1:]:
        if ord(ch) < limit:
            break
        end += 1
    raise UnicodeEncodeError(encoding, s, start, end, "ordinal not in range(" + str(limit) + ")")


def escaped(c: int) -> str:
    """The backslashreplace text of a code point: \\xhh, \\uhhhh or \\Uhhhhhhhh."""
    if c < 0x100:
        return "\\x" + hex_digits(c, 2)
    if c < 0x10000:
        return "\\u" + hex_digits(c, 4)
    return "\\U" + hex_digits(c, 8)


def append_text(out: list[int], text: str) -> None:
    for ch in text:
        out.append(ord(ch))


def latin1_decode(data: bytes) -> str:
    if data.isascii():
        return data.decode()  # the same text in ISO-8859-1 and UTF-8, copied as it is
    return "".join([chr(b) for b in data])


def ascii_decode(data: bytes, errors: str) -> str:
    parts: list[str] = []
    position = 0
    for b in data:
        if b < 0x80:
            parts.append(chr(b))
        elif errors == "strict":
            raise UnicodeDecodeError("ascii", data, position, position + 1, "ordinal not in range(128)")
        else:
            parts.append(bad_bytes(data, position, position + 1, errors))
        position += 1
    return "".join(parts)


def bad_bytes(data: bytes, start: int, end: int, errors: str) -> str:
    """What a decoding error handler puts for ``data[start:end]``."""
    if errors == "replace":
        return "\ufffd"
    if errors == "backslashreplace":
        return "".join(["\\x" + hex_digits(b, 2) for b in data[start:end]])
    return ""  # ignore


def utf8_decode(data: bytes, errors: str) -> str:
    """UTF-8 with a handler: each invalid sequence (as CPython's decoder delimits it) is handled,
    the valid stretches between them decoded as they are."""
    parts: list[str] = []
    n = len(data)
    start = 0
    i = 0
    while i < n:
        size = valid_sequence(data, i)
        if size > 0:
            i += size
            continue
        end = decode_problem(data, i)[0]
        parts.append(data[start:i].decode())
        parts.append(bad_bytes(data, i, end, errors))
        i = end
        start = end
    parts.append(data[start:].decode())
    return "".join(parts)


def valid_sequence(data: bytes, i: int) -> int:
    """The length of the valid UTF-8 sequence at ``i``, or 0 where it is invalid."""
    c = data[i]
    if c < 0x80:
        return 1
    if c < 0xC2 or c > 0xF4:
        return 0
    size = 4 if c >= 0xF0 else 3 if c >= 0xE0 else 2
    if i + size > len(data):
        return 0
    for k in range(1, size):
        if not continuation_low(c, k) <= data[i + k] <= continuation_high(c, k):
            return 0
    return size
