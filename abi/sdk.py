"""The SDK a filter imports: context classes, ``set_root_context``, the host calls and
the ABI's enums, all from one module.

This module also holds the callbacks the host calls (the ``proxy_on_*``
exports of ABI 0.2.1 that the SDK handles), dispatched by context id to the
filter's context objects. A callback a filter leaves at its default is not
exported (``@export_if_overridden``): Envoy then skips it and applies its own
default (continue, done, nothing), which is what the SDK's default does too.
Always exported: context_create, vm_start, configure and delete (the SDK drops
its per-context objects there), and the callout answers (the SDK forgets the
call's token there, even when nothing overrides them).

Envoy creates a root context per plugin (``proxy_on_context_create(id, 0)``),
then an HTTP or stream context per request/connection whose parent is that
root. The objects live in the dicts below (the newest HTTP context in
``last_http``), which are GC roots, until ``proxy_on_delete``. A callback for
an id the module does not know (the host never sends one) gets the
pass-through default.

    from abi.enums import ACTION_CONTINUE
    from abi.sdk import HttpContext, RootContext, set_request_header, set_root_context
"""
from abi import export, export_if_overridden, i32
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
from abi.enums import ACTION_CONTINUE, BUFFER_CALL_DATA, BUFFER_PLUGIN_CONFIGURATION, BUFFER_VM_CONFIGURATION
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

registered_root: RootContext | None = None
root_contexts: dict[int, RootContext] = {}
http_contexts: dict[int, HttpContext] = {}
stream_contexts: dict[int, StreamContext] = {}


def set_root_context(root: RootContext) -> None:
    """Register the filter's root context; call it once at module level."""
    global registered_root
    registered_root = root


# The last context each lookup found: a request's callbacks mostly come one after the other, so
# most callbacks find their context here without hashing into the dicts above. The newest HTTP
# context is often the only live one: it lives in last_http alone until another one takes that
# place (then it moves into http_contexts), so a request costs no dict insert or delete either.
last_http_id = 0
last_http: HttpContext | None = None
last_http_in_dict = False  # last_http is in http_contexts too
last_stream_id = 0
last_stream: StreamContext | None = None
last_root_id = 0
last_root: RootContext | None = None


def hold_http(context_id: int, http: HttpContext | None, in_dict: bool) -> None:
    """Make ``http`` the held HTTP context, moving the one held so far into http_contexts."""
    global last_http_id, last_http, last_http_in_dict
    held = last_http
    if held is not None and not last_http_in_dict:
        http_contexts[last_http_id] = held
    last_http_id = context_id
    last_http = http
    last_http_in_dict = in_dict


def known_http(context_id: int) -> HttpContext | None:
    if context_id == last_http_id:
        return last_http
    http = http_contexts.get(context_id)
    if http is not None:
        hold_http(context_id, http, True)
    return http


def live_http_contexts() -> int:
    """How many HTTP contexts the SDK holds (created, not yet deleted)."""
    held = 1 if last_http is not None and not last_http_in_dict else 0
    return len(http_contexts) + held


def drop_http(context_id: int, http: HttpContext) -> None:
    """Forget HTTP context ``context_id``, which known_http just returned as ``http`` (so it is held)."""
    global last_http_id, last_http, last_http_in_dict
    if last_http_in_dict:
        http_contexts.pop(context_id, http)  # present; pop, unlike del, links no KeyError text
    last_http_id = 0  # id 0 is never a context: it maps to None
    last_http = None
    last_http_in_dict = False


def known_stream(context_id: int) -> StreamContext | None:
    global last_stream_id, last_stream
    if context_id == last_stream_id:
        return last_stream
    stream = stream_contexts.get(context_id)
    if stream is not None:
        last_stream_id = context_id
        last_stream = stream
    return stream


def known_root(context_id: int) -> RootContext | None:
    global last_root_id, last_root
    if context_id == last_root_id:
        return last_root
    root = root_contexts.get(context_id)
    if root is not None:
        last_root_id = context_id
        last_root = root
    return root


def forget(context_id: int) -> None:
    """Drop the cached stream and root entries of a deleted context."""
    global last_stream_id, last_stream, last_root_id, last_root
    if context_id == last_stream_id:
        last_stream_id = 0
        last_stream = None
    if context_id == last_root_id:
        last_root_id = 0
        last_root = None


def http_context(context_id: int) -> HttpContext | None:
    """The HTTP context a callback is for (None: pass through), made current for callouts."""
    enter_context(context_id)
    return known_http(context_id)


