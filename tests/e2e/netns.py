"""Network namespaces as test hosts: a "pod" (Envoy and the backend, as in the sidecar Pod of
the reference deployment) and client hosts, each linked to the pod by a veth pair with its own
addresses. Needs root and `ip`; everything made here is deleted on exit, even on failure.

Namespaces are per thread: `inside(ns)` switches only the calling thread, and threads and
processes it starts stay in that namespace.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import subprocess
import threading
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence, TypeVar

CLONE_NEWNET = 0x40000000
T = TypeVar("T")
_LIBC = ctypes.CDLL(None, use_errno=True)


@dataclass(frozen=True)
class ClientHost:
    namespace: str
    address: str       # the client's own source address
    pod_address: str   # the pod's address on this client's link


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, timeout=10)


def available() -> str | None:
    """None when namespaces can be made here, else why not."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    try:
        _ip("netns", "list")
    except (OSError, subprocess.SubprocessError) as err:
        return f"'ip netns' is not usable: {err}"
    return None


@contextlib.contextmanager
def pod_with_clients(count: int, networks: Sequence[str] = ()
                     ) -> Iterator[tuple[str, list[ClientHost]]]:
    """A pod namespace and `count` client namespaces, client n on its own /24 link:
    <net>.2 -> pod <net>.1, where <net> is networks[n-1] ("198.51.100"), else 10.203.<n>."""
    nets = list(networks) + [f"10.203.{n}" for n in range(len(networks) + 1, count + 1)]
    tag = f"{os.getpid() % 100000}"
    pod = f"pwf-pod-{tag}"
    made: list[str] = []
    try:
        _ip("netns", "add", pod)
        made.append(pod)
        _ip("-n", pod, "link", "set", "lo", "up")
        clients = []
        for n in range(1, count + 1):
            name = f"pwf-c{n}-{tag}"
            _ip("netns", "add", name)
            made.append(name)
            _ip("-n", name, "link", "set", "lo", "up")
            _ip("-n", pod, "link", "add", f"pod{n}", "type", "veth", "peer", "name", "eth0", "netns", name)
            net = nets[n - 1]
            _ip("-n", pod, "addr", "add", f"{net}.1/24", "dev", f"pod{n}")
            _ip("-n", pod, "link", "set", f"pod{n}", "up")
            _ip("-n", name, "addr", "add", f"{net}.2/24", "dev", "eth0")
            _ip("-n", name, "link", "set", "eth0", "up")
            clients.append(ClientHost(name, f"{net}.2", f"{net}.1"))
        yield pod, clients
    finally:
        for name in reversed(made):  # deleting a namespace removes its veth ends too
            subprocess.run(["ip", "netns", "del", name], capture_output=True, timeout=10)


def enter(namespace: str) -> None:
    """Move the calling thread into `namespace`."""
    fd = os.open(f"/run/netns/{namespace}", os.O_RDONLY)
    try:
        if _LIBC.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), f"setns({namespace}) failed")
    finally:
        os.close(fd)


def run_inside(namespace: str, work: Callable[[], T]) -> T:
    """Run `work` on a fresh thread inside `namespace`; return its result or raise its error."""
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            enter(namespace)
            outcome["value"] = work()
        except BaseException as err:  # noqa: BLE001 - re-raised in the caller's thread
            outcome["error"] = err
    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
