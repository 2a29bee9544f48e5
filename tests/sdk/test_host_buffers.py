"""Values the host returns in memory it asked the module for (abi/memory.py): compiled, a whole
returned buffer is adopted as the bytes object, never copied; parts of a buffer (a header map's
names and values) and every other address are copied. Both runners must read the same values."""
import pytest

from abi.emulator import Plugin
from compiler import pipeline

SOURCE = """from abi.enums import ACTION_CONTINUE, MAP_HTTP_REQUEST_HEADERS
from abi.sdk import (HttpContext, RootContext, get_downstream_address_bytes, get_map_pairs_bytes,
                     get_shared_data_bytes, log_info, set_root_context, set_shared_data_bytes)


class Root(RootContext):
    def new_http_context(self, context_id: int) -> HttpContext:
        return Request(context_id, self.context_id)


class Request(HttpContext):
    def on_request_headers(self, num_headers: int, end_of_stream: bool) -> int:
        first = get_downstream_address_bytes()
        headers = get_map_pairs_bytes(MAP_HTTP_REQUEST_HEADERS)
        second = get_downstream_address_bytes()
        if first is None or second is None:
            return ACTION_CONTINUE
        set_shared_data_bytes(b"seen", first + b"|" + second, 0)
        stored = get_shared_data_bytes(b"seen").value
        shown = b",".join([name + b"=" + value for name, value in headers])
        log_info((first + b" " + (stored or b"-") + b" " + shown).decode())
        return ACTION_CONTINUE


set_root_context(Root())
"""


@pytest.mark.parametrize("runner", ["wasm", "cpython"])
def test_returned_buffers_read_the_same_under_both_runners(tmp_path, runner):
    path = tmp_path / "buffers.py"
    path.write_text(SOURCE)
    if runner == "wasm":
        final: dict = {}
        plugin = Plugin.wasm(pipeline.compile_file_observed(path, final.__setitem__))
        returned = final["pack"].functions["abi.wire.returned_bytes"].body
        assert ("global.get", "abi.memory.host_block") in returned  # the test before any copy
        assert ("global.set", "abi.memory.host_block") in returned  # cleared: adopted once
    else:
        plugin = Plugin.cpython(str(path))
    for address in ("10.1.2.3:4567", "[2001:db8::1]:80"):
        plugin.http_request(headers=[("x-a", "1"), ("x-bb", "22")], source_address=address)
    logs = [line for line in plugin.logs("info") if "x-a=1" in line]
    assert [line.split(" ")[:2] for line in logs] == [
        ["10.1.2.3:4567", "10.1.2.3:4567|10.1.2.3:4567"], ["[2001:db8::1]:80", "[2001:db8::1]:80|[2001:db8::1]:80"]]
    assert all("x-bb=22" in line for line in logs)
