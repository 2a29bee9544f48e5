"""Tick-driven counter: counts requests and, every tick, publishes the count of the last
period to shared data ("tick_counter.last") and logs it."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, log_info, set_root_context, set_shared_data,
                     set_tick_period_milliseconds)


class Counted(HttpContext):
    def __init__(self, context_id: int, root: "TickCounter") -> None:
        super().__init__(context_id, root.context_id)
        self.counter = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        self.counter.count += 1
        return ACTION_CONTINUE


class TickCounter(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.ticks = 0

    def on_configure(self, plugin_configuration: bytes) -> bool:
        return set_tick_period_milliseconds(1000) == 0

    def on_tick(self) -> None:
        self.ticks += 1
        set_shared_data("tick_counter.last", str(self.count).encode())
        log_info(f"tick {self.ticks}: {self.count} requests")
        self.count = 0

    def new_http_context(self, context_id: int) -> HttpContext:
        return Counted(context_id, self)


set_root_context(TickCounter())
