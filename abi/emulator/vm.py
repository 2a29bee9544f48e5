"""One VM instance (an Envoy worker's copy of the module) and its contexts.

The VM runs callbacks through a runner instance (wasm or CPython), tracks
which callback and context are current (host functions need both), runs the
actions Envoy defers until a VM call returns (continue, close, local reply),
and dispatches host calls to the one implementation in hostcalls.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import (HostCallError, RestrictedCallError, UnknownContextError, VmFailedError)
from .hostcalls import HostCalls
from .hostcalls_base import Answer
from .pairs import HeaderMap
from .table import IMPORTS, WRAP

# Envoy runs only these imports while it starts a VM or is inside the guest allocator.
ALLOWED_WHILE_RESTRICTED = {"proxy_log", "random_get"}


@dataclass
class Context:
    """A root, HTTP stream or TCP stream context of one VM."""
    id: int
    parent_id: int
    kind: str                                   # "root" | "http" | "tcp"
    stream: Any = None                          # driver.HttpStream / driver.TcpStream
    # root contexts
    tick_period_ms: int = 0
    next_tick_ns: int | None = None
    done_pending: bool = False
    status: tuple[int, bytes] = (0, b"")        # for proxy_get_status (last callout result)
    # every context
    filter_state: dict[bytes, bytes] = field(default_factory=dict)
    alive: bool = True


@dataclass
class CallbackData:
    """What the host offers during the current outermost callback, beyond stream state."""
    buffers: dict[int, bytes] = field(default_factory=dict)     # read-only buffers (config, callout body)
    maps: dict[int, HeaderMap] = field(default_factory=dict)    # callout/grpc maps (read-only)


class Vm:
    def __init__(self, plugin: Any, worker: int, instance: Any):
        self.plugin = plugin
        self.host = plugin.host
        self.worker = worker
        self.instance = instance                 # runner instance: call(name, args), exports, memory
        instance.bind(self)                      # links the imports to this VM's host calls
        self.memory = instance.memory
        self.hostcalls = HostCalls(self)
        self.contexts: dict[int, Context] = {}
        self._next_context_id = 1
        self.root: Context | None = None
        self.depth = 0
        self.callback: str | None = None         # outermost export now running
        self.callback_context: int = 0
        self.effective_id: int = 0
        self.restricted: str | None = None       # "start" | "allocate" while restricted
        self.data = CallbackData()
        self.after_call: list[Callable[[], None]] = []
        self.failed: BaseException | None = None
        self.metric_ids: dict[int, Any] = {}
        self.fuel_by_context: dict[int, dict[str, int]] = {}  # context id -> callback -> fuel (wasm)
        self.calls: list[str] = []               # every outermost callback, in order

    # -- contexts ----------------------------------------------------------------------
    def new_context(self, kind: str, parent_id: int = 0, stream: Any = None) -> Context:
        ctx = Context(self._next_context_id, parent_id, kind, stream)
        self._next_context_id += 1
        self.contexts[ctx.id] = ctx
        return ctx

    def context(self, context_id: int) -> Context:
        ctx = self.contexts.get(context_id)
        if ctx is None or not ctx.alive:
            raise UnknownContextError(f"context id {context_id} is not alive in worker {self.worker}")
        return ctx

    def effective_context(self) -> Context:
        return self.context(self.effective_id)

    def root_of(self, ctx: Context) -> Context:
        return ctx if ctx.kind == "root" else self.context(ctx.parent_id)

    # -- calling the module ----------------------------------------------------------
    def has(self, export: str) -> bool:
        return export in self.instance.exports

    def call(self, export: str, *args: int, context: int = 0,
             data: CallbackData | None = None) -> int | None:
        """Run callback ``export`` for ``context``; absent callbacks are skipped (None).
        Actions the guest deferred run once the outermost call returns."""
        if self.failed is not None:
            raise VmFailedError(f"worker {self.worker} failed earlier ({self.failed!r}); "
                                f"Envoy no longer calls {export}")
        if not self.has(export):
            return None
        outer = self.depth == 0
        if outer:
            self.callback, self.callback_context, self.effective_id = export, context, context
            self.data = data or CallbackData()
            self.calls.append(export)
        self.depth += 1
        try:
            result = self.instance.call(export, args, outer)
        except BaseException as exc:
            self.failed = exc  # Envoy marks the VM failed for good after a trap
            raise
        finally:
            self.depth -= 1
            if outer:
                self.callback, self.data = None, CallbackData()
                if self.instance.last_fuel is not None:
                    totals = self.fuel_by_context.setdefault(context, {})
                    totals[export] = totals.get(export, 0) + self.instance.last_fuel
        if outer:
            self._run_after_call()
        return result

    def _run_after_call(self) -> None:
        while self.after_call:
            self.after_call.pop(0)()

    def start(self, export: str) -> None:
        """_initialize/_start: only proxy_log may run (Envoy's restricted start-up)."""
        self.restricted = "start"
        try:
            self.call(export)
        finally:
            self.restricted = None

    def allocate(self, size: int) -> int:
        """The guest allocator, as Envoy calls it from inside a host call."""
        name = "malloc" if self.has("malloc") else "proxy_on_memory_allocate"
        saved, self.restricted = self.restricted, "allocate"
        try:
            return self.instance.call(name, (size,), False) or 0
        finally:
            self.restricted = saved

    # -- host calls ------------------------------------------------------------------
    def call_import(self, name: str, args: tuple[int, ...]) -> int:
        """Every host call from the guest comes here, from either runner."""
        sig = IMPORTS[name]
        args = tuple(WRAP[ty](int(a)) for a, ty in zip(args, sig.param_types))
        if self.restricted and name not in ALLOWED_WHILE_RESTRICTED:
            where = "while the VM starts" if self.restricted == "start" else "inside the allocator"
            raise RestrictedCallError(f"{name} called {where}: Envoy traps (restricted_callback)")
        try:
            return getattr(self.hostcalls, name)(*args)
        except Answer as answer:
            return answer.status
        except HostCallError as err:
            if self.host.strict:
                err.args = (f"{name}: {err.args[0]} (in {self.callback or 'no callback'}, "
                            f"worker {self.worker})",)
                raise
            return err.status
