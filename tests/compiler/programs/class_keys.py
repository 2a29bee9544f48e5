"""Classes of issue 14. Objects as dict keys: objects of classes without __eq__/__hash__ and Enum
members key a dict by identity, frozen dataclasses by class and fields, as CPython's do; the dict
keeps insertion order, so no result shows a hash. IntEnum members acting as ints. Mixins (multiple
inheritance where one base has fields), methods resolved in CPython's MRO."""
from dataclasses import dataclass, field
from enum import Enum, IntEnum

from abi import export


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 4


class Level(IntEnum):
    LOW = 0
    MID = 5
    HIGH = 10
    TOP = -3

    def doubled(self) -> int:
        return self * 2


class Node:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"Node({self.name!r})"


class Leaf(Node):
    pass


@dataclass(eq=False)
class Task:
    title: str
    weight: int = 1


@dataclass(eq=False)
class Graph:
    edges: dict[Node, list[Node]] = field(default_factory=dict)

    def link(self, a: Node, b: Node) -> None:
        self.edges.setdefault(a, []).append(b)


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    label: str = ""


@dataclass(frozen=True)
class Point3(Point):
    z: int = 0
    on: bool = False


@dataclass(frozen=True)
class Empty:
    pass


class LoggingMixin:
    """Reads a field of the class that uses it."""

    def log(self, message: str) -> str:
        return f"[{self.name}] {message} {self.describe()}"

    def describe(self) -> str:
        return "mixin"

    def shout(self) -> str:
        return self.name.upper()


class CountMixin:
    def describe(self) -> str:
        return "count"

    def tally(self) -> int:
        return len(self.name) * 10


class Base:
    def __init__(self, name: str) -> None:
        self.name = name

    def describe(self) -> str:
        return "base"

    def shout(self) -> str:
        return "base:" + self.name


class Handler(LoggingMixin, Base):
    def __init__(self, name: str, level: int) -> None:
        super().__init__(name)
        self.level = level


class Quiet(Base, LoggingMixin, CountMixin):
    pass


class Loud(Handler):
    def describe(self) -> str:
        return "loud" + str(self.level)


@dataclass
class Record(CountMixin, LoggingMixin):
    name: str
    size: int = 0


PALETTE: dict[Color, str] = {Color.RED: "r", Color.BLUE: "b"}


@export
def enum_keys(n: int) -> int:
    counts: dict[Color, int] = {}
    for i in range(n % 7 + 3):
        c = Color(1 << (i % 3))
        counts[c] = counts.get(c, 0) + i
    text = ",".join(f"{c.name}={v}" for c, v in counts.items())
    missing = PALETTE.get(Color.GREEN, "?") + PALETTE.get(Color(n % 2 * 3 + 1), "-")
    counts[Color.RED] += 1
    try:
        missing += PALETTE[Color(1 << (n % 3))] + str(dict(PALETTE).pop(Color.BLUE) if n < 0 else "")
    except KeyError as err:
        missing += "KeyError" + str(err) + repr(err)
    levels = {Level.MID: "m"}
    try:
        del levels[Level(n % 3 * 5)]
    except KeyError as err:
        missing += str(err) + levels.pop(Level.MID, "?")
    missing += repr(Color.GREEN) + f"{Level.TOP!r}" + str([Color.RED, Color(4)]) + repr(levels) + repr(PALETTE)
    return digest(text + missing + str(Color.GREEN in PALETTE) + str(list(PALETTE.values())) + str(counts[Color.RED]))


@export
def identity_keys(n: int) -> int:
    a, b, c = Node("a"), Leaf("b"), Node("a")
    seen = {a: 1, b: 2}
    seen[c] = 3            # equal name, another object: another key
    seen[a] = seen.get(a, 0) + n % 5
    order = [k.name for k in seen]
    popped = seen.pop(b, -1) + seen.pop(b, -1)
    return digest(f"{order} {len(seen)} {seen.get(a)} {seen.get(c)} {popped} {c in seen} {b in seen} {seen}")


@export
def graph_keys(n: int) -> int:
    nodes = [Node(str(i)) for i in range(n % 4 + 3)]
    g = Graph()
    for i, node in enumerate(nodes):
        g.link(node, nodes[(i * 2 + 1) % len(nodes)])
        g.link(nodes[0], node)
    degrees = {k.name: len(v) for k, v in g.edges.items()}
    return digest(f"{degrees} {sorted(len(v) for v in g.edges.values())} {list(g.edges)[-1]}")


