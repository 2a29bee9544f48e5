"""Functions as values: module-level functions and lambdas stored in variables, fields, lists
and dicts, passed, returned and called; Callable from typing and collections.abc."""
from collections.abc import Callable as AbcCallable
from typing import Callable

from abi import export


def double(x: int) -> int:
    return x * 2


def triple(x: int) -> int:
    return x * 3


def shout(s: str) -> str:
    return s.upper() + "!"


def halve(x: float) -> float:
    return x / 2


def positive(x: int) -> bool:
    return x > 0


def checked(x: int) -> int:
    if x < 0:
        raise ValueError("negative")
    return x


LOG: list[int] = []


def record(x: int) -> None:
    LOG.append(x)


class Rule:
    def __init__(self, name: str, test: Callable[[int], bool], fix: Callable[[int], int]) -> None:
        self.name = name
        self.test = test
        self.fix = fix

    def run(self, x: int) -> int:
        if self.test(x):
            return self.fix(x)
        return x


OPS: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
}
CURRENT: Callable[[int], int] = double


def apply_twice(f: Callable[[int], int], x: int) -> int:
    return f(f(x))


def pick(n: int) -> Callable[[int], int]:
    if n % 3 == 0:
        return double
    if n % 3 == 1:
        return triple
    return lambda x: x - 1


def compose(fs: list[Callable[[int], int]], x: int) -> int:
    for f in fs:
        x = f(x)
    return x


def countdown(n: int) -> int:
    if n <= 0:
        return 0
    return 1 + CURRENT_REC(n - 1)


CURRENT_REC: Callable[[int], int] = countdown


@export
def variables(n: int) -> int:
    f = double
    g: Callable[[int], int] = lambda x: x + 100
    h: AbcCallable[[int], int] = triple
    return f(n % 1000) + g(n % 1000) * 3 + h(n % 1000) * 7


@export
def passed_and_returned(n: int) -> int:
    m = n % 10000
    return apply_twice(pick(n), m) + apply_twice(lambda x: x * x % 1009, m)


@export
def in_containers(n: int) -> int:
    m = n % 1000
    fs = [double, triple, pick(n % 3 + 2)]
    table = {"a": double, "b": triple}
    total = compose(fs, m) + table["b"](m) + fs[-1](m)
    for name in ["add", "sub", "mul"]:
        total = total * 7 + OPS[name](m, 3)
    return total


@export
def fields(n: int) -> int:
    rules = [Rule("pos", positive, double), Rule("neg", lambda x: x < 0, lambda x: -x),
             Rule("any", lambda x: True, triple)]
    total = 0
    for r in rules:
        total = total * 3 + r.run(n % 1000)
    rules[0].fix = triple
    return total + rules[0].run(5)


@export
def other_types(n: int) -> int:
    f: Callable[[str], str] = shout
    g: Callable[[float], float] = halve
    p: Callable[[int], bool] = positive
    done: Callable[[int], None] = record
    LOG.clear()
    done(n % 100)
    done(n % 7)
    return len(f("ab" * (n % 5))) * 1000 + int(g(float(n % 100))) + (5 if p(n) else 0) + LOG[-1] * 3 + len(LOG)


@export
def optional_value(n: int) -> int:
    f: Callable[[int], int] | None = None
    if n % 2 == 0:
        f = triple
    if f is not None:
        return f(n % 1000)
    return -1


@export
def no_parameters(n: int) -> int:
    g = lambda: 42
    h: Callable[[], str] = lambda: "abc"
    return g() + len(h()) + n % 3


@export
def raising(n: int) -> int:
    f: Callable[[int], int] = checked
    try:
        return f(n % 1000 - 500)
    except ValueError:
        return -7


@export
def raising_uncaught(n: int) -> int:
    fs = [checked, double]
    return fs[0](n % 50 - 25)


@export
def global_values(n: int) -> int:
    global CURRENT
    CURRENT = double
    before = CURRENT(n % 100)
    CURRENT = triple if n % 2 else (lambda x: x + 1)
    return before * 1000 + CURRENT(n % 100) + countdown(n % 20)


def sum_of(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t = t * 3 + x
    return t


@export
def map_and_filter(n: int) -> int:
    xs = [3, -1, 4, -1, 5, 9, -2, 6][: n % 8 + 1]
    k = n % 3
    square: Callable[[int], int] = lambda v: v * v
    a = list(map(square, xs))
    b = list(filter(lambda v: v > k, xs))
    c = sorted(map(lambda v: v % 5, xs), reverse=True)
    d = ",".join(map(str, xs))
    e = max(map(abs, xs))
    f = list(filter(None, [v - k for v in xs]))
    g = list(filter(positive, [triple(v) for v in xs]))
    return sum_of(a) * 7 + sum_of(b) * 11 + sum_of(c) * 13 + len(d) * 17 + e + len(f) + sum_of(g)
