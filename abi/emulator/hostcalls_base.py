"""What every host function needs: the effective context, guest memory in and out, and the
stream, header map or buffer a call names (with Envoy's answer when it is not available)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from abi.enums import (
    BUFFER_CALL_DATA, BUFFER_DOWNSTREAM_DATA, BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY,
    BUFFER_UPSTREAM_DATA, MAP_HTTP_CALL_RESPONSE_TRAILERS, STATUS_INVALID_MEMORY_ACCESS,
    STATUS_NOT_FOUND, STATUS_OK)

from .errors import BadArgumentError, CallNotAllowedError
from .pairs import HeaderMap

if TYPE_CHECKING:
    from .vm import Context, Vm

STREAM_BUFFERS = (BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY, BUFFER_DOWNSTREAM_DATA,
                  BUFFER_UPSTREAM_DATA)
MAX_BUFFER_TYPE = BUFFER_CALL_DATA
MAX_MAP_TYPE = MAP_HTTP_CALL_RESPONSE_TRAILERS


class Answer(Exception):
    """Unwinds a host function to a status that is no misuse in any mode (e.g. NotFound)."""
    status = STATUS_OK


class NotFound(Answer):
    status = STATUS_NOT_FOUND



class HostCallsBase:
    def __init__(self, vm: "Vm"):
        self.vm = vm
        self.host = vm.host
        self.memory = vm.memory

    # -- helpers -------------------------------------------------------------------------
    def _ctx(self) -> "Context":
        return self.vm.effective_context()

    def _root(self) -> "Context":
        return self.vm.root_of(self._ctx())

    def _read(self, ptr: int, size: int) -> bytes:
        return self.memory.read(ptr, size)

    def _give(self, data: bytes, ptr_ptr: int, size_ptr: int) -> int:
        """Hand ``data`` to the guest as Envoy does: empty -> (0, 0) without allocating."""
        self.memory.check(ptr_ptr, 4), self.memory.check(size_ptr, 4)
        ptr = 0
        if data:
            ptr = self.memory.give(bytes(data))
            if ptr == 0:
                return STATUS_INVALID_MEMORY_ACCESS  # the guest allocator failed
        self.memory.write_u32(ptr_ptr, ptr)
        self.memory.write_u32(size_ptr, len(data))
        return STATUS_OK

    def _stream(self, kind: str, what: str):
        ctx = self._ctx()
        if ctx.kind != kind or ctx.stream is None:
            raise CallNotAllowedError(f"{what} needs a{'n HTTP' if kind == 'http' else ' TCP'} "
                                      f"stream context; the effective context {ctx.id} is a "
                                      f"{ctx.kind} context")
        return ctx.stream

    def _map(self, map_type: int, *, write: bool = False) -> HeaderMap:
        if not 0 <= map_type <= MAX_MAP_TYPE:
            raise BadArgumentError(f"map type {map_type} is not a MapType")
        if map_type in self.vm.data.maps:  # callout / gRPC maps, only inside their callback
            if write:
                raise CallNotAllowedError(f"map {map_type} is read-only")
            return self.vm.data.maps[map_type]
        ctx = self._ctx()
        stream = ctx.stream if ctx.kind == "http" else None
        found = stream.maps.get(map_type) if stream is not None else None
        if found is None:
            raise CallNotAllowedError(f"header map {map_type} is not available in "
                                      f"{self.vm.callback} (context {ctx.id}, {ctx.kind})")
        if write and map_type in stream.sent_maps:
            raise CallNotAllowedError(
                f"header map {map_type} was already sent on; Envoy ignores the change", STATUS_OK)
        return found

    def _buffer(self, buffer_type: int) -> bytes | bytearray:
        if not 0 <= buffer_type <= MAX_BUFFER_TYPE:
            raise BadArgumentError(f"buffer type {buffer_type} is not a BufferType")
        if buffer_type in self.vm.data.buffers:
            return self.vm.data.buffers[buffer_type]
        ctx = self._ctx()
        if buffer_type in STREAM_BUFFERS and ctx.stream is not None and \
                buffer_type in ctx.stream.buffers:
            return ctx.stream.buffers[buffer_type]
        raise CallNotAllowedError(f"buffer {buffer_type} is not available in {self.vm.callback}",
                                  STATUS_NOT_FOUND)
