"""Header maps and the ABI's pair serialisation (proxy-wasm-abi.md §3.3).

    u32 N, N x {u32 key_len, u32 value_len}, N x {key, NUL, value, NUL}
"""
from __future__ import annotations

import struct
from typing import Iterable, Mapping, Union

Headers = Union[Mapping[str, str], Iterable[tuple[str, str]], None]
MAX_PAIRS_BYTES = 1 << 20   # Envoy rejects larger buffers as an empty map
MAX_PAIRS_COUNT = 1024


def serialize_pairs(pairs: Iterable[tuple[bytes, bytes]]) -> bytes:
    pairs = list(pairs)
    sizes = b"".join(struct.pack("<II", len(k), len(v)) for k, v in pairs)
    data = b"".join(k + b"\0" + v + b"\0" for k, v in pairs)
    return struct.pack("<I", len(pairs)) + sizes + data


def parse_pairs(buf: bytes) -> list[tuple[bytes, bytes]] | None:
    """The pairs in ``buf``; None if malformed (Envoy then treats it as an empty map)."""
    if not buf:
        return []
    if len(buf) < 4 or len(buf) > MAX_PAIRS_BYTES:
        return None
    (count,) = struct.unpack_from("<I", buf, 0)
    if count > MAX_PAIRS_COUNT or 4 + 8 * count > len(buf):
        return None
    sizes = [struct.unpack_from("<II", buf, 4 + 8 * i) for i in range(count)]
    at, pairs = 4 + 8 * count, []
    for key_len, value_len in sizes:
        end = at + key_len + 1 + value_len + 1
        if end > len(buf) or buf[at + key_len] != 0 or buf[end - 1] != 0:
            return None
        pairs.append((buf[at:at + key_len], buf[at + key_len + 1:end - 1]))
        at = end
    return pairs if at == len(buf) else None


def _b(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


class HeaderMap:
    """An ordered multi-map with lower-cased keys, as Envoy's header maps behave."""

    def __init__(self, headers: Headers = None):
        self.pairs: list[tuple[bytes, bytes]] = []
        items = headers.items() if isinstance(headers, Mapping) else (headers or ())
        for key, value in items:
            self.add(_b(key), _b(value))

    def get(self, key: bytes) -> bytes | None:
        """The first value (Envoy returns only the first of repeated headers)."""
        key = key.lower()
        return next((v for k, v in self.pairs if k == key), None)

    def get_all(self, key: bytes) -> list[bytes]:
        key = key.lower()
        return [v for k, v in self.pairs if k == key]

    def add(self, key: bytes, value: bytes) -> None:
        self.pairs.append((key.lower(), value))

    def replace(self, key: bytes, value: bytes) -> None:
        """Set: the first occurrence takes the value, the others go; appended if absent."""
        key = key.lower()
        if key not in self:
            self.add(key, value)
            return
        out, seen = [], False
        for k, v in self.pairs:
            if k == key:
                if not seen:
                    out.append((k, value))
                seen = True
            else:
                out.append((k, v))
        self.pairs = out

    def remove(self, key: bytes) -> None:
        key = key.lower()
        self.pairs = [(k, v) for k, v in self.pairs if k != key]

    def set_pairs(self, pairs: list[tuple[bytes, bytes]]) -> None:
        self.pairs = []
        for k, v in pairs:
            self.add(k, v)

    def byte_size(self) -> int:
        """Envoy's ``HeaderMap::byteSize()``: the sum of key and value lengths."""
        return sum(len(k) + len(v) for k, v in self.pairs)

    def serialize(self) -> bytes:
        return serialize_pairs(self.pairs) if self.pairs else b""

    def __contains__(self, key: bytes) -> bool:
        return self.get(key) is not None

    def __len__(self) -> int:
        return len(self.pairs)

    def to_dict(self) -> dict[str, str]:
        """As a test reads it: str keys, repeated values joined by ", "."""
        out: dict[str, str] = {}
        for k, v in self.pairs:
            key, value = k.decode(errors="replace"), v.decode(errors="replace")
            out[key] = f"{out[key]}, {value}" if key in out else value
        return out

    def __repr__(self) -> str:
        return f"HeaderMap({self.to_dict()!r})"
