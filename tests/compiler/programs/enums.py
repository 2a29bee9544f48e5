"""enum.Enum of issue 14: int and str members, .name/.value, Color.RED, Color(v) (ValueError with
CPython's message), Color["RED"] (KeyError), iteration in definition order, len, in, ==/is,
members in lists and fields, methods, a module-level global holding a member."""
from dataclasses import dataclass
from enum import Enum, Flag, IntEnum

from abi import export


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 4
    DARK = -8

    def bright(self) -> bool:
        return self.value > 1

    def mixed(self, other: "Color") -> int:
        return self.value | other.value


class Mode(Enum):
    """How strict the parser is."""
    STRICT = "strict"
    LAX = "lax"
    NONE_ = ""
    ACCENT = "é"


class Perm(Flag):
    R = 4
    W = 2
    X = 1

    def readable(self) -> bool:
        return (self & Perm.R) is Perm.R


DEFAULT = Color.GREEN


class Level(IntEnum):
    OFF = 0
    LOW = 1
ALL = Perm.R | Perm.W | Perm.X


@dataclass
class Pen:
    color: Color
    mode: Mode = Mode.LAX


@export
def members(n: int) -> int:
    total = 0
    for c in Color:
        total = total * 10 + abs(c.value)
    c = Color(4)
    total += len(Color) * 10000000 + len(c.name) * 100000 + int(c is Color.BLUE) * 10000
    total += int(Color["GREEN"] == DEFAULT) * 20000 + int(Color.RED.bright()) * 40000
    total += int(Color.GREEN != Color.RED) * 80000 + Color.BLUE.mixed(Color(n % 3 or 1)) * 1000000
    return total


@export
def lookup_errors(n: int) -> int:
    codes = 0
    try:
        codes += Color(n).value
    except ValueError as err:
        codes += len(str(err)) * 1000
    try:
        codes += len(Mode["STRICT" if n % 3 == 0 else "X" * (n % 3)].value) * 100000
    except KeyError as err:
        codes += len(str(err)) * 10000000
    try:
        codes += len(Mode("é" * (n % 2)).name) * 1000000000
    except ValueError as err:
        codes += len(str(err)) * 100000000000
    return codes


@export
def str_members(n: int) -> int:
    names = [m.name for m in Mode if m.value != "lax"]
    values = 0
    for m in list(Mode):
        values += len(m.value)
    pens = [Pen(Color.RED), Pen(Color(2), Mode.STRICT), Pen(DEFAULT, mode=Mode("é"))]
    chosen = pens[n % 3]
    score = len(names) * 1000 + values * 100 + int(Mode("lax") in Mode) * 10
    score += int(chosen.mode is Mode.LAX) + len(chosen.mode.name) * 10000 + chosen.color.value * 100000
    return score + sorted([m.value for m in Color])[n % 4] * 1000000 + len([c for c in Color if c.bright()])


@export
def flags(n: int) -> int:
    """Flag of issue 14: | & ^ ~ give members or cached composites (R|W, name None for 0), Perm(v)."""
    rw = Perm.R | Perm.W
    out = [repr(rw), str(rw.name), str(rw.value), repr(Perm(n % 8)), str(Perm(n % 8).name), repr(ALL)]
    out += [repr(~Perm.R), repr(rw & Perm.W), repr(rw ^ Perm.X), repr(rw & Perm.X), repr(~ALL)]
    out += [str(rw), str(Perm(n % 8)), f"{Perm.X}|{str(rw):>8}|{Perm(0)!s}", "%s" % (Perm.W,), str((Perm.R | Perm.W) is rw), str(Perm.R == Perm(4)), str(Perm(n % 8).readable()), repr([rw, Perm.X])]
    try:
        out.append(repr(Perm(n % 40 - 20)))
    except ValueError as err:
        out.append(str(err))
    try:
        out.append(repr(Perm(-(n % 9))))
    except ValueError as err:
        out.append(str(err))
    return digest(";".join(out))


def digest(text: str) -> int:
    h = 0
    for c in text:
        h = (h * 131 + ord(c)) % 1000000007
    return h


@export
def member_str_and_format(n: int) -> int:
    """str() and formatting of an Enum member: 3.11's Color.RED, a spec applying to that text."""
    c = list(Color)[n % 4]
    m = list(Mode)[n % 4]
    text = f"{c}|{m:>14}|{c!s:*^12}|{str(m)}|" + "%s" % c + "{}".format(m) + str([c]) + str((c, m))
    return len(text) * 1000 + sum(ord(ch) for ch in text) % 997


@export
def flag_membership(n: int) -> int:
    """`a in p` of Flag values: 3.11's Flag.__contains__, every bit of a set in p (zero is in any)."""
    members = list(Perm)
    p = members[n % len(members)] | members[(n // 3) % len(members)]
    t = 0
    for a in members + [members[0] | members[1], p & members[n % len(members)], members[0] & members[1]]:
        t = t * 2 + int(a in p)
        t = t * 2 + int(a not in members[1] | members[2])
    return t


@export
def flag_and_int_enum_truth(n: int) -> int:
    """Truth of a Flag (3.11's bool(self._value_)) and of an IntEnum member (int's), in if/while/not/bool()."""
    p = Perm(n % 8) & Perm.R
    level = Level(n % 2)
    t = int(bool(p)) * 2 + int(not p)
    t = t * 2 + int(bool(~(Perm.R | Perm.W | Perm.X)))
    t = t * 2 + (1 if level else 0)
    t = t * 2 + int(bool(level) and not Level.OFF)
    q = Perm(n % 8)
    while q:
        t += 4
        q = q & Perm(q.value >> 1)
    return t