def stream_context(context_id: int) -> StreamContext | None:
    enter_context(context_id)
    return known_stream(context_id)


def root_context(context_id: int) -> RootContext | None:
    enter_context(context_id)
    return known_root(context_id)


def whole_buffer(buffer_type: int, size: int) -> bytes:
    data = get_buffer_bytes(buffer_type, 0, size)
    if data is None:
        return b""
    return data


# -- lifecycle ---------------------------------------------------------------------
@export
def proxy_on_context_create(context_id: i32, parent_context_id: i32) -> None:
    global last_root_id, last_root
    enter_context(context_id)
    if parent_context_id == 0:
        registered = registered_root
        if registered is not None:
            root = registered.new_root_context(context_id)
            root.context_id = context_id
            root_contexts[context_id] = root
            last_root_id = context_id
            last_root = root
        return
    parent = known_root(parent_context_id)
    if parent is None:
        return
    if parent.is_network_filter():
        forget(context_id)
        stream_contexts[context_id] = parent.new_stream_context(context_id)
        return
    hold_http(context_id, parent.new_http_context(context_id), False)  # its callbacks come next


@export
def proxy_on_vm_start(root_context_id: i32, vm_configuration_size: i32) -> bool:
    root = root_context(root_context_id)
    if root is None:
        return True
    return root.on_vm_start(whole_buffer(BUFFER_VM_CONFIGURATION, vm_configuration_size))


@export
def proxy_on_configure(root_context_id: i32, plugin_configuration_size: i32) -> bool:
    root = root_context(root_context_id)
    if root is None:
        return True
    return root.on_configure(whole_buffer(BUFFER_PLUGIN_CONFIGURATION, plugin_configuration_size))


