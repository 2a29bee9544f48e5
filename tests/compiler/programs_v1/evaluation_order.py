"""Evaluation order of operands, targets, literals and arguments: a trace of calls in LOG must match CPython's."""
from abi import export

LOG: list[int] = []

def t(n: int) -> int:
    LOG.append(n)
    return n

def s(n: int) -> str:
    LOG.append(n)
    return str(n)

def code() -> int:
    r = 0
    for n in LOG:
        r = (r * 10 + n) % 1000000007
    return r

@export
def dict_literal(a: int) -> int:
    LOG.clear()
    d = {s(1): t(2), s(3): t(4)}
    return code()

@export
def subscript_assign(a: int) -> int:
    LOG.clear()
    items = [0, 0, 0]
    items[t(1)] = t(2)
    d: dict[int, int] = {}
    d[t(3)] = t(4)
    return code()

@export
def multi_target(a: int) -> int:
    LOG.clear()
    items = [0, 0, 0]
    x = items[t(1)] = items[t(2)] = t(3)
    return code()

@export
def tuple_target(a: int) -> int:
    LOG.clear()
    items = [0, 0, 0]
    x, items[t(1)] = t(2), t(3)
    return code()

@export
def aug_subscript(a: int) -> int:
    LOG.clear()
    items = [0, 0, 0]
    items[t(1)] += t(2)
    return code()

@export
def fstring(a: int) -> int:
    LOG.clear()
    x = f"{t(1)}-{s(2)}-{t(3):>4}"
    return code()

@export
def compare_chain(a: int) -> int:
    LOG.clear()
    b = t(1) < t(2) < t(3)
    c = t(4) > t(5) < t(6)
    return code()

@export
def min_max(a: int) -> int:
    LOG.clear()
    b = min(t(1), t(2)) + max(t(3), t(4), t(5))
    return code()

@export
def slicing(a: int) -> int:
    LOG.clear()
    items = [1, 2, 3, 4, 5]
    b = items[t(1):t(3)]
    c = "abcdef"[t(4):t(5):t(1)]
    return code()

@export
def list_comp(a: int) -> int:
    LOG.clear()
    b = [t(x) for x in range(t(3)) if t(x + 5) > 0]
    return code()

@export
def method_args(a: int) -> int:
    LOG.clear()
    text = "a,b,c"
    parts = text.split(s(1), t(2))
    r = "x".join([s(3), s(4)])
    return code()

@export
def delete_item(a: int) -> int:
    LOG.clear()
    items = [1, 2, 3]
    del items[t(1)]
    return code()
