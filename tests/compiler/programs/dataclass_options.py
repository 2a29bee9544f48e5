"""Dataclass options of issue 14: default_factory as a lambda or any zero-argument callable (fresh
for each instance, evaluated in module scope), frozen=True (reads, equality, subclasses),
eq=False (identity), order=True (fields compared as a tuple; TypeError across classes)."""
from dataclasses import dataclass, field

from abi import export

PREFIX = "utm_"


def default_ports() -> list[int]:
    return [80, 443]


@dataclass
class Tally:
    count: int = 0


@dataclass
class Config:
    name: str = "x"
    methods: list[str] = field(default_factory=lambda: ["GET", "HEAD", "POST"])
    weights: dict[str, int] = field(default_factory=lambda: {"a": 1, "é": 2})
    prefixes: list[str] = field(default_factory=lambda: [PREFIX, PREFIX.upper()])
    ports: list[int] = field(default_factory=default_ports)
    seen: set[str] = field(default_factory=set)
    tally: Tally = field(default_factory=Tally)
    empty: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Network:
    base: int
    prefix: int = 32

    def contains(self, address: int) -> bool:
        mask = (0xFFFFFFFF << (32 - self.prefix)) & 0xFFFFFFFF
        return address & mask == self.base & mask


@dataclass(frozen=True)
class Tagged(Network):
    tag: str = ""


@dataclass(eq=False)
class Handle:
    fd: int


@export
def fresh_factories(n: int) -> int:
    a = Config()
    b = Config("y", ports=[n % 1000])
    a.methods.append("PUT")
    a.seen.add("x")
    a.tally.count += 5
    a.weights["b"] = 3
    c = Config()
    total = len(a.methods) * 1000 + len(b.methods) * 100 + len(c.methods) * 10 + len(c.seen)
    total += a.tally.count * 7 + c.tally.count + len(c.weights) * 3 + b.weights["é"]
    return total * 10000 + b.ports[0] + c.ports[1] + len(a.prefixes[1]) + len(c.empty)


@export
def factory_not_shadowed(n: int) -> int:
    default_ports = n  # a caller's local of the factory's name changes nothing
    PREFIX = "other"
    c = Config()
    return c.ports[0] + default_ports % 7 + len(c.prefixes[0]) + len(PREFIX)


@export
def frozen_reads(n: int) -> int:
    net = Network(0x0A000000, 8)
    host = Network(n & 0xFFFFFFFF)
    tagged = Tagged(0xC0A80100, 24, "lan")
    total = int(net.contains(n & 0xFFFFFFFF)) + int(host.contains(n & 0xFFFFFFFF)) * 2
    total += int(tagged.contains(0xC0A801FF)) * 4 + len(tagged.tag) * 8
    total += int(Network(1, 2) == Network(1, 2)) * 100 + int(Network(1, 2) == Network(1, 3)) * 200
    return total + int(Tagged(1, 2, "a") == Tagged(1, 2, "a")) * 1000 + int(Network(1) != Network(2)) * 5000


@export
def eq_false_is_identity(n: int) -> int:
    a = Handle(n)
    b = Handle(n)
    c = a
    return int(a == b) + int(a == c) * 2 + int(a != b) * 4 + int(a is c) * 8
