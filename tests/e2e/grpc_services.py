"""The gRPC servers of the real-Envoy tests, each in its own process.

grpcio's threads must not live in the pytest process: the harness forks Envoy from it
(``preexec_fn``), and a fork while grpcio's poller runs can abort the child. So a test
starts ``python grpc_services.py <kind> ...``, which serves gRPC on a kernel-chosen loopback
port plus a small HTTP control port (stdlib) for what the test reads or switches, prints
both ports, and exits when told to or when its parent dies.

Kinds: ``lookup`` (tests/sdk/filters/grpc_lookup.py's service) and ``rls <redis socket>``
(rls_server.RateLimitService over that Redis).
"""
from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
import urllib.request
from concurrent import futures
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Iterator

from envoy_harness import _die_with_parent, stop_process

HERE = Path(__file__).resolve().parent
START_TIMEOUT = 20.0


class ServiceProcess:
    """The test's handle: the gRPC port, and the control calls."""

    def __init__(self, process: subprocess.Popen, port: int, control_port: int) -> None:
        self.process = process
        self.port = port
        self.control_port = control_port

    def control(self, action: str, value: float = 0.0) -> Any:
        url = f"http://127.0.0.1:{self.control_port}/{action}?value={value}"
        with urllib.request.urlopen(url, timeout=5) as answer:
            return json.loads(answer.read())

    def stop(self) -> None:
        stop_process(self.process)


@contextlib.contextmanager
def running_service(kind: str, *args: str) -> Iterator[ServiceProcess]:
    process = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), kind, *args],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    handle = None
    try:
        line = process.stdout.readline()  # "PORTS <grpc> <control>", or EOF if it failed
        words = line.split()
        if len(words) != 3 or words[0] != "PORTS":
            raise RuntimeError(f"the {kind} service did not start (said {line!r})")
        handle = ServiceProcess(process, int(words[1]), int(words[2]))
        yield handle
    finally:
        if handle is not None:
            handle.stop()
        elif process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()


# -- inside the service process -----------------------------------------------------------
def serve(service_name: str, methods: dict[str, Callable], controls: dict[str, Callable[[float], Any]]) -> None:
    import grpc  # only here: never in the pytest process
    handlers = {name: grpc.unary_unary_rpc_method_handler(function) for name, function in methods.items()}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(service_name, handlers),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    stop = threading.Event()
    controls = {**controls, "stop": lambda value: stop.set() or "stopping"}

    class Control(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            action, _, query = self.path.lstrip("/").partition("?")
            value = float(query.partition("=")[2] or 0)
            body = json.dumps(controls[action](value)).encode()
            self.send_response(200)
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    control = ThreadingHTTPServer(("127.0.0.1", 0), Control)
    threading.Thread(target=control.serve_forever, daemon=True).start()
    print(f"PORTS {port} {control.server_address[1]}", flush=True)
    stop.wait()
    server.stop(grace=None).wait(5)
    control.shutdown()


def lookup_service() -> None:
    import grpc

    from abi.protobuf import ProtoReader, ProtoWriter
    seen: list[list] = []
    release = threading.Event()

    def check(request: bytes, context: grpc.ServicerContext) -> bytes:
        reader = ProtoReader(request, 0, len(request))
        path = reader.read_string().decode() if reader.next_field() and reader.field == 1 else ""
        seen.append([path, dict(context.invocation_metadata())])
        if path == "/broken":
            context.abort(grpc.StatusCode.INTERNAL, "boom")
        if path == "/slow":
            release.wait(10)
        writer = ProtoWriter()
        writer.varint(1, 1 if path.startswith("/ok") else 0)
        writer.string(2, "tag" + path.replace("/", "-"))
        return writer.finish()
    serve("test.lookup.Lookup", {"Check": check},
          {"seen": lambda value: seen, "release": lambda value: release.set() or True})


def rls_service(redis_socket: str) -> None:
    import redis
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    import rls_messages
    from rls_server import RateLimitService
    # One retry, on a connection error only (a pooled connection gone stale when Redis
    # restarted): redis-py also retries timeouts by default, which can count a hit twice.
    retry = Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,))
    service = RateLimitService(redis.Redis(unix_socket_path=redis_socket, socket_timeout=5.0,
                                           socket_connect_timeout=1.0, retry=retry))

    def stall(value: float) -> float:
        service.stall_seconds = value
        return value
    serve(rls_messages.SERVICE, {"ShouldRateLimit": service.should_rate_limit},
          {"calls": lambda value: service.calls, "stall": stall})


if __name__ == "__main__":
    _die_with_parent()  # this service dies with the test process
    for folder in (HERE, HERE.parent, HERE.parent.parent):  # rls_server, rls_messages, abi
        sys.path.insert(0, str(folder))
    if sys.argv[1] == "lookup":
        lookup_service()
    else:
        rls_service(sys.argv[2])
