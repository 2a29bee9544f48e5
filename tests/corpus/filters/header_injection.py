"""Header injection: add fixed headers to every request on its way upstream and to every
response on its way back, e.g. an environment tag or security headers.

Plugin configuration (JSON):
    {"request": {"x-env": "prod"}, "response": {"strict-transport-security": "max-age=63072000"}}
Both keys are optional; a header already present is overwritten.
"""
import json
from dataclasses import dataclass, field
from typing import Any

from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, log_error, log_info, set_request_header,
                     set_response_header, set_root_context)


@dataclass
class Config:
    request: dict[str, str] = field(default_factory=dict)
    response: dict[str, str] = field(default_factory=dict)


def parse_headers(raw: Any) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValueError("expected an object of header names to values")
    return {str(name).lower(): str(value) for name, value in raw.items()}


class Injector(HttpContext):
    def __init__(self, context_id: int, root: "InjectorPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.config = root.config

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        for name, value in self.config.request.items():
            set_request_header(name, value)
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        for name, value in self.config.response.items():
            set_response_header(name, value)
        return ACTION_CONTINUE


class InjectorPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.config = Config()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            raw = json.loads(plugin_configuration or b"{}")
            self.config = Config(parse_headers(raw.get("request")), parse_headers(raw.get("response")))
        except (ValueError, AttributeError) as e:
            log_error(f"header-injection: bad configuration: {e}")
            return False
        log_info(f"header-injection: {len(self.config.request)} request, "
                 f"{len(self.config.response)} response headers")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Injector(context_id, self)


set_root_context(InjectorPlugin())
