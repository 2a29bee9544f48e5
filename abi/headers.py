"""Header maps (proxy_*_header_map_*): request/response headers and trailers, by name or whole."""
from abi.enums import (MAP_HTTP_REQUEST_HEADERS, MAP_HTTP_REQUEST_TRAILERS, MAP_HTTP_RESPONSE_HEADERS,
                       MAP_HTTP_RESPONSE_TRAILERS, STATUS_OK)
from abi.imports import (proxy_add_header_map_value, proxy_get_header_map_pairs, proxy_get_header_map_size,
                         proxy_get_header_map_value, proxy_remove_header_map_value,
                         proxy_replace_header_map_value, proxy_set_header_map_pairs)
from abi.intrinsics import data_ptr, load_u32
from abi.memory import alloc
from abi.wire import (parse_pairs, returned_bytes, scratch_words, serialize_pairs, text_pairs,
                      text_pairs_size, text_to_wire, wire_to_text, write_text_pairs)

# -- header maps ---------------------------------------------------------------------
def get_map_value_bytes(map_type: int, name: bytes) -> bytes | None:
    """proxy_get_header_map_value: the first value of ``name``, None if absent or the map is
    not available in this callback (request maps: on_request_*; response maps: on_response_*)."""
    out = scratch_words()
    if proxy_get_header_map_value(map_type, data_ptr(name), len(name), out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)


def get_map_value(map_type: int, name: str) -> str | None:
    """proxy_get_header_map_value, as text; in the map's callbacks (see get_map_value_bytes)."""
    value = get_map_value_bytes(map_type, text_to_wire(name))
    if value is None:
        return None
    return wire_to_text(value)


def get_map_pairs_bytes(map_type: int) -> list[tuple[bytes, bytes]]:
    """proxy_get_header_map_pairs: every entry in order (empty if unavailable); in the map's callbacks."""
    out = scratch_words()
    if proxy_get_header_map_pairs(map_type, out, out + 4) != STATUS_OK:
        return []
    return parse_pairs(out)


def get_map_pairs(map_type: int) -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs, as text; in the map's callbacks."""
    return text_pairs(get_map_pairs_bytes(map_type))


def set_map_pairs_bytes(map_type: int, pairs: list[tuple[bytes, bytes]]) -> int:
    """proxy_set_header_map_pairs: replace the whole map; in the map's callbacks (not on_log)."""
    block, size = serialize_pairs(pairs)
    return proxy_set_header_map_pairs(map_type, block, size)


def set_map_pairs(map_type: int, pairs: list[tuple[str, str]]) -> int:
    """proxy_set_header_map_pairs, from text; in the map's callbacks (not on_log)."""
    size = text_pairs_size(pairs)
    block = alloc(size)
    write_text_pairs(block, pairs)
    return proxy_set_header_map_pairs(map_type, block, size)


def get_map_size(map_type: int) -> int | None:
    """proxy_get_header_map_size: Envoy's byte size of the map (not the entry count); in the map's callbacks."""
    out = scratch_words()
    if proxy_get_header_map_size(map_type, out) != STATUS_OK:
        return None
    return load_u32(out)


def add_map_value_bytes(map_type: int, name: bytes, value: bytes) -> int:
    """proxy_add_header_map_value: append an entry (duplicates allowed); in the map's callbacks."""
    return proxy_add_header_map_value(map_type, data_ptr(name), len(name), data_ptr(value), len(value))


def add_map_value(map_type: int, name: str, value: str) -> int:
    """proxy_add_header_map_value, from text; in the map's callbacks."""
    return add_map_value_bytes(map_type, text_to_wire(name), text_to_wire(value))


def replace_map_value_bytes(map_type: int, name: bytes, value: bytes) -> int:
    """proxy_replace_header_map_value: set ``name`` to this one value; in the map's callbacks."""
    return proxy_replace_header_map_value(map_type, data_ptr(name), len(name), data_ptr(value), len(value))


