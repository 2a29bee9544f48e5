"""Calls every host function of the HTTP path and exports every HTTP/root callback.

Each observation is logged (report.py), so a test compares the two runners'
logs line by line. Not a useful filter: a tour of the ABI.
"""
from abi import export, i32
from abi.enums import (BUFFER_CALL_DATA, BUFFER_HTTP_CALL_RESPONSE_BODY, BUFFER_HTTP_REQUEST_BODY,
                       BUFFER_HTTP_RESPONSE_BODY, BUFFER_GRPC_RECEIVE_BUFFER,
                       BUFFER_PLUGIN_CONFIGURATION, BUFFER_VM_CONFIGURATION,
                       MAP_GRPC_RECEIVE_INITIAL_METADATA, MAP_GRPC_RECEIVE_TRAILING_METADATA,
                       MAP_HTTP_CALL_RESPONSE_HEADERS, MAP_HTTP_CALL_RESPONSE_TRAILERS,
                       MAP_HTTP_REQUEST_HEADERS, MAP_HTTP_REQUEST_TRAILERS,
                       MAP_HTTP_RESPONSE_HEADERS, MAP_HTTP_RESPONSE_TRAILERS, METRIC_COUNTER,
                       METRIC_GAUGE, METRIC_HISTOGRAM, STREAM_HTTP_REQUEST)
from abi.imports import (proxy_add_header_map_value, proxy_call_foreign_function,
                         proxy_define_metric, proxy_dequeue_shared_queue, proxy_done,
                         proxy_enqueue_shared_queue, proxy_get_buffer_bytes,
                         proxy_get_buffer_status, proxy_get_current_time_nanoseconds,
                         proxy_get_header_map_pairs, proxy_get_header_map_size,
                         proxy_get_header_map_value, proxy_get_log_level, proxy_get_metric,
                         proxy_get_property, proxy_get_shared_data, proxy_get_status,
                         proxy_grpc_call, proxy_grpc_cancel, proxy_grpc_close, proxy_grpc_send,
                         proxy_grpc_stream, proxy_http_call, proxy_increment_metric,
                         proxy_record_metric, proxy_register_shared_queue,
                         proxy_remove_header_map_value, proxy_replace_header_map_value,
                         proxy_resolve_shared_queue,
                         proxy_set_buffer_bytes, proxy_set_effective_context,
                         proxy_set_header_map_pairs, proxy_set_property, proxy_set_shared_data,
                         proxy_set_tick_period_milliseconds, proxy_continue_stream)
from abi.intrinsics import data_ptr, load_i64, load_u32, store_u32
from abi.memory import alloc
from tests.emulator.programs.report import emit, emit_data, put

root_id = 0
paused_id = 0
queue_id = 0
counter_id = 0
gauge_id = 0
histogram_id = 0
ticks = 0


def slots() -> int:
    return alloc(16)


def emit_buffer(tag: bytes, buffer_type: int) -> None:
    out = slots()
    status = proxy_get_buffer_bytes(buffer_type, 0, 1000, out, out + 4)
    emit(tag, status)
    emit_data(tag, load_u32(out), load_u32(out + 4))


def emit_header(tag: bytes, map_type: int, key: bytes) -> None:
    out = slots()
    status = proxy_get_header_map_value(map_type, data_ptr(key), len(key), out, out + 4)
    emit(tag, status)
    if status == 0:
        emit_data(tag, load_u32(out), load_u32(out + 4))


def emit_pairs(tag: bytes, map_type: int) -> None:
    out = slots()
    emit(tag, proxy_get_header_map_pairs(map_type, out, out + 4))
    emit_data(tag, load_u32(out), load_u32(out + 4))


def emit_property(tag: bytes, path: bytes) -> None:
    out = slots()
    status = proxy_get_property(data_ptr(path), len(path), out, out + 4)
    emit(tag, status)
    emit_data(tag, load_u32(out), load_u32(out + 4))


@export
def _initialize() -> None:
    emit(b"initialize", 1)


@export
def proxy_on_context_create(context_id: i32, parent_context_id: i32) -> None:
    global root_id
    if parent_context_id == 0:
        root_id = context_id
    emit(b"context_create", parent_context_id)


