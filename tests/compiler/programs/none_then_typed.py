"""A local first assigned None and typed by its next assignment (mypy's partial types):
``found = None`` then ``found = name`` in a loop or a branch is a ``str | None``; None again
later, narrowing by ``is None`` and truth, an int, a class instance, a list."""
from typing import Optional

from abi import export

NAMES = ["alpha", "beta", "", "gamma", "beta"]


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


def find(target: str, limit: int) -> Optional[str]:
    found = None
    for index in range(limit % 6):
        name = NAMES[index % len(NAMES)]
        if name == target:
            found = name + str(index)  # keep looping: the last match wins
    return found


@export
def last_match(n: int) -> int:
    result = find(NAMES[n % len(NAMES)], n)
    return -1 if result is None else len(result) * 10 + ord(result[-1]) % 10


@export
def branch_then_none_again(n: int) -> int:
    best = None
    if n % 3 == 0:
        best = n % 1000
    if n % 5 == 0:
        best = None
    if best is None:
        return -5
    return best * 2


@export
def object_or_none(n: int) -> int:
    box = None
    if n % 4:
        box = Box(n % 20)
    while box is not None and box.v < 30:
        box = Box(box.v + 7) if box.v % 2 else None
    return -1 if box is None else box.v


@export
def list_or_none(n: int) -> int:
    items = None
    for i in range(n % 4):
        items = [i, i + 1]
    return len(items) if items else -1

