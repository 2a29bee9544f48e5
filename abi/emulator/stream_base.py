"""What HTTP and TCP streams share: a generator that pauses where Envoy would (a callback
returned a stop status) and resumes when the filter calls ``proxy_continue_stream``."""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Iterator

from .pairs import HeaderMap

if TYPE_CHECKING:
    from .vm import Context, Vm

_connection_ids = itertools.count(1)
CONTINUE = 0


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
