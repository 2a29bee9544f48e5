"""L4 (network) filter: counts bytes each way, closes connections whose first data does
not start with the configured prefix, and upper-cases the server's replies."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (Counter, RootContext, StreamContext, close_downstream, get_downstream_data,
                     get_upstream_data, log_info, set_root_context, set_upstream_data)


class Guarded(StreamContext):
    def __init__(self, context_id: int, root: "TcpGuard") -> None:
        super().__init__(context_id, root.context_id)
        self.guard = root
        self.checked = False

    def on_downstream_data(self, data_size: int, end_of_stream: bool) -> int:
        self.guard.bytes_in.increment(data_size)
        data = get_downstream_data()
        if not self.checked and data is not None and len(data) > 0:
            self.checked = True
            if not data.startswith(self.guard.prefix):
                log_info("tcp-guard: closing a connection without the prefix")
                close_downstream()
        return ACTION_CONTINUE

    def on_upstream_data(self, data_size: int, end_of_stream: bool) -> int:
        self.guard.bytes_out.increment(data_size)
        data = get_upstream_data()
        if data is not None:
            set_upstream_data(data.upper())
        return ACTION_CONTINUE


class TcpGuard(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.prefix = b"HELLO"
        self.bytes_in = Counter("tcp_guard.bytes_in")
        self.bytes_out = Counter("tcp_guard.bytes_out")

    def is_network_filter(self) -> bool:
        return True

    def on_configure(self, plugin_configuration: bytes) -> bool:
        if len(plugin_configuration) > 0:
            self.prefix = plugin_configuration
        return True

    def new_stream_context(self, context_id: int) -> StreamContext:
        return Guarded(context_id, self)


set_root_context(TcpGuard())
