"""The host functions: one method per import of abi/imports.py, same names and parameters.

Each reads its arguments from guest memory through the VM's GuestMemory and
answers as Envoy 1.40 does (proxy-wasm-abi.md §3, and what tests/emulator/
test_vs_envoy.py observed). Misuse raises a HostCallError whose ``status`` is
Envoy's answer; the VM raises it (strict) or returns the status (lenient).

The host functions are grouped by job: hostcalls_stream.py (buffers, header maps, stream
control), hostcalls_callouts.py (HTTP and gRPC callouts), hostcalls_state.py (shared data,
queues, metrics); this module holds the rest (logging, time, ticks, contexts, foreign functions,
properties) and puts them together in ``HostCalls``.
"""
from __future__ import annotations

from abi.enums import LOG_CRITICAL, STATUS_NOT_FOUND, STATUS_OK, STATUS_SERIALIZATION_FAILURE

from . import properties
from .errors import BadArgumentError, CallNotAllowedError, UnknownContextError
from .hostcalls_base import MAX_BUFFER_TYPE, MAX_MAP_TYPE, STREAM_BUFFERS, Answer, NotFound
from .hostcalls_callouts import HTTP_CALL_TOKEN_STEP, CalloutCalls, cluster_of
from .hostcalls_state import StateCalls
from .hostcalls_stream import StreamCalls
from .table import u32

# what moved out of this module stays importable from it
__all__ = ["HostCalls", "Answer", "NotFound", "cluster_of", "STREAM_BUFFERS", "MAX_BUFFER_TYPE",
           "MAX_MAP_TYPE", "HTTP_CALL_TOKEN_STEP"]

class HostCalls(StreamCalls, CalloutCalls, StateCalls):
    """One method per import of abi/imports.py (test_table.py checks names and parameters)."""

    # -- logging, time, misc -----------------------------------------------------------
    def proxy_log(self, level: int, message_data: int, message_size: int) -> int:
        message = self._read(message_data, message_size)
        if not 0 <= level <= LOG_CRITICAL:
            raise BadArgumentError(f"log level {level} is not a LogLevel")
        self.host.log(level, message.decode("utf-8", errors="replace"), self.vm.worker,
                      self.vm.effective_id)
        return STATUS_OK

    def proxy_get_log_level(self, return_level: int) -> int:
        self.memory.write_u32(return_level, self.host.log_level)
        return STATUS_OK

    def proxy_get_current_time_nanoseconds(self, return_time: int) -> int:
        self.memory.write_u64(return_time, self.host.clock_ns)
        return STATUS_OK

    def random_get(self, buf: int, buf_len: int) -> int:
        """WASI: a WASI errno, not a proxy status; Envoy refuses more than 64 KiB with EINVAL (28)."""
        size = u32(buf_len)
        if size > 65536:
            return 28
        self.memory.write(buf, self.host.random.randbytes(size))
        return 0

    def proxy_set_tick_period_milliseconds(self, period: int) -> int:
        """Applies to the root of the effective context; 0 stops the timer."""
        root = self._root()
        root.tick_period_ms = u32(period)
        root.next_tick_ns = self.host.clock_ns + root.tick_period_ms * 10**6 if period else None
        return STATUS_OK

    def proxy_get_status(self, return_code: int, return_message_data: int,
                         return_message_size: int) -> int:
        code, message = self._root().status
        self.memory.write_u32(return_code, code)
        return self._give(message, return_message_data, return_message_size)

    def proxy_set_effective_context(self, context_id: int) -> int:
        ctx = self.vm.contexts.get(u32(context_id))
        if ctx is None or not ctx.alive:
            raise UnknownContextError(f"context id {u32(context_id)} is not alive")
        self.vm.effective_id = ctx.id  # lasts until the current VM call returns
        return STATUS_OK

    def proxy_done(self) -> int:
        root = self._ctx()
        if root.kind != "root" or not root.done_pending:
            raise NotFound("no proxy_on_done of this context is pending")
        root.done_pending = False
        self.vm.after_call.append(lambda: self.vm.plugin._delete_root(self.vm, root))
        return STATUS_OK

    def proxy_call_foreign_function(self, function_name_data: int, function_name_size: int,
                                    arguments_data: int, arguments_size: int,
                                    return_results_data: int, return_results_size: int) -> int:
        name = self._read(function_name_data, function_name_size).decode(errors="replace")
        arguments = self._read(arguments_data, arguments_size)
        function = self.vm.plugin.foreign_functions.get(name)
        if function is None:
            raise NotFound(f"no foreign function {name!r}")
        result = function(arguments)
        if result is None:
            return STATUS_OK
        if return_results_data == 0:
            return STATUS_OK
        return self._give(bytes(result), return_results_data, return_results_size)


    # -- properties ------------------------------------------------------------------------
    def proxy_get_property(self, path_data: int, path_size: int, return_value_data: int,
                           return_value_size: int) -> int:
        path = self._read(path_data, path_size)
        try:
            value = properties.lookup(self.vm, self._ctx(), path)
        except properties.NotSerializable:
            return STATUS_SERIALIZATION_FAILURE
        if value is None:
            return STATUS_NOT_FOUND
        return self._give(value, return_value_data, return_value_size)

    def proxy_set_property(self, path_data: int, path_size: int, value_data: int,
                           value_size: int) -> int:
        path, value = self._read(path_data, path_size), self._read(value_data, value_size)
        ctx = self._ctx()
        if ctx.kind == "root":
            raise CallNotAllowedError("set_property needs a stream (Envoy stores it in the "
                                      "stream's filter state)", STATUS_NOT_FOUND)
        ctx.filter_state[path] = value
        return STATUS_OK
