"""Unannotated empty literals typed by their first typed use (issue 11): append, extend, +=, d[k] = v,
assignment of a typed value, passing to a typed parameter."""
from abi import export

def consume(items: list[str]) -> int:
    return len(items)

@export
def f(a: int) -> int:
    parts = []
    for i in range(a % 5):
        parts.append(str(i))
    counts = {}
    for p in parts:
        counts[p] = len(p)
    more = []
    more += [1, 2]
    names = []
    n = consume(names)
    later = []
    later = [a]
    return len(parts) * 1000 + len(counts) * 100 + len(more) * 10 + n + len(later)
