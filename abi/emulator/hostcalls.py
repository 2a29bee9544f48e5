"""The host functions: one method per import of abi/imports.py, same names and parameters.

Each reads its arguments from guest memory through the VM's GuestMemory and
answers as Envoy 1.40 does (proxy-wasm-abi.md §3, and what tests/emulator/
test_vs_envoy.py observed). Misuse raises a HostCallError whose ``status`` is
Envoy's answer; the VM raises it (strict) or returns the status (lenient).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from abi.enums import (
    BUFFER_CALL_DATA, BUFFER_DOWNSTREAM_DATA, BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY,
    BUFFER_UPSTREAM_DATA, LOG_CRITICAL, MAP_HTTP_CALL_RESPONSE_TRAILERS, METRIC_COUNTER,
    METRIC_GAUGE, METRIC_HISTOGRAM, STATUS_BAD_ARGUMENT, STATUS_CAS_MISMATCH, STATUS_EMPTY,
    STATUS_INVALID_MEMORY_ACCESS, STATUS_NOT_FOUND, STATUS_OK,
    STATUS_PARSE_FAILURE, STATUS_SERIALIZATION_FAILURE, STATUS_UNIMPLEMENTED, STREAM_UPSTREAM)

from abi.protobuf import WIRE_LEN, ProtoReader

from . import properties
from .errors import BadArgumentError, CallNotAllowedError, HostCallError, UnknownContextError
from .pairs import HeaderMap, parse_pairs
from .table import u32

if TYPE_CHECKING:
    from .vm import Context, Vm

STREAM_BUFFERS = (BUFFER_HTTP_REQUEST_BODY, BUFFER_HTTP_RESPONSE_BODY, BUFFER_DOWNSTREAM_DATA,
                  BUFFER_UPSTREAM_DATA)
MAX_BUFFER_TYPE = BUFFER_CALL_DATA
MAX_MAP_TYPE = MAP_HTTP_CALL_RESPONSE_TRAILERS
HTTP_CALL_TOKEN_STEP = 4  # Envoy's tokens carry the call type in the low 2 bits


def cluster_of(service: bytes) -> str:
    """proxy_grpc_call's ``service``: a serialized GrpcService (envoy_grpc.cluster_name), else,
    when it does not parse as one, a bare cluster name (Envoy tries the same in this order)."""
    outer = ProtoReader(service, 0, len(service))
    cluster = b""
    while outer.next_field():
        if outer.field == 1 and outer.wire_type == WIRE_LEN:  # envoy_grpc
            inner = outer.sub_reader()
            while inner.next_field():
                if inner.field == 1 and inner.wire_type == WIRE_LEN:
                    cluster = inner.read_string()
                else:
                    inner.skip()
            if inner.error:
                outer.fail()
        else:
            outer.skip()
    if outer.error or not cluster:
        return service.decode(errors="replace")
    return cluster.decode()


class Answer(Exception):
    """Unwinds a host function to a status that is no misuse in any mode (e.g. NotFound)."""
    status = STATUS_OK


class NotFound(Answer):
    status = STATUS_NOT_FOUND


class HostCalls:
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

    # -- logging, time, misc -----------------------------------------------------------
    def proxy_log(self, level: int, message_data: int, message_size: int) -> int:
        message = self._read(message_data, message_size)
        if not 0 <= level <= LOG_CRITICAL:
            raise BadArgumentError(f"log level {level} is not a LogLevel")
        self.host.log(level, message.decode("utf-8", errors="replace"), self.vm.worker,
                      self.vm.effective_id)
        return STATUS_OK

    def proxy_get_log_level(self, return_level: int) -> int:
        self.memory.write_u32(return_level, self.host.log_level)
        return STATUS_OK

    def proxy_get_current_time_nanoseconds(self, return_time: int) -> int:
        self.memory.write_u64(return_time, self.host.clock_ns)
        return STATUS_OK

    def random_get(self, buf: int, buf_len: int) -> int:
        """WASI: a WASI errno, not a proxy status; Envoy refuses more than 64 KiB with EINVAL (28)."""
        size = u32(buf_len)
        if size > 65536:
            return 28
        self.memory.write(buf, self.host.random.randbytes(size))
        return 0

    def proxy_set_tick_period_milliseconds(self, period: int) -> int:
        """Applies to the root of the effective context; 0 stops the timer."""
        root = self._root()
        root.tick_period_ms = u32(period)
        root.next_tick_ns = self.host.clock_ns + root.tick_period_ms * 10**6 if period else None
        return STATUS_OK

    def proxy_get_status(self, return_code: int, return_message_data: int,
                         return_message_size: int) -> int:
        code, message = self._root().status
        self.memory.write_u32(return_code, code)
        return self._give(message, return_message_data, return_message_size)

    def proxy_set_effective_context(self, context_id: int) -> int:
        ctx = self.vm.contexts.get(u32(context_id))
        if ctx is None or not ctx.alive:
            raise UnknownContextError(f"context id {u32(context_id)} is not alive")
        self.vm.effective_id = ctx.id  # lasts until the current VM call returns
        return STATUS_OK

    def proxy_done(self) -> int:
        root = self._ctx()
        if root.kind != "root" or not root.done_pending:
            raise NotFound("no proxy_on_done of this context is pending")
        root.done_pending = False
        self.vm.after_call.append(lambda: self.vm.plugin._delete_root(self.vm, root))
        return STATUS_OK

    def proxy_call_foreign_function(self, function_name_data: int, function_name_size: int,
                                    arguments_data: int, arguments_size: int,
                                    return_results_data: int, return_results_size: int) -> int:
        name = self._read(function_name_data, function_name_size).decode(errors="replace")
        arguments = self._read(arguments_data, arguments_size)
        function = self.vm.plugin.foreign_functions.get(name)
        if function is None:
            raise NotFound(f"no foreign function {name!r}")
        result = function(arguments)
        if result is None:
            return STATUS_OK
        if return_results_data == 0:
            return STATUS_OK
        return self._give(bytes(result), return_results_data, return_results_size)

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

    # -- HTTP and gRPC callouts ------------------------------------------------------------
    def proxy_http_call(self, upstream_data: int, upstream_size: int, headers_data: int,
                        headers_size: int, body_data: int, body_size: int, trailers_data: int,
                        trailers_size: int, timeout_milliseconds: int, return_token: int) -> int:
        cluster = self._read(upstream_data, upstream_size).decode(errors="replace")
        headers = HeaderMap(parse_pairs(self._read(headers_data, headers_size)) or [])
        body = self._read(body_data, body_size)
        trailers = HeaderMap(parse_pairs(self._read(trailers_data, trailers_size)) or [])
        self.memory.write_u32(return_token, 0)
        missing = [h for h in (b":path", b":method", b":authority") if h not in headers]
        if missing:
            raise BadArgumentError(f"http_call headers lack {b', '.join(missing).decode()}")
        token = self.vm.plugin._http_call(self.vm, self._ctx(), cluster, headers, body, trailers,
                                          u32(timeout_milliseconds))
        self.memory.write_u32(return_token, token)
        return STATUS_OK

    def proxy_grpc_call(self, service_data: int, service_size: int, service_name_data: int,
                        service_name_size: int, method_data: int, method_size: int,
                        initial_metadata_data: int, initial_metadata_size: int,
                        message_data: int, message_size: int, timeout_milliseconds: int,
                        return_token: int) -> int:
        service, service_name, method, metadata = self._grpc_target(
            service_data, service_size, service_name_data, service_name_size, method_data,
            method_size, initial_metadata_data, initial_metadata_size)
        message = self._read(message_data, message_size)
        token = self.vm.plugin._grpc_open(self.vm, self._ctx(), service, service_name, method,
                                          metadata, message, u32(timeout_milliseconds))
        self.memory.write_u32(return_token, token)
        return STATUS_OK

    def proxy_grpc_stream(self, service_data: int, service_size: int, service_name_data: int,
                          service_name_size: int, method_data: int, method_size: int,
                          initial_metadata_data: int, initial_metadata_size: int,
                          return_token: int) -> int:
        service, service_name, method, metadata = self._grpc_target(
            service_data, service_size, service_name_data, service_name_size, method_data,
            method_size, initial_metadata_data, initial_metadata_size)
        token = self.vm.plugin._grpc_open(self.vm, self._ctx(), service, service_name, method,
                                          metadata, None, 0)
        self.memory.write_u32(return_token, token)
        return STATUS_OK

    def _grpc_target(self, service_data, service_size, service_name_data, service_name_size,
                     method_data, method_size, metadata_data, metadata_size):
        service = cluster_of(self._read(service_data, service_size))
        service_name = self._read(service_name_data, service_name_size).decode(errors="replace")
        method = self._read(method_data, method_size).decode(errors="replace")
        metadata = HeaderMap(parse_pairs(self._read(metadata_data, metadata_size)) or [])
        if service not in self.vm.plugin.grpc_services:
            raise HostCallError(f"no gRPC cluster {service!r}", STATUS_PARSE_FAILURE)
        return service, service_name, method, metadata

    def proxy_grpc_send(self, token: int, message_data: int, message_size: int,
                        end_stream: int) -> int:
        message = self._read(message_data, message_size)
        call = self._grpc(token, stream=True)
        self.vm.plugin._grpc_send(call, message, bool(end_stream))
        return STATUS_OK

    def proxy_grpc_cancel(self, token: int) -> int:
        self.vm.plugin._grpc_finish(self._grpc(token), cancelled=True)
        return STATUS_OK

    def proxy_grpc_close(self, token: int) -> int:
        self.vm.plugin._grpc_finish(self._grpc(token), cancelled=False)
        return STATUS_OK

    def _grpc(self, token: int, stream: bool = False):
        call = self.vm.plugin.grpc_calls.get((self.vm.worker, u32(token)))
        if call is None or call.finished:
            raise NotFound(f"no open gRPC call with token {u32(token)}")
        if stream and not call.is_stream:
            raise BadArgumentError(f"token {u32(token)} is a gRPC call, not a stream")
        return call

    # -- shared data and queues ---------------------------------------------------------
    def proxy_get_shared_data(self, key_data: int, key_size: int, return_value_data: int,
                              return_value_size: int, return_cas: int) -> int:
        key = self._read(key_data, key_size)
        entry = self.host.get_shared(self.vm.plugin.vm_id, key)
        if entry is None:
            return STATUS_NOT_FOUND  # and the out-parameters stay untouched
        status = self._give(entry.value, return_value_data, return_value_size)
        self.memory.write_u32(return_cas, entry.cas)
        if self.host.after_shared_get is not None:
            self.host.after_shared_get()
        return status

    def proxy_set_shared_data(self, key_data: int, key_size: int, value_data: int,
                              value_size: int, cas: int) -> int:
        key, value = self._read(key_data, key_size), self._read(value_data, value_size)
        if not self.host.set_shared(self.vm.plugin.vm_id, key, value, u32(cas)):
            return STATUS_CAS_MISMATCH
        return STATUS_OK

    def proxy_register_shared_queue(self, name_data: int, name_size: int,
                                    return_queue_id: int) -> int:
        name = self._read(name_data, name_size).decode(errors="replace")
        queue = self.host.register_queue(self.vm.plugin.vm_id, name, (self.vm, self._root().id))
        self.memory.write_u32(return_queue_id, queue.id)
        return STATUS_OK

    def proxy_resolve_shared_queue(self, vm_id_data: int, vm_id_size: int, name_data: int,
                                   name_size: int, return_queue_id: int) -> int:
        vm_id = self._read(vm_id_data, vm_id_size).decode(errors="replace") or self.vm.plugin.vm_id
        name = self._read(name_data, name_size).decode(errors="replace")
        queue = self.host.find_queue(vm_id, name)
        if queue is None:
            return STATUS_NOT_FOUND
        self.memory.write_u32(return_queue_id, queue.id)
        return STATUS_OK

    def proxy_enqueue_shared_queue(self, queue_id: int, value_data: int, value_size: int) -> int:
        value = self._read(value_data, value_size)
        if not self.vm.plugin._enqueue(u32(queue_id), value):
            return STATUS_NOT_FOUND
        return STATUS_OK

    def proxy_dequeue_shared_queue(self, queue_id: int, return_value_data: int,
                                   return_value_size: int) -> int:
        queue = self.host.queues.get(u32(queue_id))
        if queue is None:
            return STATUS_NOT_FOUND
        if not queue.items:
            return STATUS_EMPTY
        return self._give(queue.items.popleft(), return_value_data, return_value_size)

    # -- metrics -----------------------------------------------------------------------------
    def proxy_define_metric(self, metric_type: int, name_data: int, name_size: int,
                            return_metric_id: int) -> int:
        name = self._read(name_data, name_size).decode(errors="replace")
        if not METRIC_COUNTER <= metric_type <= METRIC_HISTOGRAM:
            raise BadArgumentError(f"metric type {metric_type} is not a MetricType")
        metric = self.host.metric(name, metric_type)
        for metric_id, known in self.vm.metric_ids.items():  # defining twice: the same id
            if known is metric:
                break
        else:  # Envoy numbers each type apart, the type in the low 2 bits: 4, 8.. / 5, 9.. / 6..
            same_type = sum(1 for i in self.vm.metric_ids if i & 3 == metric_type)
            metric_id = (same_type + 1) * 4 + metric_type
            self.vm.metric_ids[metric_id] = metric
        self.memory.write_u32(return_metric_id, metric_id)
        return STATUS_OK

    def _metric(self, metric_id: int):
        metric = self.vm.metric_ids.get(u32(metric_id))
        if metric is None:
            raise NotFound(f"no metric with id {u32(metric_id)}")
        return metric

    def proxy_increment_metric(self, metric_id: int, offset: int) -> int:
        metric = self._metric(metric_id)
        if metric.type == METRIC_HISTOGRAM or (metric.type == METRIC_COUNTER and offset <= 0):
            return STATUS_BAD_ARGUMENT  # counters only go up; histograms take samples
        metric.value += offset
        return STATUS_OK

    def proxy_record_metric(self, metric_id: int, value: int) -> int:
        metric = self._metric(metric_id)
        value &= 0xFFFFFFFFFFFFFFFF  # a u64
        if metric.type == METRIC_COUNTER:
            metric.value += value    # Envoy adds to a counter
        elif metric.type == METRIC_GAUGE:
            metric.value = value
        else:
            metric.samples.append(value)
        return STATUS_OK

    def proxy_get_metric(self, metric_id: int, return_value: int) -> int:
        metric = self._metric(metric_id)
        if metric.type == METRIC_HISTOGRAM:
            return STATUS_BAD_ARGUMENT
        self.memory.write_u64(return_value, metric.value)
        return STATUS_OK

    # -- properties ------------------------------------------------------------------------
    def proxy_get_property(self, path_data: int, path_size: int, return_value_data: int,
                           return_value_size: int) -> int:
        path = self._read(path_data, path_size)
        try:
            value = properties.lookup(self.vm, self._ctx(), path)
        except properties.NotSerializable:
            return STATUS_SERIALIZATION_FAILURE
        if value is None:
            return STATUS_NOT_FOUND
        return self._give(value, return_value_data, return_value_size)

    def proxy_set_property(self, path_data: int, path_size: int, value_data: int,
                           value_size: int) -> int:
        path, value = self._read(path_data, path_size), self._read(value_data, value_size)
        ctx = self._ctx()
        if ctx.kind == "root":
            raise CallNotAllowedError("set_property needs a stream (Envoy stores it in the "
                                      "stream's filter state)", STATUS_NOT_FOUND)
        ctx.filter_state[path] = value
        return STATUS_OK

