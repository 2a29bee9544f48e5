from dataclasses import dataclass
from typing import Optional

from abi import export


class Shape:
    SIDES = 0

    def __init__(self, name_id: int) -> None:
        self.name_id = name_id
        self.scale = 1

    def area(self) -> int:
        return 0

    def describe(self) -> int:
        return self.name_id * 1000 + self.area() * self.scale


class Square(Shape):
    SIDES = 4

    def __init__(self, side: int) -> None:
        super().__init__(2)
        self.side = side

    def area(self) -> int:
        return self.side * self.side


class Rect(Shape):
    def __init__(self, w: int, h: int) -> None:
        super().__init__(3)
        self.w = w
        self.h = h

    def area(self) -> int:
        return self.w * self.h


@dataclass
class Point:
    x: int
    y: int = 0


class Node:
    def __init__(self, value: int, next: Optional["Node"]) -> None:
        self.value = value
        self.next = next


TABLE: list[int] = [1, 2, 3]
SQUARES = [i * i for i in range(5)]
counter = 0


@export
def virtual_dispatch(a: int, b: int) -> int:
    shapes: list[Shape] = [Square(a), Rect(a, b), Shape(7)]
    total = 0
    for s in shapes:
        total += s.describe()
    return total


@export
def isinstance_counts(n: int) -> int:
    shapes: list[Shape] = []
    for i in range(n):
        if i % 3 == 0:
            shapes.append(Square(i))
        elif i % 3 == 1:
            shapes.append(Rect(i, 2))
        else:
            shapes.append(Shape(i))
    squares = 0
    for s in shapes:
        if isinstance(s, Square):
            squares += s.side
    return squares * 100 + len(shapes)


@export
def class_constants(k: int) -> int:
    sq = Square(k)
    return Square.SIDES * 10 + Shape.SIDES + sq.SIDES


@export
def dataclass_eq(a: int, b: int) -> bool:
    return Point(a, b) == Point(a) and Point(a, b) != Point(b, a)


@export
def dataclass_default(a: int) -> int:
    p = Point(a)
    p.y += 5
    return p.x * 10 + p.y


@export
def linked_list(n: int) -> int:
    head: Optional[Node] = None
    for i in range(n):
        head = Node(i, head)
    total = 0
    node = head
    while node is not None:
        total = total * 3 + node.value
        node = node.next
    return total


@export
def list_ops(n: int) -> int:
    items = [n, n + 1, n + 2]
    items.append(10)
    items[0] = items[-1] * 2
    total = 0
    for i, x in enumerate(items):
        total += i * x
    return total + len(items) + TABLE[2] + SQUARES[-1]


@export
def list_aliasing(n: int) -> int:
    a = [1, 2]
    b = a
    b.append(n)
    return len(a) * 100 + a[-1]


@export
def tuples(a: int, b: int) -> int:
    pair = (a, b)
    x, y = pair
    swapped = (y, x)
    return swapped[0] * 10 + swapped[1] + (1 if pair == (a, b) else 0)


@export
def optional_int(a: int) -> int:
    value: Optional[int] = None
    if a > 0:
        value = a
    if value is None:
        return -1
    return value + 1


@export
def globals_state(n: int) -> int:
    global counter
    counter += n
    TABLE.append(counter)
    return len(TABLE) * 1000 + counter


@export
def floats(a: int, b: int) -> float:
    x = float(a) / 4.0
    if b != 0:
        x = x + a / b
    return x * 2.5 - 1.0


@export
def float_to_int(a: int) -> int:
    return int(a / 3)


@export
def comprehension_filter(n: int) -> int:
    odd = [x * 2 for x in range(n) if x % 2 == 1]
    total = 0
    for v in odd:
        total += v
    return total


@export
def keyword_args(a: int) -> int:
    return scaled(a, factor=3) + scaled(a) + scaled(factor=2, value=a)


def scaled(value: int, factor: int = 10) -> int:
    return value * factor


@export
def zip_loop(n: int) -> int:
    xs = [i for i in range(n)]
    ys = [i * i for i in range(n + 2)]
    total = 0
    for x, y in zip(xs, ys):
        total += x * y
    return total


@export
def allocate_and_drop(n: int) -> int:
    total = 0
    for i in range(n):
        items = [i, i + 1, i + 2]
        p = Point(i, i)
        total += items[2] + p.y
    return total
