"""Path normalisation: before routing, percent-decode unreserved characters, collapse
repeated slashes, resolve "." and ".." segments (never above the root) and, optionally,
lower-case the path, so that `/api//v1/./users/../items` and `/api/v1/items` hit the same
route and the same policies. The query string is kept as it is. A path that decodes to
something with a NUL or a backslash is refused with 400.

Plugin configuration (JSON): {"lowercase": false}
"""
import json
import re
from urllib.parse import unquote

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (HttpContext, RootContext, get_request_header, log_debug, send_http_response,
                     set_request_header, set_root_context)

SLASHES = re.compile(r"/{2,}")


def normalise(path: str, lowercase: bool = False) -> str:
    path = SLASHES.sub("/", unquote(path))
    segments: list[str] = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment.lower() if lowercase else segment)
    trailing = "/" if path.endswith(("/", "/.", "/..")) and segments else ""
    return "/" + "/".join(segments) + trailing


class Normaliser(HttpContext):
    def __init__(self, context_id: int, root: "NormaliserPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.lowercase = root.lowercase

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        original = get_request_header(":path") or "/"
        path, sep, query = original.partition("?")
        if "\x00" in unquote(path) or "\\" in unquote(path):
            send_http_response(400, [], b"bad path\n")
            return ACTION_PAUSE
        clean = normalise(path, self.lowercase)
        if clean != path:
            log_debug(f"path: {original} -> {clean}{sep}{query}")
            set_request_header(":path", f"{clean}{sep}{query}")
            set_request_header("x-original-path", original)
        return ACTION_CONTINUE


class NormaliserPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.lowercase = False

    def on_configure(self, plugin_configuration: bytes) -> bool:
        if plugin_configuration:
            self.lowercase = json.loads(plugin_configuration).get("lowercase", False)
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Normaliser(context_id, self)


set_root_context(NormaliserPlugin())
