"""Conditional expressions narrow like if statements, and an empty list takes the other branch's type."""
from abi import export


def maybe(n: int) -> int | None:
    return None if n % 3 == 0 else n


def maybe_text(n: int) -> str | None:
    return None if n % 2 == 0 else "x" * (n % 5)


@export
def ifexp_narrowing(n: int) -> int:
    value = maybe(n)
    doubled = value * 2 if value is not None else -1
    text = maybe_text(n)
    size = 0 if text is None else len(text)
    items = [n % 7] * 2 if n % 2 == 0 else []
    return doubled * 100 + size * 10 + len(items)
