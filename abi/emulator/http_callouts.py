"""The host side of HTTP callouts (proxy_http_call), as Envoy 1.40 delivers them: one
``proxy_on_http_call_response`` on the root that made the call, with the response's headers,
body and trailers readable in it; a failed call has no headers (get_status: BrokenConnection
"reset"); no answer within the timeout is a 504 "upstream request timeout".

The plugin's ``clusters`` maps a cluster name to a responder: a canned ``CalloutResponse``
(or a ``(status, headers, body)`` tuple), a callable given the ``HttpCall`` returning one, or
``MANUAL`` (None): the test answers ``call.respond(...)`` / ``call.fail()`` itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from abi.enums import (BUFFER_HTTP_CALL_RESPONSE_BODY, MAP_HTTP_CALL_RESPONSE_HEADERS,
                       MAP_HTTP_CALL_RESPONSE_TRAILERS, STATUS_BROKEN_CONNECTION, STATUS_OK)

from .errors import BadArgumentError, StreamError
from .pairs import HeaderMap, Headers
from .vm import CallbackData, Context, Vm

MANUAL = None  # a cluster whose calls the test answers itself (HttpCall.respond)


@dataclass
class CalloutResponse:
    status: int = 200
    headers: Headers = None
    body: bytes = b""
    trailers: Headers = None


@dataclass
class HttpCall:
    """A proxy_http_call the filter made; ``respond()`` answers a MANUAL one."""
    plugin: Any
    vm: Vm
    token: int
    root_id: int
    origin_id: int
    cluster: str
    headers: dict[str, str]
    body: bytes
    trailers: dict[str, str]
    timeout_ms: int
    deadline_ns: int | None
    answered: bool = False

    def respond(self, status: int = 200, headers: Headers = None, body: bytes = b"",
                trailers: Headers = None) -> None:
        self.plugin._answer_http_call(self, CalloutResponse(status, headers, body, trailers))
        self.plugin._pump()

    def fail(self) -> None:
        """The callout fails (connection reset): on_http_call_response with no headers."""
        self.plugin._answer_http_call(self, None)
        self.plugin._pump()


class HttpCallHost:
    """The Plugin's HTTP callout part (a mixin: it uses the plugin's host, tokens, clusters and pump)."""

    http_calls: list[HttpCall]
    clusters: dict[str, Any]
    host: Any
    _pump: Callable[[], None]

    @property
    def pending_http_calls(self) -> list[HttpCall]:
        return [c for c in self.http_calls if not c.answered]

    def _http_call_timeouts(self) -> list[tuple[int, Callable[[], None]]]:
        """(deadline, action) of every call still waiting: for advance_clock."""
        return [(c.deadline_ns, lambda c=c: self._answer_http_call(
                    c, CalloutResponse(504, {}, b"upstream request timeout")))
                for c in self.http_calls if not c.answered and c.deadline_ns is not None]

    def _http_call(self, vm: Vm, ctx: Context, cluster: str, headers: HeaderMap, body: bytes,
                   trailers: HeaderMap, timeout_ms: int) -> int:
        if cluster not in self.clusters:
            raise BadArgumentError(f"http_call to unknown cluster {cluster!r}: declare it with "
                                   "Plugin(..., clusters={name: responder})")
        token = next(self._tokens) * 4
        deadline = self.host.clock_ns + timeout_ms * 10**6 if timeout_ms else None
        call = HttpCall(self, vm, token, vm.root_of(ctx).id, ctx.id, cluster, headers.to_dict(),
                        body, trailers.to_dict(), timeout_ms, deadline)
        self.http_calls.append(call)
        responder = self.clusters[cluster]
        if responder is not MANUAL:
            self.host.events.append(lambda: self._answer_http_call(call, _respond(responder, call)))
        return token

    def _answer_http_call(self, call: HttpCall, response: CalloutResponse | None) -> None:
        if call.answered:
            raise StreamError(f"http call {call.token} was already answered")
        call.answered = True
        vm, root = call.vm, call.vm.contexts.get(call.root_id)
        if vm.failed is not None or root is None or not root.alive:
            return
        if response is None:  # failure: no headers, get_status says BrokenConnection "reset"
            root.status = (STATUS_BROKEN_CONNECTION, b"reset")
            headers, body, trailers = HeaderMap(), b"", HeaderMap()
        else:
            root.status = (STATUS_OK, b"")
            headers = HeaderMap([(":status", str(response.status))])
            for k, v in HeaderMap(response.headers).pairs:
                headers.add(k, v)
            body, trailers = bytes(response.body), HeaderMap(response.trailers)
        vm.call("proxy_on_http_call_response", root.id, call.token, len(headers), len(body),
                len(trailers), context=root.id,
                data=CallbackData(buffers={BUFFER_HTTP_CALL_RESPONSE_BODY: body},
                                  maps={MAP_HTTP_CALL_RESPONSE_HEADERS: headers,
                                        MAP_HTTP_CALL_RESPONSE_TRAILERS: trailers}))


def _respond(responder: Any, *args: Any) -> Any:
    """A responder is a canned answer, or a callable given the call that returns one."""
    answer = responder(*args) if callable(responder) else responder
    if isinstance(answer, tuple):
        return CalloutResponse(*answer)
    return answer
