"""Every host function of proxy-wasm ABI v0.2.1 as Envoy registers it (module ``env``).

This file is the one table of import names and wasm signatures: the compiler
reads the ``@wasm_import`` declarations, and the tests check the emulator and
the compiled modules against them. Every function returns an ``i32`` status
(``abi.enums.STATUS_*``); ``return_*`` parameters are addresses where the host
writes results (u32 sizes/ids/pointers, u64 times and metric values). Only
what a program calls is imported into its module. The bodies never run: compiled, a
call is the wasm import; under CPython, ``@wasm_import`` puts a trampoline to the
emulator's host in the stub's place (a body that raises, not ``...``, so that mypy
does not read the stub as a function that forgets to return).
"""
from abi import i32, i64, wasm_import


@wasm_import("env", "proxy_log")
def proxy_log(level: i32, message_data: i32, message_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_log_level")
def proxy_get_log_level(return_level: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_current_time_nanoseconds")
def proxy_get_current_time_nanoseconds(return_time: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_tick_period_milliseconds")
def proxy_set_tick_period_milliseconds(period: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_status")
def proxy_get_status(return_code: i32, return_message_data: i32, return_message_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_effective_context")
def proxy_set_effective_context(context_id: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_done")
def proxy_done() -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_call_foreign_function")
def proxy_call_foreign_function(function_name_data: i32, function_name_size: i32, arguments_data: i32, arguments_size: i32, return_results_data: i32, return_results_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_buffer_status")
def proxy_get_buffer_status(buffer_type: i32, return_length: i32, return_flags: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_buffer_bytes")
def proxy_get_buffer_bytes(buffer_type: i32, start: i32, max_size: i32, return_buffer_data: i32, return_buffer_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_buffer_bytes")
def proxy_set_buffer_bytes(buffer_type: i32, start: i32, size: i32, buffer_data: i32, buffer_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_header_map_size")
def proxy_get_header_map_size(map_type: i32, return_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_header_map_pairs")
def proxy_get_header_map_pairs(map_type: i32, return_map_data: i32, return_map_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_header_map_pairs")
def proxy_set_header_map_pairs(map_type: i32, map_data: i32, map_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_header_map_value")
def proxy_get_header_map_value(map_type: i32, key_data: i32, key_size: i32, return_value_data: i32, return_value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_add_header_map_value")
def proxy_add_header_map_value(map_type: i32, key_data: i32, key_size: i32, value_data: i32, value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_replace_header_map_value")
def proxy_replace_header_map_value(map_type: i32, key_data: i32, key_size: i32, value_data: i32, value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_remove_header_map_value")
def proxy_remove_header_map_value(map_type: i32, key_data: i32, key_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_continue_stream")
def proxy_continue_stream(stream_type: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_close_stream")
def proxy_close_stream(stream_type: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_send_local_response")
def proxy_send_local_response(status_code: i32, status_code_details_data: i32, status_code_details_size: i32, body_data: i32, body_size: i32, headers_data: i32, headers_size: i32, grpc_status: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_http_call")
def proxy_http_call(upstream_data: i32, upstream_size: i32, headers_data: i32, headers_size: i32, body_data: i32, body_size: i32, trailers_data: i32, trailers_size: i32, timeout_milliseconds: i32, return_token: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_grpc_call")
def proxy_grpc_call(service_data: i32, service_size: i32, service_name_data: i32, service_name_size: i32, method_data: i32, method_size: i32, initial_metadata_data: i32, initial_metadata_size: i32, message_data: i32, message_size: i32, timeout_milliseconds: i32, return_token: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_grpc_stream")
def proxy_grpc_stream(service_data: i32, service_size: i32, service_name_data: i32, service_name_size: i32, method_data: i32, method_size: i32, initial_metadata_data: i32, initial_metadata_size: i32, return_token: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_grpc_send")
def proxy_grpc_send(token: i32, message_data: i32, message_size: i32, end_stream: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_grpc_cancel")
def proxy_grpc_cancel(token: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_grpc_close")
def proxy_grpc_close(token: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_shared_data")
def proxy_get_shared_data(key_data: i32, key_size: i32, return_value_data: i32, return_value_size: i32, return_cas: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_shared_data")
def proxy_set_shared_data(key_data: i32, key_size: i32, value_data: i32, value_size: i32, cas: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_register_shared_queue")
def proxy_register_shared_queue(name_data: i32, name_size: i32, return_queue_id: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_resolve_shared_queue")
def proxy_resolve_shared_queue(vm_id_data: i32, vm_id_size: i32, name_data: i32, name_size: i32, return_queue_id: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_enqueue_shared_queue")
def proxy_enqueue_shared_queue(queue_id: i32, value_data: i32, value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_dequeue_shared_queue")
def proxy_dequeue_shared_queue(queue_id: i32, return_value_data: i32, return_value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_define_metric")
def proxy_define_metric(metric_type: i32, name_data: i32, name_size: i32, return_metric_id: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_increment_metric")
def proxy_increment_metric(metric_id: i32, offset: i64) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_record_metric")
def proxy_record_metric(metric_id: i32, value: i64) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_metric")
def proxy_get_metric(metric_id: i32, return_value: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_get_property")
def proxy_get_property(path_data: i32, path_size: i32, return_value_data: i32, return_value_size: i32) -> i32:
    raise NotImplementedError


@wasm_import("env", "proxy_set_property")
def proxy_set_property(path_data: i32, path_size: i32, value_data: i32, value_size: i32) -> i32:
    raise NotImplementedError


# WASI, which Envoy registers beside the ABI (proxy-wasm-abi.md §10): BoringSSL's RAND_bytes, at
# most 64 KiB per call (else errno 28); returns a WASI errno (0 = success), allowed at start-up too.
@wasm_import("wasi_snapshot_preview1", "random_get")
def random_get(buf: i32, buf_len: i32) -> i32:
    raise NotImplementedError
