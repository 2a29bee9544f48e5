"""CORS: answer preflight requests (OPTIONS with Origin and Access-Control-Request-Method)
directly with 204, and add Access-Control-Allow-Origin to ordinary responses when the
request's Origin is allowed.

Plugin configuration (JSON):
    {"allowed_origins": ["https://app.example.com"], "allowed_methods": ["GET", "POST"],
     "allowed_headers": ["authorization", "content-type"], "max_age": 600}
"""
import json
from dataclasses import dataclass, field
from typing import Optional

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_request_header, log_info, send_http_response,
                     set_response_header, set_root_context)


@dataclass
class CorsPolicy:
    origins: set[str] = field(default_factory=set)
    methods: list[str] = field(default_factory=lambda: ["GET", "HEAD", "POST"])
    headers: list[str] = field(default_factory=list)
    max_age: int = 600

    def allows(self, origin: Optional[str]) -> bool:
        return origin is not None and ("*" in self.origins or origin in self.origins)


class Cors(HttpContext):
    def __init__(self, context_id: int, root: "CorsPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.policy = root.policy
        self.origin: Optional[str] = None

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        self.origin = get_request_header("origin")
        method = get_request_header(":method")
        wanted = get_request_header("access-control-request-method")
        if method == "OPTIONS" and self.origin and wanted:
            if not self.policy.allows(self.origin) or wanted.upper() not in self.policy.methods:
                send_http_response(403, [], b"CORS preflight refused\n")
                return ACTION_PAUSE
            headers = [
                ("access-control-allow-origin", self.origin),
                ("access-control-allow-methods", ", ".join(self.policy.methods)),
                ("access-control-allow-headers", ", ".join(self.policy.headers)),
                ("access-control-max-age", str(self.policy.max_age)),
                ("vary", "Origin"),
            ]
            send_http_response(204, headers, b"")
            return ACTION_PAUSE
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        if self.policy.allows(self.origin):
            set_response_header("access-control-allow-origin", self.origin or "")
            set_response_header("vary", "Origin")
        return ACTION_CONTINUE


class CorsPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.policy = CorsPolicy()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        raw = json.loads(plugin_configuration.decode() or "{}")
        self.policy = CorsPolicy(
            origins=set(raw.get("allowed_origins", [])),
            methods=[m.upper() for m in raw.get("allowed_methods", ["GET", "HEAD", "POST"])],
            headers=raw.get("allowed_headers", []),
            max_age=int(raw.get("max_age", 600)),
        )
        log_info(f"cors: {len(self.policy.origins)} origins allowed")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Cors(context_id, self)


set_root_context(CorsPlugin())
