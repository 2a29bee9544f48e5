"""Per-client-IP rate limiter (walking skeleton).

Configuration (plugin configuration, JSON): ``{"ttlSecond": 60, "burst": 3}``:
each client IP may make ``burst`` requests per ``ttlSecond`` window, the
window starting at its first request; further requests get 429 with a
``retry-after`` header until the window ends. Counts live in proxy-wasm shared
data, so every Envoy worker thread sees the same numbers.

This skeleton works on raw memory (the language has only ints and bytes
constants so far). The client IP is Envoy's downstream address,
``source.address``, without its port.
"""
from abi import export, i32
from abi.enums import LOG_ERROR, LOG_INFO, STATUS_CAS_MISMATCH, STATUS_NOT_FOUND, STATUS_OK
from abi.hostcalls import (log, now_nanoseconds, plugin_configuration, property_value, result_cas,
                           result_len, result_ptr, send_local_response, shared_data_get,
                           shared_data_set)
from abi.intrinsics import data_ptr, load_i64, load_u8, store_i64, store_u32, store_u8
from abi.memory import alloc

KEY_PREFIX = b"ip-rate-limit:"
MAX_CAS_RETRIES = 32
NANOS_PER_SECOND = 1000000000
COLON = 58
OPEN_BRACKET = 91
CLOSE_BRACKET = 93

ttl_seconds = 0
burst = 0


# -- bytes in memory ------------------------------------------------------------
def copy(dst: int, src: int, size: int) -> None:
    for i in range(size):
        store_u8(dst + i, load_u8(src + i))


def find(hay: int, hay_len: int, needle: bytes) -> int:
    """Offset of ``needle`` in the memory range, or -1."""
    n = len(needle)
    for start in range(hay_len - n + 1):
        matched = True
        for i in range(n):
            if load_u8(hay + start + i) != needle[i]:
                matched = False
                break
        if matched:
            return start
    return -1


def is_space(c: int) -> bool:
    return c == 32 or c == 9 or c == 10 or c == 13


def json_uint(config: int, size: int, key: bytes) -> int:
    """The non-negative integer value of ``key`` in a flat JSON object, or -1."""
    at = find(config, size, key)
    if at < 0:
        return -1
    pos = at + len(key)
    while pos < size and is_space(load_u8(config + pos)):
        pos += 1
    if pos >= size or load_u8(config + pos) != COLON:
        return -1
    pos += 1
    while pos < size and is_space(load_u8(config + pos)):
        pos += 1
    value = 0
    digits = 0
    while pos < size and 48 <= load_u8(config + pos) <= 57 and digits < 12:
        value = value * 10 + load_u8(config + pos) - 48
        digits += 1
        pos += 1
    if digits == 0 or digits == 12:
        return -1
    return value


def write_decimal(dst: int, value: int) -> int:
    """Write ``value`` (>= 0) in decimal at ``dst``; returns the number of bytes."""
    digits = 1
    rest = value // 10
    while rest > 0:
        digits += 1
        rest //= 10
    for i in range(digits):
        store_u8(dst + digits - 1 - i, 48 + value % 10)
        value //= 10
    return digits


# -- the client key -----------------------------------------------------------------
def client_ip_bounds(addr: int, size: int) -> int:
    """Length of the IP part of "ip:port" / "[v6]:port" (the IP starts at addr, or addr+1 for v6)."""
    if size > 0 and load_u8(addr) == OPEN_BRACKET:
        for i in range(1, size):
            if load_u8(addr + i) == CLOSE_BRACKET:
                return i - 1
        return size - 1
    for i in range(size - 1, -1, -1):
        if load_u8(addr + i) == COLON:
            return i
    return size


def client_key(key_len_slot: int) -> int:
    """Build "ip-rate-limit:<client ip>" on the heap; its length goes to key_len_slot."""
    if property_value(b"source\x00address") != STATUS_OK:
        return 0
    addr = result_ptr()
    size = result_len()
    ip_len = client_ip_bounds(addr, size)
    ip_start = addr + 1 if size > 0 and load_u8(addr) == OPEN_BRACKET else addr
    prefix_len = len(KEY_PREFIX)
    key = alloc(prefix_len + ip_len)
    copy(key, data_ptr(KEY_PREFIX), prefix_len)
    copy(key + prefix_len, ip_start, ip_len)
    store_i64(key_len_slot, prefix_len + ip_len)
    return key


# -- counting -------------------------------------------------------------------------
def seconds_left(key: int, key_len: int) -> int:
    """Count this request; 0 when it may pass, else the seconds until its window ends."""
    value = alloc(16)
    for attempt in range(MAX_CAS_RETRIES):
        now = now_nanoseconds() // NANOS_PER_SECOND
        status = shared_data_get(key, key_len)
        window_start = now
        count = 0
        cas = 0
        if status == STATUS_OK and result_len() == 16:
            window_start = load_i64(result_ptr())
            count = load_i64(result_ptr() + 8)
            cas = result_cas()
        elif status != STATUS_NOT_FOUND and status != STATUS_OK:
            return 0  # shared data unavailable: fail open
        if now - window_start >= ttl_seconds:
            window_start = now
            count = 0
        if count >= burst:
            return max(window_start + ttl_seconds - now, 1)
        store_i64(value, window_start)
        store_i64(value + 8, count + 1)
        if shared_data_set(key, key_len, value, 16, cas) != STATUS_CAS_MISMATCH:
            return 0
    return 0


def reject(retry_after: int) -> None:
    """Answer 429 with retry-after, serialised as a proxy-wasm header map."""
    name = b"retry-after"
    headers = alloc(64)
    store_u32(headers, 1)
    store_u32(headers + 4, len(name))
    data = headers + 12
    copy(data, data_ptr(name), len(name))
    store_u8(data + len(name), 0)
    value_len = write_decimal(data + len(name) + 1, retry_after)
    store_u8(data + len(name) + 1 + value_len, 0)
    store_u32(headers + 8, value_len)
    total = 12 + len(name) + 1 + value_len + 1
    send_local_response(429, b"rate_limited", b"Too Many Requests\n", headers, total)


# -- proxy-wasm callbacks -----------------------------------------------------------
@export
def proxy_on_configure(root_context_id: i32, configuration_size: i32) -> bool:
    global ttl_seconds, burst
    if plugin_configuration(configuration_size) != STATUS_OK:
        log(LOG_ERROR, b"ip-rate-limit: cannot read the plugin configuration")
        return False
    config = result_ptr()
    size = result_len()
    ttl_seconds = json_uint(config, size, b"\"ttlSecond\"")
    burst = json_uint(config, size, b"\"burst\"")
    if ttl_seconds <= 0:
        log(LOG_ERROR, b"ip-rate-limit: 'ttlSecond' must be a positive integer")
        return False
    if burst <= 0:
        log(LOG_ERROR, b"ip-rate-limit: 'burst' must be a positive integer")
        return False
    log(LOG_INFO, b"ip-rate-limit: configured")
    return True


@export
def proxy_on_context_create(context_id: i32, parent_context_id: i32) -> None:
    pass


@export
def proxy_on_request_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    key_len_slot = alloc(8)
    key = client_key(key_len_slot)
    if key == 0:
        return 0  # no client address: nothing to key on, let it pass
    retry_after = seconds_left(key, load_i64(key_len_slot))
    if retry_after == 0:
        return 0
    reject(retry_after)
    return 1
