"""Closures: nested def and lambdas reading the enclosing function's variables with CPython's
late binding, nonlocal, counters, recursive nested functions, closures outliving their frame,
several levels of nesting, and lambdas as sort keys reading local variables."""
from typing import Callable

from abi import export


class Box:
    def __init__(self, n: int) -> None:
        self.n = n
        self.get: Callable[[], int] = lambda: self.n * 2

    def scaler(self, k: float) -> Callable[[int], float]:
        flag = k > 1.5

        def scale(x: int) -> float:
            return x * k + (1.0 if flag else 0.0) + self.n
        return scale


def twice(f: Callable[[int], int]) -> Callable[[int], int]:
    def g(x: int) -> int:
        return f(f(x))
    return g


def make_counter(start: int) -> Callable[[], int]:
    count = start

    def step() -> int:
        nonlocal count
        count += 1
        return count
    return step


def adder(k: int) -> Callable[[int], int]:
    return lambda x: x + k


def late_comprehension() -> list[Callable[[], int]]:
    return [lambda: i for i in range(3)]


def late_loop(n: int) -> list[Callable[[], int]]:
    fs: list[Callable[[], int]] = []
    for i in range(n):
        fs.append(lambda: i * 10)
    return fs


def bound_now(n: int) -> list[Callable[[], int]]:
    fs: list[Callable[[], int]] = []
    for i in range(n):
        fs.append(adder_of_zero(i))
    return fs


def adder_of_zero(i: int) -> Callable[[], int]:
    return lambda: i * 10


def call_all(fs: list[Callable[[], int]]) -> int:
    total = 0
    for f in fs:
        total = total * 7 + f()
    return total


def fact_of(n: int) -> int:
    def fact(k: int) -> int:
        if k <= 1:
            return 1
        return k * fact(k - 1)
    return fact(n)


def rebinding(n: int) -> int:
    x = n
    get = lambda: x * 10
    a = get()
    x = n + 1
    return a * 1000 + get()


def nested_levels(n: int) -> int:
    a = n

    def middle() -> int:
        b = a + 1

        def inner() -> int:
            nonlocal b
            b += 100
            return a * 1000 + b
        first = inner()
        return first * 10 + b % 10
    return middle()


def accumulate(words: list[str]) -> str:
    parts: list[str] = []
    seen = 0

    def add(w: str) -> None:
        nonlocal seen
        seen += 1
        if w not in parts:
            parts.append(w.upper())
    for w in words:
        add(w)
    return "-".join(parts) + str(seen)


def sort_near(xs: list[int], origin: int, reverse: bool) -> list[int]:
    return sorted(xs, key=lambda v: abs(v - origin), reverse=reverse)


def checked_by(limit: int) -> Callable[[int], int]:
    def check(x: int) -> int:
        if x > limit:
            raise ValueError("over the limit")
        return x
    return check


def numbers(n: int) -> list[int]:
    out = []
    x = n % 1000 + 3
    for i in range(25):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 100 - 50)
    return out


def encode(xs: list[int]) -> int:
    h = 0
    for x in xs:
        h = (h * 131 + x + 1000) % 1000000007
    return h


@export
def counters(n: int) -> int:
    c = make_counter(n % 100)
    c()
    c()
    d = make_counter(0)
    d()
    return c() * 1000 + d() * 10 + make_counter(5)()


@export
def late_binding(n: int) -> int:
    return call_all(late_comprehension()) * 100000 + call_all(late_loop(n % 4 + 1)) * 10 + \
        call_all(bound_now(n % 4 + 1)) % 10


@export
def recursion_and_rebinding(n: int) -> int:
    return fact_of(n % 12) + rebinding(n % 1000) + nested_levels(n % 100)


@export
def lists_in_cells(n: int) -> int:
    words = ["a", "b", "a", "c", "b", "d"][: n % 6 + 1]
    return len(accumulate(words)) * 100 + ord(accumulate(words)[-1])


@export
def key_reads_locals(n: int) -> int:
    xs = numbers(n)
    origin = n % 40 - 20
    k = n % 3 + 1
    best = max(xs, key=lambda v: v % k - abs(v - origin))
    return encode(sort_near(xs, origin, n % 2 == 0)) + best


@export
def raising_closure(n: int) -> int:
    check = checked_by(n % 50)
    total = 0
    try:
        for x in numbers(n):
            total += check(x)
    except ValueError:
        return total * 10 + 1
    return total * 10


@export
def returned_adders(n: int) -> int:
    fs = [adder(k) for k in range(4)]
    return fs[0](n % 100) + fs[3](1) * 1000 + adder(n % 10)(5)


@export
def methods_and_fields(n: int) -> int:
    b = Box(n % 100)
    first = b.get()
    b.n += 1
    s = b.scaler(n % 4 / 2)
    t = twice(twice(lambda x: x + 3))
    return first * 1000 + b.get() + int(s(7) * 10) + t(n % 10)
