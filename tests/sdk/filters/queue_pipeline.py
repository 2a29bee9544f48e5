"""Shared queue producer/consumer: each request's path is enqueued; the plugin that
registered the queue drains it when the host signals it, keeping a tally per path
that requests can read back in the x-seen response header."""
from abi.enums import ACTION_CONTINUE
from abi.sdk import (HttpContext, RootContext, dequeue_shared_queue, enqueue_shared_queue, get_request_header,
                     log_error, register_shared_queue, resolve_shared_queue, set_response_header,
                     set_root_context)

QUEUE_NAME = "paths"


class Producer(HttpContext):
    def __init__(self, context_id: int, root: "Pipeline") -> None:
        super().__init__(context_id, root.context_id)
        self.pipeline = root

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        path = get_request_header(":path")
        queue = resolve_shared_queue(self.pipeline.vm_id, QUEUE_NAME)
        if path is not None and queue is not None:
            enqueue_shared_queue(queue, path.encode())
        return ACTION_CONTINUE

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        set_response_header("x-seen", str(self.pipeline.drained))
        return ACTION_CONTINUE


class Pipeline(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.vm_id = ""
        self.queue_id = -1
        self.drained = 0
        self.tally: dict[str, int] = {}

    def on_vm_start(self, vm_configuration: bytes) -> bool:
        self.vm_id = vm_configuration.decode()
        return True

    def on_configure(self, plugin_configuration: bytes) -> bool:
        queue = register_shared_queue(QUEUE_NAME)
        if queue is None:
            log_error("queue: cannot register the queue")
            return False
        self.queue_id = queue
        return True

    def on_queue_ready(self, queue_id: int) -> None:
        item = dequeue_shared_queue(queue_id)
        while item is not None:
            path = item.decode()
            self.tally[path] = self.tally.get(path, 0) + 1
            self.drained += 1
            item = dequeue_shared_queue(queue_id)

    def new_http_context(self, context_id: int) -> HttpContext:
        return Producer(context_id, self)


set_root_context(Pipeline())
