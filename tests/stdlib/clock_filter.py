"""A filter reading time's clocks: each request logs time(), time_ns(), monotonic() and
monotonic_ns() at info (test_time.py sets the emulator's clock and reads the line)."""
import time
from time import monotonic_ns

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, log_info, set_root_context


class Clocked(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        log_info(f"{time.time()} {time.time_ns()} {time.monotonic()} {monotonic_ns()}")
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Clocked(context_id, self.context_id)


set_root_context(Root())
