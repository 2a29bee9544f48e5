"""The SDK's gRPC calls: unary calls and streams to an Envoy cluster speaking HTTP/2.

Envoy delivers every answer to the root context; the SDK remembers which context made
each call (``grpc_callers``) and calls back that context: a unary call's
``on_grpc_call_response(token, status, message_size)`` (status 0: read the message
with ``get_grpc_message()``; else it failed and ``get_grpc_status()`` says why), a
stream's ``on_grpc_receive_initial_metadata``, ``on_grpc_receive``,
``on_grpc_receive_trailing_metadata`` and ``on_grpc_close``. Messages are bytes:
encode and decode them with ``abi.protobuf``.
"""
from abi.enums import (BUFFER_GRPC_RECEIVE_BUFFER, MAP_GRPC_RECEIVE_INITIAL_METADATA,
                       MAP_GRPC_RECEIVE_TRAILING_METADATA, STATUS_OK)
from abi.headers import get_map_pairs, get_map_pairs_bytes
from abi.host import MAX_BUFFER_BYTES, current_context, get_buffer_bytes, get_status
from abi.wire import out_words, serialize_pairs, wire_pairs
from abi.imports import (proxy_grpc_call, proxy_grpc_cancel, proxy_grpc_close, proxy_grpc_send,
                         proxy_grpc_stream)
from abi.intrinsics import data_ptr, load_u32, text_ptr, text_size
from abi.protobuf import ProtoWriter

grpc_callers: dict[int, int] = {}   # token -> context that made the call or opened the stream
grpc_unary: dict[int, bool] = {}    # tokens of unary calls still waiting for their answer
encoded_services: dict[str, bytes] = {}  # cluster -> its GrpcService bytes
last_status_code = 0                # what proxy_get_status said when the last call or stream closed
last_status_message = ""


def grpc_service(cluster: str) -> bytes:
    """A serialized envoy.config.core.v3.GrpcService{envoy_grpc{cluster_name}}: Envoy reads
    a bare cluster name too, but only when it does not happen to parse as this message.
    Encoded once per cluster (a filter calls the same one on every request)."""
    known = encoded_services.get(cluster)
    if known is not None:
        return known
    envoy_grpc = ProtoWriter()
    envoy_grpc.string(1, cluster)
    service = ProtoWriter()
    service.message(1, envoy_grpc)
    encoded = service.finish()
    encoded_services[cluster] = encoded
    return encoded


def dispatch_grpc_call(cluster: str, service: str, method: str, initial_metadata: list[tuple[str, str]],
                       message: bytes, timeout_ms: int) -> int | None:
    """proxy_grpc_call: a unary call of ``service``/``method`` (e.g.
    "envoy.service.ratelimit.v3.RateLimitService", "ShouldRateLimit") on Envoy cluster
    ``cluster``; no answer within ``timeout_ms`` (0: no limit) fails it (14 UNAVAILABLE, or 4
    DEADLINE_EXCEEDED from a server enforcing the deadline). Returns the token, or None when
    the host refused (unknown cluster). Any callback after start-up."""
    target = grpc_service(cluster)
    block, size = serialize_pairs(wire_pairs(initial_metadata))
    out = out_words()
    status = proxy_grpc_call(data_ptr(target), len(target), text_ptr(service), text_size(service),
                             text_ptr(method), text_size(method), block, size, data_ptr(message),
                             len(message), timeout_ms, out)
    if status != STATUS_OK:
        return None
    token = load_u32(out)
    grpc_callers[token] = current_context()
    grpc_unary[token] = True
    return token


def remember_grpc_status() -> None:
    """Read proxy_get_status while the root is the effective context: Envoy stores a call's
    status on the root context, and each context answers with its own."""
    global last_status_code, last_status_message
    last_status_code, last_status_message = get_status()


def get_grpc_status() -> tuple[int, str]:
    """proxy_get_status as read on the root when the last call or stream closed (Envoy keeps
    it there): code and message; in on_grpc_call_response (status != 0) and on_grpc_close."""
    return last_status_code, last_status_message


def open_grpc_stream(cluster: str, service: str, method: str,
                     initial_metadata: list[tuple[str, str]]) -> int | None:
    """proxy_grpc_stream: open a stream; send with ``send_grpc_stream_message``. Returns the
    token, or None when the host refused. Any callback after start-up."""
    target = grpc_service(cluster)
    block, size = serialize_pairs(wire_pairs(initial_metadata))
    out = out_words()
    status = proxy_grpc_stream(data_ptr(target), len(target), text_ptr(service), text_size(service),
                               text_ptr(method), text_size(method), block, size, out)
    if status != STATUS_OK:
        return None
    token = load_u32(out)
    grpc_callers[token] = current_context()
    return token


def send_grpc_stream_message(token: int, message: bytes, end_stream: bool) -> int:
    """proxy_grpc_send: one message on an open stream (``end_stream``: the last one); any
    callback after start-up."""
    return proxy_grpc_send(token, data_ptr(message), len(message), 1 if end_stream else 0)


def close_grpc_stream(token: int) -> int:
    """proxy_grpc_close: close a stream; its on_grpc_close follows; any callback after start-up."""
    return proxy_grpc_close(token)


def cancel_grpc_call(token: int) -> int:
    """proxy_grpc_cancel: abandon a call or stream; no further callback comes for it; any
    callback after start-up."""
    grpc_callers.pop(token, 0)
    grpc_unary.pop(token, False)
    return proxy_grpc_cancel(token)


def get_grpc_message() -> bytes | None:
    """proxy_get_buffer_bytes(GRPC_RECEIVE_BUFFER): the message just received; in
    on_grpc_call_response (status 0) and on_grpc_receive."""
    return get_buffer_bytes(BUFFER_GRPC_RECEIVE_BUFFER, 0, MAX_BUFFER_BYTES)


def get_grpc_initial_metadata() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(GRPC_RECEIVE_INITIAL_METADATA); in on_grpc_receive_initial_metadata."""
    return get_map_pairs(MAP_GRPC_RECEIVE_INITIAL_METADATA)


def get_grpc_trailing_metadata() -> list[tuple[str, str]]:
    """proxy_get_header_map_pairs(GRPC_RECEIVE_TRAILING_METADATA); in on_grpc_receive_trailing_metadata."""
    return get_map_pairs(MAP_GRPC_RECEIVE_TRAILING_METADATA)


def get_grpc_trailing_metadata_bytes() -> list[tuple[bytes, bytes]]:
    """proxy_get_header_map_pairs(GRPC_RECEIVE_TRAILING_METADATA) as exact bytes (``-bin``
    values); in on_grpc_receive_trailing_metadata."""
    return get_map_pairs_bytes(MAP_GRPC_RECEIVE_TRAILING_METADATA)


def get_grpc_initial_metadata_bytes() -> list[tuple[bytes, bytes]]:
    """proxy_get_header_map_pairs(GRPC_RECEIVE_INITIAL_METADATA) as exact bytes (``-bin``
    values); in on_grpc_receive_initial_metadata."""
    return get_map_pairs_bytes(MAP_GRPC_RECEIVE_INITIAL_METADATA)
