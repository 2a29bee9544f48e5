"""HTTP and TCP streams: the order Envoy calls a filter in, and what went up and down.

A stream runs as a generator so it can pause where Envoy would (a callback
returned a stop status) and resume when the filter calls
``proxy_continue_stream`` (applied after the VM call returns, as in Envoy).
Observed in Envoy 1.40 (tests/emulator/test_vs_envoy.py): a local reply sent
from the request path still goes through the filter's on_response_headers and
on_response_body, then on_log, on_done, on_delete.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from abi.enums import (BUFFER_DOWNSTREAM_DATA, BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY,
                       BUFFER_UPSTREAM_DATA, MAP_HTTP_REQUEST_HEADERS, MAP_HTTP_REQUEST_TRAILERS,
                       MAP_HTTP_RESPONSE_HEADERS, MAP_HTTP_RESPONSE_TRAILERS, PEER_REMOTE,
                       PEER_UNKNOWN, STREAM_DOWNSTREAM, STREAM_HTTP_REQUEST, STREAM_HTTP_RESPONSE,
                       STREAM_UPSTREAM)

from .pairs import HeaderMap

if TYPE_CHECKING:
    from .vm import Context, Vm

_connection_ids = itertools.count(1)
CONTINUE = 0


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


def chunks_of(body: bytes | list[bytes] | None) -> list[bytes]:
    if body is None or body == b"":
        return []
    return [bytes(body)] if isinstance(body, (bytes, bytearray)) else [bytes(c) for c in body]


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host, int(port) if port.isdigit() else 0


class Stream:
    """What HTTP and TCP streams share: a generator paused on stop, resumed on continue."""

    def __init__(self, plugin: Any, vm: "Vm", kind: str):
        self.plugin, self.vm = plugin, vm
        self.ctx: "Context" = vm.new_context(kind, vm.root.id, self)
        self.maps: dict[int, HeaderMap] = {}
        self.sent_maps: set[int] = set()
        self.buffers: dict[int, bytearray] = {}
        self.waiting: int | None = None      # stream type we wait to be continued
        self.continued: set[int] = set()     # continue_stream calls not yet consumed
        self.closed = False                  # proxy_close_stream
        self.finished = False
        self._running = False
        self._generator: Iterator[None] = iter(())
        self.connection_id = next(_connection_ids)
        self.callbacks: list[str] = []       # the callbacks the filter got, in order

    def start(self) -> None:
        self._generator = self._run()
        self._step()

    def _step(self) -> None:
        if self._running or self.finished:
            return
        self._running = True
        try:
            next(self._generator)
        except StopIteration:
            self.finished = True
        finally:
            self._running = False

    def call(self, export: str, *args: int) -> int | None:
        if self.vm.has(export):
            self.callbacks.append(export)
        return self.vm.call(export, self.ctx.id, *args, context=self.ctx.id)

    def stopped(self, action: int | None, stream_type: int) -> bool:
        """Should the stream wait for proxy_continue_stream(stream_type)?"""
        if action in (None, CONTINUE) or stream_type in self.continued:
            self.continued.discard(stream_type)
            return False
        return True

    def wait(self, stream_type: int) -> Iterator[None]:
        self.waiting = stream_type
        while self.waiting is not None and not self.interrupted():
            yield
        self.waiting = None
        self.continued.discard(stream_type)

    # called after the VM call that asked for it returns
    def resume(self, stream_type: int) -> None:
        self.continued.add(stream_type)
        if self.waiting == stream_type:
            self.waiting = None
            self._step()

    def close(self, stream_type: int) -> None:
        self.closed = True
        self._step()

    def interrupted(self) -> bool:
        return self.closed

    def end(self, order: tuple[str, ...]) -> None:
        for export in order:
            self.call(export)
        self.ctx.alive = False

    def fuel(self) -> dict[str, int]:
        """Fuel per callback of this stream (a lookup: long runs stay linear)."""
        return dict(self.vm.fuel_by_context.get(self.ctx.id, {}))


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


@dataclass
class TcpExchange:
    worker: int
    context_id: int
    forwarded_upstream: bytes = b""      # downstream data the filter let through
    forwarded_downstream: bytes = b""    # upstream data the filter let through
    closed_by_filter: bool = False
    done: bool = False
    fuel: dict[str, int] = field(default_factory=dict)
    callbacks: list[str] = field(default_factory=list)

    @property
    def fuel_total(self) -> int:
        return sum(self.fuel.values())


class TcpStream(Stream):
    def __init__(self, plugin: Any, vm: "Vm", *, downstream: list[bytes], upstream: list[bytes],
                 source_address: str, destination_address: str, properties: dict[str, Any]):
        super().__init__(plugin, vm, "tcp")
        self.downstream, self.upstream = downstream, upstream
        self.source_address, self.destination_address = source_address, destination_address
        self.extra_properties = properties
        self.buffers = {BUFFER_DOWNSTREAM_DATA: bytearray(), BUFFER_UPSTREAM_DATA: bytearray()}
        self.result = TcpExchange(vm.worker, self.ctx.id, callbacks=self.callbacks)

    def _run(self) -> Iterator[None]:
        self.call("proxy_on_context_create", self.vm.root.id)
        action = self.call("proxy_on_new_connection")
        if not self.closed and self.stopped(action, STREAM_DOWNSTREAM):
            yield from self.wait(STREAM_DOWNSTREAM)
        if not self.closed:
            sent = yield from self._data(BUFFER_DOWNSTREAM_DATA, self.downstream,
                                         "proxy_on_downstream_data", STREAM_DOWNSTREAM)
            self.result.forwarded_upstream = sent
        if not self.closed:
            sent = yield from self._data(BUFFER_UPSTREAM_DATA, self.upstream,
                                         "proxy_on_upstream_data", STREAM_UPSTREAM)
            self.result.forwarded_downstream = sent
        self.call("proxy_on_downstream_connection_close", PEER_REMOTE)
        self.call("proxy_on_upstream_connection_close", PEER_UNKNOWN)
        self.result.closed_by_filter = self.closed
        self.end(("proxy_on_done", "proxy_on_log", "proxy_on_delete"))
        self.result.done = True
        self.result.fuel = self.fuel()

    def _data(self, buffer_type: int, chunks: list[bytes], export: str,
              stream_type: int) -> Iterator[None]:
        buffer, sent = self.buffers[buffer_type], bytearray()
        for index, chunk in enumerate(chunks):
            buffer.extend(chunk)
            action = self.call(export, len(buffer), int(index == len(chunks) - 1))
            if self.closed:
                break
            if action in (None, CONTINUE):
                sent += buffer
                del buffer[:]
            elif index == len(chunks) - 1 and stream_type != STREAM_UPSTREAM and \
                    self.stopped(action, stream_type):
                yield from self.wait(stream_type)
        if not self.closed:
            sent += buffer
            del buffer[:]
        return bytes(sent)

    def attributes(self) -> dict[str, Any]:
        src_ip, src_port = split_address(self.source_address)
        dst_ip, dst_port = split_address(self.destination_address)
        return {"source.address": self.source_address, "source.port": src_port,
                "destination.address": self.destination_address, "destination.port": dst_port,
                "connection.id": self.connection_id, "connection.mtls": False,
                **self.extra_properties}
