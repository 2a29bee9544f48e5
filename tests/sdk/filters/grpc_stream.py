"""gRPC stream: the root context opens a stream to the configured cluster on configure,
sends each request's path on it, and logs what comes back (metadata, messages, close).
``/cancel`` cancels the stream; ``/close`` half-closes it.

Plugin configuration: the cluster name.
"""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, cancel_grpc_call, close_grpc_stream, get_grpc_initial_metadata,
                     get_grpc_message, get_grpc_status, get_grpc_trailing_metadata, get_request_header, log_info,
                     open_grpc_stream, send_grpc_stream_message, set_root_context)


def pairs_text(pairs: list[tuple[str, str]]) -> str:
    return ",".join([name + "=" + value for name, value in pairs])


class Forward(HttpContext):
    def __init__(self, context_id: int, root: "StreamPlugin") -> None:
        super().__init__(context_id, root.context_id)
        self.plugin = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        path = get_request_header(":path")
        self.plugin.forward(path if path is not None else "")
        return ACTION_CONTINUE


class StreamPlugin(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.token = -1

    def on_configure(self, plugin_configuration: bytes) -> bool:
        token = open_grpc_stream(plugin_configuration.decode(), "test.Echo", "Chat", [("x-stream", "1")])
        if token is None:
            return False
        self.token = token
        return True

    def forward(self, path: str) -> None:
        if path == "/cancel":
            log_info(f"cancel={cancel_grpc_call(self.token)}")
        elif path == "/close":
            log_info(f"close={close_grpc_stream(self.token)}")
        else:
            log_info(f"send={send_grpc_stream_message(self.token, path.encode(), False)}")

    def new_http_context(self, context_id: int) -> HttpContext:
        return Forward(context_id, self)

    def on_grpc_receive_initial_metadata(self, token: int, num_elements: int) -> None:
        log_info(f"initial {num_elements} {pairs_text(get_grpc_initial_metadata())}")

    def on_grpc_receive(self, token: int, message_size: int) -> None:
        message = get_grpc_message()
        log_info(f"message {message_size} {message.decode() if message is not None else '-'}")

    def on_grpc_receive_trailing_metadata(self, token: int, num_elements: int) -> None:
        log_info(f"trailing {num_elements} {pairs_text(get_grpc_trailing_metadata())}")

    def on_grpc_close(self, token: int, status: int) -> None:
        code, message = get_grpc_status()
        log_info(f"closed {status} {code} {message}")


set_root_context(StreamPlugin())
