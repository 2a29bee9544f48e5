"""API-key check: clients send `x-api-key`; the configuration holds the SHA-256 (hex) of each
valid key with the client's name, so no key is stored in clear. A match (compared in constant
time) forwards `x-client-name`; a missing or unknown key gets 401. Paths in "public" are
exempt.

Plugin configuration (JSON):
    {"keys": {"mobile-app": "<sha256 hex of its key>", "partner": "..."}, "public": ["/health"]}
"""
import hashlib
import hmac
import json
from typing import Optional

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_request_header, log_error, log_info,
                     remove_request_header, send_http_response, set_request_header, set_root_context)


def find_client(key: str, keys: dict[str, str]) -> Optional[str]:
    digest = hashlib.sha256(key.encode()).hexdigest()
    found = None
    for client, expected in keys.items():
        if hmac.compare_digest(digest, expected.lower()):
            found = client  # keep looping: the time taken must not depend on which key matched
    return found


class KeyCheck(HttpContext):
    def __init__(self, context_id: int, root: "KeyCheckPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        path = (get_request_header(":path") or "/").split("?")[0]
        if path in self.plugin.public:
            return ACTION_CONTINUE
        key = get_request_header("x-api-key")
        client = find_client(key, self.plugin.keys) if key else None
        if client is None:
            send_http_response(401, [("www-authenticate", 'ApiKey realm="api"')], b"invalid api key\n")
            return ACTION_PAUSE
        remove_request_header("x-api-key")  # do not leak the key upstream
        set_request_header("x-client-name", client)
        return ACTION_CONTINUE


class KeyCheckPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.keys: dict[str, str] = {}
        self.public: list[str] = []

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            config = json.loads(plugin_configuration)
        except ValueError:
            log_error("api-key: configuration is not JSON")
            return False
        self.keys = dict(config.get("keys", {}))
        self.public = list(config.get("public", []))
        log_info(f"api-key: {len(self.keys)} clients")
        return bool(self.keys)

    def new_http_context(self, context_id: int) -> HttpContext:
        return KeyCheck(context_id, self)


set_root_context(KeyCheckPlugin())
