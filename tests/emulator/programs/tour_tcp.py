"""Exports every TCP (network filter) callback; rewrites data and closes on "quit"."""
from abi import export, i32
from abi.enums import BUFFER_DOWNSTREAM_DATA, BUFFER_UPSTREAM_DATA, STREAM_DOWNSTREAM
from abi.imports import proxy_close_stream, proxy_get_buffer_bytes, proxy_set_buffer_bytes
from abi.intrinsics import data_ptr, load_u32, load_u8
from abi.memory import alloc
from tests.emulator.programs.report import emit, emit_data


@export
def proxy_on_new_connection(context_id: i32) -> i32:
    emit(b"new_connection", context_id)
    return 0


@export
def proxy_on_downstream_data(context_id: i32, data_size: i32, end_of_stream: i32) -> i32:
    out = alloc(8)
    emit(b"downstream", data_size * 10 + end_of_stream)
    proxy_get_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, data_size, out, out + 4)
    emit_data(b"downstream_data", load_u32(out), load_u32(out + 4))
    if data_size >= 4 and load_u8(load_u32(out)) == 113:  # "q"uit
        emit(b"close", proxy_close_stream(STREAM_DOWNSTREAM))
        return 1
    value = b"[up]"
    proxy_set_buffer_bytes(BUFFER_DOWNSTREAM_DATA, 0, 0, data_ptr(value), len(value))
    return 0


@export
def proxy_on_upstream_data(context_id: i32, data_size: i32, end_of_stream: i32) -> i32:
    emit(b"upstream", data_size * 10 + end_of_stream)
    value = b"[down]"
    proxy_set_buffer_bytes(BUFFER_UPSTREAM_DATA, 0, data_size, data_ptr(value), len(value))
    return 0


@export
def proxy_on_downstream_connection_close(context_id: i32, peer_type: i32) -> None:
    emit(b"downstream_close", peer_type)


@export
def proxy_on_upstream_connection_close(context_id: i32, peer_type: i32) -> None:
    emit(b"upstream_close", peer_type)
