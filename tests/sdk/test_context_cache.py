"""abi.sdk remembers the last context each lookup found (no dict lookup when a request's
callbacks come one after the other) and holds the newest HTTP context outside its dict. Interleaved requests, deletes and a re-used id must
still reach the right object, under both runners."""
import pytest

from abi.emulator import Plugin
from compiler import compile_file

SOURCE = """from abi.sdk import HttpContext, RootContext, live_http_contexts, set_root_context


class Root(RootContext):
    def __init__(self) -> None:
        super().__init__()
        self.made = 0

    def new_http_context(self, context_id: int) -> HttpContext:
        self.made += 1
        return Request(context_id, self.context_id, self.made)


class Request(HttpContext):
    def __init__(self, context_id: int, root_context_id: int, serial: int) -> None:
        super().__init__(context_id, root_context_id)
        self.serial = serial
        self.calls = 0

    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        self.calls += 1
        return 1000 * self.serial + 10 * self.calls + 1  # nonzero: no Envoy action means this

    def on_response_headers(self, num_headers: int, end_of_stream: bool) -> int:
        return 1000 * self.serial + 100 * live_http_contexts() + 2


set_root_context(Root())
"""

# (callback, context id) -> what it returns; 0 is the pass-through of an unknown context
SCRIPT = [("create", 5), ("create", 6), ("req", 5), ("req", 6), ("req", 5), ("resp", 6),
          ("delete", 5), ("req", 5), ("resp", 6), ("req", 6), ("delete", 6), ("resp", 6),
          ("create", 5), ("req", 5), ("resp", 5), ("delete", 5), ("req", 5)]
EXPECTED = [None, None, 1011, 2011, 1021, 2202, None, 0, 2102, 2021, None, 0, None, 3011, 3102, None, 0]


@pytest.mark.parametrize("runner", ["wasm", "cpython"])
def test_callbacks_reach_the_right_context(tmp_path, runner):
    path = tmp_path / "serials.py"
    path.write_text(SOURCE)
    plugin = Plugin.wasm(compile_file(path)) if runner == "wasm" else Plugin.cpython(str(path))
    vm = plugin.vms[0]
    root = vm.root.id
    results = []
    for step, context in SCRIPT:
        if step == "create":
            results.append(vm.call("proxy_on_context_create", context, root, context=context))
        elif step == "delete":
            results.append(vm.call("proxy_on_delete", context, context=context))
        elif step == "req":
            results.append(vm.call("proxy_on_request_headers", context, 0, 1, context=context))
        else:
            results.append(vm.call("proxy_on_response_headers", context, 0, 1, context=context))
    assert results == EXPECTED
