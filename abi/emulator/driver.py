"""The driver a test uses: start a plugin, send requests, move time, read what happened.

    plugin = Plugin.wasm("main.wasm", configuration='{"ttlSecond": 60, "burst": 3}')
    r = plugin.http_request(headers={":path": "/"}, source_address="10.0.0.1:5555")
    r.local_response, r.forwarded_request_headers, r.status, r.fuel
    plugin.advance_clock(seconds=60); plugin.tick(); plugin.metrics; plugin.logs("error")

One ``Host`` (shared data, queues, metrics, logs, clock) serves ``workers`` VMs,
as one Envoy process serves its worker threads; ``worker=`` picks the VM that
handles a request.
"""
from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, Callable

from abi.enums import BUFFER_CALL_DATA, BUFFER_PLUGIN_CONFIGURATION, BUFFER_VM_CONFIGURATION

from .errors import EmulatorError
from .grpc import GrpcCall, GrpcHost, GrpcResponse
from .host import LEVEL_NAMES, Host
from .http_callouts import MANUAL, CalloutResponse, HttpCall, HttpCallHost
from .http_stream import HttpExchange, HttpStream, LocalResponse, Upstream
from .pairs import HeaderMap, Headers
from .runners.cpython import CPythonModule
from .runners.wasm import DEFAULT_FUEL, WasmModule
from .stream_base import chunks_of
from .tcp_stream import TcpExchange, TcpStream
from .vm import CallbackData, Context, Vm

# what moved out of this module (and GrpcResponse) stays importable from it
__all__ = ["Plugin", "MANUAL", "CalloutResponse", "HttpCall", "GrpcResponse", "DEFAULT_REQUEST"]

DEFAULT_REQUEST = {":method": "GET", ":path": "/", ":authority": "example.com", ":scheme": "http"}


