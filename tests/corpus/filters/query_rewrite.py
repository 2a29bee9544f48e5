"""Query-string rewrite: strip tracking parameters (utm_*, fbclid, gclid), rename legacy
parameters to their new names, add fixed ones, and sort what is left so caches see one
spelling per query. The path itself is unchanged.

Plugin configuration (JSON):
    {"drop": ["fbclid", "gclid"], "drop_prefixes": ["utm_"], "rename": {"q": "query"},
     "add": {"source": "edge"}}
"""
import json
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from abi.enums import ACTION_CONTINUE
from abi.sdk import HttpContext, RootContext, get_request_header, log_debug, set_request_header, set_root_context


@dataclass
class Rules:
    drop: list[str] = field(default_factory=list)
    drop_prefixes: list[str] = field(default_factory=lambda: ["utm_"])
    rename: dict[str, str] = field(default_factory=dict)
    add: dict[str, str] = field(default_factory=dict)

    def rewrite(self, query: str) -> str:
        params = [
            (self.rename.get(name, name), value)
            for name, value in parse_qsl(query, keep_blank_values=True)
            if name not in self.drop and not name.startswith(tuple(self.drop_prefixes))
        ]
        params.extend(self.add.items())
        return urlencode(sorted(params))


class Rewriter(HttpContext):
    def __init__(self, context_id: int, root: "RewritePlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.rules = root.rules

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        path = get_request_header(":path") or "/"
        parts = urlsplit(path)
        query = self.rules.rewrite(parts.query)
        new_path = urlunsplit(("", "", parts.path, query, parts.fragment))
        if new_path != path:
            log_debug(f"query-rewrite: {path} -> {new_path}")
            set_request_header(":path", new_path)
        return ACTION_CONTINUE


class RewritePlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.rules = Rules()

    def on_configure(self, plugin_configuration: bytes) -> bool:
        config = json.loads(plugin_configuration or "{}")
        self.rules = Rules(
            drop=config.get("drop", []),
            drop_prefixes=config.get("drop_prefixes", ["utm_"]),
            rename=config.get("rename", {}),
            add=config.get("add", {}),
        )
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Rewriter(context_id, self)


set_root_context(RewritePlugin())
