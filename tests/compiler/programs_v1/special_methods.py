"""Special methods CPython calls implicitly: __ne__, dataclass __post_init__, __eq__ of the runtime class."""
from abi import export
from dataclasses import dataclass


class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __eq__(self, other: "Money") -> bool:
        return self.cents == other.cents

    def __ne__(self, other: "Money") -> bool:
        return self.cents - other.cents > 10  # deliberately not the negation of __eq__


class Coin(Money):
    def value(self) -> int:
        return self.cents


@dataclass
class Doubled:
    n: int

    def __post_init__(self) -> None:
        self.n = self.n * 2


@dataclass
class Tripled(Doubled):
    extra: int = 1


class Shape:
    def __init__(self) -> None:
        self.kind = 0


@dataclass
class Square(Shape):
    side: int


@dataclass
class Circle(Shape):
    radius: int


def shape(k: int, n: int) -> Shape:
    if k % 3 == 0:
        return Square(n)
    if k % 3 == 1:
        return Circle(n)
    return Shape()


@export
def not_equal(k: int, n: int) -> int:
    a = Money(k % 50)
    b: Money = Coin(n % 50)
    return (1 if a != b else 0) + (2 if a == b else 0) + (4 if b != a else 0) + (8 if (a, 1) != (b, 1) else 0)


@export
def post_init(k: int, n: int) -> int:
    return Doubled(n).n * 100 + Tripled(k % 7, 3).n


@export
def equality_of_runtime_class(k: int, n: int) -> int:
    a = shape(k, n % 4)
    b = shape(k, n % 3)
    c = shape(k + 1, n % 4)
    same = a
    return (1 if a == b else 0) + (2 if a == c else 0) + (4 if same == a else 0) + (8 if a != b else 0)


@export
def shapes_in_tuples(k: int, n: int) -> int:
    items = [shape(k, n % 2), Square(1)]
    pair = (items[0], items[1])
    return (1 if pair == (shape(k, n % 2), items[1]) else 0) + (2 if (items[0], 1) == (items[0], 1) else 0)
