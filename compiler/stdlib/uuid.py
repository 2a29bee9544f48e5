"""uuid for compiled filters: uuid4() from the host's random source (WASI random_get, which Envoy
serves from BoringSSL), uuid3()/uuid5() from our hashlib, and UUID objects made from a hex str.

A UUID keeps its 32 lowercase hex digits (the subset's ints hold 64 bits, CPython's UUID.int 128);
every property reads them. UUID(hex) parses as CPython does, with int(hex, 16) in full: an
optional '+', '0x', underscores between digits, whitespace around, Unicode decimal digits.
"""
from abi.imports import random_get
from abi.intrinsics import data_ptr
from compiler.runtime.str_case import decimal_value
from hashlib import md5, sha1

RESERVED_NCS = "reserved for NCS compatibility"
RFC_4122 = "specified in RFC 4122"
RESERVED_MICROSOFT = "reserved for Microsoft compatibility"
RESERVED_FUTURE = "reserved for future definition"

HEX_DIGITS = "0123456789abcdef"
# What int() strips around its digits: ASCII whitespace (not \x1c-\x1f, which str.isspace() takes),
# and any non-ASCII whitespace, which CPython turns into a space first.
INT_SPACE = " \t\n\x0b\x0c\r"


class UUID:
    _hex: str

    def __init__(self, hex: str) -> None:
        if len(hex) == 32 and _lower_hex(hex):  # nothing below would change it
            self._hex = hex
            return
        hex = hex.replace("urn:", "").replace("uuid:", "")
        hex = hex.strip("{}").replace("-", "")
        if len(hex) != 32:
            raise ValueError("badly formed hexadecimal UUID string")
        self._hex = _int_hex(hex)

    @property
    def hex(self) -> str:
        return self._hex

    @property
    def urn(self) -> str:
        return "urn:uuid:" + str(self)

    @property
    def bytes(self) -> bytes:
        return bytes.fromhex(self._hex)

    @property
    def variant(self) -> str:
        top = HEX_DIGITS.index(self._hex[16])
        if top < 8:
            return RESERVED_NCS
        if top < 12:
            return RFC_4122
        if top < 14:
            return RESERVED_MICROSOFT
        return RESERVED_FUTURE

    @property
    def version(self) -> int | None:
        if self.variant == RFC_4122:
            return HEX_DIGITS.index(self._hex[12])
        return None

    def __str__(self) -> str:
        h = self._hex
        return "-".join([h[:8], h[8:12], h[12:16], h[16:20], h[20:]])

    def __repr__(self) -> str:
        return "UUID('" + str(self) + "')"

    def __eq__(self, other: "UUID") -> bool:
        return self._hex == other._hex

    def __lt__(self, other: "UUID") -> bool:
        return self._hex < other._hex  # same length, lowercase: the order of the ints

    def __le__(self, other: "UUID") -> bool:
        return self._hex <= other._hex

    def __gt__(self, other: "UUID") -> bool:
        return self._hex > other._hex

    def __ge__(self, other: "UUID") -> bool:
        return self._hex >= other._hex


NAMESPACE_DNS = UUID("6ba7b810-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_URL = UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_OID = UUID("6ba7b812-9dad-11d1-80b4-00c04fd430c8")
NAMESPACE_X500 = UUID("6ba7b814-9dad-11d1-80b4-00c04fd430c8")


def _versioned(raw: bytes, version: int) -> UUID:
    """CPython's UUID(bytes=raw[:16], version=version): the RFC 4122 variant and the version bits."""
    b = [x for x in raw[:16]]
    b[6] = (b[6] & 0x0F) | (version << 4)
    b[8] = (b[8] & 0x3F) | 0x80
    return UUID(bytes(b).hex())


def uuid4() -> UUID:
    return _versioned(_random_bytes(16), 4)


def uuid3(namespace: UUID, name: str) -> UUID:
    return _versioned(md5(namespace.bytes + name.encode(), usedforsecurity=False).digest(), 3)


def uuid5(namespace: UUID, name: str) -> UUID:
    return _versioned(sha1(namespace.bytes + name.encode(), usedforsecurity=False).digest(), 5)


def _int_hex(text: str) -> str:
    """int(text, 16) as 32 hex digits (text has 32 characters, so the value fits in 128 bits)."""
    if _lower_hex(text):
        return text  # the common case (uuid4's own, a canonical header): nothing to convert
    plain = ""
    for ch in text:  # CPython's _PyUnicode_TransformDecimalAndSpaceToASCII
        if ord(ch) < 128:
            plain += ch
        elif ch.isspace():
            plain += " "
        elif ch.isdecimal():
            plain += HEX_DIGITS[decimal_value(ord(ch))]
        else:
            plain += "?"
    s = plain.strip(INT_SPACE)
    at = 1 if s[:1] == "+" else 0
    if s[at:at + 2] in ("0x", "0X"):
        at += 3 if s[at + 2:at + 3] == "_" else 2
    digits = ""
    while at < len(s):
        ch = s[at].lower()
        if ch == "_" and digits and at + 1 < len(s):
            at += 1
            ch = s[at].lower()
        if ch not in HEX_DIGITS:
            digits = ""
            break
        digits += ch
        at += 1
    if not digits:
        raise ValueError("invalid literal for int() with base 16: " + _repr(text))
    return "0" * (32 - len(digits)) + digits if len(digits) < 32 else digits[len(digits) - 32:]


def _lower_hex(text: str) -> bool:
    for c in text.encode():  # ints: far cheaper than comparing 1-character strs
        if not (48 <= c <= 57 or 97 <= c <= 102):
            return False
    return True


def _repr(text: str) -> str:
    """CPython's %.200R: the repr cut to 200 characters."""
    return f"{text!r}"[:200]


def _random_bytes(n: int) -> bytes:
    """WASI random_get: ``n`` bytes from the host's random source (Envoy: BoringSSL's RAND_bytes);
    any callback and at start-up. A call takes at most 64 KiB."""
    out = b"\x00" * n  # a fresh object, filled in place before anything else sees it
    at = 0
    while at < n:
        size = min(n - at, 65536)
        if random_get(data_ptr(out) + at, size) != 0:
            raise RuntimeError("random_get failed")
        at += size
    return out
