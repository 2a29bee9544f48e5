"""isinstance() with built-in types and tuples of types (issue 11): decided by the static type,
narrowing ``T | None`` to ``T`` like ``is not None``; classes still checked at run time."""
from abi import export


class Base:
    pass


class Child(Base):
    pass


class Other:
    pass


def value_or_none(n: int) -> int | None:
    return None if n % 3 == 0 else n


def text_or_none(n: int) -> str | None:
    return None if n % 2 == 0 else "t" * (n % 5)


def pick(n: int) -> Base | None:
    if n % 3 == 0:
        return None
    return Child() if n % 3 == 1 else Base()


@export
def narrowing(a: int, b: int) -> int:
    v = value_or_none(a)
    total = 0
    if isinstance(v, int):
        total += v % 1000
    s = text_or_none(b)
    if isinstance(s, str):
        total += len(s) * 1000
    if not isinstance(v, (int, str)):
        total += 7
    return total


@export
def decided_statically(a: int, b: int) -> int:
    flag = a > b
    items = [a, b]
    score = 0
    for ok in [isinstance(a, int), isinstance(flag, int), isinstance(flag, bool), isinstance(a, bool),
               isinstance(a, float), isinstance(items, list), isinstance(items, dict), isinstance("x", str),
               isinstance(b"x", (str, bytes)), isinstance((a, b), tuple), isinstance(2.5, (int, float))]:
        score = score * 2 + (1 if ok else 0)
    return score


@export
def classes_and_tuples(a: int, b: int) -> int:
    obj = pick(a)
    score = 0
    if isinstance(obj, (Child, Other)):
        score += 1
    if isinstance(obj, Base):
        score += 10
    if isinstance(obj, (Child, int)):
        score += 100
    return score
