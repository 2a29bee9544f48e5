"""The callbacks of a plugin's life (vm_start, configure, tick, queue_ready, foreign_function) and
of a context's end (done, log), dispatched to the filter's context objects."""
from abi import export, export_if_overridden, i32
# unused here but named by @export_if_overridden: the compiler looks them up in this module
from abi.context import HttpContext, RootContext, StreamContext
from abi.enums import BUFFER_CALL_DATA, BUFFER_PLUGIN_CONFIGURATION, BUFFER_VM_CONFIGURATION
from abi.host import get_buffer_bytes
from abi.registry import http_context, known_root, known_stream, root_context


def whole_buffer(buffer_type: int, size: int) -> bytes:
    data = get_buffer_bytes(buffer_type, 0, size)
    if data is None:
        return b""
    return data


@export
def proxy_on_vm_start(root_context_id: i32, vm_configuration_size: i32) -> bool:
    root = root_context(root_context_id)
    if root is None:
        return True
    return root.on_vm_start(whole_buffer(BUFFER_VM_CONFIGURATION, vm_configuration_size))


@export
def proxy_on_configure(root_context_id: i32, plugin_configuration_size: i32) -> bool:
    root = root_context(root_context_id)
    if root is None:
        return True
    return root.on_configure(whole_buffer(BUFFER_PLUGIN_CONFIGURATION, plugin_configuration_size))


@export_if_overridden("RootContext.on_tick")
def proxy_on_tick(root_context_id: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_tick()


@export_if_overridden("RootContext.on_queue_ready")
def proxy_on_queue_ready(root_context_id: i32, queue_id: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_queue_ready(queue_id)


@export_if_overridden("RootContext.on_foreign_function")
def proxy_on_foreign_function(root_context_id: i32, function_id: i32, arguments_size: i32) -> None:
    root = root_context(root_context_id)
    if root is not None:
        root.on_foreign_function(function_id, whole_buffer(BUFFER_CALL_DATA, arguments_size))


@export_if_overridden("HttpContext.on_done", "StreamContext.on_done", "RootContext.on_done")
def proxy_on_done(context_id: i32) -> bool:
    http = http_context(context_id)
    if http is not None:
        http.on_done()
        return True
    stream = known_stream(context_id)
    if stream is not None:
        stream.on_done()
        return True
    root = known_root(context_id)
    if root is not None:
        return root.on_done()
    return True


@export_if_overridden("HttpContext.on_log", "StreamContext.on_log")
def proxy_on_log(context_id: i32) -> None:
    http = http_context(context_id)
    if http is not None:
        http.on_log()
        return
    stream = known_stream(context_id)
    if stream is not None:
        stream.on_log()
