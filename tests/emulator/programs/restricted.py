"""Calls a host function other than proxy_log while the VM starts (Envoy traps)."""
from abi import export, i32
from abi.imports import proxy_get_property
from abi.memory import alloc
from abi.intrinsics import data_ptr


@export
def _initialize() -> None:
    out = alloc(8)
    path = b"plugin_name"
    proxy_get_property(data_ptr(path), len(path), out, out + 4)


@export
def proxy_on_configure(root_context_id: i32, configuration_size: i32) -> bool:
    return True
