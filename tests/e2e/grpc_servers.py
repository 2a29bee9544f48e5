"""grpcio servers for the real-Envoy tests, on a kernel-chosen loopback port, stopped on exit.
Methods take and return raw bytes (no generated code): the tests encode with abi.protobuf or
the `protobuf` package themselves."""
from __future__ import annotations

import contextlib
from concurrent import futures
from typing import Callable, Iterator

import grpc


@contextlib.contextmanager
def running_grpc_server(service: str, methods: dict[str, Callable[[bytes, grpc.ServicerContext], bytes]],
                        workers: int = 8) -> Iterator[int]:
    """Serve `service` with unary `methods` on 127.0.0.1; yields the port."""
    handlers = {name: grpc.unary_unary_rpc_method_handler(function) for name, function in methods.items()}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(service, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield port
    finally:
        server.stop(grace=None).wait(5)
