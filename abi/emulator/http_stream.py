"""An HTTP stream: the order Envoy calls a filter's HTTP callbacks in, what went up and down
(``HttpExchange``), and the attributes proxy_get_property reads.

Observed in Envoy 1.40 (tests/emulator/test_vs_envoy.py): a local reply sent
from the request path still goes through the filter's on_response_headers and
on_response_body, then on_log, on_done, on_delete.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from abi.enums import (BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY, MAP_HTTP_REQUEST_HEADERS,
                       MAP_HTTP_REQUEST_TRAILERS, MAP_HTTP_RESPONSE_HEADERS,
                       MAP_HTTP_RESPONSE_TRAILERS, STREAM_HTTP_REQUEST, STREAM_HTTP_RESPONSE)

from .pairs import HeaderMap
from .stream_base import CONTINUE, Stream, chunks_of, split_address

if TYPE_CHECKING:
    from .vm import Vm


@dataclass
class LocalResponse:
    """What the filter asked for with proxy_send_local_response."""
    status: int
    body: bytes
    headers: dict[str, str]
    details: str
    grpc_status: int | None = None


@dataclass
class Upstream:
    """The upstream's answer to a forwarded request (the test supplies it)."""
    status: int = 200
    headers: Any = None
    body: bytes = b""
    trailers: Any = None



@dataclass
class HttpExchange:
    """One request as the test sees it; filled in as the stream runs (it may pause)."""
    worker: int
    context_id: int
    local_response: LocalResponse | None = None
    forwarded_request_headers: dict[str, str] | None = None   # None: nothing went upstream
    forwarded_request_body: bytes | None = None
    forwarded_request_trailers: dict[str, str] | None = None
    response_headers: dict[str, str] | None = None            # what went downstream
    response_body: bytes | None = None
    response_trailers: dict[str, str] | None = None
    reset: bool = False                                       # proxy_close_stream
    done: bool = False
    paused: str | None = None                                 # "request" | "response" while waiting
    fuel: dict[str, int] = field(default_factory=dict)        # per callback (wasm runner)
    callbacks: list[str] = field(default_factory=list)

    @property
    def status(self) -> int | None:
        """The :status that went downstream."""
        if self.response_headers is None:
            return None
        return int(self.response_headers.get(":status", "0"))

    @property
    def fuel_total(self) -> int:
        return sum(self.fuel.values())


