"""Field defaults (issue 11): dataclasses.field(default_factory=...) and field(default=...); a list or
dict literal as a plain class's field default is one object shared as CPython's class attribute."""
from dataclasses import dataclass, field
from abi import export

class Registry:
    items: list[int] = []
    names: dict[str, int] = {"a": 1}

    def add(self, v: int) -> None:
        self.items.append(v)

class Own(Registry):
    def __init__(self) -> None:
        self.items = [100]

def make() -> list[int]:
    return [7, 8]

@dataclass
class Box:
    n: int
    tags: list[str] = field(default_factory=list)
    extra: list[int] = field(default_factory=make)
    table: dict[str, int] = field(default_factory=dict)
    limit: int = field(default=5)

@export
def shared(a: int) -> int:
    r1 = Registry()
    r2 = Registry()
    r1.add(a % 10)
    r2.add(3)
    o = Own()
    o.add(9)
    r2.names["b"] = 2
    return len(r1.items) * 1000 + len(Registry.items) * 100 + len(o.items) * 10 + len(Registry().names)

@export
def factories(a: int) -> int:
    b1 = Box(1)
    b2 = Box(2)
    b1.tags.append("x")
    b1.extra.append(a)
    b3 = Box(3, ["given"], [1], {"k": 1}, 9)
    return len(b1.tags) * 10000 + len(b2.tags) * 1000 + len(b2.extra) * 100 + len(b3.table) * 10 + b1.limit + b3.limit
