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
                       MAP_HTTP_CALL_RESPONSE_TRAILERS, MAP_HTTP_REQUEST_HEADERS, MAP_HTTP_REQUEST_TRAILERS,
                       MAP_HTTP_RESPONSE_HEADERS, MAP_HTTP_RESPONSE_TRAILERS, METRIC_COUNTER, METRIC_GAUGE,
                       METRIC_HISTOGRAM, STATUS_NOT_FOUND, STATUS_OK, STREAM_DOWNSTREAM, STREAM_HTTP_REQUEST,
                       STREAM_HTTP_RESPONSE, STREAM_UPSTREAM)
from abi.imports import (proxy_add_header_map_value, proxy_call_foreign_function, proxy_close_stream,
                         proxy_continue_stream, proxy_define_metric, proxy_dequeue_shared_queue, proxy_done,
                         proxy_enqueue_shared_queue, proxy_get_buffer_bytes, proxy_get_buffer_status,
                         proxy_get_current_time_nanoseconds, proxy_get_header_map_pairs,
                         proxy_get_header_map_size, proxy_get_header_map_value, proxy_get_log_level,
                         proxy_get_metric, proxy_get_property, proxy_get_shared_data, proxy_get_status,
                         proxy_http_call, proxy_increment_metric, proxy_log, proxy_record_metric,
                         proxy_register_shared_queue, proxy_remove_header_map_value,
                         proxy_replace_header_map_value, proxy_resolve_shared_queue, proxy_send_local_response,
                         proxy_set_buffer_bytes, proxy_set_effective_context, proxy_set_header_map_pairs,
                         proxy_set_property, proxy_set_shared_data, proxy_set_tick_period_milliseconds)
from abi.intrinsics import bytes_at, data_ptr, load_i64, load_u32, memory_copy, store_i64, store_u32
from abi.memory import alloc

SOURCE_ADDRESS = b"source\x00address"  # the property path, encoded once
OUT_WORDS = b"abi.host: the out-words block"  # unique, so no other constant shares its memory
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


# -- moving bytes across the boundary ------------------------------------------------
def out_words() -> int:
    """Three zeroed u32 out-parameters (pointer, length, extra) plus room for a u64, freshly
    allocated: for calls during which the host may call back into the module (callouts,
    whose inline failure can be reported at once)."""
    return alloc(16)


def scratch_words() -> int:
    """out_words without an allocation: one static block (OUT_WORDS' data, which nothing reads
    as bytes), zeroed, for host calls that cannot call back into the module before they
    return; read the results before the next host call."""
    out = data_ptr(OUT_WORDS)
    store_i64(out, 0)
    store_i64(out + 8, 0)
    return out


def returned_bytes(out: int) -> bytes:
    """The data the host handed back through ``out`` (pointer, length)."""
    size = load_u32(out + 4)
    if size == 0:
        return b""
    return bytes_at(load_u32(out), size)


def wire_to_text(data: bytes) -> str:
    """Bytes from the wire as text, one code point per byte (ISO-8859-1); never fails."""
    for byte in data:
        if byte >= 128:
            return "".join([chr(b) for b in data])
    return data.decode()


def text_to_wire(text: str) -> bytes:
    """Text as wire bytes, one byte per code point; a code point above 255 raises ValueError."""
    data = text.encode()
    if len(data) == len(text):
        return data
    codes = [ord(ch) for ch in text]
    if max(codes) > 255:
        raise ValueError("header text must be ISO-8859-1; use the *_bytes helpers for other data")
    return bytes(codes)


