"""Response header scrubbing: remove headers that reveal the backend (Server,
X-Powered-By, X-AspNet-Version, any `x-internal-*`, plus configured names) from responses
before they reach the client, and make every Set-Cookie `Secure; HttpOnly`.

Plugin configuration: extra header names to remove, comma separated (e.g. "x-debug, via").
"""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, get_response_headers, log_info, set_response_headers,
                     set_root_context)

ALWAYS_REMOVED = frozenset({"server", "x-powered-by", "x-aspnet-version"})
INTERNAL_PREFIX = "x-internal-"


def harden_cookie(value: str) -> str:
    attributes = {part.strip().lower() for part in value.split(";")[1:]}
    if "secure" not in attributes:
        value += "; Secure"
    if "httponly" not in attributes:
        value += "; HttpOnly"
    return value


class Scrubber(HttpContext):
    def __init__(self, context_id: int, root: "ScrubPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.removed = ALWAYS_REMOVED | root.extra

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        kept: list[tuple[str, str]] = []
        for name, value in get_response_headers():
            name = name.lower()
            if name in self.removed or name.startswith(INTERNAL_PREFIX):
                continue
            kept.append((name, harden_cookie(value) if name == "set-cookie" else value))
        set_response_headers(kept)
        return ACTION_CONTINUE


class ScrubPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.extra: frozenset[str] = frozenset()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        names = plugin_configuration.decode().split(",")
        self.extra = frozenset(n.strip().lower() for n in names if n.strip())
        log_info(f"scrub: removing {sorted(ALWAYS_REMOVED | self.extra)}")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Scrubber(context_id, self)


set_root_context(ScrubPlugin())
