"""Do-nothing proxy-wasm filter in our Python subset: every request continues.

The same callbacks as bench/wasm/noop.wat, so the two differ only in what our
compiler and runtime add (export glue, heap set-up, the collector's hooks).
"""
from abi import export, i32
from abi.memory import proxy_abi_version_0_2_1, proxy_on_memory_allocate  # noqa: F401 - required exports


@export
def proxy_on_context_create(context_id: i32, parent_context_id: i32) -> None:
    pass


@export
def proxy_on_request_headers(context_id: i32, header_count: i32, end_of_stream: i32) -> i32:
    return 0
