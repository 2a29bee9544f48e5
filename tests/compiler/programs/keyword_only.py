"""Keyword-only parameters (after '*') of issue 14: defaults, any keyword order (evaluated in
source order), in functions, methods and __init__."""
from abi import export

def note(log: list[int], v: int) -> int:
    log.append(v)
    return v


def scale(x: int, *, factor: int = 2, offset: int = 0) -> int:
    return x * factor + offset


def label(name: str, *, upper: bool, sep: str = "=") -> str:
    return (name.upper() if upper else name) + sep + str(len(name))


class Box:
    def __init__(self, size: int, *, tag: str = "é") -> None:
        self.size = size
        self.tag = tag

    def grow(self, *, by: int) -> int:
        self.size += by
        return self.size


@export
def calls(n: int) -> int:
    log: list[int] = []
    a = scale(n % 100)
    b = scale(n % 100, offset=3)
    c = scale(n % 100, offset=note(log, 5), factor=note(log, 7))
    return a * 1000000 + b * 1000 + c + len(log) * 7 + log[0]


@export
def texts(n: int) -> int:
    s = label("ΟΔΟΣ" * (n % 3), upper=n % 2 == 0) + label("", sep="", upper=True)
    h = len(s)
    for ch in s:
        h = (h * 31 + ord(ch)) & 0xFFFFFF
    return h


@export
def methods(n: int) -> int:
    box = Box(n % 50, tag="x")
    other = Box(1)
    return box.grow(by=n % 7) * 100 + other.grow(by=-3) + len(box.tag + other.tag)


def allowed(method: str, methods: tuple[str, ...] = ("GET", "HEAD"), pair: tuple[int, str] = (1, "a"),
            *, skip: tuple[int, ...] = ()) -> int:
    return int(method in methods) + pair[0] * 10 + len(pair[1]) * 100 + len(skip) * 1000


@export
def tuple_defaults(a: int) -> int:
    """Defaults that are tuples of constants (immutable, so each call may see a fresh equal one)."""
    methods = ("PUT", str(a % 3))
    return allowed("GET") + allowed(str(a % 3), methods) * 7 + allowed("HEAD", skip=(a % 5, 1)) * 11


def options(prefix: str, *names: str, sep: str = ",", **flags: int) -> str:
    return prefix + sep.join(names) + "|" + ";".join(f"{k}={v}" for k, v in flags.items())


class Query:
    def weight(self, base: int, **parts: int) -> int:
        return base + sum(v * len(k) for k, v in parts.items())


@export
def var_keywords(n: int) -> int:
    """**kwargs: the keywords no parameter takes, in source order (a named one may stand between
    plain values), none giving {}; a method's too; and *args beside it."""
    log: list[int] = []
    x = n % 7
    text = (options("a", b=x, a=note(log, 1)) + options("e") + options("n", "p", "q", sep="-", zz=x)
            + options(prefix="k", kw=note(log, 2), flags=note(log, 3)) + options("m", y=x, sep=":", z=2))
    q = Query().weight(n % 100, ab=x, c=note(log, 4))
    return len(text) * 100000 + sum(ord(c) for c in text) % 997 * 100 + q + sum(log)
