"""The SDK's host calls: Python values in, Python values out, over the raw imports.

Each function names the ABI call it makes and the callbacks in which Envoy
allows it. Host errors come back as values: reads give ``None`` when the host
has nothing (``STATUS_NOT_FOUND``, unavailable map or buffer), writes return
the host's status (``STATUS_OK`` = 0, see ``abi.enums``). Nothing is dropped
silently and nothing traps on host data.

Text on the wire (header names and values, paths) is bytes; the ``str``
helpers map each byte to one code point (ISO-8859-1, as WSGI does for
headers), so any bytes a client sends read back without error and write back
unchanged. ASCII, the norm, reads as usual; use the ``*_bytes`` variants for
exact bytes.
"""
from abi.enums import (BUFFER_DOWNSTREAM_DATA, BUFFER_HTTP_CALL_RESPONSE_BODY, BUFFER_HTTP_REQUEST_BODY,
                       BUFFER_HTTP_RESPONSE_BODY, BUFFER_UPSTREAM_DATA, LOG_CRITICAL, LOG_DEBUG, LOG_ERROR,
                       LOG_INFO, LOG_TRACE, LOG_WARN, MAP_HTTP_CALL_RESPONSE_HEADERS,
                       MAP_HTTP_CALL_RESPONSE_TRAILERS, STATUS_OK, STREAM_DOWNSTREAM, STREAM_HTTP_REQUEST,
                       STREAM_HTTP_RESPONSE, STREAM_UPSTREAM)
from abi.headers import get_map_pairs
from abi.imports import (proxy_call_foreign_function, proxy_close_stream, proxy_continue_stream, proxy_done,
                         proxy_get_buffer_bytes, proxy_get_buffer_status,
                         proxy_get_current_time_nanoseconds,
                         proxy_get_log_level, proxy_get_property, proxy_get_status, proxy_http_call,
                         proxy_log, proxy_send_local_response, proxy_set_buffer_bytes,
                         proxy_set_effective_context, proxy_set_property,
                         proxy_set_tick_period_milliseconds)
from abi.intrinsics import data_ptr, load_i64, load_u32, text_ptr, text_size
from abi.memory import alloc
from abi.wire import (out_words, path_bytes, returned_bytes, scratch_words, text_pairs_size, wire_to_text,
                      write_text_pairs)

SOURCE_ADDRESS = b"source\x00address"  # the property path, encoded once
MAX_BUFFER_BYTES = 0x7FFFFFFF  # "everything": Envoy clamps reads to what the buffer holds

current_context_id = 0  # the context whose callback is running (set by abi.sdk)
http_call_callers: dict[int, int] = {}  # http-call token -> context that made the call


def enter_context(context_id: int) -> None:
    """Called by the dispatcher before each callback, so callouts know who made them."""
    global current_context_id
    current_context_id = context_id


def current_context() -> int:
    """The context whose callback is running (other modules: an imported global would not follow)."""
    return current_context_id


# -- logging, time, timers -----------------------------------------------------------
def log(level: int, message: str) -> int:
    """proxy_log at ``level`` (``LOG_*``); any callback. Envoy prints ``wasm log <plugin>: <message>``."""
    return proxy_log(level, text_ptr(message), text_size(message))


def log_trace(message: str) -> int:
    """proxy_log at LOG_TRACE; any callback."""
    return log(LOG_TRACE, message)


def log_debug(message: str) -> int:
    """proxy_log at LOG_DEBUG; any callback."""
    return log(LOG_DEBUG, message)


def log_info(message: str) -> int:
    """proxy_log at LOG_INFO; any callback."""
    return log(LOG_INFO, message)


def log_warn(message: str) -> int:
    """proxy_log at LOG_WARN; any callback."""
    return log(LOG_WARN, message)


def log_error(message: str) -> int:
    """proxy_log at LOG_ERROR; any callback."""
    return log(LOG_ERROR, message)


def log_critical(message: str) -> int:
    """proxy_log at LOG_CRITICAL; any callback."""
    return log(LOG_CRITICAL, message)


def get_log_level() -> int:
    """proxy_get_log_level: the host's current level for this plugin's logger (``LOG_*``); any callback."""
    out = scratch_words()
    proxy_get_log_level(out)
    return load_u32(out)


def get_current_time_nanoseconds() -> int:
    """proxy_get_current_time_nanoseconds: wall-clock time; any callback."""
    out = scratch_words()
    proxy_get_current_time_nanoseconds(out)
    return load_i64(out)


def set_tick_period_milliseconds(period: int) -> int:
    """proxy_set_tick_period_milliseconds: call ``on_tick`` every ``period`` ms (0 stops);
    from a root context (on_vm_start, on_configure, on_tick)."""
    return proxy_set_tick_period_milliseconds(period)


def set_effective_context(context_id: int) -> int:
    """proxy_set_effective_context: make later calls act on ``context_id`` (until the callback ends)."""
    return proxy_set_effective_context(context_id)


def done() -> int:
    """proxy_done: finish a root context whose ``on_done`` returned False."""
    return proxy_done()