class Plugin(GrpcHost, HttpCallHost):
    """One plugin configuration running in ``workers`` VMs over one host."""

    # -- starting ---------------------------------------------------------------------------
    @classmethod
    def wasm(cls, wasm: bytes | str | Path, *, fuel: int = DEFAULT_FUEL, **options: Any) -> "Plugin":
        """Run a compiled module (bytes, or a path to a .wasm file) in wasmtime."""
        return cls(WasmModule(wasm, fuel=fuel), **options)

    @classmethod
    def cpython(cls, source: str | Path, **options: Any) -> "Plugin":
        """Run the filter's Python source natively (breakpoints work)."""
        return cls(CPythonModule(source), **options)

    @classmethod
    def start(cls, runner: str, source: bytes | str | Path, **options: Any) -> "Plugin":
        """``runner="wasm"`` with a module, or ``runner="cpython"`` with a source file."""
        if runner == "wasm":
            return cls.wasm(source, **options)
        if runner == "cpython":
            return cls.cpython(source, **options)
        raise EmulatorError(f"unknown runner {runner!r}: use 'wasm' or 'cpython'")

    def __init__(self, module: Any, *, configuration: str | bytes = b"",
                 vm_configuration: str | bytes = b"", workers: int = 1, name: str = "plugin",
                 root_id: str = "", vm_id: str = "vm", strict: bool = True,
                 host: Host | None = None, clusters: dict[str, Any] | None = None,
                 grpc_services: dict[str, Any] | None = None,
                 foreign_functions: dict[str, Callable[[bytes], bytes | None]] | None = None,
                 properties: dict[str, Any] | None = None, upstream_cluster: str = "backend"):
        self.module = module
        self.runner = module.runner
        self.host = host or Host(strict=strict)
        self.configuration = _bytes(configuration)
        self.vm_configuration = _bytes(vm_configuration)
        self.name, self.root_id, self.vm_id = name, root_id, vm_id
        self.clusters = dict(clusters or {})
        self.grpc_services = dict(grpc_services or {})
        self.foreign_functions = dict(foreign_functions or {})
        self.properties = dict(properties or {})
        self.upstream_cluster = upstream_cluster
        self.http_calls: list[HttpCall] = []
        self.grpc_calls: dict[tuple[int, int], GrpcCall] = {}
        self._tokens = itertools.count(1)
        self.vms: list[Vm] = []
        self.configured = True
        for worker in range(workers):
            vm = Vm(self, worker, module.instantiate())
            self.vms.append(vm)
            self.configured = self._start_vm(vm) and self.configured

    def _start_vm(self, vm: Vm) -> bool:
        """Envoy's order: _initialize (or _start), then on the root context
        context_create, vm_start, configure. False if vm_start or configure says no."""
        for entry in ("_initialize", "_start"):
            if vm.has(entry):
                vm.start(entry)
                break
        root = vm.root = vm.new_context("root")
        vm.call("proxy_on_context_create", root.id, 0, context=root.id)
        started = vm.call("proxy_on_vm_start", root.id, len(self.vm_configuration),
                          context=root.id,
                          data=CallbackData(buffers={BUFFER_VM_CONFIGURATION: self.vm_configuration}))
        if started == 0:
            return False
        configured = vm.call("proxy_on_configure", root.id, len(self.configuration),
                             context=root.id,
                             data=CallbackData(buffers={BUFFER_PLUGIN_CONFIGURATION: self.configuration,
                                                        BUFFER_VM_CONFIGURATION: self.vm_configuration}))
        self._pump()
        return configured != 0

    def attributes(self) -> dict[str, Any]:
        """Plugin-level properties (what a root context sees)."""
        return {"plugin_name": self.name, "plugin_root_id": self.root_id,
                "plugin_vm_id": self.vm_id, **self.properties}

    # -- traffic ----------------------------------------------------------------------------
    def _vm(self, worker: int) -> Vm:
        if not self.configured:
            raise EmulatorError("the plugin refused its configuration (on_vm_start or "
                                "on_configure returned false): Envoy would not start it")
        if not 0 <= worker < len(self.vms):
            raise EmulatorError(f"no worker {worker}: the plugin runs {len(self.vms)} worker(s)")
        return self.vms[worker]

    def http_request(self, headers: Headers = None, body: bytes | list[bytes] = b"", *,
                     trailers: Headers = None, source_address: str = "127.0.0.1:50000",
                     destination_address: str = "127.0.0.1:10000",
                     response_status: int = 200, response_headers: Headers = None,
                     response_body: bytes | list[bytes] = b"", response_trailers: Headers = None,
                     upstream: Callable[[HttpExchange], Any] | None = None, worker: int = 0,
                     properties: dict[str, Any] | None = None) -> HttpExchange:
        """Send one request through the filter on ``worker``. Missing pseudo-headers get
        defaults (GET / example.com http). The upstream answers ``response_*``, or whatever
        ``upstream(exchange)`` returns (an Upstream or a (status, headers, body) tuple)."""
        vm = self._vm(worker)
        request = HeaderMap(headers)
        for key, value in DEFAULT_REQUEST.items():
            if key.encode() not in request:
                request.add(key.encode(), value.encode())
        answer = upstream or Upstream(response_status, response_headers,
                                      response_body if isinstance(response_body, bytes)
                                      else b"".join(response_body), response_trailers)
        if vm.failed is not None:
            return _failed_stream(vm)
        stream = HttpStream(self, vm, headers=request, body=chunks_of(body),
                            trailers=HeaderMap(trailers) if trailers else None, upstream=answer,
                            source_address=source_address, destination_address=destination_address,
                            properties=dict(properties or {}))
        stream.start()
        self._pump()
        return stream.result

    def tcp_connection(self, downstream: bytes | list[bytes] = b"",
                       upstream: bytes | list[bytes] = b"", *,
                       source_address: str = "127.0.0.1:50000",
                       destination_address: str = "127.0.0.1:10000", worker: int = 0,
                       properties: dict[str, Any] | None = None) -> TcpExchange:
        """One TCP connection through a network filter: the client sends ``downstream``, the
        upstream answers ``upstream``, then both sides close."""
        vm = self._vm(worker)
        stream = TcpStream(self, vm, downstream=chunks_of(downstream), upstream=chunks_of(upstream),
                           source_address=source_address, destination_address=destination_address,
                           properties=dict(properties or {}))
        stream.start()
        self._pump()
        return stream.result

    # -- time and ticks ---------------------------------------------------------------------
    @property
    def clock_ns(self) -> int:
        return self.host.clock_ns

    def advance_clock(self, seconds: float = 0, *, milliseconds: float = 0) -> None:
        """Move the clock forward, firing every tick and callout timeout that falls due,
        in time order (each at its own time)."""
        target = self.host.clock_ns + int(seconds * 1e9) + int(milliseconds * 1e6)
        while True:
            due = self._next_due(target)
            if due is None:
                break
            self.host.clock_ns = max(self.host.clock_ns, due[0])
            due[1]()
            self._pump()
        self.host.clock_ns = target

    def _next_due(self, limit: int) -> tuple[int, Callable[[], None]] | None:
        candidates: list[tuple[int, int, Callable[[], None]]] = []
        for vm in self.vms:
            root = vm.root
            if vm.failed is None and root is not None and root.next_tick_ns is not None:
                candidates.append((root.next_tick_ns, len(candidates),
                                   lambda vm=vm: self._tick(vm)))
        for deadline, action in self._http_call_timeouts() + self._grpc_timeouts():
            candidates.append((deadline, len(candidates), action))
        due = [c for c in candidates if c[0] <= limit]
        if not due:
            return None
        at, _, action = min(due)
        return at, action

    def tick(self, worker: int | None = None) -> None:
        """Fire proxy_on_tick now on every VM (or one worker) whose root set a tick period."""
        vms = self.vms if worker is None else [self._vm(worker)]
        ticking = [vm for vm in vms if vm.root.tick_period_ms and vm.failed is None]
        if not ticking:
            raise EmulatorError("no tick period is set: the filter must call "
                                "proxy_set_tick_period_milliseconds first")
        for vm in ticking:
            self._tick(vm)
            self._pump()

    def _tick(self, vm: Vm) -> None:
        root = vm.root
        vm.call("proxy_on_tick", root.id, context=root.id)
        if root.tick_period_ms:  # Envoy re-arms after the tick returns
            root.next_tick_ns = self.host.clock_ns + root.tick_period_ms * 10**6

    # -- what the test reads -----------------------------------------------------------
    @property
    def metrics(self) -> dict[str, int | list[int]]:
        """Metric name -> value (counters, gauges) or list of samples (histograms)."""
        return {name: m.reading for name, m in self.host.metrics.items()}

    def logs(self, level: str | int | None = None) -> list[str]:
        """Messages logged at ``level`` ("info", 2, ...), or all of them."""
        if isinstance(level, str):
            level = LEVEL_NAMES.index(level)
        return [r.message for r in self.host.log_records if level is None or r.level == level]

    @property
    def log_records(self):
        return list(self.host.log_records)

    @property
    def shared_data(self) -> dict[bytes, bytes]:
        """This plugin's vm_id namespace: key -> value."""
        return {k: v.value for k, v in self.host.shared_data.get(self.vm_id, {}).items()}

    def shared_data_cas(self, key: bytes) -> int | None:
        entry = self.host.get_shared(self.vm_id, key)
        return None if entry is None else entry.cas

    def set_shared_data(self, key: bytes, value: bytes) -> None:
        """Write shared data as another plugin or worker would (CAS 0: unconditional)."""
        self.host.set_shared(self.vm_id, key, value, 0)

    @property
    def queues(self) -> dict[str, list[bytes]]:
        """Queue name -> items waiting in it (this plugin's vm_id)."""
        return {q.name: list(q.items) for q in self.host.queues.values() if q.vm_id == self.vm_id}

    def enqueue(self, name: str, value: bytes, *, vm_id: str | None = None) -> None:
        """Put ``value`` on a queue the filter registered: its on_queue_ready follows."""
        queue = self.host.find_queue(vm_id or self.vm_id, name)
        if queue is None:
            raise EmulatorError(f"no queue {name!r} is registered")
        self._enqueue(queue.id, value)
        self._pump()

    def call_foreign_function(self, function_id: int, arguments: bytes = b"", worker: int = 0) -> None:
        """Envoy calling the filter's proxy_on_foreign_function (arguments in CALL_DATA)."""
        vm = self._vm(worker)
        vm.call("proxy_on_foreign_function", vm.root.id, function_id, len(arguments),
                context=vm.root.id, data=CallbackData(buffers={BUFFER_CALL_DATA: arguments}))
        self._pump()

    def shutdown(self) -> None:
        """Envoy draining the plugin: on_done on every root (on_delete now, or after
        proxy_done if on_done returned false)."""
        for vm in self.vms:
            if vm.failed is None and vm.root is not None and vm.root.alive:
                done = vm.call("proxy_on_done", vm.root.id, context=vm.root.id)
                if done == 0:
                    vm.root.done_pending = True
                else:
                    self._delete_root(vm, vm.root)
        self._pump()

    def _delete_root(self, vm: Vm, root: Context) -> None:
        vm.call("proxy_on_delete", root.id, context=root.id)
        root.alive = False

    @property
    def fuel(self) -> dict[str, int]:
        """Fuel per callback name, summed over every VM and call so far (wasm runner)."""
        totals: dict[str, int] = {}
        for vm in self.vms:
            for per_callback in vm.fuel_by_context.values():
                for export, used in per_callback.items():
                    totals[export] = totals.get(export, 0) + used
        return totals

    # -- async work: delivered once no VM call is running, like Envoy's dispatcher --------
    def _pump(self) -> None:
        if any(vm.depth for vm in self.vms):
            return
        while self.host.events:
            self.host.events.popleft()()

    def _queue_ready(self, vm: Vm, root_id: int, queue_id: int) -> None:
        root = vm.contexts.get(root_id)
        if vm.failed is None and root is not None and root.alive:
            vm.call("proxy_on_queue_ready", root_id, queue_id, context=root_id)

    def interleave_after_shared_get(self, action: Callable[[], None], times: int = 1) -> None:
        """Run ``action`` (e.g. a request on another worker) right after the filter's next
        ``times`` successful proxy_get_shared_data calls: the race a CAS retry loop exists for."""
        remaining = [times]

        def hook() -> None:
            if remaining[0] > 0:
                remaining[0] -= 1
                action()
        self.host.after_shared_get = hook

    def _enqueue(self, queue_id: int, value: bytes) -> bool:
        queue = self.host.queues.get(queue_id)
        if queue is None:
            return False
        queue.items.append(bytes(value))
        if queue.owner is not None:
            vm, root_id = queue.owner
            self.host.events.append(lambda: self._queue_ready(vm, root_id, queue_id))
        return True


def _failed_stream(vm: Vm) -> HttpExchange:
    """Envoy fails closed on a failed VM: 503 wasm_fail_stream without calling the filter."""
    reply = LocalResponse(503, b"", {}, "wasm_fail_stream")
    return HttpExchange(vm.worker, 0, local_response=reply, response_headers={":status": "503"},
                        response_body=b"", done=True)


def _bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else bytes(value)
