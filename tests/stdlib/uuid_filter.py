"""A filter giving each request an x-request-id (a fresh uuid4() unless the client sent a UUID),
echoed on the response and logged: uuid in the emulator and in a real Envoy
(tests/e2e/test_uuid_envoy.py, tests/stdlib/test_uuid.py)."""
import uuid

from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, get_request_header, log_info, set_request_header,
                     set_response_header, set_root_context)


class RequestId(HttpContext):
    def __init__(self, context_id: int, root_id: int) -> None:
        super().__init__(context_id, root_id)
        self.request_id = ""

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        incoming = get_request_header("x-request-id")
        made = str(uuid.UUID(incoming)) if incoming else str(uuid.uuid4())
        set_request_header("x-request-id", made)
        self.request_id = made
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        set_response_header("x-request-id", self.request_id)
        return ACTION_CONTINUE

    def on_log(self) -> None:
        log_info("request " + self.request_id)


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return RequestId(context_id, self.context_id)


set_root_context(Root())
