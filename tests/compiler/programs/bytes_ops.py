"""bytes constants: len(), indexing (negative indices, IndexError), truthiness."""
from abi import export

DATA = b"hello, world"
EMPTY = b""
BINARY = b"\x00\x7f\x80\xff"
ALIAS = DATA
ONE = b"!"

current = b"abc"


@export
def length() -> int:
    return len(DATA) * 10000 + len(EMPTY) * 1000 + len(BINARY) * 10 + len(ALIAS) % 10


@export
def at(i: int) -> int:
    return DATA[i]


@export
def at_empty(i: int) -> int:
    return EMPTY[i]


@export
def at_binary(i: int) -> int:
    return BINARY[i]


@export
def at_one(i: int) -> int:
    return ONE[i]


@export
def at_literal(i: int) -> int:
    return b"xyz"[i] + len(b"four")


@export
def at_bool(p: bool) -> int:
    return DATA[p]


@export
def at_wrapped(i: int) -> int:
    return DATA[i % len(DATA)] - DATA[-(i % len(DATA)) - 1]


@export
def checksum() -> int:
    h = 0
    for i in range(len(DATA)):
        h = (h * 257 + DATA[i]) % 1000000007
    return h


@export
def count_byte(v: int) -> int:
    return count(DATA, v) * 100 + count(BINARY, v)


def count(b: bytes, v: int) -> int:
    n = 0
    i = 0
    while i < len(b):
        if b[i] == v:
            n += 1
        i += 1
    return n


def pick(p: bool) -> bytes:
    if p:
        return DATA
    return EMPTY


@export
def local_bytes(p: bool, i: int) -> int:
    b = pick(p)
    c: bytes = BINARY if p else ONE
    return len(b) * 1000 + c[i % len(c)]


@export
def truthiness(p: bool) -> int:
    b = DATA if p else EMPTY
    r = 0
    if b:
        r += 1
    if not b:
        r += 2
    if bool(b):
        r += 4
    if bool(EMPTY):
        r += 8
    return r


@export
def bytes_or(p: bool) -> int:
    b = (DATA if p else EMPTY) or BINARY
    c = (DATA if p else EMPTY) and ONE
    return len(b) * 100 + len(c)


@export
def reversed_sum(n: int) -> int:
    total = 0
    for i in range(-1, -len(DATA) - 1, -1):
        total = total * 3 + DATA[i] % 3
        if -i == n % 20:
            break
    return total


@export
def global_bytes(p: bool, i: int) -> int:
    global current
    before = current[i]
    if p:
        current = DATA
    return before * 1000 + len(current)


@export
def ifexp_bytes(p: bool, i: int) -> int:
    return len(DATA if p else current) * 1000 + (DATA if not p else BINARY)[i % 4]


@export
def while_bytes(n: int) -> int:
    global current
    k = 0
    while bool(current) and k < n % 5:
        k += 1
        if k == 2:
            current = EMPTY
    return k * 10 + len(current)


@export
def at_constant(n: int) -> int:
    """b[k], k a constant: an inline length test, IndexError past the end (as b[-1] stays a call)."""
    data = DATA[:n % 14]
    return data[0] + data[3] * 3 + data[11] * 7 + data[-1]
