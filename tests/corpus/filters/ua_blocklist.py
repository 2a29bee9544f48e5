"""User-agent block list: refuse (403) requests whose User-Agent matches a shell-style
pattern ("*sqlmap*", "curl/*") or a regular expression, case-insensitively; a request
without a User-Agent is refused when "block_empty" is true. Counts blocked requests in the
`ua_blocklist.blocked` metric.

Plugin configuration (JSON):
    {"globs": ["*sqlmap*", "*nikto*"], "regexes": ["^python-requests/\\d"], "block_empty": true}
"""
import fnmatch
import json
import re

from abi.enums import ACTION_CONTINUE, ACTION_PAUSE
from abi.sdk import (Counter, HttpContext, RootContext, get_request_header, log_error, log_info,
                     send_http_response, set_root_context)


class Blocker(HttpContext):
    def __init__(self, context_id: int, root: "BlockListPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def blocked(self, agent: str) -> bool:
        agent = agent.lower()
        return (any(fnmatch.fnmatch(agent, glob) for glob in self.plugin.globs)
                or any(pattern.search(agent) for pattern in self.plugin.regexes))

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        agent = get_request_header("user-agent")
        if (agent is None and self.plugin.block_empty) or (agent is not None and self.blocked(agent)):
            self.plugin.counter.increment(1)
            log_info(f"ua-blocklist: blocked {agent!r}")
            send_http_response(403, [], b"forbidden\n")
            return ACTION_PAUSE
        return ACTION_CONTINUE


class BlockListPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.globs: list[str] = []
        self.regexes: list[re.Pattern[str]] = []
        self.block_empty = False
        self.counter = Counter("ua_blocklist.blocked")

    def on_configure(self, plugin_configuration: bytes) -> bool:
        try:
            config = json.loads(plugin_configuration)
            self.globs = [glob.lower() for glob in config.get("globs", [])]
            self.regexes = [re.compile(rx, re.IGNORECASE) for rx in config.get("regexes", [])]
        except (ValueError, re.error) as e:
            log_error(f"ua-blocklist: bad configuration: {e}")
            return False
        self.block_empty = config.get("block_empty", False)
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Blocker(context_id, self)


set_root_context(BlockListPlugin())
