"""Callout-based auth check: every request is held while an auth service (an Envoy
cluster) is asked about it; 200 lets the request through, anything else gets 403.

Plugin configuration: "<cluster> <path>", e.g. "auth /check".
"""
from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, dispatch_http_call, get_http_call_response_headers,
                     get_request_header, log_error, log_warn, resume_http_request, send_http_response,
                     set_request_header, set_root_context)


class AuthCheck(HttpContext):
    def __init__(self, context_id: int, root: "AuthPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        headers = [(":method", "GET"), (":path", self.plugin.path), (":authority", "auth")]
        credentials = get_request_header("authorization")
        if credentials is not None:
            headers.append(("authorization", credentials))
        token = dispatch_http_call(self.plugin.cluster, headers, b"", [], 5000)
        if token is None:
            log_error(f"auth: cannot call cluster '{self.plugin.cluster}'")
            send_http_response(503, [], b"auth service unavailable\n", "auth_unavailable")
            return ACTION_PAUSE
        return ACTION_PAUSE

    def on_http_call_response(self, token: int, num_headers: int, body_size: int, num_trailers: int) -> None:
        status = ""
        for name, value in get_http_call_response_headers():
            if name == ":status":
                status = value
        if status == "200":
            set_request_header("x-auth", "checked")
            resume_http_request()
            return
        log_warn(f"auth: denied with status '{status}'")
        send_http_response(403, [("x-auth", "denied")], b"forbidden\n", "auth_denied")


class AuthPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.cluster = ""
        self.path = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        parts = plugin_configuration.decode().split()
        if len(parts) != 2 or not parts[1].startswith("/"):
            log_error("auth: the configuration must be '<cluster> <path>'")
            return False
        self.cluster = parts[0]
        self.path = parts[1]
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return AuthCheck(context_id, self)


set_root_context(AuthPlugin())
