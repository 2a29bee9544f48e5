"""Metrics: count requests per method class, track requests in flight, record path lengths."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (Counter, Gauge, Histogram, HttpContext, RootContext, get_request_header,
                     set_response_header, set_root_context)


class Measured(HttpContext):
    def __init__(self, context_id: int, root: "MetricsPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        method = get_request_header(":method")
        if method is not None and (method == "GET" or method == "HEAD"):
            self.plugin.reads.increment()
        else:
            self.plugin.writes.increment()
        self.plugin.in_flight.add(1)
        path = get_request_header(":path")
        if path is not None:
            self.plugin.path_length.record(len(path))
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        total = self.plugin.reads.value()
        if total is not None:
            set_response_header("x-reads-so-far", str(total))
        return ACTION_CONTINUE

    def on_done(self) -> None:
        self.plugin.in_flight.add(-1)


class MetricsPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.reads = Counter("example.requests.read")
        self.writes = Counter("example.requests.write")
        self.in_flight = Gauge("example.requests.in_flight")
        self.path_length = Histogram("example.path_length")

    def new_http_context(self, context_id: int) -> HttpContext:
        return Measured(context_id, self)


set_root_context(MetricsPlugin())
