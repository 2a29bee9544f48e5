"""The answers to callouts: ``proxy_on_http_call_response`` and the gRPC callbacks. Envoy
delivers them on the root context; the context that made the call gets the callback."""
from abi import export, i32
from abi.context import GrpcCaller
from abi.grpc import grpc_callers, grpc_unary, remember_grpc_status
from abi.host import enter_context, http_call_callers, set_effective_context
from abi.registry import known_http, known_root, known_stream


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
