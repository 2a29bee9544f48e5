"""Envoy attributes for proxy_get_property, encoded as Envoy serialises them.

Paths are NUL-separated segments (``source\\0address``). Strings and bytes are
raw, integers 8 bytes little-endian, booleans 1 byte, timestamps int64 ns,
maps the pair serialisation. Values checked against Envoy 1.40 in
tests/emulator/test_vs_envoy.py. Contexts without a stream see only the
plugin-level attributes, as in Envoy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .pairs import serialize_pairs

if TYPE_CHECKING:
    from .vm import Context, Vm

# Roots Envoy cannot serialise as a whole (they are attribute maps, not values).
MAP_ROOTS = {b"source", b"destination", b"request", b"response", b"connection", b"upstream",
             b"xds"}


class NotSerializable(Exception):
    pass


def encode(value: Any) -> bytes:
    if isinstance(value, bool):
        return b"\x01" if value else b"\x00"
    if isinstance(value, int):
        return (value & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, dict):
        return serialize_pairs((encode(k), encode(v)) for k, v in value.items())
    return bytes(value)


def lookup(vm: "Vm", ctx: "Context", path: bytes) -> bytes | None:
    """The encoded value at ``path`` for context ``ctx``, or None when absent."""
    if path in ctx.filter_state:  # proxy_set_property stores under the path itself
        return ctx.filter_state[path]
    segments = path.split(b"\0")
    if segments[0] == b"filter_state" and len(segments) == 2 and segments[1].startswith(b"wasm."):
        return ctx.filter_state.get(segments[1][len(b"wasm."):])
    attributes = dict(vm.plugin.attributes())
    if ctx.stream is not None:
        attributes.update(ctx.stream.attributes())
    key = ".".join(s.decode(errors="replace") for s in segments)
    if key in attributes:
        value = attributes[key]
        return None if value is None else encode(value)
    if len(segments) == 1 and segments[0] in MAP_ROOTS and ctx.stream is not None:
        raise NotSerializable(key)
    # request.headers.<name> and friends: a map attribute indexed by its key
    for size in range(len(segments) - 1, 0, -1):
        head = ".".join(s.decode(errors="replace") for s in segments[:size])
        if isinstance(attributes.get(head), dict):
            value: Any = attributes[head]
            for segment in segments[size:]:
                if not isinstance(value, dict):
                    return None
                value = value.get(segment.decode(errors="replace"))
            return None if value is None else encode(value)
    return None
