"""type(x).__name__ of classes with subclasses, built-in values, what an Any or a union holds, and
caught exceptions (raised by the program or by a runtime check)."""
from typing import Any
from abi import export


class Base:
    def __init__(self, v: int) -> None:
        self.v = v


class Child(Base):
    pass


class Leaf:
    pass


def make(n: int) -> Base:
    return Child(n) if n % 2 else Base(n)


def held(n: int) -> Any:
    if n % 5 == 0:
        return None
    if n % 5 == 1:
        return n
    if n % 5 == 2:
        return [n]
    if n % 5 == 3:
        return Child(n)
    return n / 2


@export
def names(n: int) -> int:
    text = type(make(n)).__name__ + type(n).__name__ + type("s").__name__ + type(Leaf()).__name__
    text += type(held(n)).__name__ + type([n]).__name__ + type((n, "a")).__name__
    u: int | str | None = None if n % 3 == 0 else (n if n % 3 == 1 else "s")
    text += type(u).__name__
    try:
        if n % 4 == 0:
            raise KeyError(str(n))
        x = [1][n % 3]
    except Exception as e:
        text += type(e).__name__
    total = 0
    for c in text:
        total = (total * 31 + ord(c)) % 1000003
    return total * 100 + len(text)
