"""Programs whose code has the pairs passes/peephole.py rewrites: record fields holding pointers
(an i64 slot read as i32), lengths, tests against zero, conditions negated twice."""
from abi import export


class Box:
    def __init__(self, name: str, count: int, items: list[int]) -> None:
        self.name = name
        self.count = count
        self.items = items


def make(a: int, b: int) -> Box:
    return Box("n" * (a % 7 if a > 0 else 0), b, [a, b, a ^ b])


@export
def fields(a: int, b: int) -> int:
    box = make(a, b)
    total = len(box.name) + len(box.items)
    if box.count == 0:
        total += 100
    if box.count != 0:
        total -= 1
    if not (box.count == 0):
        total += 7
    return total + box.items[2] % 1000


@export
def zero_tests(a: int, b: int) -> int:
    n = 0
    for x in [a, b, a ^ b, a & b]:
        if x == 0:
            n += 1
        elif not x != 0:
            n += 1000
        if not not x:
            n += 10
    return n


@export
def text_lengths(a: int, b: int) -> int:
    parts = [str(a), str(b), "", str(a & 255)]
    empty = 0
    for p in parts:
        if len(p) == 0:
            empty += 1
    return empty * 1000 + len(",".join(parts))
