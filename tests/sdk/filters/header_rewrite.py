"""Header rewrite: tag each request with the client IP and a request number, drop a
header the client must not set, and stamp the response with the plugin's greeting."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, get_downstream_ip, get_request_header, log_info,
                     remove_request_header, set_request_header, set_response_header, set_root_context)


class Tagger(HttpContext):
    def __init__(self, context_id: int, root: "Greeter") -> None:
        super().__init__(context_id, root.context_id)
        self.greeter = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        self.greeter.requests += 1
        client = get_downstream_ip()
        if client is not None:
            set_request_header("x-client-ip", client)
        set_request_header("x-request-number", str(self.greeter.requests))
        remove_request_header("x-internal-secret")
        path = get_request_header(":path")
        if path is not None and path.startswith("/shout"):
            set_request_header(":path", path.upper())
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        set_response_header("x-greeting", self.greeter.greeting)
        return ACTION_CONTINUE


class Greeter(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.greeting = "hello"
        self.requests = 0

    def on_configure(self, plugin_configuration: bytes) -> bool:
        if len(plugin_configuration) > 0:
            self.greeting = plugin_configuration.decode().strip()
        log_info(f"header-rewrite: greeting is '{self.greeting}'")
        return True

    def new_http_context(self, context_id: int) -> HttpContext:
        return Tagger(context_id, self)


set_root_context(Greeter())
