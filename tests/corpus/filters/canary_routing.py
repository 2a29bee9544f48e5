"""Canary routing: send a fixed share of users to the canary deployment by setting
`x-route: canary` (the route table matches on it), `x-route: stable` otherwise. A user is
identified by the `x-user-id` header or the `uid` cookie, and hashed, so one user always
lands on the same side. `x-canary: always|never` or the cookie `canary=always|never`
overrides the choice (for testers).

Plugin configuration (JSON): {"percent": 10, "salt": "release-42"}
"""
import hashlib
import json
from typing import Optional

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, get_request_header, log_info, set_request_header, set_root_context


def parse_cookies(header: Optional[str]) -> dict[str, str]:
    pairs = [part.strip().partition("=") for part in (header or "").split(";")]
    return {name: value for name, sep, value in pairs if sep}


def bucket(user: str, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}:{user}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 100


class Router(HttpContext):
    def __init__(self, context_id: int, root: "CanaryPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def choose(self) -> str:
        cookies = parse_cookies(get_request_header("cookie"))
        forced = get_request_header("x-canary") or cookies.get("canary")
        if forced == "always":
            return "canary"
        if forced == "never":
            return "stable"
        user = get_request_header("x-user-id") or cookies.get("uid")
        if not user:
            return "stable"
        return "canary" if bucket(user, self.plugin.salt) < self.plugin.percent else "stable"

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        set_request_header("x-route", self.choose())
        return ACTION_CONTINUE


class CanaryPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.percent = 0
        self.salt = ""

    def on_configure(self, plugin_configuration: bytes) -> bool:
        config = json.loads(plugin_configuration or b"{}")
        self.percent = max(0, min(100, int(config.get("percent", 0))))
        self.salt = str(config.get("salt", ""))
        log_info(f"canary: {self.percent}% of users")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Router(context_id, self)


set_root_context(CanaryPlugin())