def serialize_pairs(pairs: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """The proxy-wasm map encoding of ``pairs`` in fresh memory: (address, size)."""
    size = 4
    for name, value in pairs:
        size += 8 + len(name) + 1 + len(value) + 1
    block = alloc(size)
    store_u32(block, len(pairs))
    pos = block + 4
    for name, value in pairs:
        store_u32(pos, len(name))
        store_u32(pos + 4, len(value))
        pos += 8
    for name, value in pairs:
        memory_copy(pos, data_ptr(name), len(name))
        pos += len(name) + 1
        memory_copy(pos, data_ptr(value), len(value))
        pos += len(value) + 1
    return block, size


def text_pairs_size(pairs: list[tuple[str, str]]) -> int:
    """Bytes of the map encoding of text ``pairs`` on the wire (one byte per code point)."""
    size = 4
    for name, value in pairs:
        size += 10 + len(name) + len(value)
    return size


def write_text_pairs(block: int, pairs: list[tuple[str, str]]) -> None:
    """Encode text ``pairs`` in place into ``block`` (``text_pairs_size`` zeroed bytes, so the
    NUL after each string is already there); a code point above 255 raises ValueError."""
    store_u32(block, len(pairs))
    sizes = block + 4
    pos = sizes + 8 * len(pairs)
    for name, value in pairs:
        store_u32(sizes, len(name))
        store_u32(sizes + 4, len(value))
        sizes += 8
        pos = put_text(pos, name)
        pos = put_text(pos, value)


def put_text(pos: int, text: str) -> int:
    """Write ``text`` as wire bytes at ``pos``; the position after it and its NUL."""
    wire = text_to_wire(text)
    size = len(wire)
    memory_copy(pos, data_ptr(wire), size)
    return pos + size + 1


def parse_pairs(out: int) -> list[tuple[bytes, bytes]]:
    """Decode the map the host returned through ``out``; a malformed map reads as empty."""
    pairs: list[tuple[bytes, bytes]] = []
    base = load_u32(out)
    size = load_u32(out + 4)
    if size < 4:
        return pairs
    count = load_u32(base)
    if count > (size - 4) // 10:
        return pairs
    sizes = base + 4
    pos = sizes + 8 * count
    end = base + size
    for i in range(count):
        name_len = load_u32(sizes + 8 * i)
        value_len = load_u32(sizes + 8 * i + 4)
        if pos + name_len + value_len + 2 > end:
            return []
        name = bytes_at(pos, name_len)
        pos += name_len + 1
        pairs.append((name, bytes_at(pos, value_len)))
        pos += value_len + 1
    return pairs


def text_pairs(pairs: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(wire_to_text(name), wire_to_text(value)) for name, value in pairs]


def wire_pairs(pairs: list[tuple[str, str]]) -> list[tuple[bytes, bytes]]:
    return [(text_to_wire(name), text_to_wire(value)) for name, value in pairs]


def path_bytes(path: list[str]) -> bytes:
    """A property path: its segments joined by NUL bytes (``["source", "address"]``)."""
    return b"\x00".join([text_to_wire(segment) for segment in path])


# -- logging, time, timers -----------------------------------------------------------
def log(level: int, message: str) -> int:
    """proxy_log at ``level`` (``LOG_*``); any callback. Envoy prints ``wasm log <plugin>: <message>``."""
    data = message.encode()
    return proxy_log(level, data_ptr(data), len(data))


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


# -- shared data -----------------------------------------------------------------------
class SharedData:
    """A value read from shared data with its CAS token; ``value`` is None when the key is absent."""

    def __init__(self, value: bytes | None, cas: int, status: int) -> None:
        self.value = value
        self.cas = cas
        self.status = status


def get_shared_data(key: str) -> SharedData:
    """proxy_get_shared_data: shared by every VM with the same vm_id (all Envoy workers); any
    callback after start-up."""
    return get_shared_data_bytes(key.encode())


def get_shared_data_bytes(key: bytes) -> SharedData:
    """proxy_get_shared_data with the key as (UTF-8) bytes, for keys built as bytes; any
    callback after start-up."""
    wire = key
    out = scratch_words()
    status = proxy_get_shared_data(data_ptr(wire), len(wire), out, out + 4, out + 8)
    if status != STATUS_OK:
        return SharedData(None, 0, status)
    return SharedData(returned_bytes(out), load_u32(out + 8), status)


def set_shared_data(key: str, value: bytes, cas: int = 0) -> int:
    """proxy_set_shared_data: STATUS_CAS_MISMATCH when ``cas`` (non-zero) is stale. Envoy
    lets a set on a missing key succeed whatever the CAS, so creating a key is not atomic;
    any callback after start-up."""
    return set_shared_data_bytes(key.encode(), value, cas)


def set_shared_data_bytes(key: bytes, value: bytes, cas: int = 0) -> int:
    """proxy_set_shared_data with the key as (UTF-8) bytes; any callback after start-up."""
    return proxy_set_shared_data(data_ptr(key), len(key), data_ptr(value), len(value), cas)


# -- shared queues ---------------------------------------------------------------------
def register_shared_queue(name: str) -> int | None:
    """proxy_register_shared_queue: this VM consumes the queue (``on_queue_ready``); its id."""
    wire = name.encode()
    out = scratch_words()
    if proxy_register_shared_queue(data_ptr(wire), len(wire), out) != STATUS_OK:
        return None
    return load_u32(out)


def resolve_shared_queue(vm_id: str, name: str) -> int | None:
    """proxy_resolve_shared_queue: the id of a queue a VM registered, None if absent; any callback
    after start-up."""
    vm = vm_id.encode()
    wire = name.encode()
    out = scratch_words()
    if proxy_resolve_shared_queue(data_ptr(vm), len(vm), data_ptr(wire), len(wire), out) != STATUS_OK:
        return None
    return load_u32(out)


def enqueue_shared_queue(queue_id: int, data: bytes) -> int:
    """proxy_enqueue_shared_queue; any callback after start-up."""
    return proxy_enqueue_shared_queue(queue_id, data_ptr(data), len(data))


def dequeue_shared_queue(queue_id: int) -> bytes | None:
    """proxy_dequeue_shared_queue: the oldest item, None when the queue is empty or unknown;
    typically in on_queue_ready."""
    out = scratch_words()
    if proxy_dequeue_shared_queue(queue_id, out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)


# -- metrics ----------------------------------------------------------------------------
def define_metric(metric_type: int, name: str) -> int | None:
    """proxy_define_metric (``METRIC_*``); not at start-up: in on_vm_start or on_configure."""
    wire = name.encode()
    out = scratch_words()
    if proxy_define_metric(metric_type, data_ptr(wire), len(wire), out) != STATUS_OK:
        return None
    return load_u32(out)


def increment_metric(metric_id: int, delta: int) -> int:
    """proxy_increment_metric (counters only go up); any callback after start-up."""
    return proxy_increment_metric(metric_id, delta)


def record_metric(metric_id: int, value: int) -> int:
    """proxy_record_metric: set a gauge, or add a sample to a histogram; any callback after start-up."""
    return proxy_record_metric(metric_id, value)


def get_metric(metric_id: int) -> int | None:
    """proxy_get_metric; any callback after start-up."""
    out = scratch_words()
    if proxy_get_metric(metric_id, out) != STATUS_OK:
        return None
    return load_i64(out)


class Metric:
    """A named metric, defined with the host on first use, so creating one is safe anywhere
    (even at start-up, when Envoy forbids host calls). If the host refuses the definition,
    updates return STATUS_NOT_FOUND and the filter keeps serving."""

    def __init__(self, metric_type: int, name: str) -> None:
        self.metric_type = metric_type
        self.name = name
        self.metric_id = -1

    def defined_id(self) -> int:
        if self.metric_id < 0:
            defined = define_metric(self.metric_type, self.name)
            if defined is not None:
                self.metric_id = defined
        return self.metric_id

    def value(self) -> int | None:
        """proxy_get_metric."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return None
        return get_metric(metric_id)


class Counter(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_COUNTER, name)

    def increment(self, delta: int = 1) -> int:
        """proxy_increment_metric."""
        if self.metric_id >= 0:  # defined: the usual case, one host call
            return proxy_increment_metric(self.metric_id, delta)
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return increment_metric(metric_id, delta)


class Gauge(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_GAUGE, name)

    def set(self, value: int) -> int:
        """proxy_record_metric."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return record_metric(metric_id, value)

    def add(self, delta: int) -> int:
        """proxy_increment_metric (a gauge may go down)."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return increment_metric(metric_id, delta)


class Histogram(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_HISTOGRAM, name)

    def record(self, value: int) -> int:
        """proxy_record_metric: one sample."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return record_metric(metric_id, value)


# -- HTTP callouts -----------------------------------------------------------------------
def dispatch_http_call(cluster: str, headers: list[tuple[str, str]], body: bytes,
                       trailers: list[tuple[str, str]], timeout_milliseconds: int) -> int | None:
    """proxy_http_call to an Envoy cluster; headers need :method, :path and :authority. Returns
    the token, or None when the host refused (unknown cluster, missing pseudo-headers). The
    answer arrives in ``on_http_call_response`` of the HTTP context that called, else the root."""
    wire = cluster.encode()
    header_size = text_pairs_size(headers)
    header_block = alloc(header_size)
    write_text_pairs(header_block, headers)
    trailer_size = text_pairs_size(trailers)
    trailer_block = alloc(trailer_size)
    write_text_pairs(trailer_block, trailers)
    out = out_words()
    status = proxy_http_call(data_ptr(wire), len(wire), header_block, header_size, data_ptr(body), len(body),
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
    wire_details = details.encode()
    return proxy_send_local_response(status_code, data_ptr(wire_details), len(wire_details), data_ptr(body),
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
    wire = name.encode()
    out = scratch_words()
    if proxy_call_foreign_function(data_ptr(wire), len(wire), data_ptr(arguments), len(arguments),
                                   out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)
