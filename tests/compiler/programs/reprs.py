"""repr() of every typed value, and str() / f-strings of containers, as CPython shows them:
lists, dicts, tuples (one item: a trailing comma), sets (int items: CPython's order), nested
containers, T | None, unions (a bool before an int), str quoting and escapes, floats, objects
whose class defines __repr__ (and str() of one without __str__), (an Any's: reprs_any.py, a program whose classes define no __repr__),
the __repr__ a @dataclass generates (field(repr=False) left out, a subclass's name, a written __str__ kept)."""
from dataclasses import dataclass, field

from abi import export

WORDS = ["", "a", "it's", 'say "hi"', "both ' and \"", "tab\there", "é€😀", "back\\slash", "\x00\x7f"]


def word(n: int) -> str:
    return WORDS[n % len(WORDS)]


class Point:
    def __init__(self, x: int, label: str) -> None:
        self.x = x
        self.label = label

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.label!r})"


class Shown:
    def __init__(self, x: int, label: str) -> None:
        self.x = x
        self.label = label

    def __repr__(self) -> str:
        return f"Shown({self.x})"

    def __str__(self) -> str:
        return "shown"


@dataclass
class Box:
    v: int
    name: str = "x"
    tags: list[str] = field(default_factory=list)
    secret: int = field(default=3, repr=False)


@dataclass(eq=False)
class Crate:
    box: Box
    more: dict[str, Box | None]
    at: Point | None = None


class Carton(Box):  # not a dataclass: Box's generated repr, with the runtime class's name
    pass


@dataclass
class Tagged(Box):
    extra: float = 0.5
    name: str = field(default="t", repr=False)  # redeclared: hidden here, shown in Box


@dataclass
class Named:
    n: int

    def __str__(self) -> str:
        return f"named {self.n}"


@dataclass(repr=False)
class Quiet(Box):  # no generated repr: Box's, without q
    q: int = 0


@export
def dataclass_reprs(n: int) -> int:
    box = Box(n % 100, word(n), [word(n % 5 + 1)], n)
    crate = Crate(box, {"a": None, word(n): Box(2)}, Point(n % 7, "p") if n % 2 else None)
    carton = Carton(4)
    carton.tags.append("t")
    named = Named(n % 9)
    kept: list[Box] = [box, carton, Tagged(1, "no", [], 0, n / 4)]
    text = (repr(box) + str(crate) + f"{box}|{crate!r}|{carton}" + repr(kept) + str(named) + repr(named)
            + f"{named}{named!r}" + repr(Quiet(1, "a", q=n % 4)) + str((box, Tagged(2)))
            + repr({n % 3: Tagged(3)}))
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def list_reprs(n: int) -> int:
    items = [word(n), word(n % 7 + 1), word(n % 7 + 2)]
    numbers = [n, -(n % 1000), 0]
    floats = [n / 7, 1e300 * n, -0.0]
    nested = [[n], [], [n, n % 9 + 1]]
    text = repr(items) + repr(numbers) + repr(floats) + repr(nested) + str(nested) + f"{nested}|{items!r}"
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def dict_reprs(n: int) -> int:
    d = {word(n): n, word(n % 7 + 3): -1, "k": 0}
    lists = {"a": [n, 2], "b": []}
    opt: dict[str, int | None] = {"x": None, "y": n}
    text = repr(d) + str(lists) + f"{opt}" + repr({1: True, n: False})
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def tuple_reprs(n: int) -> int:
    one = (n,)
    pair = (word(n), n / 3)
    nested = ((n, "x"), [1.5], None)
    text = repr(one) + repr(pair) + str(nested) + f"{pair!r}{one}"
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def set_reprs(n: int) -> int:
    empty: set[int] = set()
    ints = {n % 50, 3, -7, 64, n % 9}
    frozen = frozenset({n % 4, 1})
    nothing: frozenset[int] = frozenset()
    text = repr(empty) + repr(ints) + str(frozen) + repr(nothing) + f"{ints}"
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def optional_and_union_reprs(n: int) -> int:
    maybe: str | None = word(n) if n % 2 else None
    value: int | str | bool | None = n
    if n % 3 == 0:
        value = word(n)
    elif n % 3 == 1:
        value = n % 2 == 0
    elif n % 5 == 0:
        value = None
    many = [maybe, None, "z"]
    text = repr(maybe) + repr(value) + f"{value!r}" + repr(many)
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def object_reprs(n: int) -> int:
    p = Point(n, word(n))
    s = Shown(n % 5, "s")
    pts = [p, Point(0, "")]
    text = repr(p) + str(p) + f"{p}{p!r}" + repr(pts) + str(s) + repr(s) + f"{s}" + str({"p": p}) + repr([s])
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def scalar_reprs(n: int) -> int:
    text = repr(n) + repr(n / 3) + repr(word(n)) + repr(word(n).encode()) + repr(n > 0) + repr(None)
    return len(text) * 1000 + sum(ord(c) for c in text) % 997


@export
def none_item_reprs(n: int) -> int:
    """Containers whose items are None (no variable can hold one): dict.fromkeys, list[None]..."""
    keys = dict.fromkeys([word(n), "k"])
    nested: dict[str, list[None]] = {"a": [None] * (n % 3), "b": []}
    loose: tuple[None, ...] = tuple([None] * (n % 3))
    text = str(keys) + repr(nested) + f"{loose}|{[None]}"
    return len(text) * 1000 + sum(ord(c) for c in text) % 997