@export
def proxy_on_vm_start(context_id: i32, vm_configuration_size: i32) -> bool:
    emit(b"vm_config_size", vm_configuration_size)
    emit_buffer(b"vm_config", BUFFER_VM_CONFIGURATION)
    return True


@export
def proxy_on_configure(context_id: i32, configuration_size: i32) -> bool:
    global queue_id, counter_id, gauge_id, histogram_id
    out = slots()
    emit(b"config_status", proxy_get_buffer_status(BUFFER_PLUGIN_CONFIGURATION, out, out + 4))
    emit(b"config_length", load_u32(out))
    emit_buffer(b"config", BUFFER_PLUGIN_CONFIGURATION)
    name = b"tour_requests"
    proxy_define_metric(METRIC_COUNTER, data_ptr(name), len(name), out)
    counter_id = load_u32(out)
    name = b"tour_gauge"
    proxy_define_metric(METRIC_GAUGE, data_ptr(name), len(name), out)
    gauge_id = load_u32(out)
    name = b"tour_sizes"
    proxy_define_metric(METRIC_HISTOGRAM, data_ptr(name), len(name), out)
    histogram_id = load_u32(out)
    emit(b"metric_ids", counter_id * 10000 + gauge_id * 100 + histogram_id)
    name = b"tour_queue"
    emit(b"register_queue", proxy_register_shared_queue(data_ptr(name), len(name), out))
    queue_id = load_u32(out)
    emit(b"queue_id", queue_id)
    emit(b"log_level_status", proxy_get_log_level(out))
    emit(b"log_level", load_u32(out))
    proxy_get_current_time_nanoseconds(out)
    emit(b"now_s", load_i64(out) // 1000000000)
    emit(b"tick_period", proxy_set_tick_period_milliseconds(1000))
    emit_property(b"plugin_name", b"plugin_name")
    return True


@export
def proxy_on_request_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    global paused_id
    out = slots()
    emit(b"request_headers", header_count * 10 + end_of_stream)
    proxy_get_header_map_size(MAP_HTTP_REQUEST_HEADERS, out)
    emit(b"header_bytes", load_u32(out))
    emit_pairs(b"request_pairs", MAP_HTTP_REQUEST_HEADERS)
    emit_header(b"path", MAP_HTTP_REQUEST_HEADERS, b":path")
    emit_header(b"missing", MAP_HTTP_REQUEST_HEADERS, b"x-missing")
    key = b"x-added"
    value = b"a1"
    emit(b"add", proxy_add_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(key), len(key),
                                            data_ptr(value), len(value)))
    key = b"X-Replaced"
    value = b"r1"
    emit(b"replace", proxy_replace_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(key),
                                                    len(key), data_ptr(value), len(value)))
    key = b"x-remove-me"
    emit(b"remove", proxy_remove_header_map_value(MAP_HTTP_REQUEST_HEADERS, data_ptr(key), len(key)))
    emit_property(b"source", b"source\x00address")
    emit_property(b"url_path", b"request\x00url_path")
    key = b"tour_prop"
    value = b"p1"
    emit(b"set_property", proxy_set_property(data_ptr(key), len(key), data_ptr(value), len(value)))
    emit_property(b"tour_prop", b"tour_prop")
    key = b"tour-key"
    status = proxy_get_shared_data(data_ptr(key), len(key), out, out + 4, out + 8)
    emit(b"shared_get", status)
    value = b"v1"
    emit(b"shared_set", proxy_set_shared_data(data_ptr(key), len(key), data_ptr(value), len(value), 0))
    status = proxy_get_shared_data(data_ptr(key), len(key), out, out + 4, out + 8)
    emit(b"shared_cas", load_u32(out + 8))
    value = b"v2"
    emit(b"shared_stale", proxy_set_shared_data(data_ptr(key), len(key), data_ptr(value), len(value),
                                                load_u32(out + 8) + 1000))
    proxy_increment_metric(counter_id, 1)
    proxy_record_metric(gauge_id, 42)
    proxy_record_metric(histogram_id, header_count)
    proxy_get_metric(counter_id, out)
    emit(b"requests", load_i64(out))
    emit(b"effective", proxy_set_effective_context(context_id))
    # a callout; the stream waits for its answer
    cluster = b"auth"
    headers = alloc(128)
    n = put_pairs3(headers, b":path", b"/check", b":method", b"GET", b":authority", b"auth")
    emit(b"http_call", proxy_http_call(data_ptr(cluster), len(cluster), headers, n, 0, 0, 0, 0,
                                       500, out))
    emit(b"token", load_u32(out))
    paused_id = context_id
    return 1


