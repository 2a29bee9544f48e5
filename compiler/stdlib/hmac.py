"""hmac: new, digest and compare_digest over hashlib's sha256, sha1 and md5, as CPython's.

``digestmod`` is a str constant naming one of them (frontend/stdlib_check.py refuses others:
CPython also takes OpenSSL's spellings and constructors, which are not available yet).
"""
from hashlib import HASH, md5, sha1, sha256


def hash_named(name: str) -> HASH:
    if name == "sha256":
        return sha256()
    if name == "sha1":
        return sha1()
    if name == "md5":
        return md5()
    raise ValueError("unsupported hash type " + name)


def padded(key: bytes, pad: int) -> bytes:
    return bytes([c ^ pad for c in key] + [pad] * (64 - len(key)))


class HMAC:
    """RFC 2104: H((key ^ opad) + H((key ^ ipad) + msg)); the key is hashed first if longer
    than the block."""

    def __init__(self, key: bytes, msg: bytes | None = None, digestmod: str = "") -> None:
        if digestmod == "":
            raise TypeError("Missing required parameter 'digestmod'.")
        self._hmac_inner: HASH = hash_named(digestmod)
        self._hmac_outer: HASH = hash_named(digestmod)
        self.name: str = "hmac-" + self._hmac_inner.name
        self.digest_size: int = self._hmac_inner.digest_size
        self.block_size: int = self._hmac_inner.block_size
        if len(key) > self.block_size:
            long_key = hash_named(digestmod)
            long_key.update(key)
            key = long_key.digest()
        self._hmac_inner.update(padded(key, 0x36))
        self._hmac_outer.update(padded(key, 0x5C))
        if msg is not None:
            self._hmac_inner.update(msg)

    def update(self, msg: bytes) -> None:
        self._hmac_inner.update(msg)

    def copy(self) -> "HMAC":
        other = HMAC(b"", None, self._hmac_inner.name)
        other._hmac_inner = self._hmac_inner.copy()
        other._hmac_outer = self._hmac_outer.copy()
        return other

    def digest(self) -> bytes:
        outer = self._hmac_outer.copy()
        outer.update(self._hmac_inner.digest())
        return outer.digest()

    def hexdigest(self) -> str:
        outer = self._hmac_outer.copy()
        outer.update(self._hmac_inner.digest())
        return outer.hexdigest()


def new(key: bytes, msg: bytes | None = None, digestmod: str = "") -> HMAC:
    return HMAC(key, msg, digestmod)


def digest(key: bytes, msg: bytes, digest: str) -> bytes:
    return HMAC(key, msg, digest).digest()


def compare_digest(a: str | bytes, b: str | bytes) -> bool:
    """Equal, in a time that depends on the lengths only (as CPython's _tscmp); two str must be
    ASCII, and a str with bytes is CPython's TypeError."""
    if isinstance(a, str):
        if isinstance(b, str):
            return _tscmp(_ascii(a), _ascii(b))
        raise TypeError("a bytes-like object is required, not 'str'")
    if isinstance(b, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return _tscmp(a, b)


def _ascii(s: str) -> bytes:
    data = s.encode()
    if len(data) != len(s):
        raise TypeError("comparing strings with non-ASCII characters is not supported")
    return data


def _tscmp(a: bytes, b: bytes) -> bool:
    diff = 0 if len(a) == len(b) else 1
    other = b if len(a) == len(b) else a
    for i in range(len(a)):
        diff |= a[i] ^ other[i]
    return diff == 0
