"""The compiled side of test_struct.py. ``pack_values``/``unpack_from`` are ours taken directly
(compiler/stdlib/struct.py: its pack takes the values as a list), so that any generated format runs
without a compile per format; test_struct.py puts CPython's struct behind the same names for the
CPython side, and struct_calls.py goes through ``import struct`` as a program would."""
from typing import Any

from abi import export
from abi.intrinsics import data_ptr
from compiler.stdlib.struct import calcsize, error, unpack_from
from compiler.stdlib.struct import pack as pack_values

INPUT = b""
OUT = b""
FORMAT = ""
VALUES: list[Any] = []


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


@export
def set_format() -> int:
    global FORMAT
    FORMAT = INPUT.decode()
    VALUES.clear()
    return 0


@export
def add_int(x: int) -> int:
    VALUES.append(x)
    return 0


@export
def add_float(x: float) -> int:
    VALUES.append(x)
    return 0


@export
def add_other(kind: int) -> int:
    """1: the input's bytes, 2: True, 3: False, 4: None, 5: a str."""
    VALUES.append(INPUT if kind == 1 else (True if kind == 2 else (False if kind == 3 else (None if kind == 4 else "s"))))
    return 0


def unpacked_text(fmt: str, buffer: bytes, offset: int) -> str:
    values = unpack_from(fmt, buffer, offset)
    texts = [str(n) for n in values.ints] + ["|"] + [str(x) for x in values.floats] + ["|"]
    texts += [str(b) for b in values.bools] + ["|"] + [b.hex() for b in values.blobs]
    return " ".join(texts)


def attempt(op: int, offset: int) -> str:
    if op == 0:
        return str(calcsize(FORMAT))
    if op == 1:
        return pack_values(FORMAT, VALUES).hex()
    return unpacked_text(FORMAT, INPUT, offset)


@export
def run(op: int, offset: int) -> int:
    """op 0: calcsize(FORMAT), 1: pack(FORMAT, *VALUES), 2: unpack_from(FORMAT, INPUT, offset)."""
    global OUT
    try:
        OUT = attempt(op, offset).encode()
    except error as e:
        OUT = ("struct.error: " + str(e)).encode()
    except OverflowError as e:
        OUT = ("OverflowError: " + str(e)).encode()
    return len(OUT)