def put_pairs3(dst: int, k1: bytes, v1: bytes, k2: bytes, v2: bytes, k3: bytes, v3: bytes) -> int:
    """Serialise three pairs at ``dst``; returns the size."""
    store_u32(dst, 3)
    store_u32(dst + 4, len(k1))
    store_u32(dst + 8, len(v1))
    store_u32(dst + 12, len(k2))
    store_u32(dst + 16, len(v2))
    store_u32(dst + 20, len(k3))
    store_u32(dst + 24, len(v3))
    at = put(dst + 28, k1) + 1
    at = put(at, v1) + 1
    at = put(at, k2) + 1
    at = put(at, v2) + 1
    at = put(at, k3) + 1
    at = put(at, v3) + 1
    return at - dst


@export
def proxy_on_http_call_response(context_id: i32, token: i32, num_headers: i32, body_size: i32,
                                num_trailers: i32) -> None:
    out = slots()
    emit(b"call_response", num_headers * 100 + body_size * 10 + num_trailers)
    emit_header(b"call_status", MAP_HTTP_CALL_RESPONSE_HEADERS, b":status")
    emit_pairs(b"call_trailers", MAP_HTTP_CALL_RESPONSE_TRAILERS)
    emit_buffer(b"call_body", BUFFER_HTTP_CALL_RESPONSE_BODY)
    proxy_get_status(out, out + 4, out + 8)
    emit(b"call_get_status", load_u32(out))
    emit(b"effective", proxy_set_effective_context(paused_id))
    emit(b"continue", proxy_continue_stream(STREAM_HTTP_REQUEST))


@export
def proxy_on_request_body(context_id: i32, body_size: i32, end_of_stream: i32) -> i32:
    emit(b"request_body", body_size * 10 + end_of_stream)
    emit_buffer(b"request_body", BUFFER_HTTP_REQUEST_BODY)
    value = b"NEW:"
    emit(b"prepend", proxy_set_buffer_bytes(BUFFER_HTTP_REQUEST_BODY, 0, 0, data_ptr(value), len(value)))
    return 0


@export
def proxy_on_request_trailers(context_id: i32, trailer_count: i32) -> i32:
    emit(b"request_trailers", trailer_count)
    emit_header(b"trailer", MAP_HTTP_REQUEST_TRAILERS, b"x-checksum")
    return 0


@export
def proxy_on_response_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    emit(b"response_headers", header_count * 10 + end_of_stream)
    emit_header(b"status", MAP_HTTP_RESPONSE_HEADERS, b":status")
    out = alloc(64)
    n = put_pairs3(out, b":status", b"201", b"x-from", b"filter", b"x-n", b"1")
    emit(b"set_pairs", proxy_set_header_map_pairs(MAP_HTTP_RESPONSE_HEADERS, out, n))
    return 0


@export
def proxy_on_response_body(context_id: i32, body_size: i32, end_of_stream: i32) -> i32:
    emit(b"response_body", body_size * 10 + end_of_stream)
    value = b"+tail"
    emit(b"append", proxy_set_buffer_bytes(BUFFER_HTTP_RESPONSE_BODY, body_size, 0, data_ptr(value),
                                           len(value)))
    return 0


@export
def proxy_on_response_trailers(context_id: i32, trailer_count: i32) -> i32:
    emit(b"response_trailers", trailer_count)
    key = b"x-trailer-added"
    value = b"t"
    emit(b"trailer_add", proxy_add_header_map_value(MAP_HTTP_RESPONSE_TRAILERS, data_ptr(key), len(key),
                                                    data_ptr(value), len(value)))
    return 0


