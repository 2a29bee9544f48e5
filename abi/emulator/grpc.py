"""The host side of gRPC callouts (proxy_grpc_call / _stream / _send / _close / _cancel), as
Envoy 1.40 delivers them (source/extensions/common/wasm/context.cc):

- a unary call that succeeds gets one ``proxy_on_grpc_receive(root, token, size)`` (buffer 5)
  and nothing else; one that fails gets one ``proxy_on_grpc_close(root, token, status)`` with
  the message readable through ``proxy_get_status``. No answer within the call's timeout is
  status 14 UNAVAILABLE, "upstream request timeout" (Envoy's router answers 504 and its gRPC
  client maps that to UNAVAILABLE; Envoy appends "{response_timeout}" to the message; a
  server that enforces the grpc-timeout header may answer 4 DEADLINE_EXCEEDED first);
- a stream gets initial metadata, each message, trailing metadata and close.

The plugin's ``grpc_services`` maps a cluster name to a responder: a canned
``GrpcResponse``, a callable ``f(call, *sent)`` returning one, or ``MANUAL`` (None):
the test answers ``call.respond(...)`` / ``call.fail(...)`` itself, or lets the
timeout fire with ``advance_clock``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from abi.enums import (BUFFER_GRPC_RECEIVE_BUFFER, MAP_GRPC_RECEIVE_INITIAL_METADATA,
                       MAP_GRPC_RECEIVE_TRAILING_METADATA)

from .errors import StreamError
from .pairs import HeaderMap, Headers
from .vm import CallbackData

if TYPE_CHECKING:
    from .vm import Context, Vm

GRPC_UNAVAILABLE = 14


@dataclass
class GrpcResponse:
    messages: list[bytes] = field(default_factory=list)
    initial_metadata: Headers = None
    trailing_metadata: Headers = None
    status: int = 0
    message: str = ""


@dataclass
class GrpcCall:
    """A call or stream the filter opened; ``respond``/``fail`` answer a MANUAL one."""
    plugin: Any
    vm: "Vm"
    token: int
    root_id: int
    service: str          # the cluster
    service_name: str
    method: str
    metadata: dict[str, str]
    is_stream: bool
    timeout_ms: int = 0
    deadline_ns: int | None = None
    sent: list[bytes] = field(default_factory=list)
    finished: bool = False

    def respond(self, message: bytes = b"", **more: Any) -> None:
        """Answer a unary call with ``message`` (or a stream: GrpcResponse fields in ``more``)."""
        self.plugin._grpc_deliver(self, GrpcResponse([message], **more), True)
        self.plugin._pump()

    def fail(self, status: int = GRPC_UNAVAILABLE, message: str = "upstream connect error") -> None:
        self.plugin._grpc_deliver(self, GrpcResponse([], status=status, message=message), True)
        self.plugin._pump()


class GrpcHost:
    """The Plugin's gRPC part (a mixin: it uses the plugin's host, tokens, services and pump)."""

    grpc_calls: dict[tuple[int, int], GrpcCall]
    grpc_services: dict[str, Any]
    host: Any
    _pump: Callable[[], None]

    @property
    def pending_grpc_calls(self) -> list[GrpcCall]:
        return [c for c in self.grpc_calls.values() if not c.finished]

    def _grpc_open(self, vm: "Vm", ctx: "Context", service: str, service_name: str, method: str,
                   metadata: HeaderMap, message: bytes | None, timeout_ms: int) -> int:
        token = next(self._tokens) * 4 + (1 if message is not None else 2)
        deadline = self.host.clock_ns + timeout_ms * 10**6 if timeout_ms and message is not None else None
        call = GrpcCall(self, vm, token, vm.root_of(ctx).id, service, service_name, method,
                        metadata.to_dict(), message is None, timeout_ms, deadline)
        self.grpc_calls[(vm.worker, token)] = call
        if message is not None:
            call.sent.append(message)
            responder = self.grpc_services[service]
            if responder is not None:
                self.host.events.append(lambda: self._grpc_deliver(call, _answer(responder, call), True))
        return token

    def _grpc_send(self, call: GrpcCall, message: bytes, end_stream: bool) -> None:
        call.sent.append(message)
        responder = self.grpc_services[call.service]
        if responder is not None:
            self.host.events.append(lambda: self._grpc_deliver(
                call, _answer(responder, call, message, end_stream), end_stream))

    def _grpc_finish(self, call: GrpcCall, cancelled: bool) -> None:
        call.finished = True
        if not cancelled and call.is_stream:  # the remote end closes too
            self.host.events.append(lambda: self._grpc_close(call, GrpcResponse()))

    def _grpc_timeouts(self) -> list[tuple[int, Callable[[], None]]]:
        """(deadline, action) of every unary call still waiting: for advance_clock."""
        return [(c.deadline_ns, lambda c=c: self._grpc_deliver(
                    c, GrpcResponse(status=GRPC_UNAVAILABLE, message="upstream request timeout"), True))
                for c in self.grpc_calls.values() if not c.finished and c.deadline_ns is not None]

    def _grpc_deliver(self, call: GrpcCall, response: GrpcResponse | None, last: bool) -> None:
        if response is None or call.vm.failed is not None:
            return
        if call.finished and not call.is_stream:
            raise StreamError(f"gRPC call {call.token} was already answered or cancelled")
        if not call.is_stream:
            call.finished = True
            self._grpc_unary_answer(call, response)
            return
        vm, root = call.vm, call.root_id
        metadata = HeaderMap(response.initial_metadata)
        if response.initial_metadata is not None:
            vm.call("proxy_on_grpc_receive_initial_metadata", root, call.token, len(metadata),
                    context=root, data=CallbackData(maps={MAP_GRPC_RECEIVE_INITIAL_METADATA: metadata}))
        for message in response.messages:
            vm.call("proxy_on_grpc_receive", root, call.token, len(message), context=root,
                    data=CallbackData(buffers={BUFFER_GRPC_RECEIVE_BUFFER: bytes(message)}))
        if last:
            call.finished = True
            self._grpc_close(call, response)

    def _grpc_unary_answer(self, call: GrpcCall, response: GrpcResponse) -> None:
        vm, root = call.vm, call.root_id
        context = vm.contexts.get(root)
        if context is None or not context.alive:
            return
        if response.status == 0:
            message = bytes(response.messages[0]) if response.messages else b""
            vm.call("proxy_on_grpc_receive", root, call.token, len(message), context=root,
                    data=CallbackData(buffers={BUFFER_GRPC_RECEIVE_BUFFER: message}))
            return
        context.status = (response.status, response.message.encode())
        vm.call("proxy_on_grpc_close", root, call.token, response.status, context=root)

    def _grpc_close(self, call: GrpcCall, response: GrpcResponse) -> None:
        vm, root = call.vm, call.root_id
        trailing = HeaderMap(response.trailing_metadata)
        vm.call("proxy_on_grpc_receive_trailing_metadata", root, call.token, len(trailing),
                context=root, data=CallbackData(maps={MAP_GRPC_RECEIVE_TRAILING_METADATA: trailing}))
        vm.contexts[root].status = (response.status, response.message.encode())
        vm.call("proxy_on_grpc_close", root, call.token, response.status, context=root)


def _answer(responder: Any, *args: Any) -> GrpcResponse | None:
    """A responder is a canned answer, a callable given the call (and what was sent), or bytes."""
    answer = responder(*args) if callable(responder) else responder
    if isinstance(answer, (bytes, bytearray)):
        return GrpcResponse([bytes(answer)])
    return answer