# -- buffers (bodies, configuration, TCP data) --------------------------------------
def get_buffer_bytes(buffer_type: int, start: int, max_size: int) -> bytes | None:
    """proxy_get_buffer_bytes; None when the buffer is not available in this callback."""
    out = scratch_words()
    if proxy_get_buffer_bytes(buffer_type, start, max_size, out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)


def get_buffer_size(buffer_type: int) -> int | None:
    """proxy_get_buffer_status: the buffer's length, or None when it is not available in this callback."""
    out = scratch_words()
    if proxy_get_buffer_status(buffer_type, out, out + 4) != STATUS_OK:
        return None
    return load_u32(out)


def set_buffer_bytes(buffer_type: int, start: int, size: int, data: bytes) -> int:
    """proxy_set_buffer_bytes: replace ``size`` bytes at ``start`` with ``data`` (Envoy: start 0
    replaces the first ``size`` bytes; start at the end appends); in the buffer's own callback."""
    return proxy_set_buffer_bytes(buffer_type, start, size, data_ptr(data), len(data))


def get_http_request_body() -> bytes | None:
    """proxy_get_buffer_bytes(HTTP_REQUEST_BODY): the body received so far; in on_request_body."""
    return get_buffer_bytes(BUFFER_HTTP_REQUEST_BODY, 0, MAX_BUFFER_BYTES)


def set_http_request_body(body: bytes) -> int:
    """proxy_set_buffer_bytes(HTTP_REQUEST_BODY): replace the body received so far; in on_request_body."""
    return set_buffer_bytes(BUFFER_HTTP_REQUEST_BODY, 0, MAX_BUFFER_BYTES, body)


def get_http_response_body() -> bytes | None:
    """proxy_get_buffer_bytes(HTTP_RESPONSE_BODY): the body received so far; in on_response_body."""
    return get_buffer_bytes(BUFFER_HTTP_RESPONSE_BODY, 0, MAX_BUFFER_BYTES)


def set_http_response_body(body: bytes) -> int:
    """proxy_set_buffer_bytes(HTTP_RESPONSE_BODY): replace the body so far; in on_response_body."""
    return set_buffer_bytes(BUFFER_HTTP_RESPONSE_BODY, 0, MAX_BUFFER_BYTES, body)


def get_downstream_data() -> bytes | None:
    """proxy_get_buffer_bytes(DOWNSTREAM_DATA): bytes from the client; in on_downstream_data."""
    return get_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, MAX_BUFFER_BYTES)


def set_downstream_data(data: bytes) -> int:
    """proxy_set_buffer_bytes(DOWNSTREAM_DATA): replace them; in on_downstream_data."""
    return set_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, MAX_BUFFER_BYTES, data)


def get_upstream_data() -> bytes | None:
    """proxy_get_buffer_bytes(UPSTREAM_DATA): bytes from the server; in on_upstream_data."""
    return get_buffer_bytes(BUFFER_UPSTREAM_DATA, 0, MAX_BUFFER_BYTES)


def set_upstream_data(data: bytes) -> int:
    """proxy_set_buffer_bytes(UPSTREAM_DATA): replace them; in on_upstream_data."""
    return set_buffer_bytes(BUFFER_UPSTREAM_DATA, 0, MAX_BUFFER_BYTES, data)


# -- properties ------------------------------------------------------------------------
def get_property(path: list[str]) -> bytes | None:
    """proxy_get_property: the raw value (strings as bytes, integers as 8 little-endian bytes);
    None if unknown. Request properties in the HTTP callbacks, plugin properties in any callback."""
    return get_property_at(path_bytes(path))


def get_property_at(wire_path: bytes) -> bytes | None:
    """proxy_get_property with the path already encoded (segments joined by NUL bytes), for
    paths read on every request; same callbacks as get_property."""
    out = scratch_words()
    if proxy_get_property(data_ptr(wire_path), len(wire_path), out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)


def set_property(path: list[str], value: bytes) -> int:
    """proxy_set_property (Envoy: only filter-state paths it allows); in the HTTP callbacks."""
    wire = path_bytes(path)
    return proxy_set_property(data_ptr(wire), len(wire), data_ptr(value), len(value))


def get_property_int(path: list[str]) -> int | None:
    """proxy_get_property of an integer (e.g. ``["source", "port"]``), decoded from its 8 bytes;
    in the HTTP callbacks."""
    value = get_property(path)
    if value is None or len(value) != 8:
        return None
    result = 0
    for i in range(7, -1, -1):
        result = result * 256 + value[i]
    if result >= 1 << 63:
        result -= 1 << 64
    return result


def get_downstream_address() -> str | None:
    """proxy_get_property(source.address): the client's "ip:port" ("[v6]:port" for IPv6) as
    Envoy sees it; in the HTTP and stream callbacks."""
    value = get_property_at(SOURCE_ADDRESS)
    if value is None:
        return None
    return wire_to_text(value)


def get_downstream_address_bytes() -> bytes | None:
    """proxy_get_property(source.address) as the host's bytes ("ip:port", "[v6]:port"), for
    parsing without a detour through str; in the HTTP and stream callbacks."""
    return get_property_at(SOURCE_ADDRESS)


