"""The SDK a filter imports: context classes, ``set_root_context``, the host calls and
the ABI's enums, all from one module.

Importing it also brings in the callbacks the host calls (the ``proxy_on_*``
exports of ABI 0.2.1 that the SDK handles), dispatched by context id to the
filter's context objects: abi/registry.py keeps those objects (context_create,
delete), abi/lifecycle.py, abi/callout_callbacks.py and abi/stream_callbacks.py
hold the rest. A callback a filter leaves at its default is not exported
(``@export_if_overridden``): Envoy then skips it and applies its own default
(continue, done, nothing), which is what the SDK's default does too. Always
exported: context_create, vm_start, configure and delete (the SDK drops its
per-context objects there), and the callout answers (the SDK forgets the call's
token there, even when nothing overrides them).

    from abi.enums import ACTION_CONTINUE
    from abi.sdk import HttpContext, RootContext, set_request_header, set_root_context
"""
# The callbacks the host calls, imported so that they are compiled and exported (first: the compiler
# loads a module's imports last-first, and this order keeps main.wasm's layout and code size).
from abi.registry import (
    drop_http as drop_http, forget as forget, hold_http as hold_http, http_context as http_context,
    known_http as known_http, known_root as known_root, known_stream as known_stream,
    live_http_contexts as live_http_contexts, proxy_on_context_create as proxy_on_context_create,
    proxy_on_delete as proxy_on_delete, root_context as root_context, set_root_context as set_root_context,
    stream_context as stream_context)
from abi.lifecycle import (
    proxy_on_configure as proxy_on_configure, proxy_on_done as proxy_on_done,
    proxy_on_foreign_function as proxy_on_foreign_function, proxy_on_log as proxy_on_log,
    proxy_on_queue_ready as proxy_on_queue_ready, proxy_on_tick as proxy_on_tick,
    proxy_on_vm_start as proxy_on_vm_start, whole_buffer as whole_buffer)
from abi.callout_callbacks import (
    grpc_caller as grpc_caller, proxy_on_grpc_close as proxy_on_grpc_close,
    proxy_on_grpc_receive as proxy_on_grpc_receive,
    proxy_on_grpc_receive_initial_metadata as proxy_on_grpc_receive_initial_metadata,
    proxy_on_grpc_receive_trailing_metadata as proxy_on_grpc_receive_trailing_metadata,
    proxy_on_http_call_response as proxy_on_http_call_response)
from abi.stream_callbacks import (
    proxy_on_downstream_connection_close as proxy_on_downstream_connection_close,
    proxy_on_downstream_data as proxy_on_downstream_data, proxy_on_new_connection as proxy_on_new_connection,
    proxy_on_request_body as proxy_on_request_body, proxy_on_request_headers as proxy_on_request_headers,
    proxy_on_request_trailers as proxy_on_request_trailers,
    proxy_on_response_body as proxy_on_response_body, proxy_on_response_headers as proxy_on_response_headers,
    proxy_on_response_trailers as proxy_on_response_trailers,
    proxy_on_upstream_connection_close as proxy_on_upstream_connection_close,
    proxy_on_upstream_data as proxy_on_upstream_data)
# `name as name`: re-exported for filters (mypy --strict sees them as public; an `__all__` would be compiled)
from abi.context import (
    GrpcCaller as GrpcCaller, HttpContext as HttpContext, RootContext as RootContext,
    StreamContext as StreamContext)
from abi.grpc import (
    cancel_grpc_call as cancel_grpc_call, close_grpc_stream as close_grpc_stream,
    dispatch_grpc_call as dispatch_grpc_call, get_grpc_initial_metadata as get_grpc_initial_metadata,
    get_grpc_initial_metadata_bytes as get_grpc_initial_metadata_bytes, get_grpc_message as get_grpc_message,
    get_grpc_trailing_metadata as get_grpc_trailing_metadata, get_grpc_status as get_grpc_status,
    get_grpc_trailing_metadata_bytes as get_grpc_trailing_metadata_bytes, grpc_callers as grpc_callers,
    grpc_unary as grpc_unary, open_grpc_stream as open_grpc_stream,
    remember_grpc_status as remember_grpc_status, send_grpc_stream_message as send_grpc_stream_message)
