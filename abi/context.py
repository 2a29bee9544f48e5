"""The context classes a filter subclasses: one root context per plugin, one
HTTP context per request, one stream context per TCP connection.

Every method is a callback the host triggers (the ``proxy_on_*`` export of the
same name, dispatched by the modules ``abi.sdk`` imports); the defaults let traffic through, so a
filter overrides only what it needs, and a callback no class overrides is not
exported at all (Envoy then skips it). Register the root context with
``set_root_context(MyRoot())`` at module level (see abi/registry.py).
"""
from abi.enums import ACTION_CONTINUE


class GrpcCaller:
    """The gRPC callbacks, on whichever context made the call or opened the stream."""

    def on_grpc_call_response(self, token: int, status: int, message_size: int) -> None:
        """The answer to a ``dispatch_grpc_call``: status 0 and ``get_grpc_message()``, or a
        gRPC status (14 unavailable, also on a timeout; 13 internal; ...) with ``get_grpc_status()``'s message."""
        pass

    def on_grpc_receive_initial_metadata(self, token: int, num_elements: int) -> None:
        """A stream's initial metadata: ``get_grpc_initial_metadata()``."""
        pass

    def on_grpc_receive(self, token: int, message_size: int) -> None:
        """A message on a stream: ``get_grpc_message()``."""
        pass

    def on_grpc_receive_trailing_metadata(self, token: int, num_elements: int) -> None:
        """A stream's trailing metadata: ``get_grpc_trailing_metadata()``."""
        pass

    def on_grpc_close(self, token: int, status: int) -> None:
        """A stream ended with this gRPC status (``get_grpc_status()`` for the message)."""
        pass


class StreamBase(GrpcCaller):
    """What HTTP and TCP contexts share: their ids and the end-of-stream callbacks."""

    def __init__(self, context_id: int, root_context_id: int) -> None:
        self.context_id = context_id
        self.root_context_id = root_context_id

    def on_log(self) -> None:
        """proxy_on_log: the stream is complete; (HTTP) headers are readable, not mutable."""
        pass

    def on_done(self) -> None:
        """proxy_on_done: the stream ended."""
        pass

    def on_delete(self) -> None:
        """proxy_on_delete: the last callback of this context."""
        pass


class HttpContext(StreamBase):
    """One HTTP stream. Callbacks return an action (``ACTION_CONTINUE`` / ``ACTION_PAUSE``)."""

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        """proxy_on_request_headers: request headers are readable and mutable."""
        return ACTION_CONTINUE

    def on_request_body(self, body_size: int, end_of_stream: bool) -> int:
        """proxy_on_request_body: ``get_http_request_body`` reads what has arrived."""
        return ACTION_CONTINUE

    def on_request_trailers(self, num_trailers: int) -> int:
        """proxy_on_request_trailers."""
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        """proxy_on_response_headers: response headers are readable and mutable."""
        return ACTION_CONTINUE

    def on_response_body(self, body_size: int, end_of_stream: bool) -> int:
        """proxy_on_response_body."""
        return ACTION_CONTINUE

    def on_response_trailers(self, num_trailers: int) -> int:
        """proxy_on_response_trailers."""
        return ACTION_CONTINUE

    def on_http_call_response(self, token: int, num_headers: int, body_size: int, num_trailers: int) -> None:
        """The answer to a ``dispatch_http_call`` this context made (``num_headers == 0``: it failed)."""
        pass


class StreamContext(StreamBase):
    """One TCP connection (network filter). Callbacks return an action."""

    def on_new_connection(self) -> int:
        """proxy_on_new_connection."""
        return ACTION_CONTINUE

    def on_downstream_data(self, data_size: int, end_of_stream: bool) -> int:
        """proxy_on_downstream_data: ``get_downstream_data`` reads the bytes from the client."""
        return ACTION_CONTINUE

    def on_upstream_data(self, data_size: int, end_of_stream: bool) -> int:
        """proxy_on_upstream_data: ``get_upstream_data`` reads the bytes from the server."""
        return ACTION_CONTINUE

    def on_downstream_connection_close(self, peer_type: int) -> None:
        """proxy_on_downstream_connection_close (``PEER_*``)."""
        pass

    def on_upstream_connection_close(self, peer_type: int) -> None:
        """proxy_on_upstream_connection_close (``PEER_*``)."""
        pass


class RootContext(GrpcCaller):
    """The plugin: configuration, timers, queues, callouts, and the factory of per-request contexts."""

    def __init__(self) -> None:
        self.context_id = 0  # set by the dispatcher when the host creates the root context

    def new_root_context(self, context_id: int) -> "RootContext":
        """The object serving root context ``context_id``. The registered object serves the
        first one; override this to run several plugins in one VM (each its own object)."""
        return self

    def on_vm_start(self, vm_configuration: bytes) -> bool:
        """proxy_on_vm_start: once per VM; returning False fails the VM."""
        return True

    def on_configure(self, plugin_configuration: bytes) -> bool:
        """proxy_on_configure: returning False makes Envoy reject the configuration."""
        return True

    def is_network_filter(self) -> bool:
        """True for an L4 plugin: Envoy's new contexts then get ``new_stream_context``
        (proxy_on_context_create does not say which kind it creates)."""
        return False

    def new_http_context(self, context_id: int) -> HttpContext:
        """The context for a new HTTP stream; the default lets everything through."""
        return HttpContext(context_id, self.context_id)

    def new_stream_context(self, context_id: int) -> StreamContext:
        """The context for a new TCP connection; the default lets everything through."""
        return StreamContext(context_id, self.context_id)

    def on_tick(self) -> None:
        """proxy_on_tick: every period set with ``set_tick_period_milliseconds``."""
        pass

    def on_queue_ready(self, queue_id: int) -> None:
        """proxy_on_queue_ready: a shared queue registered by this VM has data."""
        pass

    def on_http_call_response(self, token: int, num_headers: int, body_size: int, num_trailers: int) -> None:
        """The answer to a ``dispatch_http_call`` made outside any HTTP context."""
        pass

    def on_foreign_function(self, function_id: int, arguments: bytes) -> None:
        """proxy_on_foreign_function: the host calls into the plugin (rare in Envoy)."""
        pass

    def on_done(self) -> bool:
        """proxy_on_done for the plugin; False defers deletion until ``done()`` is called."""
        return True

    def on_delete(self) -> None:
        """proxy_on_delete: the plugin is gone."""
        pass
