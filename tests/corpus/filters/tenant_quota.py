"""Per-tenant quota: each tenant (the `x-tenant-id` header) may make a configured number of
requests per minute, counted across all Envoy workers in shared data (with CAS retries).
Requests over the quota get 429 with `retry-after`; every response carries
`x-quota-remaining`. Requests without a tenant are refused with 400.

Plugin configuration (JSON): {"default_limit": 100, "limits": {"acme": 1000, "free-tier": 10}}
"""
import json
from typing import Optional

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE, STATUS_OK
from abi.sdk import (HttpContext, RootContext, get_current_time_nanoseconds, get_request_header,
                     get_shared_data, log_warn, send_http_response, set_response_header, set_root_context,
                     set_shared_data)

WINDOW_SECONDS = 60


class Quota(HttpContext):
    def __init__(self, context_id: int, root: "QuotaPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root
        self.remaining: Optional[int] = None

    def take(self, tenant: str, window: int) -> Optional[int]:
        """Count one request; the requests left, or None when over the limit."""
        limit = self.plugin.limits.get(tenant, self.plugin.default_limit)
        key = f"quota:{tenant}:{window}"
        for _attempt in range(5):
            current = get_shared_data(key)
            used = int(current.value) if current.value else 0
            if used >= limit:
                return None
            if set_shared_data(key, str(used + 1).encode(), current.cas) == STATUS_OK:
                return limit - used - 1
        log_warn(f"quota: contention on {key}, letting the request through")
        return 0

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        tenant = get_request_header("x-tenant-id")
        if not tenant:
            send_http_response(400, [], b"missing x-tenant-id\n")
            return ACTION_PAUSE
        now = get_current_time_nanoseconds() // 10**9
        window = now // WINDOW_SECONDS
        self.remaining = self.take(tenant, window)
        if self.remaining is None:
            retry_after = WINDOW_SECONDS - now % WINDOW_SECONDS
            send_http_response(429, [("retry-after", str(retry_after))], b"quota exceeded\n")
            return ACTION_PAUSE
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        set_response_header("x-quota-remaining", str(self.remaining or 0))
        return ACTION_CONTINUE


class QuotaPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.default_limit = 100
        self.limits: dict[str, int] = {}

    def on_configure(self, plugin_configuration: bytes) -> bool:
        config = json.loads(plugin_configuration.decode())
        self.default_limit = int(config.get("default_limit", 100))
        self.limits = {tenant: int(n) for tenant, n in config.get("limits", {}).items()}
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Quota(context_id, self)


set_root_context(QuotaPlugin())
