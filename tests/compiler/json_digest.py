"""json.loads compiled (compiler/stdlib/json.py) and under CPython (the json module itself): the
export digests the decoded value, or the exception with its message and position, into an int.
tests/compiler/test_json_loads.py runs it both ways on generated documents."""
from typing import Any

from abi import export
from abi.intrinsics import data_ptr
from compiler.stdlib.json import JSONDecodeError, loads

INPUT: bytes = b""
MASK = 0xFFFFFFFF


def text_hash(s: str) -> int:
    h = 7
    for c in s:
        h = (h * 31 + ord(c)) & MASK
    return h


def digest(value: Any, depth: int) -> int:
    if value is None:
        return 1
    if isinstance(value, bool):
        return 2 if value else 3
    if isinstance(value, int):
        return (value & MASK) + 5
    if isinstance(value, float):
        return text_hash(str(value)) ^ 0x55
    if isinstance(value, str):
        return text_hash(value) ^ 0x77
    total = 11 + depth
    if isinstance(value, list):
        for item in value:
            total = (total * 131 + digest(item, depth + 1)) & MASK
        return total
    if isinstance(value, dict):
        for key, item in value.items():
            total = (total * 137 + text_hash(key) * 3 + digest(item, depth + 1)) & MASK
        return total ^ 0x99
    return -7


@export
def input_buffer(size: int) -> int:
    """Room for the next document's UTF-8 bytes (the test writes them there)."""
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def run() -> int:
    try:
        return digest(loads(INPUT.decode()), 0)
    except JSONDecodeError as error:
        where = error.pos * 1000003 + error.lineno * 1009 + error.colno
        return -1 - ((text_hash(str(error)) ^ text_hash(error.msg) * 5 ^ where) & MASK)
