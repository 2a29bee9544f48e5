"""demo.py end to end, as a user runs it (a subprocess), on kernel-chosen ports."""
from __future__ import annotations

import os
import re
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deploy_support import ROOT
from envoy_harness import http_get

DEMO = [sys.executable, str(ROOT / "demo.py")]
ANY_PORTS = ["--port", "0", "--admin-port", "0", "--backend-port", "0"]


def run_demo(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([*DEMO, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, stdin=subprocess.DEVNULL)


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purposes only once reaped; demo.py reaps its Envoy
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


def test_check_sees_three_200_then_429(filter_wasm):
    result = run_demo("--check", "--wasm", str(filter_wasm), *ANY_PORTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "statuses 200 200 200 429" in result.stdout
    pid = int(re.search(r"pid (\d+)", result.stdout).group(1))
    assert not pid_alive(pid)


def test_a_port_in_use_is_a_clear_error(filter_wasm):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for flag in ("--port", "--admin-port", "--backend-port"):
            args = dict(zip(ANY_PORTS[::2], ANY_PORTS[1::2]), **{flag: str(port)})
            result = run_demo("--check", "--wasm", str(filter_wasm),
                              *[x for kv in args.items() for x in kv])
            assert result.returncode == 1
            assert f"port {port} on 127.0.0.1 is already in use ({flag})" in result.stderr
            assert "Traceback" not in result.stderr
            assert "envoy" not in result.stdout  # nothing was started


def test_a_bad_plugin_configuration_shows_envoys_reason(filter_wasm):
    result = run_demo("--check", "--wasm", str(filter_wasm), *ANY_PORTS,
                      "--plugin-config", '{"ttlSecond": 0, "burst": 3}')
    assert result.returncode == 1
    assert "ip-rate-limit: 'ttlSecond' must be" in result.stderr  # the key is named
    log = Path(re.search(r"whole log: (\S+)\)", result.stderr).group(1))
    assert log.is_file()  # kept for the user to read
    import shutil
    shutil.rmtree(log.parent)


def test_ctrl_c_stops_and_reaps_everything(filter_wasm):
    process = subprocess.Popen([*DEMO, "--wasm", str(filter_wasm), *ANY_PORTS], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    try:
        output = ""
        deadline = time.monotonic() + 30
        while "Ctrl-C to stop." not in output:  # raw reads: no buffer hiding lines from select
            assert time.monotonic() < deadline and process.poll() is None, output
            ready, _, _ = select.select([process.stdout], [], [], 1.0)
            if ready:
                output += os.read(process.stdout.fileno(), 65536).decode()
        url_port = int(re.search(r"envoy +http://127\.0\.0\.1:(\d+)/", output).group(1))
        admin_port = int(re.search(r"admin http://127\.0\.0\.1:(\d+)/", output).group(1))
        envoy_pid = int(re.search(r"pid (\d+)", output).group(1))
        # the printed curl line's URL, as curl would use it
        assert re.search(rf"curl .* http://127\.0\.0\.1:{url_port}/", output)
        assert [http_get(url_port)[0] for _ in range(4)] == [200, 200, 200, 429]

        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=15)[0].decode()
        assert process.returncode == 0, output + rest
        assert "stopped." in rest
        assert not pid_alive(envoy_pid)
        with pytest.raises(OSError):
            http_get(admin_port, "/ready", timeout=1)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