@export_if_overridden("RootContext.on_tick")
def proxy_on_tick(root_context_id: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_tick()


@export_if_overridden("RootContext.on_queue_ready")
def proxy_on_queue_ready(root_context_id: i32, queue_id: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_queue_ready(queue_id)


@export_if_overridden("RootContext.on_foreign_function")
def proxy_on_foreign_function(root_context_id: i32, function_id: i32, arguments_size: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_foreign_function(function_id, whole_buffer(BUFFER_CALL_DATA, arguments_size))


@export
def proxy_on_http_call_response(root_context_id: i32, token: i32, num_headers: i32, body_size: i32,
                                num_trailers: i32) -> None:
    enter_context(root_context_id)
    caller = http_call_callers.pop(token, 0)
    http = known_http(caller)
    if http is not None:
        enter_context(caller)
        set_effective_context(caller)
        http.on_http_call_response(token, num_headers, body_size, num_trailers)
        return
    root = known_root(root_context_id)
    if root is not None:
        root.on_http_call_response(token, num_headers, body_size, num_trailers)


# -- gRPC: Envoy answers on the root; the context that called gets the callback --------------
def grpc_caller(root_context_id: int, token: int) -> GrpcCaller | None:
    """The live context that made call ``token`` (made effective for host calls), or None."""
    enter_context(root_context_id)
    caller = grpc_callers.get(token, -1)
    http = known_http(caller)
    if http is not None:
        enter_context(caller)
        set_effective_context(caller)
        return http
    stream = known_stream(caller)
    if stream is not None:
        enter_context(caller)
        set_effective_context(caller)
        return stream
    return known_root(caller)


@export
def proxy_on_grpc_receive_initial_metadata(root_context_id: i32, token: i32, num_elements: i32) -> None:
    caller = grpc_caller(root_context_id, token)
    if caller is not None:
        caller.on_grpc_receive_initial_metadata(token, num_elements)


@export
def proxy_on_grpc_receive(root_context_id: i32, token: i32, message_size: i32) -> None:
    caller = grpc_caller(root_context_id, token)
    if grpc_unary.pop(token, False):  # a unary call's one answer: it is over
        grpc_callers.pop(token, 0)
        if caller is not None:
            caller.on_grpc_call_response(token, 0, message_size)
        return
    if caller is not None:
        caller.on_grpc_receive(token, message_size)


@export
def proxy_on_grpc_receive_trailing_metadata(root_context_id: i32, token: i32, num_elements: i32) -> None:
    caller = grpc_caller(root_context_id, token)
    if caller is not None:
        caller.on_grpc_receive_trailing_metadata(token, num_elements)


@export
def proxy_on_grpc_close(root_context_id: i32, token: i32, status: i32) -> None:
    enter_context(root_context_id)
    remember_grpc_status()  # on the root, before the caller's context becomes effective
    caller = grpc_caller(root_context_id, token)
    grpc_callers.pop(token, 0)
    if grpc_unary.pop(token, False):
        if caller is not None:
            caller.on_grpc_call_response(token, status, 0)
        return
    if caller is not None:
        caller.on_grpc_close(token, status)


@export_if_overridden("HttpContext.on_done", "StreamContext.on_done", "RootContext.on_done")
def proxy_on_done(context_id: i32) -> bool:
    http = http_context(context_id)
    if http is not None:
        http.on_done()
        return True
    stream = known_stream(context_id)
    if stream is not None:
        stream.on_done()
        return True
    root = known_root(context_id)
    if root is not None:
        return root.on_done()
    return True


@export_if_overridden("HttpContext.on_log", "StreamContext.on_log")
def proxy_on_log(context_id: i32) -> None:
    http = http_context(context_id)
    if http is not None:
        http.on_log()
        return
    stream = known_stream(context_id)
    if stream is not None:
        stream.on_log()


@export
def proxy_on_delete(context_id: i32) -> None:
    http = http_context(context_id)
    if http is not None:
        drop_http(context_id, http)
        http.on_delete()
        return
    stream = known_stream(context_id)
    if stream is not None:
        forget(context_id)
        stream_contexts.pop(context_id, stream)  # present: pop links no KeyError text
        stream.on_delete()
        return
    root = known_root(context_id)
    if root is not None:
        forget(context_id)
        root_contexts.pop(context_id, root)
        root.on_delete()


# -- HTTP streams -------------------------------------------------------------------
@export_if_overridden("HttpContext.on_request_headers")
def proxy_on_request_headers(context_id: i32, num_headers: i32, end_of_stream: bool) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_request_headers(num_headers, end_of_stream)


@export_if_overridden("HttpContext.on_request_body")
def proxy_on_request_body(context_id: i32, body_size: i32, end_of_stream: bool) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_request_body(body_size, end_of_stream)


@export_if_overridden("HttpContext.on_request_trailers")
def proxy_on_request_trailers(context_id: i32, num_trailers: i32) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_request_trailers(num_trailers)


@export_if_overridden("HttpContext.on_response_headers")
def proxy_on_response_headers(context_id: i32, num_headers: i32, end_of_stream: bool) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_response_headers(num_headers, end_of_stream)


@export_if_overridden("HttpContext.on_response_body")
def proxy_on_response_body(context_id: i32, body_size: i32, end_of_stream: bool) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_response_body(body_size, end_of_stream)


@export_if_overridden("HttpContext.on_response_trailers")
def proxy_on_response_trailers(context_id: i32, num_trailers: i32) -> i32:
    http = http_context(context_id)
    if http is None:
        return ACTION_CONTINUE
    return http.on_response_trailers(num_trailers)


# -- TCP connections ----------------------------------------------------------------
@export_if_overridden("StreamContext.on_new_connection")
def proxy_on_new_connection(context_id: i32) -> i32:
    stream = stream_context(context_id)
    if stream is None:
        return ACTION_CONTINUE
    return stream.on_new_connection()


@export_if_overridden("StreamContext.on_downstream_data")
def proxy_on_downstream_data(context_id: i32, data_size: i32, end_of_stream: bool) -> i32:
    stream = stream_context(context_id)
    if stream is None:
        return ACTION_CONTINUE
    return stream.on_downstream_data(data_size, end_of_stream)


@export_if_overridden("StreamContext.on_upstream_data")
def proxy_on_upstream_data(context_id: i32, data_size: i32, end_of_stream: bool) -> i32:
    stream = stream_context(context_id)
    if stream is None:
        return ACTION_CONTINUE
    return stream.on_upstream_data(data_size, end_of_stream)


@export_if_overridden("StreamContext.on_downstream_connection_close")
def proxy_on_downstream_connection_close(context_id: i32, peer_type: i32) -> None:
    stream = stream_context(context_id)
    if stream is not None:
        stream.on_downstream_connection_close(peer_type)


@export_if_overridden("StreamContext.on_upstream_connection_close")
def proxy_on_upstream_connection_close(context_id: i32, peer_type: i32) -> None:
    stream = stream_context(context_id)
    if stream is not None:
        stream.on_upstream_connection_close(peer_type)