def get_downstream_ip() -> str | None:
    """proxy_get_property(source.address) without port or IPv6 brackets; in the HTTP and stream
    callbacks."""
    address = get_downstream_address()
    if address is None:
        return None
    return strip_port(address)


def strip_port(address: str) -> str:
    """"1.2.3.4:80" -> "1.2.3.4", "[::1]:80" -> "::1"; an address without port is returned as is."""
    if address.startswith("["):
        end = address.find("]")
        return address[1:end] if end > 0 else address[1:]
    colon = address.find(":")
    if colon >= 0 and address.rfind(":") == colon:
        return address[:colon]
    return address


# -- HTTP callouts -----------------------------------------------------------------------
def dispatch_http_call(cluster: str, headers: list[tuple[str, str]], body: bytes,
                       trailers: list[tuple[str, str]], timeout_milliseconds: int) -> int | None:
    """proxy_http_call to an Envoy cluster; headers need :method, :path and :authority. Returns
    the token, or None when the host refused (unknown cluster, missing pseudo-headers). The
    answer arrives in ``on_http_call_response`` of the HTTP context that called, else the root."""
    header_size = text_pairs_size(headers)
    header_block = alloc(header_size)
    write_text_pairs(header_block, headers)
    trailer_size = text_pairs_size(trailers)
    trailer_block = alloc(trailer_size)
    write_text_pairs(trailer_block, trailers)
    out = out_words()
    status = proxy_http_call(text_ptr(cluster), text_size(cluster), header_block, header_size, data_ptr(body), len(body),
                             trailer_block, trailer_size, timeout_milliseconds, out)
    if status != STATUS_OK:
        return None
    token = load_u32(out)
    http_call_callers[token] = current_context_id
    return token


def get_http_call_response_headers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_CALL_RESPONSE_HEADERS); in on_http_call_response."""
    return get_map_pairs(MAP_HTTP_CALL_RESPONSE_HEADERS)


def get_http_call_response_body() -> bytes | None:
    """proxy_get_buffer_bytes(HTTP_CALL_RESPONSE_BODY); in on_http_call_response."""
    return get_buffer_bytes(BUFFER_HTTP_CALL_RESPONSE_BODY, 0, MAX_BUFFER_BYTES)


def get_http_call_response_trailers() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(HTTP_CALL_RESPONSE_TRAILERS); in on_http_call_response."""
    return get_map_pairs(MAP_HTTP_CALL_RESPONSE_TRAILERS)


def get_status() -> tuple[int, str]:
    """proxy_get_status: code and message of the last callout (e.g. why it failed); in
    on_http_call_response."""
    out = scratch_words()
    proxy_get_status(out + 8, out, out + 4)
    return load_u32(out + 8), wire_to_text(returned_bytes(out))


# -- stream control and local responses -----------------------------------------------------
def send_http_response(status_code: int, headers: list[tuple[str, str]], body: bytes,
                       details: str = "", grpc_status: int = -1) -> int:
    """proxy_send_local_response: answer the client now (the request goes no further); from the
    request callbacks, or while paused. ``details`` shows in Envoy's response-code details."""
    header_size = text_pairs_size(headers)  # the header block is built in place, in one allocation
    header_block = alloc(header_size)
    write_text_pairs(header_block, headers)
    return proxy_send_local_response(status_code, text_ptr(details), text_size(details), data_ptr(body),
                                     len(body), header_block, header_size, grpc_status)


def resume_http_request() -> int:
    """proxy_continue_stream(HTTP_REQUEST): resume a request paused by a callback."""
    return proxy_continue_stream(STREAM_HTTP_REQUEST)


def resume_http_response() -> int:
    """proxy_continue_stream(HTTP_RESPONSE): resume a paused response; from a later callback
    (e.g. on_http_call_response)."""
    return proxy_continue_stream(STREAM_HTTP_RESPONSE)


def resume_downstream() -> int:
    """proxy_continue_stream(DOWNSTREAM): resume reading a paused TCP connection; from a later
    callback."""
    return proxy_continue_stream(STREAM_DOWNSTREAM)


def reset_http_request() -> int:
    """proxy_close_stream(HTTP_REQUEST): reset the HTTP stream; in the HTTP callbacks."""
    return proxy_close_stream(STREAM_HTTP_REQUEST)


def close_downstream() -> int:
    """proxy_close_stream(DOWNSTREAM): close the client connection; in the stream callbacks."""
    return proxy_close_stream(STREAM_DOWNSTREAM)


def close_upstream() -> int:
    """proxy_close_stream(UPSTREAM): close the server connection; in the stream callbacks."""
    return proxy_close_stream(STREAM_UPSTREAM)


# -- foreign functions --------------------------------------------------------------------
def call_foreign_function(name: str, arguments: bytes) -> bytes | None:
    """proxy_call_foreign_function (e.g. Envoy's "compress"); None if the host has no such
    function; any callback after start-up."""
    out = scratch_words()
    if proxy_call_foreign_function(text_ptr(name), text_size(name), data_ptr(arguments), len(arguments),
                                   out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)
