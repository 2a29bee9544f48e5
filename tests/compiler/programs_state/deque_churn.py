"""Exports that keep state across calls (so not in the differential grid, which calls each export
in a fresh instance): a global deque of str that every call reads, then changes while it leaves
garbage, so collections run between calls (tests/compiler/test_deque.py)."""
from collections import deque

from abi import export

KEPT: deque[str] = deque(maxlen=40)


def digest(text: str) -> int:
    return len(text) * 1000003 + sum((i + 1) * ord(c) for i, c in enumerate(text)) % 1000003


@export
def churn(n: int) -> int:
    seen = digest(repr(KEPT))  # what the last calls left: freed blocks or items would show here
    for i in range(n % 30):
        garbage = [str(j) * (n % 9 + 1) for j in range(30)]
        KEPT.append(garbage[(i * 7 + n) % 30])
        if i % 3 == 0:
            KEPT.appendleft(str(i) * (n % 5 + 1))
        if i % 5 == 0:
            KEPT.rotate(n % 7 - 3)
            KEPT.popleft()
    return seen
