"""Request id: give every request an `x-request-id` (a fresh UUID4 unless the client sent a
well-formed one), echo it on the response, and log one access line per request with it.

Plugin configuration: none (an optional header name as plain text, default x-request-id).
"""
import re
import uuid
from typing import Optional

from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, get_request_header, get_response_header, log_info,
                     set_request_header, set_response_header, set_root_context)

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


class RequestId(HttpContext):
    def __init__(self, context_id: int, root: "RequestIdPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.header = root.header
        self.request_id: Optional[str] = None
        self.path = ""

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        incoming = get_request_header(self.header)
        if incoming and UUID_RE.match(incoming):
            self.request_id = incoming.lower()
        else:
            self.request_id = str(uuid.uuid4())
            set_request_header(self.header, self.request_id)
        self.path = get_request_header(":path") or "/"
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        if self.request_id:
            set_response_header(self.header, self.request_id)
        return ACTION_CONTINUE

    def on_log(self) -> None:
        status = get_response_header(":status") or "-"
        log_info(f"{self.request_id} {self.path} {status}")


class RequestIdPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.header = "x-request-id"

    def on_configure(self, plugin_configuration: bytes) -> bool:
        self.header = plugin_configuration.decode().strip().lower() or "x-request-id"
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return RequestId(context_id, self)


set_root_context(RequestIdPlugin())
