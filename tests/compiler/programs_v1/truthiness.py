"""Truth values of class instances: __bool__, then __len__ (>= 0 or ValueError), else true."""
from abi import export
from dataclasses import dataclass


class Plain:
    def __init__(self, n: int) -> None:
        self.n = n


class Sized:
    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n


class Flag(Sized):
    def __bool__(self) -> bool:
        return self.n % 2 == 1


class Counted(Plain):
    def __len__(self) -> int:
        return self.n - 1


@dataclass
class Box:
    items: list[int]

    def __len__(self) -> int:
        return len(self.items)


def pick(k: int, n: int) -> Plain:
    if k == 0:
        return Plain(n)
    return Counted(n)


@export
def if_and_not(k: int, n: int) -> int:
    objs: list[Sized] = [Sized(n), Flag(n)]
    s = objs[k % 2]
    r = 0
    if s:
        r += 1
    if not s:
        r += 2
    while bool(s) and r < 10:
        r += 5
    return r + (100 if not not s else 0)


@export
def and_or(k: int, n: int) -> int:
    s = Flag(n) if k % 2 == 0 else Sized(n)
    t = s or Sized(7)
    u = s and Sized(9)
    return t.n * 100 + u.n


@export
def bool_builtin(k: int, n: int) -> int:
    return (1000 if bool(pick(k % 2, n)) else 0) + (1 if bool(Plain(n)) else 0)


@export
def dataclass_len(k: int, n: int) -> int:
    b = Box([k] * (n if n > 0 else 0))
    return 10 * (1 if b else 0) + 100 * len(b) + (1 if [b] else 0)


@export
def optional_object(k: int, n: int) -> int:
    o: Sized | None = Flag(n) if k > 1 else None
    r = 0
    if o:
        r += 1
    if o is not None and not o:
        r += 2
    return r + (4 if [x for x in [Sized(n), Sized(n - 1)] if x] else 0)


@export
def comprehension_filter(k: int, n: int) -> int:
    sized = [Sized(i - 2) for i in range(n if n > 0 else 0)]
    return len([s for s in sized if s])
