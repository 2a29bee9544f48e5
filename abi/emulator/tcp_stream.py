"""A TCP connection through a network filter: the order of its callbacks and what went through
each way (``TcpExchange``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator

from abi.enums import (BUFFER_DOWNSTREAM_DATA, BUFFER_UPSTREAM_DATA, PEER_REMOTE, PEER_UNKNOWN,
                       STREAM_DOWNSTREAM, STREAM_UPSTREAM)

from .stream_base import CONTINUE, Stream, split_address

if TYPE_CHECKING:
    from .vm import Vm


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
