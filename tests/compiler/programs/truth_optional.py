"""Truth tests of values held as `T | None`, in unions and in containers: None is false, else the
value's own truth (0, 0.0, "", b"", empty containers, __bool__/__len__ objects)."""
from collections import Counter, deque
from dataclasses import dataclass

from abi import export


class Sized:
    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n


class Flagged:
    def __init__(self, on: bool) -> None:
        self.on = on

    def __bool__(self) -> bool:
        return self.on


@dataclass
class Plain:
    x: int


def bits(values: list[bool]) -> int:
    t = 0
    for v in values:
        t = t * 2 + int(v)
    return t


@export
def optional_scalars(n: int) -> int:
    i: int | None = n % 2 if n % 3 else None
    f: float | None = float(n % 2) if n % 3 else None
    b: bool | None = n % 2 == 1 if n % 3 else None
    s: str | None = "x" * (n % 2) if n % 3 else None
    by: bytes | None = b"x" * (n % 2) if n % 3 else None
    return bits([bool(i), bool(f), bool(b), bool(s), bool(by), not i, not f, not s])


@export
def optional_containers(n: int) -> int:
    xs: list[int] | None = [1] * (n % 2) if n % 3 else None
    d: dict[str, int] | None = {"a": 1} if n % 2 else ({} if n % 3 else None)
    st: set[int] | None = set(range(n % 2)) if n % 3 else None
    t: tuple[int, ...] | None = tuple(range(n % 2)) if n % 3 else None
    dq: deque[int] | None = deque(range(n % 2)) if n % 3 else None
    c: Counter[str] | None = Counter("a" * (n % 2)) if n % 3 else None
    ba: bytearray | None = bytearray(n % 2) if n % 3 else None
    return bits([bool(xs), bool(d), bool(st), bool(t), bool(dq), bool(c), bool(ba)])


@export
def optional_objects(n: int) -> int:
    s: Sized | None = Sized(n % 2) if n % 3 else None
    f: Flagged | None = Flagged(n % 2 == 1) if n % 3 else None
    p: Plain | None = Plain(0) if n % 3 else None
    out = bits([bool(s), bool(f), bool(p), not s, not f])
    if s and f:
        out += 100
    if s or p:
        out += 1000
    return out


@export
def unions(n: int) -> int:
    u: int | str = n % 2 if n % 3 else ""
    v: int | str | None = None if n % 5 == 0 else ("" if n % 2 else 0)
    w: float | bytes = 0.0 if n % 2 else b"1"
    return bits([bool(u), bool(v), bool(w), not u, not v])


@export
def condition_values(n: int) -> int:
    i: int | None = n % 2 if n % 3 else None
    s: str | None = "x" * (n % 2) if n % 3 else None
    x = i or 7
    y = s or "d"
    z = (i and 5) or 9
    return x * 100 + len(y) * 10 + z