class HttpStream(Stream):
    def __init__(self, plugin: Any, vm: "Vm", *, headers: HeaderMap, body: list[bytes],
                 trailers: HeaderMap | None, upstream: Any, source_address: str,
                 destination_address: str, properties: dict[str, Any]):
        super().__init__(plugin, vm, "http")
        self.request_body, self.request_trailers = body, trailers
        self.upstream = upstream
        self.source_address, self.destination_address = source_address, destination_address
        self.extra_properties = properties
        self.started_ns = plugin.host.clock_ns
        self.maps[MAP_HTTP_REQUEST_HEADERS] = headers
        self.buffers = {BUFFER_HTTP_REQUEST_BODY: bytearray(), BUFFER_HTTP_RESPONSE_BODY: bytearray()}
        self.local_reply: LocalResponse | None = None
        self.in_response = False
        self.result = HttpExchange(vm.worker, self.ctx.id, callbacks=self.callbacks)

    # -- filter requests (deferred by the VM until its call returns) ---------------
    def local_reply_requested(self, status: int, details: bytes, body: bytes,
                              headers: list[tuple[bytes, bytes]], grpc_status: int | None) -> None:
        if MAP_HTTP_RESPONSE_HEADERS in self.sent_maps:
            return  # too late: the response headers already went downstream
        text = "".join("_" if c.isspace() else c for c in details.decode(errors="replace"))
        self.local_reply = LocalResponse(status, body, HeaderMap(headers).to_dict(), text,
                                         grpc_status)
        self.vm.after_call.append(self._step)

    def interrupted(self) -> bool:
        return self.closed or self.local_reply is not None

    # -- the order of callbacks ---------------------------------------------------------------
    def _run(self) -> Iterator[None]:
        self.call("proxy_on_context_create", self.vm.root.id)
        yield from self._request()
        if self.local_reply is not None and not self.closed:
            yield from self._local_reply()
        elif not self.closed:
            yield from self._response()
        self._finish()

    def _request(self) -> Iterator[None]:
        headers = self.maps[MAP_HTTP_REQUEST_HEADERS]
        end = not self.request_body and self.request_trailers is None
        action = self.call("proxy_on_request_headers", len(headers), int(end))
        if self.interrupted():
            return
        if self.stopped(action, STREAM_HTTP_REQUEST):
            self.result.paused = "request"
            yield from self.wait(STREAM_HTTP_REQUEST)
            self.result.paused = None
            if self.interrupted():
                return
        self.sent_maps.add(MAP_HTTP_REQUEST_HEADERS)
        forwarded = yield from self._body(BUFFER_HTTP_REQUEST_BODY, self.request_body,
                                          self.request_trailers is None, "proxy_on_request_body",
                                          STREAM_HTTP_REQUEST, "request")
        if forwarded is None:
            return
        if self.request_trailers is not None:
            self.maps[MAP_HTTP_REQUEST_TRAILERS] = self.request_trailers
            action = self.call("proxy_on_request_trailers", len(self.request_trailers))
            if self.interrupted():
                return
            if self.stopped(action, STREAM_HTTP_REQUEST):
                yield from self.wait(STREAM_HTTP_REQUEST)
                if self.interrupted():
                    return
            self.sent_maps.add(MAP_HTTP_REQUEST_TRAILERS)
        self.result.forwarded_request_headers = headers.to_dict()
        self.result.forwarded_request_body = forwarded
        if self.request_trailers is not None:
            self.result.forwarded_request_trailers = self.request_trailers.to_dict()

    def _body(self, buffer_type: int, chunks: list[bytes], end_with_data: bool, export: str,
              stream_type: int, phase: str) -> Iterator[None]:
        """Deliver body chunks; returns what went on (None if the stream was interrupted).
        A stop status keeps the data buffered (Envoy buffers, and the next call sees all of it)."""
        forwarded = bytearray()
        buffer = self.buffers[buffer_type]
        for index, chunk in enumerate(chunks):
            buffer.extend(chunk)
            last = index == len(chunks) - 1
            action = self.call(export, len(buffer), int(last and end_with_data))
            if self.interrupted():
                return None
            if action in (None, CONTINUE):
                forwarded += buffer
                del buffer[:]
            elif last and self.stopped(action, stream_type):
                self.result.paused = phase
                yield from self.wait(stream_type)
                self.result.paused = None
                if self.interrupted():
                    return None
        forwarded += buffer
        del buffer[:]
        return bytes(forwarded)

    def _response(self) -> Iterator[None]:
        answer = self.upstream(self.result) if callable(self.upstream) else self.upstream
        if isinstance(answer, tuple):
            answer = Upstream(*answer)
        self.in_response = True
        headers = HeaderMap([(":status", str(answer.status))])
        for key, value in HeaderMap(answer.headers).pairs:
            headers.add(key, value)
        trailers = HeaderMap(answer.trailers) if answer.trailers else None
        yield from self._encode(headers, chunks_of(answer.body), trailers, stop_allowed=True)

    def _local_reply(self) -> Iterator[None]:
        """Envoy encodes a local reply through the filter's response callbacks."""
        reply = self.local_reply
        self.result.local_response = reply
        self.local_reply = None
        headers = HeaderMap([(":status", str(reply.status))])
        if reply.body:
            headers.add(b"content-length", str(len(reply.body)).encode())
            headers.add(b"content-type", b"text/plain")
        for key, value in reply.headers.items():
            headers.add(key.encode(), value.encode())
        if reply.grpc_status is not None:
            headers.add(b"grpc-status", str(reply.grpc_status).encode())
        yield from self._encode(headers, chunks_of(reply.body), None, stop_allowed=False)

    def _encode(self, headers: HeaderMap, body: list[bytes], trailers: HeaderMap | None,
                stop_allowed: bool) -> Iterator[None]:
        self.in_response = True
        self.maps[MAP_HTTP_RESPONSE_HEADERS] = headers
        action = self.call("proxy_on_response_headers", len(headers),
                           int(not body and trailers is None))
        if self.closed:
            return
        if self.local_reply is not None and stop_allowed:
            yield from self._local_reply_in_response()
            return
        if stop_allowed and self.stopped(action, STREAM_HTTP_RESPONSE):
            self.result.paused = "response"
            yield from self.wait(STREAM_HTTP_RESPONSE)
            self.result.paused = None
            if self.closed:
                return
        self.sent_maps.add(MAP_HTTP_RESPONSE_HEADERS)
        self.result.response_headers = headers.to_dict()
        sent = yield from self._body(BUFFER_HTTP_RESPONSE_BODY, body, trailers is None,
                                     "proxy_on_response_body", STREAM_HTTP_RESPONSE, "response")
        if sent is None:
            return
        self.result.response_body = sent
        if trailers is not None:
            self.maps[MAP_HTTP_RESPONSE_TRAILERS] = trailers
            action = self.call("proxy_on_response_trailers", len(trailers))
            if self.stopped(action, STREAM_HTTP_RESPONSE) and stop_allowed:
                yield from self.wait(STREAM_HTTP_RESPONSE)
            self.sent_maps.add(MAP_HTTP_RESPONSE_TRAILERS)
            self.result.response_trailers = trailers.to_dict()

    def _local_reply_in_response(self) -> Iterator[None]:
        """A local reply from on_response_headers replaces the response (not re-encoded)."""
        reply = self.local_reply
        self.result.local_response, self.local_reply = reply, None
        headers = {":status": str(reply.status), **reply.headers}
        self.result.response_headers, self.result.response_body = headers, reply.body
        self.sent_maps.add(MAP_HTTP_RESPONSE_HEADERS)
        return
        yield

    def _finish(self) -> None:
        self.result.reset = self.closed
        self.end(("proxy_on_log", "proxy_on_done", "proxy_on_delete"))
        self.result.done = True

    def _step(self) -> None:
        super()._step()
        self.result.fuel = self.fuel()

    # -- attributes for proxy_get_property ----------------------------------------------
    def attributes(self) -> dict[str, Any]:
        request = self.maps[MAP_HTTP_REQUEST_HEADERS]
        path = (request.get(b":path") or b"").decode(errors="replace")
        url_path, _, query = path.partition("?")
        src_ip, src_port = split_address(self.source_address)
        dst_ip, dst_port = split_address(self.destination_address)
        headers: dict[str, str] = {}
        for key, value in request.pairs:
            k, v = key.decode(errors="replace"), value.decode(errors="replace")
            headers[k] = f"{headers[k]},{v}" if k in headers else v
        attrs: dict[str, Any] = {
            "source.address": self.source_address, "source.port": src_port,
            "destination.address": self.destination_address, "destination.port": dst_port,
            "connection.id": self.connection_id, "connection.mtls": False,
            "request.path": path, "request.url_path": url_path, "request.query": query,
            "request.host": _text(request.get(b":authority")),
            "request.method": _text(request.get(b":method")),
            "request.scheme": _text(request.get(b":scheme")),
            "request.protocol": "HTTP/1.1",
            "request.useragent": _text(request.get(b"user-agent")),
            "request.referer": _text(request.get(b"referer")),
            "request.id": _text(request.get(b"x-request-id")),
            "request.time": self.started_ns, "request.headers": headers,
            "request.size": len(self.buffers[BUFFER_HTTP_REQUEST_BODY]),
            "xds.cluster_name": self.plugin.upstream_cluster, "xds.route_name": "",
        }
        response = self.maps.get(MAP_HTTP_RESPONSE_HEADERS)
        if response is not None:
            status = response.get(b":status")
            attrs["response.code"] = int(status) if status and status.isdigit() else None
            attrs["response.headers"] = {k.decode(): v.decode() for k, v in response.pairs}
        attrs.update(self.extra_properties)
        return attrs


def _text(value: bytes | None) -> str | None:
    return None if value is None else value.decode(errors="replace")
