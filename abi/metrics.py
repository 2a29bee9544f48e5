"""Metrics (proxy_define_metric and friends): counters, gauges and histograms."""
from abi.enums import METRIC_COUNTER, METRIC_GAUGE, METRIC_HISTOGRAM, STATUS_NOT_FOUND, STATUS_OK
from abi.imports import proxy_define_metric, proxy_get_metric, proxy_increment_metric, proxy_record_metric
from abi.intrinsics import load_i64, load_u32, text_ptr, text_size
from abi.wire import scratch_words

# -- metrics ----------------------------------------------------------------------------
def define_metric(metric_type: int, name: str) -> int | None:
    """proxy_define_metric (``METRIC_*``); not at start-up: in on_vm_start or on_configure."""
    out = scratch_words()
    if proxy_define_metric(metric_type, text_ptr(name), text_size(name), out) != STATUS_OK:
        return None
    return load_u32(out)


def increment_metric(metric_id: int, delta: int) -> int:
    """proxy_increment_metric (counters only go up); any callback after start-up."""
    return proxy_increment_metric(metric_id, delta)


def record_metric(metric_id: int, value: int) -> int:
    """proxy_record_metric: set a gauge, or add a sample to a histogram; any callback after start-up."""
    return proxy_record_metric(metric_id, value)


def get_metric(metric_id: int) -> int | None:
    """proxy_get_metric; any callback after start-up."""
    out = scratch_words()
    if proxy_get_metric(metric_id, out) != STATUS_OK:
        return None
    return load_i64(out)


class Metric:
    """A named metric, defined with the host on first use, so creating one is safe anywhere
    (even at start-up, when Envoy forbids host calls). If the host refuses the definition,
    updates return STATUS_NOT_FOUND and the filter keeps serving."""

    def __init__(self, metric_type: int, name: str) -> None:
        self.metric_type = metric_type
        self.name = name
        self.metric_id = -1

    def defined_id(self) -> int:
        if self.metric_id < 0:
            defined = define_metric(self.metric_type, self.name)
            if defined is not None:
                self.metric_id = defined
        return self.metric_id

    def value(self) -> int | None:
        """proxy_get_metric."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return None
        return get_metric(metric_id)


class Counter(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_COUNTER, name)

    def increment(self, delta: int = 1) -> int:
        """proxy_increment_metric."""
        if self.metric_id >= 0:  # defined: the usual case, one host call
            return proxy_increment_metric(self.metric_id, delta)
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return increment_metric(metric_id, delta)


class Gauge(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_GAUGE, name)

    def set(self, value: int) -> int:
        """proxy_record_metric."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return record_metric(metric_id, value)

    def add(self, delta: int) -> int:
        """proxy_increment_metric (a gauge may go down)."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return increment_metric(metric_id, delta)


class Histogram(Metric):
    def __init__(self, name: str) -> None:
        super().__init__(METRIC_HISTOGRAM, name)

    def record(self, value: int) -> int:
        """proxy_record_metric: one sample."""
        metric_id = self.defined_id()
        if metric_id < 0:
            return STATUS_NOT_FOUND
        return record_metric(metric_id, value)
