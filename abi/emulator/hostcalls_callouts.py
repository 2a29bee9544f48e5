"""Host functions of HTTP and gRPC callouts: what the filter asks; the Plugin (driver.py and
grpc.py) keeps the calls and answers them."""
from __future__ import annotations

from abi.enums import STATUS_OK, STATUS_PARSE_FAILURE
from abi.protobuf import WIRE_LEN, ProtoReader

from .errors import BadArgumentError, HostCallError
from .hostcalls_base import HostCallsBase, NotFound
from .pairs import HeaderMap, parse_pairs
from .table import u32

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



class CalloutCalls(HostCallsBase):
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
