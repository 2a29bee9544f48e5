"""The compiled side of test_random.py: after seed(s) (or none: the host's bytes), a run of one of
random's functions, its results (or the exception's class and message) as text."""
import random
from random import getrandbits, randint, randrange, seed

from abi import export
from abi.intrinsics import data_ptr

OUT = b""


@export
def out_ptr() -> int:
    return data_ptr(OUT)


@export
def out_len() -> int:
    return len(OUT)


def draw(op: int, a: int, b: int, c: int) -> str:
    if op == 0:
        return str(random.random())
    if op == 1:
        return str(getrandbits(a))
    if op == 2:
        return str(randrange(a))
    if op == 3:
        return str(randrange(a, b))
    if op == 4:
        return str(randrange(a, b, c))
    if op == 5:
        return str(randint(a, b))
    return str(random.randrange(a, None, c))


@export
def run(op: int, s: int, seeded: bool, a: int, b: int, c: int) -> int:
    global OUT
    if seeded:
        seed(s)
    out = []
    try:
        for _ in range(5):
            out.append(draw(op, a, b, c))
        out.append(str(random.random()))  # where the generator is now
    except (ValueError, TypeError, OverflowError) as err:
        out.append(type(err).__name__ + ": " + str(err))
    OUT = " ".join(out).encode()
    return 0
