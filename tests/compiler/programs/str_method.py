"""``str(obj)`` calls the class's written ``__str__`` (on the runtime class, a subclass's override
included), as CPython's ``type(obj).__str__(obj)``."""
from dataclasses import dataclass

from abi import export


class Tag:
    def __init__(self, n: int) -> None:
        self.n = n

    def __str__(self) -> str:
        return "tag-" + str(self.n)


class LoudTag(Tag):
    def __str__(self) -> str:
        return "TAG-" + str(self.n) + "!"


def make(n: int) -> Tag:
    return LoudTag(n) if n % 3 == 0 else Tag(n)


@export
def str_of_object(n: int) -> int:
    text = str(make(n))
    return len(text) * 100 + ord(text[0])


# A base's __str__ below a subclass's __repr__: str(), f"{x}", "%s", "{}".format and format(x)
# run the base's __str__ (they were the subclass's __repr__: a silent difference).
class Shown:
    def __init__(self, n: int) -> None:
        self.n = n

    def __str__(self) -> str:
        return "str-" + str(self.n)

    def __repr__(self) -> str:
        return "repr-" + str(self.n)


class ShownLower(Shown):
    def __repr__(self) -> str:
        return "lower-" + str(self.n)


class ShownLowest(ShownLower):
    pass


class Plain:
    def __str__(self) -> str:
        return "plain"


@dataclass
class Record(Plain):
    x: int


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


@export
def base_str_below_repr(n: int) -> int:
    a = ShownLower(n % 1000)
    b = ShownLowest(n % 7)
    text = f"{a}|{a!r}|{a!s}|{b}|{[b]}" + "%s %r" % (a, b) + "{} {!r}".format(b, a) + format(a) + str(b)
    return digest(text)


@export
def dataclass_below_base_str(n: int) -> int:
    r = Record(n % 1000)
    return digest(f"{r}|{r!r}|{[r]}|" + "%s" % r + "{}".format(r) + str(r) + repr(r))


# A class's __format__ runs for every field without a conversion, the empty spec included
# (f"{m}", format(m), "{}".format(m)); !s and %s still run __str__. (They ran __str__: a silent
# difference.)
class Money:
    def __init__(self, cents: int) -> None:
        self.cents = cents

    def __format__(self, spec: str) -> str:
        return "$" + str(self.cents // 100) + "." + str(self.cents % 100) + "[" + spec + "]"

    def __str__(self) -> str:
        return "money"


class Euro(Money):
    def __format__(self, spec: str) -> str:
        return "EUR" + spec


@dataclass
class Point:
    x: int

    def __format__(self, spec: str) -> str:
        return "pt" + spec + str(self.x)


def wallet(n: int) -> Money:
    return Euro(n) if n % 2 else Money(n)


@export
def own_format_method(n: int) -> int:
    m = wallet(n % 100000)
    p = Point(n % 7)
    text = f"{m}|{m:>10}|{m!s}|" + format(m) + format(m, "x") + "{}|{:q}".format(m, m) + "%s" % m
    width = str(n % 9)
    return digest(text + f"{p}|{p:abc}|{p!r}|{[p]}" + str(p) + f"{m:>{width}}|{p:{width}x{n % 3}}")
