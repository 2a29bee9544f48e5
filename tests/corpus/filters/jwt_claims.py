"""JWT claims check: read `Authorization: Bearer <jwt>`, decode the payload (base64url JSON),
and require that the token has not expired, comes from the configured issuer and, for paths
under /admin, carries the "admin" role. The subject is forwarded as `x-user`.
The signature is not verified here (that is the job of Envoy's jwt_authn filter upstream).

Plugin configuration (JSON): {"issuer": "https://auth.example.com"}
"""
import base64
import json
from typing import Any, Optional

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_current_time_nanoseconds, get_request_header,
                     log_warn, send_http_response, set_request_header, set_root_context)


def decode_segment(segment: str) -> dict[str, Any]:
    padded = segment + "=" * (-len(segment) % 4)
    return json.loads(base64.urlsafe_b64decode(padded))


def reject(reason: str) -> int:
    log_warn(f"jwt: rejected: {reason}")
    send_http_response(401, [("www-authenticate", f'Bearer error="{reason}"')], b"unauthorized\n")
    return ACTION_PAUSE


class ClaimsCheck(HttpContext):
    def __init__(self, context_id: int, root: "JwtPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.issuer = root.issuer

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        auth = get_request_header("authorization") or ""
        if not auth.startswith("Bearer "):
            return reject("missing bearer token")
        try:
            _header, payload, _signature = auth[len("Bearer "):].split(".")
            claims = decode_segment(payload)
        except ValueError:
            return reject("malformed token")
        now = get_current_time_nanoseconds() // 1_000_000_000
        if claims["exp"] < now:
            return reject("token expired")
        if claims.get("iss") != self.issuer:
            return reject("wrong issuer")
        path = get_request_header(":path") or "/"
        if path.startswith("/admin") and "admin" not in claims.get("roles", []):
            return reject("admin role required")
        subject: Optional[str] = claims.get("sub")
        if subject:
            set_request_header("x-user", subject)
        return ACTION_CONTINUE


class JwtPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.issuer = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        config = json.loads(plugin_configuration)
        self.issuer = config["issuer"]
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return ClaimsCheck(context_id, self)


set_root_context(JwtPlugin())
