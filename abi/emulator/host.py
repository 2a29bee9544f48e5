"""Host state shared by every VM of a plugin, as an Envoy process shares it among workers.

Shared data (with Envoy's CAS rules), shared queues, metrics, logs, the clock,
the upstream clusters HTTP callouts go to and the gRPC services. Per-VM
state (contexts, memory) lives in vm.py.
"""
from __future__ import annotations

import collections
import random
from dataclasses import dataclass, field
from typing import Any, Callable

from abi.enums import LOG_INFO, METRIC_COUNTER, METRIC_GAUGE, METRIC_HISTOGRAM

DEFAULT_EPOCH_NS = 1_700_000_000 * 10**9  # 2023-11-14T22:13:20Z: a fixed start, so runs repeat
LEVEL_NAMES = ("trace", "debug", "info", "warn", "error", "critical")


@dataclass
class SharedValue:
    value: bytes
    cas: int


@dataclass
class SharedQueue:
    id: int
    vm_id: str
    name: str
    items: collections.deque = field(default_factory=collections.deque)
    owner: Any = None          # (Vm, root context id) of the last registrant: gets on_queue_ready


@dataclass
class Metric:
    name: str
    type: int
    value: int = 0
    samples: list[int] = field(default_factory=list)

    @property
    def reading(self) -> int | list[int]:
        return list(self.samples) if self.type == METRIC_HISTOGRAM else self.value


@dataclass(frozen=True)
class LogRecord:
    level: int
    message: str
    worker: int
    context_id: int

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level] if 0 <= self.level < len(LEVEL_NAMES) else str(self.level)


class Host:
    """Process-wide state. ``strict`` makes ABI misuse raise (else: Envoy's status codes)."""

    def __init__(self, *, strict: bool = True, clock_ns: int = DEFAULT_EPOCH_NS,
                 log_level: int = LOG_INFO, random_seed: int | None = 0):
        self.strict = strict
        # WASI random_get's source: seeded (0 unless told), so runs repeat; None seeds from the OS.
        self.random = random.Random(random_seed)
        self.clock_ns = clock_ns
        self.log_level = log_level
        self.shared_data: dict[str, dict[bytes, SharedValue]] = {}
        self._cas = 0
        self.queues: dict[int, SharedQueue] = {}
        self.metrics: dict[str, Metric] = {}
        self.log_records: list[LogRecord] = []
        # Async work for after the current VM call returns (callout answers, queue-ready).
        self.events: collections.deque[Callable[[], None]] = collections.deque()
        self.after_shared_get: Callable[[], None] | None = None  # test hook (races)

    # -- shared data (proxy-wasm-abi.md §5) --------------------------------------
    def get_shared(self, vm_id: str, key: bytes) -> SharedValue | None:
        return self.shared_data.get(vm_id, {}).get(key)

    def set_shared(self, vm_id: str, key: bytes, value: bytes, cas: int) -> bool:
        """False on a CAS mismatch. CAS 0 writes unconditionally; a non-zero CAS on a
        missing key also succeeds (Envoy cannot make creation atomic)."""
        entries = self.shared_data.setdefault(vm_id, {})
        current = entries.get(key)
        if cas != 0 and current is not None and current.cas != cas:
            return False
        entries[key] = SharedValue(bytes(value), self._next_cas())
        return True

    def _next_cas(self) -> int:
        """One process-wide counter starting at 1 and skipping 0 on wrap-around."""
        self._cas = (self._cas + 1) & 0xFFFFFFFF or 1
        return self._cas

    # -- queues (§7) -------------------------------------------------------------------
    def register_queue(self, vm_id: str, name: str, owner: Any) -> SharedQueue:
        queue = self.find_queue(vm_id, name)
        if queue is None:
            queue = SharedQueue(len(self.queues) + 1, vm_id, name)
            self.queues[queue.id] = queue
        queue.owner = owner  # the last registrant wins
        return queue

    def find_queue(self, vm_id: str, name: str) -> SharedQueue | None:
        return next((q for q in self.queues.values() if (q.vm_id, q.name) == (vm_id, name)), None)

    # -- metrics (§8) -------------------------------------------------------------------
    def metric(self, name: str, metric_type: int) -> Metric:
        """The Envoy stat ``name``: one per process, whichever VM defines it."""
        if name not in self.metrics:
            self.metrics[name] = Metric(name, metric_type)
        return self.metrics[name]

    # -- logs ------------------------------------------------------------------------------
    def log(self, level: int, message: str, worker: int = -1, context_id: int = 0) -> None:
        self.log_records.append(LogRecord(level, message, worker, context_id))


__all__ = ["Host", "SharedValue", "SharedQueue", "Metric", "LogRecord", "METRIC_COUNTER",
           "METRIC_GAUGE", "METRIC_HISTOGRAM", "DEFAULT_EPOCH_NS"]
