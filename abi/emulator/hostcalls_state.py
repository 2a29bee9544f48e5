"""Host functions of state the host keeps beyond one stream: shared data, shared queues, metrics."""
from __future__ import annotations

from abi.enums import (METRIC_COUNTER, METRIC_GAUGE, METRIC_HISTOGRAM, STATUS_BAD_ARGUMENT,
                       STATUS_CAS_MISMATCH, STATUS_EMPTY, STATUS_NOT_FOUND, STATUS_OK)

from .errors import BadArgumentError
from .hostcalls_base import HostCallsBase, NotFound
from .table import u32


class StateCalls(HostCallsBase):
    # -- shared data and queues ---------------------------------------------------------
    def proxy_get_shared_data(self, key_data: int, key_size: int, return_value_data: int,
                              return_value_size: int, return_cas: int) -> int:
        key = self._read(key_data, key_size)
        entry = self.host.get_shared(self.vm.plugin.vm_id, key)
        if entry is None:
            return STATUS_NOT_FOUND  # and the out-parameters stay untouched
        status = self._give(entry.value, return_value_data, return_value_size)
        self.memory.write_u32(return_cas, entry.cas)
        if self.host.after_shared_get is not None:
            self.host.after_shared_get()
        return status

    def proxy_set_shared_data(self, key_data: int, key_size: int, value_data: int,
                              value_size: int, cas: int) -> int:
        key, value = self._read(key_data, key_size), self._read(value_data, value_size)
        if not self.host.set_shared(self.vm.plugin.vm_id, key, value, u32(cas)):
            return STATUS_CAS_MISMATCH
        return STATUS_OK

    def proxy_register_shared_queue(self, name_data: int, name_size: int,
                                    return_queue_id: int) -> int:
        name = self._read(name_data, name_size).decode(errors="replace")
        queue = self.host.register_queue(self.vm.plugin.vm_id, name, (self.vm, self._root().id))
        self.memory.write_u32(return_queue_id, queue.id)
        return STATUS_OK

    def proxy_resolve_shared_queue(self, vm_id_data: int, vm_id_size: int, name_data: int,
                                   name_size: int, return_queue_id: int) -> int:
        vm_id = self._read(vm_id_data, vm_id_size).decode(errors="replace") or self.vm.plugin.vm_id
        name = self._read(name_data, name_size).decode(errors="replace")
        queue = self.host.find_queue(vm_id, name)
        if queue is None:
            return STATUS_NOT_FOUND
        self.memory.write_u32(return_queue_id, queue.id)
        return STATUS_OK

    def proxy_enqueue_shared_queue(self, queue_id: int, value_data: int, value_size: int) -> int:
        value = self._read(value_data, value_size)
        if not self.vm.plugin._enqueue(u32(queue_id), value):
            return STATUS_NOT_FOUND
        return STATUS_OK

    def proxy_dequeue_shared_queue(self, queue_id: int, return_value_data: int,
                                   return_value_size: int) -> int:
        queue = self.host.queues.get(u32(queue_id))
        if queue is None:
            return STATUS_NOT_FOUND
        if not queue.items:
            return STATUS_EMPTY
        return self._give(queue.items.popleft(), return_value_data, return_value_size)

    # -- metrics -----------------------------------------------------------------------------
    def proxy_define_metric(self, metric_type: int, name_data: int, name_size: int,
                            return_metric_id: int) -> int:
        name = self._read(name_data, name_size).decode(errors="replace")
        if not METRIC_COUNTER <= metric_type <= METRIC_HISTOGRAM:
            raise BadArgumentError(f"metric type {metric_type} is not a MetricType")
        metric = self.host.metric(name, metric_type)
        for metric_id, known in self.vm.metric_ids.items():  # defining twice: the same id
            if known is metric:
                break
        else:  # Envoy numbers each type apart, the type in the low 2 bits: 4, 8.. / 5, 9.. / 6..
            same_type = sum(1 for i in self.vm.metric_ids if i & 3 == metric_type)
            metric_id = (same_type + 1) * 4 + metric_type
            self.vm.metric_ids[metric_id] = metric
        self.memory.write_u32(return_metric_id, metric_id)
        return STATUS_OK

    def _metric(self, metric_id: int):
        metric = self.vm.metric_ids.get(u32(metric_id))
        if metric is None:
            raise NotFound(f"no metric with id {u32(metric_id)}")
        return metric

    def proxy_increment_metric(self, metric_id: int, offset: int) -> int:
        metric = self._metric(metric_id)
        if metric.type == METRIC_HISTOGRAM or (metric.type == METRIC_COUNTER and offset <= 0):
            return STATUS_BAD_ARGUMENT  # counters only go up; histograms take samples
        metric.value += offset
        return STATUS_OK

    def proxy_record_metric(self, metric_id: int, value: int) -> int:
        metric = self._metric(metric_id)
        value &= 0xFFFFFFFFFFFFFFFF  # a u64
        if metric.type == METRIC_COUNTER:
            metric.value += value    # Envoy adds to a counter
        elif metric.type == METRIC_GAUGE:
            metric.value = value
        else:
            metric.samples.append(value)
        return STATUS_OK

    def proxy_get_metric(self, metric_id: int, return_value: int) -> int:
        metric = self._metric(metric_id)
        if metric.type == METRIC_HISTOGRAM:
            return STATUS_BAD_ARGUMENT
        self.memory.write_u64(return_value, metric.value)
        return STATUS_OK
