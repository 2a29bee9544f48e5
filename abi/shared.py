"""Shared data (key/value with CAS, seen by every VM of the Envoy) and shared queues."""
from abi.enums import STATUS_OK
from abi.imports import (proxy_dequeue_shared_queue, proxy_enqueue_shared_queue, proxy_get_shared_data,
                         proxy_register_shared_queue, proxy_resolve_shared_queue, proxy_set_shared_data)
from abi.intrinsics import data_ptr, load_u32, text_ptr, text_size
from abi.wire import returned_bytes, scratch_words

# -- shared data -----------------------------------------------------------------------
class SharedData:
    """A value read from shared data with its CAS token; ``value`` is None when the key is absent."""

    def __init__(self, value: bytes | None, cas: int, status: int) -> None:
        self.value = value
        self.cas = cas
        self.status = status


def get_shared_data(key: str) -> SharedData:
    """proxy_get_shared_data: shared by every VM with the same vm_id (all Envoy workers); any
    callback after start-up."""
    return _get_shared_data(text_ptr(key), text_size(key))


def get_shared_data_bytes(key: bytes) -> SharedData:
    """proxy_get_shared_data with the key as (UTF-8) bytes, for keys built as bytes; any
    callback after start-up."""
    return _get_shared_data(data_ptr(key), len(key))


def _get_shared_data(key: int, key_size: int) -> SharedData:
    out = scratch_words()
    status = proxy_get_shared_data(key, key_size, out, out + 4, out + 8)
    if status != STATUS_OK:
        return SharedData(None, 0, status)
    return SharedData(returned_bytes(out), load_u32(out + 8), status)


def set_shared_data(key: str, value: bytes, cas: int = 0) -> int:
    """proxy_set_shared_data: STATUS_CAS_MISMATCH when ``cas`` (non-zero) is stale. Envoy
    lets a set on a missing key succeed whatever the CAS, so creating a key is not atomic;
    any callback after start-up."""
    return proxy_set_shared_data(text_ptr(key), text_size(key), data_ptr(value), len(value), cas)


def set_shared_data_bytes(key: bytes, value: bytes, cas: int = 0) -> int:
    """proxy_set_shared_data with the key as (UTF-8) bytes; any callback after start-up."""
    return proxy_set_shared_data(data_ptr(key), len(key), data_ptr(value), len(value), cas)


# -- shared queues ---------------------------------------------------------------------
def register_shared_queue(name: str) -> int | None:
    """proxy_register_shared_queue: this VM consumes the queue (``on_queue_ready``); its id."""
    out = scratch_words()
    if proxy_register_shared_queue(text_ptr(name), text_size(name), out) != STATUS_OK:
        return None
    return load_u32(out)


def resolve_shared_queue(vm_id: str, name: str) -> int | None:
    """proxy_resolve_shared_queue: the id of a queue a VM registered, None if absent; any callback
    after start-up."""
    out = scratch_words()
    if proxy_resolve_shared_queue(text_ptr(vm_id), text_size(vm_id), text_ptr(name), text_size(name),
                                  out) != STATUS_OK:
        return None
    return load_u32(out)


def enqueue_shared_queue(queue_id: int, data: bytes) -> int:
    """proxy_enqueue_shared_queue; any callback after start-up."""
    return proxy_enqueue_shared_queue(queue_id, data_ptr(data), len(data))


def dequeue_shared_queue(queue_id: int) -> bytes | None:
    """proxy_dequeue_shared_queue: the oldest item, None when the queue is empty or unknown;
    typically in on_queue_ready."""
    out = scratch_words()
    if proxy_dequeue_shared_queue(queue_id, out, out + 4) != STATUS_OK:
        return None
    return returned_bytes(out)
