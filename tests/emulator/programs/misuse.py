"""Misuses the ABI on request: the first byte of header x-misuse picks how."""
from abi import export, i32
from abi.enums import BUFFER_PLUGIN_CONFIGURATION, MAP_HTTP_REQUEST_HEADERS
from abi.imports import (proxy_add_header_map_value, proxy_get_buffer_bytes,
                         proxy_get_header_map_value, proxy_log, proxy_set_effective_context)
from abi.intrinsics import data_ptr, load_u32, load_u8, unreachable
from abi.memory import alloc
from tests.emulator.programs.report import emit

choice = 0


@export
def proxy_on_request_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    global choice
    out = alloc(8)
    name = b"x-misuse"
    if proxy_get_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(name), len(name), out, out + 4) != 0:
        return 0
    choice = load_u8(load_u32(out))
    if choice == 99:    # c: a context id that does not exist
        emit(b"status", proxy_set_effective_context(9999))
    elif choice == 112:  # p: the plugin configuration outside on_configure
        emit(b"status", proxy_get_buffer_bytes(BUFFER_PLUGIN_CONFIGURATION, 0, 10, out, out + 4))
    elif choice == 98:  # b: a pointer past the end of memory
        emit(b"status", proxy_log(2, 2147483000, 100))
    elif choice == 109:  # m: a map type that does not exist
        emit(b"status", proxy_get_header_map_value(9, data_ptr(name), len(name), out, out + 4))
    elif choice == 117:  # u: a trap
        unreachable()
    return 0


@export
def proxy_on_response_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    if choice == 114:  # r: edit the request headers after they went upstream
        name = b"x-late"
        emit(b"status", proxy_add_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(name), len(name),
                                                   data_ptr(name), len(name)))
    return 0
