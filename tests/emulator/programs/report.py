"""Observations as log lines, so both runners can be compared through the host's logs."""
from abi.enums import LOG_INFO
from abi.imports import proxy_log
from abi.intrinsics import load_u8, store_u8
from abi.memory import alloc


def put(dst: int, value: bytes) -> int:
    for i in range(len(value)):
        store_u8(dst + i, value[i])
    return dst + len(value)


def put_decimal(dst: int, value: int) -> int:
    if value < 0:
        store_u8(dst, 45)
        dst += 1
        value = -value
    digits = 1
    rest = value // 10
    while rest > 0:
        digits += 1
        rest //= 10
    for i in range(digits):
        store_u8(dst + digits - 1 - i, 48 + value % 10)
        value //= 10
    return dst + digits


def emit(tag: bytes, value: int) -> None:
    """Log "tag=value"."""
    buf = alloc(len(tag) + 24)
    at = put(buf, tag)
    store_u8(at, 61)
    at = put_decimal(at + 1, value)
    proxy_log(LOG_INFO, buf, at - buf)


def emit_data(tag: bytes, ptr: int, size: int) -> None:
    """Log "tag:" followed by ``size`` bytes at ``ptr``."""
    buf = alloc(len(tag) + 1 + size)
    at = put(buf, tag)
    store_u8(at, 58)
    for i in range(size):
        store_u8(at + 1 + i, load_u8(ptr + i))
    proxy_log(LOG_INFO, buf, len(tag) + 1 + size)
