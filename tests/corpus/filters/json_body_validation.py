"""JSON body validation: buffer a POST/PUT body with content-type application/json, check
it parses and that the configured fields are present with the right JSON types, and answer
400 with a JSON error document otherwise.

Plugin configuration (JSON): {"required": {"name": "string", "age": "number", "tags": "array"},
                              "max_bytes": 65536}
"""
import json
from typing import Any

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_http_request_body, get_request_header, log_info,
                     send_http_response, set_root_context)

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def problems(document: Any, required: dict[str, str]) -> list[str]:
    if not isinstance(document, dict):
        return ["body must be a JSON object"]
    found = []
    for name, kind in required.items():
        if name not in document:
            found.append(f"missing field '{name}'")
        elif not isinstance(document[name], JSON_TYPES[kind]) or (kind == "number" and isinstance(document[name], bool)):
            found.append(f"field '{name}' must be a {kind}")
    return found


def bad_request(errors: list[str]) -> int:
    body = json.dumps({"error": "invalid request body", "details": errors}).encode()
    send_http_response(400, [("content-type", "application/json")], body)
    return ACTION_PAUSE


class Validator(HttpContext):
    def __init__(self, context_id: int, root: "ValidatorPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root
        self.checking = False

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        method = get_request_header(":method") or "GET"
        content_type = (get_request_header("content-type") or "").split(";")[0].strip().lower()
        self.checking = method in ("POST", "PUT", "PATCH") and content_type == "application/json"
        return ACTION_CONTINUE

    def on_request_body(self, body_size: int, end_of_stream: bool) -> int:
        if not self.checking:
            return ACTION_CONTINUE
        if body_size > self.plugin.max_bytes:
            return bad_request([f"body larger than {self.plugin.max_bytes} bytes"])
        if not end_of_stream:
            return ACTION_PAUSE  # buffer until the whole body is here
        try:
            document = json.loads(get_http_request_body() or b"")
        except json.JSONDecodeError as e:
            return bad_request([f"not JSON: {e.msg} at line {e.lineno} column {e.colno}"])
        errors = problems(document, self.plugin.required)
        if errors:
            return bad_request(errors)
        return ACTION_CONTINUE


class ValidatorPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.required: dict[str, str] = {}
        self.max_bytes = 65536

    def on_configure(self, plugin_configuration: bytes) -> bool:
        config = json.loads(plugin_configuration)
        self.required = config.get("required", {})
        self.max_bytes = config.get("max_bytes", 65536)
        unknown = [kind for kind in self.required.values() if kind not in JSON_TYPES]
        if unknown:
            log_info(f"json-validation: unknown types {unknown}")
            return False
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Validator(context_id, self)


set_root_context(ValidatorPlugin())
