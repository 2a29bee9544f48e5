"""A filter reading the host's clock through datetime: each request logs now(timezone.utc),
now() at a fixed offset and utcnow() at info (test_datetime.py sets the emulator's clock)."""
from datetime import datetime, timedelta, timezone

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, log_info, set_root_context

PLUS_ONE = timezone(timedelta(hours=1))


class Clocked(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        now = datetime.now(timezone.utc)
        log_info(f"{now.isoformat()} {datetime.now(PLUS_ONE)!r} {datetime.utcnow()!r} {now.timestamp()}")
        return ACTION_CONTINUE


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Clocked(context_id, self.context_id)


set_root_context(Root())
