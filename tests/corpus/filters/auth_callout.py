"""Auth callout: hold each request while an external authorization service is asked about
it (GET <path> on an Envoy cluster, forwarding the client's Authorization header). A 200
answer lets the request through with the user from the JSON answer ({"user": "alice"}) as
`x-auth-user`; any other answer, or no answer, is returned to the client as 403.

Plugin configuration (JSON): {"cluster": "ext-authz", "path": "/verify", "timeout_ms": 500}
"""
import json
from dataclasses import dataclass

from abi.enums import ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, dispatch_http_call, get_http_call_response_body,
                     get_http_call_response_headers, get_request_header, log_error, log_info,
                     resume_http_request, send_http_response, set_request_header, set_root_context)


@dataclass
class AuthConfig:
    cluster: str = "ext-authz"
    path: str = "/verify"
    timeout_ms: int = 500


class AuthCallout(HttpContext):
    def __init__(self, context_id: int, root: "AuthCalloutPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.config = root.config

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        headers = [
            (":method", "GET"),
            (":path", self.config.path),
            (":authority", self.config.cluster),
            ("x-original-path", get_request_header(":path") or "/"),
        ]
        if (auth := get_request_header("authorization")) is not None:
            headers.append(("authorization", auth))
        token = dispatch_http_call(self.config.cluster, headers, b"", [], self.config.timeout_ms)
        if token is None:
            log_error(f"auth: cannot reach {self.config.cluster}")
            send_http_response(503, [], b"authorization service unavailable\n")
        return ACTION_PAUSE

    def on_http_call_response(self, token: int, num_headers: int, body_size: int, num_trailers: int) -> None:
        response = dict(get_http_call_response_headers())
        status = int(response.get(":status", "0"))
        if status != 200:
            log_info(f"auth: denied ({status})")
            send_http_response(403, [("x-auth", "denied")], b"forbidden\n")
            return
        try:
            user = json.loads(get_http_call_response_body() or b"{}").get("user", "")
        except json.JSONDecodeError:
            user = ""
        if user:
            set_request_header("x-auth-user", user)
        resume_http_request()


class AuthCalloutPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.config = AuthConfig()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        if plugin_configuration:
            self.config = AuthConfig(**json.loads(plugin_configuration))
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return AuthCallout(context_id, self)


set_root_context(AuthCalloutPlugin())
