"""The callbacks of an HTTP stream and a TCP connection, dispatched to the filter's
``HttpContext`` / ``StreamContext``; an unknown context passes through."""
from abi import export_if_overridden, i32
# unused here but named by @export_if_overridden: the compiler looks them up in this module
from abi.context import HttpContext, StreamContext
from abi.enums import ACTION_CONTINUE
from abi.registry import http_context, stream_context


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
