"""< <= > >= between objects (issue 14): @dataclass(order=True) compares the fields as a tuple
(TypeError with CPython's message across classes, also in a subclass), and a written __lt__ or
__gt__ in a class without subclasses (the mirrored method when only that one exists)."""
from dataclasses import dataclass

from abi import export


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(order=True)
class Tagged(Version):
    tag: str = ""


@dataclass(order=True)
class Empty:
    pass


class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __lt__(self, other: "Money") -> bool:
        return self.cents < other.cents

    def __ge__(self, other: "Money") -> bool:
        return self.cents // 2 >= other.cents // 3


@export
def dataclass_order(a: int, b: int) -> int:
    x = Version(1, a)
    y = Version(1, b)
    r = int(x < y) + int(x <= y) * 2 + int(x > y) * 4 + int(x >= y) * 8
    s = Tagged(1, 2, "é" * (a % 3))
    t = Tagged(1, 2, "é" * (b % 3))
    r += int(s < t) * 16 + int(s >= t) * 32 + int(Version(a, 0) < Version(b, 0) <= Version(b, 1)) * 64
    r += int(Empty() < Empty()) * 128 + int(Empty() <= Empty()) * 256
    return r


@export
def across_classes(a: int) -> int:
    v = Version(a)
    t = Tagged(a)
    codes = 0
    scale = 1
    for step in range(4):
        scale *= 100
        try:
            if step == 0:
                codes += int(v < t)
            elif step == 1:
                codes += int(t >= v)
            elif step == 2:
                codes += int(v <= Version(a))
            else:
                codes += int(t > Tagged(a - 1 if a > -100 else a))
        except TypeError as err:
            codes += len(str(err)) * scale
    return codes


@export
def written_methods(a: int, b: int) -> int:
    x = Money(a)
    y = Money(b)
    return int(x < y) + int(x > y) * 2 + int(x >= y) * 4 + int(x <= y) * 8
