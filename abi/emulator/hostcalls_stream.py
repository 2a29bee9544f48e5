"""Host functions of a stream: its buffers, header maps, continue/close, and local replies."""
from __future__ import annotations

from abi.enums import STATUS_BAD_ARGUMENT, STATUS_NOT_FOUND, STATUS_OK, STATUS_UNIMPLEMENTED, STREAM_UPSTREAM

from .errors import BadArgumentError, CallNotAllowedError
from .hostcalls_base import HostCallsBase
from .pairs import parse_pairs
from .table import u32


class StreamCalls(HostCallsBase):
    # -- buffers -------------------------------------------------------------------------
    def proxy_get_buffer_status(self, buffer_type: int, return_length: int,
                                return_flags: int) -> int:
        buffer = self._buffer(buffer_type)
        self.memory.write_u32(return_length, len(buffer))
        self.memory.write_u32(return_flags, 0)
        return STATUS_OK

    def proxy_get_buffer_bytes(self, buffer_type: int, start: int, max_size: int,
                               return_buffer_data: int, return_buffer_size: int) -> int:
        buffer = self._buffer(buffer_type)
        start, max_size = u32(start), u32(max_size)
        if start + max_size > 0xFFFFFFFF:
            raise BadArgumentError(f"start {start} + max_size {max_size} overflows")
        return self._give(bytes(buffer[start:start + max_size]), return_buffer_data,
                          return_buffer_size)

    def proxy_set_buffer_bytes(self, buffer_type: int, start: int, size: int, buffer_data: int,
                               buffer_size: int) -> int:
        """Envoy supports: start 0 -> drop ``size`` bytes and prepend; start >= length -> append."""
        data = self._read(buffer_data, buffer_size)
        buffer = self._buffer(buffer_type)
        if not isinstance(buffer, bytearray):
            raise CallNotAllowedError(f"buffer {buffer_type} is read-only", STATUS_BAD_ARGUMENT)
        start, size = u32(start), u32(size)
        if start == 0:
            buffer[:size] = data
        elif start >= len(buffer):
            buffer.extend(data)
        else:
            raise BadArgumentError(f"Envoy cannot write at offset {start} of a "
                                   f"{len(buffer)}-byte buffer (only prepend/replace or append)")
        return STATUS_OK

    # -- header maps ---------------------------------------------------------------------
    def proxy_get_header_map_size(self, map_type: int, return_size: int) -> int:
        self.memory.write_u32(return_size, self._map(map_type).byte_size())
        return STATUS_OK

    def proxy_get_header_map_pairs(self, map_type: int, return_map_data: int,
                                   return_map_size: int) -> int:
        try:
            pairs = self._map(map_type).serialize()
        except CallNotAllowedError:
            if self.host.strict:
                raise
            pairs = b""  # Envoy answers an unavailable map as an empty one
        return self._give(pairs, return_map_data, return_map_size)

    def proxy_set_header_map_pairs(self, map_type: int, map_data: int, map_size: int) -> int:
        pairs = parse_pairs(self._read(map_data, map_size))
        self._map(map_type, write=True).set_pairs(pairs or [])
        return STATUS_OK

    def proxy_get_header_map_value(self, map_type: int, key_data: int, key_size: int,
                                   return_value_data: int, return_value_size: int) -> int:
        key = self._read(key_data, key_size)
        value = self._map(map_type).get(key)
        if value is None:
            return STATUS_NOT_FOUND
        return self._give(value, return_value_data, return_value_size)

    def proxy_add_header_map_value(self, map_type: int, key_data: int, key_size: int,
                                   value_data: int, value_size: int) -> int:
        key, value = self._read(key_data, key_size), self._read(value_data, value_size)
        self._map(map_type, write=True).add(key, value)
        return STATUS_OK

    def proxy_replace_header_map_value(self, map_type: int, key_data: int, key_size: int,
                                       value_data: int, value_size: int) -> int:
        key, value = self._read(key_data, key_size), self._read(value_data, value_size)
        self._map(map_type, write=True).replace(key, value)
        return STATUS_OK

    def proxy_remove_header_map_value(self, map_type: int, key_data: int, key_size: int) -> int:
        key = self._read(key_data, key_size)
        self._map(map_type, write=True).remove(key)
        return STATUS_OK

    # -- stream control (deferred until the VM call returns, as in Envoy) ----------
    def proxy_continue_stream(self, stream_type: int) -> int:
        if not 0 <= stream_type <= STREAM_UPSTREAM:
            raise BadArgumentError(f"stream type {stream_type} is not a StreamType")
        if stream_type == STREAM_UPSTREAM:
            return STATUS_UNIMPLEMENTED
        ctx = self._ctx()
        if ctx.stream is None:
            raise CallNotAllowedError(f"continue_stream on {ctx.kind} context {ctx.id}: Envoy "
                                      "ignores it", STATUS_OK)
        self.vm.after_call.append(lambda: ctx.stream.resume(stream_type))
        return STATUS_OK

    def proxy_close_stream(self, stream_type: int) -> int:
        if not 0 <= stream_type <= STREAM_UPSTREAM:
            raise BadArgumentError(f"stream type {stream_type} is not a StreamType")
        ctx = self._ctx()
        if ctx.stream is None:
            raise CallNotAllowedError(f"close_stream on {ctx.kind} context {ctx.id}: Envoy "
                                      "ignores it", STATUS_OK)
        self.vm.after_call.append(lambda: ctx.stream.close(stream_type))
        return STATUS_OK

    def proxy_send_local_response(self, status_code: int, status_code_details_data: int,
                                  status_code_details_size: int, body_data: int, body_size: int,
                                  headers_data: int, headers_size: int, grpc_status: int) -> int:
        details = self._read(status_code_details_data, status_code_details_size)
        body = self._read(body_data, body_size)
        headers = parse_pairs(self._read(headers_data, headers_size)) or []
        ctx = self._ctx()
        if ctx.kind != "http":
            raise CallNotAllowedError(f"send_local_response on {ctx.kind} context {ctx.id}: "
                                      "Envoy ignores it (no HTTP stream)", STATUS_OK)
        grpc = grpc_status if 0 <= grpc_status <= 16 else None
        ctx.stream.local_reply_requested(u32(status_code), details, body, headers, grpc)
        return STATUS_OK