@export
def dataclass_keys(n: int) -> int:
    tasks = [Task("x"), Task("x", 2), Task("y")]
    owners = {t: i * 10 for i, t in enumerate(tasks)}
    owners.update({tasks[n % 3]: 7})
    dup = {Task("x"): 1, Task("x"): 2}
    copy = dict(owners)
    return sum(owners.values()) * 100 + len(dup) * 10 + int(copy == owners) + len({t: 0 for t in tasks if t.weight == 1})


@export
def views_and_sorting(n: int) -> int:
    nodes = [Node(c) for c in "dbca"[: n % 4 + 1]]
    rank = {node: i for i, node in enumerate(nodes)}
    by_name = sorted(rank.keys(), key=lambda k: k.name)
    pairs = list(rank.items())
    first = min(rank.keys(), key=lambda k: (rank.get(k, 0) - 2) ** 2)
    backup = rank.copy()
    backup.setdefault(nodes[0], 99)
    backup.setdefault(Leaf("z"), 5)
    marks = {c: c.value * 2 for c in Color if c.value != n % 4}
    shown = f"{[k.name for k in by_name]} {pairs[-1]} {first} {list(backup.values())} {Color.RED in marks.keys()}"
    return digest(shown + str(marks.get(Color.BLUE)) + str(len(backup)) + str(backup == rank))


@export
def int_enum_arithmetic(n: int) -> int:
    m = Level(n % 3 * 5)
    total = m + 1 + (m * 3) - Level.HIGH // 4 + (-Level.TOP) + (Level.MID << 2) + (m & 7) + abs(Level.TOP)
    total += int(m) * 1000 + m.value * 100000 + m.doubled() * 10000000 + int(m % 4 == 1)
    return total * 10 + (Level.HIGH ** 2) % 7


@export
def int_enum_compare(n: int) -> int:
    m = Level(n % 3 * 5)
    bits = [m == 5, m == Level.MID, m != 0, m < Level.HIGH, 0 <= m < 10, m is Level.MID, m > -4,
            Level.TOP < Level.LOW, m in [Level.LOW, Level.HIGH], m == n, Level(10) is Level.HIGH,
            m in (0, 10), m not in [n % 11], m in {5: "x"}, m in {Level.MID: 1}]
    total = 0
    for b in bits:
        total = total * 2 + int(b)
    return total


@export
def int_enum_text(n: int) -> int:
    m = [Level.LOW, Level.MID, Level.HIGH, Level.TOP][n % 4]
    text = "%d|%s|%3d|" % (m, m, Level.HIGH) + f"{m}|{m:>4}|{m:+d}|{m!s}|{str(m)}|{m.name}|{m.value}|{len(Level)}|{[x.name for x in Level]}"
    by_level = {lv: lv.name.lower() for lv in Level if lv.value != 0}
    text += f"{by_level.get(m, '-')}{sorted(x.value for x in Level)}{max(lv.value for lv in Level)}"
    try:
        Level(n % 7)
    except ValueError as err:
        text += str(err)
    return digest(text)


@export
def mixins(n: int) -> int:
    h = Handler("h" * (n % 3 + 1), n % 5)
    q = Quiet("quiet")
    lo = Loud("lo", 7)
    r = Record("rec", n % 4)
    handlers: list[Base] = [h, q, lo]
    text = h.log("a") + q.log("b") + lo.log("c") + h.shout() + q.shout() + lo.shout() + str(q.tally())
    text += r.log("d") + str(r.tally()) + repr(r) + str(r == Record("rec", n % 4))
    text += ",".join(b.describe() + b.shout() for b in handlers) + str(isinstance(lo, Handler))
    text += str([isinstance(b, Handler) for b in handlers]) + type(lo).__name__
    return digest(text)


@export
def frozen_keys(n: int) -> int:
    grid: dict[Point, int] = {}
    for i in range(n % 6 + 4):
        p = Point(i % 3, i % 2, "ab"[i % 2:])
        grid[p] = grid.get(p, 0) + i
    first = Point(0, 0, "ab")
    grid.setdefault(Point(9, 9), -1)
    grid[Point3(0, 0, "ab")] = 100       # another class: another key, as CPython's __eq__ says
    grid[Point3(0, 0, "ab", 0, False)] = grid.get(Point3(0, 0, "ab"), 0) + int(Point3(0, 0, "ab") in grid)
    bools = {Point3(1, 1, "", 1, True): "t", Point3(1, 1, "", 1, False): "f", Point3(1, 1, "", 1, True): "T"}
    empties = {Empty(): 1, Empty(): 2}
    text = f"{list(grid.items())} {grid.get(first)} {first in grid} {Point(5, 5) in grid} {bools} {empties}"
    text += str(grid.pop(Point(9, 9), 0)) + str(len(grid)) + str({Point(1, 2): 0} == {Point(1, 2): 0})
    return digest(text)