@export
def proxy_on_log(context_id: i32) -> None:
    emit(b"log", context_id)


@export
def proxy_on_done(context_id: i32) -> bool:
    emit(b"done", context_id)
    return context_id != root_id  # the root finishes later, through proxy_done


@export
def proxy_on_delete(context_id: i32) -> None:
    emit(b"delete", context_id)


@export
def proxy_on_tick(context_id: i32) -> None:
    global ticks
    ticks += 1
    emit(b"tick", ticks)
    out = slots()
    name = b"tour_queue"
    empty = b""
    emit(b"resolve", proxy_resolve_shared_queue(data_ptr(empty), 0, data_ptr(name), len(name), out))
    value = b"item"
    emit(b"enqueue", proxy_enqueue_shared_queue(load_u32(out), data_ptr(value), len(value)))
    if ticks == 2:
        emit(b"proxy_done", proxy_done())


@export
def proxy_on_queue_ready(context_id: i32, queue: i32) -> None:
    out = slots()
    emit(b"queue_ready", queue)
    emit(b"dequeue", proxy_dequeue_shared_queue(queue, out, out + 4))
    emit_data(b"item", load_u32(out), load_u32(out + 4))
    emit(b"dequeue_empty", proxy_dequeue_shared_queue(queue, out, out + 4))


@export
def proxy_on_foreign_function(context_id: i32, function_id: i32, arguments_size: i32) -> None:
    out = slots()
    emit(b"foreign", function_id * 100 + arguments_size)
    emit_buffer(b"call_data", BUFFER_CALL_DATA)
    name = b"echo"
    args = b"ping"
    emit(b"call_foreign", proxy_call_foreign_function(data_ptr(name), len(name), data_ptr(args),
                                                      len(args), out, out + 4))
    emit_data(b"foreign_result", load_u32(out), load_u32(out + 4))
    service = b"grpc-cluster"
    svc = b"tour.Service"
    method = b"Get"
    message = b"hello"
    emit(b"grpc_call", proxy_grpc_call(data_ptr(service), len(service), data_ptr(svc), len(svc),
                                       data_ptr(method), len(method), 0, 0, data_ptr(message),
                                       len(message), 1000, out))
    emit(b"grpc_stream", proxy_grpc_stream(data_ptr(service), len(service), data_ptr(svc), len(svc),
                                           data_ptr(method), len(method), 0, 0, out + 8))
    stream = load_u32(out + 8)
    emit(b"grpc_send", proxy_grpc_send(stream, data_ptr(message), len(message), 0))
    emit(b"grpc_close", proxy_grpc_close(stream))
    emit(b"grpc_stream2", proxy_grpc_stream(data_ptr(service), len(service), data_ptr(svc), len(svc),
                                            data_ptr(method), len(method), 0, 0, out + 12))
    emit(b"grpc_cancel", proxy_grpc_cancel(load_u32(out + 12)))


@export
def proxy_on_grpc_receive_initial_metadata(context_id: i32, token: i32, count: i32) -> None:
    emit(b"grpc_initial", count)
    emit_header(b"grpc_md", MAP_GRPC_RECEIVE_INITIAL_METADATA, b"x-md")


@export
def proxy_on_grpc_receive(context_id: i32, token: i32, size: i32) -> None:
    emit(b"grpc_receive", size)
    emit_buffer(b"grpc_message", BUFFER_GRPC_RECEIVE_BUFFER)


@export
def proxy_on_grpc_receive_trailing_metadata(context_id: i32, token: i32, count: i32) -> None:
    emit(b"grpc_trailing", count)
    emit_pairs(b"grpc_trailers", MAP_GRPC_RECEIVE_TRAILING_METADATA)


@export
def proxy_on_grpc_close(context_id: i32, token: i32, status: i32) -> None:
    out = slots()
    emit(b"grpc_closed", status)
    proxy_get_status(out, out + 4, out + 8)
    emit_data(b"grpc_status_message", load_u32(out + 4), load_u32(out + 8))
