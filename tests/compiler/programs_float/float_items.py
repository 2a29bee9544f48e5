"""Floats as items of lists, tuples, dicts and dataclasses: CPython compares items by identity
first, so two nans compare equal exactly when they are the same object. Unboxed floats have no
identity: those comparisons raise ValueError (test_floats.py checks which cases)."""
from abi import export
from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float | None


class Never:
    def __init__(self, n: int) -> None:
        self.n = n

    def __eq__(self, other: "Never") -> bool:
        return False


def value_of(k: int) -> float:
    """k > 5: a nan (inf - inf); otherwise float(k)."""
    if k > 5:
        big = 1e308 * 10.0
        return big - big
    return float(k)


@export
def items(case: int, k: int) -> int:
    x = value_of(k)
    lst = [1.0, x, 2.0]
    if case == 0:
        return 1 if x in lst else 0
    if case == 1:
        return lst.count(x)
    if case == 2:
        return 1 if [x] == [x] else 0
    if case == 3:
        return 1 if (x, 1) == (x, 1) else 0
    if case == 4:
        return 1 if Point(x, x) == Point(x, None) else 0
    if case == 5:
        return 1 if Point(x, x) == Point(x, x) else 0
    if case == 6:
        d = {1: x}
        return 1 if d == {1: x} else 0
    if case == 7:
        return lst.index(x)
    if case == 8:
        lst.remove(x)
        return len(lst)
    # Never ambiguous: a nan against non-nans, nan == nan outside containers, identity of objects.
    if case == 9:
        return 1 if 3.0 in lst else 0
    if case == 10:
        return 1 if x == x else 0
    if case == 11:
        return 1 if (x, 1) == (1.0, 1) else 0
    n = Never(k)
    return (1 if (n, 1) == (n, 1) else 0) + (2 if n == n else 0) + (4 if Point(1.0, x) == Point(2.0, x) else 0)


AMBIGUOUS_WITH_NAN = 9  # cases below this compare two nans when k > 5
CASES = 13
