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


# A written __lt__ (and friends) in a base class, typed with the base, which no subclass overrides:
# CPython calls it for objects of any of its classes (ipaddress's _BaseAddress does this).
class Shape:
    def __init__(self, size: int) -> None:
        self.size = size

    def __lt__(self, other: "Shape") -> bool:
        return self.size < other.size

    def __ge__(self, other: "Shape") -> bool:
        return not self.__lt__(other)


class Square(Shape):
    pass


class Circle(Shape):
    @property
    def double(self) -> "Circle":
        return Circle(self.size * 2)

    def __int__(self) -> int:
        return self.size


class Base:
    @property
    def twin(self) -> Shape:
        return Shape(1)


class Derived(Base):
    @property
    def twin(self) -> Circle:  # a subclass of what the base's getter returns
        return Circle(7)


def pick(a: int) -> Shape:
    return Square(a) if a % 2 else Circle(a)


@export
def base_class_methods(a: int, b: int) -> int:
    x = pick(a % 100)
    y = pick(b % 100)
    s = Square(b % 100)
    c = Circle(a % 100)
    checks = [x < y, x >= y, y < x, s < c, c >= s, x < s, c < y]
    return sum([1 << i for i, v in enumerate(checks) if v])


@export
def narrower_property_and_int(a: int) -> int:
    d = Derived()
    b: Base = d
    return int(d.twin) + b.twin.size * 10 + int(Circle(a % 100).double) * 100
