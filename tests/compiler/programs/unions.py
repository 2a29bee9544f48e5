"""Unions beyond T | None: ``A | B``, ``Union[A, B]``, narrowed by isinstance(), ``is None``,
truth tests and early returns; typing.List, Dict, Set, FrozenSet and Tuple as the builtin generics; ``and``/``or`` whose operands differ give a union, as CPython's
value is whichever operand it is."""
from typing import Dict, FrozenSet, List, Set, Tuple, Union
from typing import List as Seq

from abi import export


class Shape:
    def __init__(self, size: int) -> None:
        self.size = size


class Square(Shape):
    def area(self) -> int:
        return self.size * self.size


def pick(n: int) -> int | str | None:
    if n % 3 == 0:
        return None
    if n % 3 == 1:
        return n
    return "x" * (n % 7)


def weigh(value: int | str | None) -> int:
    if value is None:
        return -1
    if isinstance(value, int):
        return value % 1000
    return len(value) * 1000


def status_text(status: int) -> Union[int, str]:
    return status or "none"


def shape(n: int) -> Shape | str | float:
    if n % 4 == 0:
        return Square(n % 100)
    if n % 4 == 1:
        return Shape(n % 50)
    if n % 4 == 2:
        return n / 4
    return "shape"


@export
def narrow_by_isinstance(n: int) -> int:
    return weigh(pick(n))


@export
def or_of_different_types(status: int) -> int:
    value = status_text(status % 5)
    if isinstance(value, str):
        return len(value) * 100
    return value


@export
def and_of_different_types(n: int) -> int:
    word = "yes" if n % 2 else ""
    value = word and n % 10  # '' when the word is empty, else the int
    if isinstance(value, int):
        return value
    return -len(value) - 1


@export
def classes_and_floats(n: int) -> int:
    value = shape(n)
    if isinstance(value, Square):
        return value.area()
    if isinstance(value, Shape):
        return value.size + 10000
    if isinstance(value, float):
        return int(value * 2)
    return len(value) * -1


@export
def else_branch_narrows(n: int) -> int:
    value: int | bytes = n if n % 2 else b"ab" * (n % 5)
    if not isinstance(value, int):
        return len(value)
    return value % 97


@export
def truth_removes_none(n: int) -> int:
    value = pick(n)
    if value is not None:
        return weigh(value) + 7
    return 0


@export
def bool_member(n: int) -> int:
    value: bool | str = n % 2 == 0 if n % 3 else "three"
    if isinstance(value, int):  # a bool is an int
        return 1 if value else 2
    return len(value)


@export
def reassigned(n: int) -> int:
    value: int | str = n % 100
    total = weigh(value)
    value = "abc"
    total += weigh(value)
    for i in range(3):
        value = i if i % 2 else str(i)
        total = total * 3 + weigh(value)
    return total


@export
def conditional_expression(n: int) -> int:
    value = n % 10 if n % 3 else "three"
    size = len(value) if isinstance(value, str) else value
    return size * 2


def maybe_name(n: int) -> str | None:
    return None if n % 3 == 0 else "n" + str(n % 10)


@export
def text_of_held_values(n: int) -> int:
    """str() and f-strings of a T | None or a union print what it holds, None included."""
    value = pick(n)
    flag: bool | float | None = None if n % 5 == 0 else (n % 2 == 0 if n % 5 < 3 else n / 8)
    text = f"{value}|{maybe_name(n)}|{flag}|{str(status_text(n % 3))}|{value!s:>6}"
    return len(text) * 1000 + sum_codes(text)


def sum_codes(text: str) -> int:
    total = 0
    for c in text:
        total = (total * 31 + ord(c)) % 1000
    return total


@export
def equality_on_held_values(n: int) -> int:
    """== and != between a T | None or a union and another type compare what they hold: numbers
    by value across int, float and bool (1 == 1.0 == True), text by content, None only to None."""
    name = maybe_name(n)
    value = pick(n)
    number: int | float = n % 4 if n % 3 else (n % 4) / 1
    flags = [name == "n1", "n2" == name, name != "n4", value == 1, value == "xx", value != None,
             number == 2, number == 2.0, number == True, value == number, name == value,
             n / 2 == pick(n), b"x" == maybe_bytes(n), maybe_bytes(n) == b"x" * (n % 2)]
    total = 0
    for flag in flags:
        total = total * 2 + (1 if flag else 0)
    return total


def maybe_bytes(n: int) -> bytes | None:
    return None if n % 5 == 0 else b"x" * (n % 3)


@export
def truth_of_held_values(n: int) -> int:
    """A truth test of a union: zero, empty text and empty containers are false, None too."""
    value = pick(n % 7)
    number: float | int | None = (n % 3) / 2 if n % 2 else n % 3
    listed: list[int] | str | None = [n] * (n % 2) if n % 4 < 2 else "s" * (n % 3)
    total = (1 if value else 0) * 4 + (2 if number else 0) + (1 if listed else 0)
    if not value:
        total += 100
    return total * 10 + (1 if (value and number) or listed else 0)


def tally(words: List[str], seen: Set[int]) -> Dict[str, Tuple[int, bool]]:
    counts: Dict[str, Tuple[int, bool]] = {}
    for index, w in enumerate(words):
        old = counts.get(w, (0, False))
        counts[w] = (old[0] + 1, old[1] or index in seen)
    return counts


@export
def typing_generic_aliases(n: int) -> int:
    """typing's List[int] is list[int]: the same values, methods and repr."""
    words: List[str] = ["a", "b", "a", str(n % 3)]
    seen: Set[int] = {n % 4, 1}
    frozen: FrozenSet[str] = frozenset(words)
    nested: Seq[List[int]] = [[n % 5], []]
    nested[1].append(len(frozen))
    counts = tally(words, seen)
    varied: Tuple[int, ...] = (n % 7, 3, 1)
    text = repr(counts) + repr(nested) + str(sorted(frozen)) + repr(varied[1:])
    return len(text) * 1000 + sum(ord(c) for c in text) % 997