from abi.headers import (
    add_map_value as add_map_value, add_map_value_bytes as add_map_value_bytes,
    add_request_header as add_request_header, add_response_header as add_response_header,
    get_map_pairs as get_map_pairs, get_map_pairs_bytes as get_map_pairs_bytes, get_map_size as get_map_size,
    get_map_value as get_map_value, get_map_value_bytes as get_map_value_bytes,
    get_request_header as get_request_header, get_request_headers as get_request_headers,
    get_request_trailers as get_request_trailers, get_response_header as get_response_header,
    get_response_headers as get_response_headers, get_response_trailers as get_response_trailers,
    remove_map_value as remove_map_value, remove_request_header as remove_request_header,
    remove_response_header as remove_response_header, replace_map_value as replace_map_value,
    replace_map_value_bytes as replace_map_value_bytes, set_map_pairs as set_map_pairs,
    set_map_pairs_bytes as set_map_pairs_bytes, set_request_header as set_request_header,
    set_request_headers as set_request_headers, set_response_header as set_response_header,
    set_response_headers as set_response_headers)
from abi.host import (
    call_foreign_function as call_foreign_function, close_downstream as close_downstream,
    close_upstream as close_upstream, dispatch_http_call as dispatch_http_call, done as done,
    enter_context as enter_context, get_buffer_bytes as get_buffer_bytes, get_buffer_size as get_buffer_size,
    get_current_time_nanoseconds as get_current_time_nanoseconds,
    get_downstream_address as get_downstream_address,
    get_downstream_address_bytes as get_downstream_address_bytes, get_downstream_data as get_downstream_data,
    get_downstream_ip as get_downstream_ip, get_http_call_response_body as get_http_call_response_body,
    get_http_call_response_headers as get_http_call_response_headers,
    get_http_call_response_trailers as get_http_call_response_trailers,
    get_http_request_body as get_http_request_body, get_http_response_body as get_http_response_body,
    get_log_level as get_log_level, get_property as get_property, get_property_at as get_property_at,
    get_property_int as get_property_int, get_status as get_status, get_upstream_data as get_upstream_data,
    http_call_callers as http_call_callers, log as log, log_critical as log_critical, log_debug as log_debug,
    log_error as log_error, log_info as log_info, log_trace as log_trace, log_warn as log_warn,
    reset_http_request as reset_http_request, resume_downstream as resume_downstream,
    resume_http_request as resume_http_request, resume_http_response as resume_http_response,
    send_http_response as send_http_response, set_buffer_bytes as set_buffer_bytes,
    set_downstream_data as set_downstream_data, set_effective_context as set_effective_context,
    set_http_request_body as set_http_request_body, set_http_response_body as set_http_response_body,
    set_property as set_property, set_tick_period_milliseconds as set_tick_period_milliseconds,
    set_upstream_data as set_upstream_data, strip_port as strip_port)
from abi.metrics import (
    Counter as Counter, Gauge as Gauge, Histogram as Histogram, Metric as Metric,
    define_metric as define_metric, get_metric as get_metric, increment_metric as increment_metric,
    record_metric as record_metric)
from abi.shared import (
    SharedData as SharedData, dequeue_shared_queue as dequeue_shared_queue,
    enqueue_shared_queue as enqueue_shared_queue, get_shared_data as get_shared_data,
    get_shared_data_bytes as get_shared_data_bytes, register_shared_queue as register_shared_queue,
    resolve_shared_queue as resolve_shared_queue, set_shared_data as set_shared_data,
    set_shared_data_bytes as set_shared_data_bytes)
from abi.wire import (
    text_to_wire as text_to_wire, wire_to_text as wire_to_text)

