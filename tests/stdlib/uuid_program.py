"""The compiled side of test_uuid.py: uuid's functions on a str written into memory; the answer (or
the exception's class and message) read back as text. uuid4 needs the host's random_get."""
import uuid
from uuid import NAMESPACE_DNS, NAMESPACE_URL, UUID, uuid3, uuid4, uuid5

from abi import export
from abi.intrinsics import data_ptr

INPUT = b""
OUT = b""


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


def describe(u: UUID) -> str:
    return " ".join([f"{u}", u.hex, u.urn, str(u.version), u.variant, u.bytes.hex()])


def call(op: int, text: str) -> str:
    if op == 0:
        return describe(UUID(text))
    if op == 1:
        return describe(uuid5(NAMESPACE_DNS, text)) + " " + describe(uuid3(NAMESPACE_URL, text))
    if op == 2:
        a = UUID(text)
        b = uuid.NAMESPACE_OID
        checks = [a == b, a != b, a < b, a <= b, a > b, a >= b, a == UUID(str(a)), a == UUID(a.urn)]
        return " ".join([str(c) for c in checks])
    if op == 3:  # uuid4: random, so the test checks its form, not its value
        u = uuid4()
        return describe(u) + " " + str(u == uuid4())
    return describe(uuid.NAMESPACE_X500) + " " + uuid.RESERVED_NCS + uuid.RFC_4122 \
        + uuid.RESERVED_MICROSOFT + uuid.RESERVED_FUTURE


@export
def run(op: int) -> int:
    global OUT
    try:
        OUT = call(op, INPUT.decode()).encode()
    except ValueError as err:
        OUT = ("ValueError: " + str(err)).encode()
    return 0
