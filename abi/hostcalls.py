"""Thin helpers over the raw imports: pass bytes constants, read results back.

A call that returns data leaves its address and length in ``result_ptr()`` /
``result_len()`` (the host wrote them into two out-parameter slots); the data
itself lives on the arena heap until the callback ends.
"""
from abi.enums import BUFFER_PLUGIN_CONFIGURATION, MAP_HTTP_REQUEST_HEADERS
from abi.imports import (proxy_get_buffer_bytes, proxy_get_current_time_nanoseconds,
                         proxy_get_header_map_value, proxy_get_property, proxy_get_shared_data,
                         proxy_log, proxy_send_local_response, proxy_set_shared_data)
from abi.intrinsics import data_ptr, load_i64, load_u32
from abi.memory import alloc

out_slots = 0  # address of three out-parameter words: ptr, len, cas/u64


def _slots() -> int:
    """Out-parameter words for the current callback (the arena is reset between callbacks)."""
    global out_slots
    out_slots = alloc(16)
    return out_slots


def result_ptr() -> int:
    return load_u32(out_slots)


def result_len() -> int:
    return load_u32(out_slots + 4)


def result_cas() -> int:
    return load_u32(out_slots + 8)


def log(level: int, message: bytes) -> None:
    proxy_log(level, data_ptr(message), len(message))


def log_bytes(level: int, ptr: int, size: int) -> None:
    proxy_log(level, ptr, size)


def plugin_configuration(size: int) -> int:
    """Read the plugin configuration (only inside proxy_on_configure); returns a status."""
    slots = _slots()
    return proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, size, slots, slots + 4)


def request_header(name: bytes) -> int:
    slots = _slots()
    return proxy_get_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(name), len(name), slots, slots + 4)


def property_value(path: bytes) -> int:
    """Read a property; ``path`` segments are separated by NUL bytes, e.g. b"source\\0address"."""
    slots = _slots()
    return proxy_get_property(data_ptr(path), len(path), slots, slots + 4)


def shared_data_get(key_ptr: int, key_len: int) -> int:
    slots = _slots()
    return proxy_get_shared_data(key_ptr, key_len, slots, slots + 4, slots + 8)


def shared_data_set(key_ptr: int, key_len: int, value_ptr: int, value_len: int, cas: int) -> int:
    return proxy_set_shared_data(key_ptr, key_len, value_ptr, value_len, cas)


def now_nanoseconds() -> int:
    slots = _slots()
    proxy_get_current_time_nanoseconds(slots)
    return load_i64(slots)


def send_local_response(status: int, details: bytes, body: bytes, headers_ptr: int, headers_len: int) -> int:
    return proxy_send_local_response(status, data_ptr(details), len(details), data_ptr(body), len(body),
                                     headers_ptr, headers_len, -1)
