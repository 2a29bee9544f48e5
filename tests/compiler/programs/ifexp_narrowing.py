"""A conditional expression whose branches differ in type (``f(key) if key else None``) is
checked again as their common type, each branch still narrowed by the test."""
from typing import Optional

from abi import export

KEYS = ["abc", "", "key-1"]


def lookup(key: str) -> Optional[str]:
    return key.upper() if len(key) > 2 else None


def maybe_key(n: int) -> Optional[str]:
    return None if n % 4 == 3 else KEYS[n % len(KEYS)]


@export
def by_truth(n: int) -> int:
    key = maybe_key(n)
    client = lookup(key) if key else None
    return -1 if client is None else len(client)


@export
def by_is_not_none(n: int) -> int:
    key = maybe_key(n)
    found = lookup(key) if key is not None else None
    return 0 if found is None else ord(found[0])


@export
def else_branch_narrowed(n: int) -> int:
    key = maybe_key(n)
    value = None if key is None else lookup(key)
    return 7 if value is None else len(value) * 2
