"""The compiled side of test_fnmatch.py: fnmatch's functions on a name and a pattern written
into memory; the answer read back as text (names kept by filter() joined by \\x1f)."""
import fnmatch
from abi import export
from abi.intrinsics import data_ptr

INPUT = b""
ARG = b""
OUT = b""


@export
def input_buffer(size: int) -> int:
    global INPUT
    INPUT = b" " * size
    return data_ptr(INPUT)


@export
def arg_buffer(size: int) -> int:
    global ARG
    ARG = b" " * size
    return data_ptr(ARG)


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


@export
def run(op: int, flag: int) -> int:
    global OUT
    name = INPUT.decode()
    pat = ARG.decode()
    if op == 0:
        OUT = str(fnmatch.fnmatch(name, pat)).encode()
    elif op == 1:
        OUT = str(fnmatch.fnmatchcase(name, pat)).encode()
    elif op == 3:
        OUT = fnmatch.translate(pat).encode()
    else:
        OUT = "\x1f".join(fnmatch.filter(name.split("\x1f"), pat)).encode()
    return 0