def replace_map_value(map_type: int, name: str, value: str) -> int:
    """proxy_replace_header_map_value, from text; in the map's callbacks."""
    return replace_map_value_bytes(map_type, text_to_wire(name), text_to_wire(value))


def remove_map_value(map_type: int, name: str) -> int:
    """proxy_remove_header_map_value: drop every value of ``name`` (OK if absent); in the map's callbacks."""
    wire = text_to_wire(name)
    return proxy_remove_header_map_value(map_type, data_ptr(wire), len(wire))


# Named shortcuts for the maps filters use most (request headers: on_request_headers and
# while paused there, read-only in on_log; response headers: on_response_headers).
def get_request_header(name: str) -> str | None:
    """proxy_get_header_map_value(HTTP_REQUEST_HEADERS); in on_request_headers (or while paused there); read-only in on_log."""
    return get_map_value(MAP_HTTP_REQUEST_HEADERS, name)


def get_request_headers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_REQUEST_HEADERS); in on_request_headers (or while paused there); read-only in on_log."""
    return get_map_pairs(MAP_HTTP_REQUEST_HEADERS)


def set_request_headers(headers: list[tuple[str, str]]) -> int:
    """proxy_set_header_map_pairs(HTTP_REQUEST_HEADERS); in on_request_headers."""
    return set_map_pairs(MAP_HTTP_REQUEST_HEADERS, headers)


def set_request_header(name: str, value: str) -> int:
    """proxy_replace_header_map_value(HTTP_REQUEST_HEADERS); in on_request_headers."""
    return replace_map_value(MAP_HTTP_REQUEST_HEADERS, name, value)


def add_request_header(name: str, value: str) -> int:
    """proxy_add_header_map_value(HTTP_REQUEST_HEADERS); in on_request_headers."""
    return add_map_value(MAP_HTTP_REQUEST_HEADERS, name, value)


def remove_request_header(name: str) -> int:
    """proxy_remove_header_map_value(HTTP_REQUEST_HEADERS); in on_request_headers."""
    return remove_map_value(MAP_HTTP_REQUEST_HEADERS, name)


def get_response_header(name: str) -> str | None:
    """proxy_get_header_map_value(HTTP_RESPONSE_HEADERS); in on_response_headers; read-only in on_log."""
    return get_map_value(MAP_HTTP_RESPONSE_HEADERS, name)


def get_response_headers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_RESPONSE_HEADERS); in on_response_headers; read-only in on_log."""
    return get_map_pairs(MAP_HTTP_RESPONSE_HEADERS)


def set_response_headers(headers: list[tuple[str, str]]) -> int:
    """proxy_set_header_map_pairs(HTTP_RESPONSE_HEADERS); in on_response_headers."""
    return set_map_pairs(MAP_HTTP_RESPONSE_HEADERS, headers)


def set_response_header(name: str, value: str) -> int:
    """proxy_replace_header_map_value(HTTP_RESPONSE_HEADERS); in on_response_headers."""
    return replace_map_value(MAP_HTTP_RESPONSE_HEADERS, name, value)


def add_response_header(name: str, value: str) -> int:
    """proxy_add_header_map_value(HTTP_RESPONSE_HEADERS); in on_response_headers."""
    return add_map_value(MAP_HTTP_RESPONSE_HEADERS, name, value)


def remove_response_header(name: str) -> int:
    """proxy_remove_header_map_value(HTTP_RESPONSE_HEADERS); in on_response_headers."""
    return remove_map_value(MAP_HTTP_RESPONSE_HEADERS, name)


def get_request_trailers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_REQUEST_TRAILERS); in on_request_trailers and on_log."""
    return get_map_pairs(MAP_HTTP_REQUEST_TRAILERS)


def get_response_trailers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_RESPONSE_TRAILERS); in on_response_trailers and on_log."""
    return get_map_pairs(MAP_HTTP_RESPONSE_TRAILERS)
