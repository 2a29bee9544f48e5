"""Generator functions (yield, yield from) consumed at once, with CPython's lazy order: each is
inlined where it is consumed, and a log both the generator and the consumer append to shows the
interleaving; early break, return inside the generator, a generator abandoned midway by any(),
yield inside nested loops and ifs, yield from a list and from another generator, defaults."""
from typing import Generator, Iterator

from abi import export


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


def digest(log: list[int]) -> int:
    h = len(log)
    for v in log:
        h = mix(h, v)
    return h


def count_up(log: list[int], n: int, step: int = 1) -> Iterator[int]:
    i = 0
    while i < n:
        log.append(100 + i)
        yield i
        i += step
    log.append(999)


def until_negative(log: list[int], xs: list[int]) -> Iterator[int]:
    for x in xs:
        if x < 0:
            log.append(-1)
            return
        log.append(x)
        yield x * 2
    log.append(-2)


def grid(log: list[int], n: int) -> Iterator[int]:
    for i in range(n % 5):
        for j in range(i):
            if (i + j) % 3 == 0:
                continue
            if j > 2:
                break
            log.append(i * 10 + j)
            yield i * 10 + j
        else:
            yield -i


def chained(log: list[int], n: int) -> Generator[int, None, None]:
    yield from [7, 8]
    log.append(50)
    yield from count_up(log, n % 4, 2)
    yield from grid(log, n)
    yield n % 1000


def words(n: int) -> Iterator[str]:
    for w in ["b", "a", "é", "ΟΔΟΣ", "", "c"][:n % 7]:
        yield w.upper()
    yield str(n % 10)


def span(n: int) -> list[int]:
    return [(n >> k) % 11 - 4 for k in range(n % 7)]


@export
def for_loops(n: int) -> int:
    log: list[int] = []
    total = 0
    for v in count_up(log, n % 6):
        log.append(v)
        if v == 3:
            continue
        total += v
    for v in count_up(log, 10, step=3):
        log.append(-v)
        if v > n % 8:
            break
    else:
        log.append(77)
    return mix(digest(log), total)


@export
def returns_early(n: int) -> int:
    log: list[int] = []
    out = 0
    for v in until_negative(log, span(n)):
        log.append(v + 1000)
        out = mix(out, v)
    else:
        log.append(5)
    return mix(digest(log), out)


@export
def nested_loops(n: int) -> int:
    log: list[int] = []
    for v in grid(log, n):
        log.append(v * 7)
    pairs = [(a, b) for a in grid(log, n) for b in count_up(log, a % 3)]
    return mix(digest(log), len(pairs))


@export
def yield_from(n: int) -> int:
    log: list[int] = []
    for v in chained(log, n):
        log.append(v + 500)
        if v == n % 1000 and n % 3 == 0:
            break
    return digest(log)


@export
def consumers(n: int) -> int:
    log: list[int] = []
    s = sum(count_up(log, n % 7))
    a = any(v > 2 for v in count_up(log, n % 9))
    b = any(until_negative(log, span(n)))
    c = all(until_negative(log, span(n // 3)))
    items = list(chained(log, n))
    ordered = sorted(grid(log, n), reverse=True)
    low = min(count_up(log, n % 5 + 1))
    high = max(count_up(log, n % 5 + 1), default=-3)
    log.extend(until_negative(log, span(n)))
    total = mix(digest(log), s * 4 + a * 2 + b + c * 8)
    return mix(mix(mix(total, digest(items)), digest(ordered)), low * 10 + high)


@export
def strings(n: int) -> int:
    joined = ",".join(words(n))
    ordered = "".join(sorted(words(n)))
    kinds = len(set(words(n)))
    first = min(words(n))
    counted = 0
    for i, w in enumerate(words(n), 1):
        counted += i * len(w)
    return mix(mix(len(joined) * 100 + kinds, counted), len(ordered) + ord(first[0]) if first else 0)


@export
def abandoned(n: int) -> int:
    log: list[int] = []
    for v in count_up(log, 100):
        if v >= n % 5:
            break
    found = any(v == n % 4 for v in count_up(log, 10))
    for v in count_up(log, 3):
        for w in count_up(log, 3):
            if w > v:
                break
            log.append(v * 10 + w)
    return mix(digest(log), int(found))


def check_positive(log: list[int], xs: list[int]) -> Iterator[int]:
    for x in xs:
        log.append(x)
        yield 10 // x


@export
def raising(n: int) -> int:
    log: list[int] = []
    try:
        for v in check_positive(log, span(n)):
            log.append(v)
    except ZeroDivisionError:
        log.append(-9)
    return digest(log)


def guarded(log: list[int], n: int) -> Iterator[int]:
    """A try/finally without a yield inside: its return still runs the finally."""
    for i in range(n % 6):
        try:
            log.append(i)
            if i == 3:
                return
        finally:
            log.append(-i)
        yield i
    log.append(99)


def scaled(n: int, k: int = 2, *, scale: int = 3) -> Iterator[int]:
    xs = [x * scale for x in range(n % 9) if x % k == 0]
    for x in xs:
        yield x
    i = n % 13
    while (j := i - 1) > 0:
        i = j
        if j % 2:
            yield j


TOTAL = sum(scaled(7))


@export
def finally_and_keywords(n: int) -> int:
    log: list[int] = []
    for v in guarded(log, n):
        log.append(v * 10)
    out = 0
    for v in scaled(n, scale=5, k=3):
        out = (out * 3 + v) % 1000003
    return mix(mix(digest(log), out), TOTAL)


@export
def zip_enumerate_closure(n: int) -> int:
    xs = [3, 1, 4, 1, 5][: n % 6]
    t = 0
    for a, b in zip(scaled(n), xs):
        t = (t * 7 + a * 3 + b) % 1000003
    start = n % 3
    for i, v in enumerate(scaled(n), start):
        t = (t * 5 + i * v) % 1000003
    x = n % 10

    def add(v: int) -> int:
        return v + x
    for x in scaled(n):  # the loop variable is a cell of add()
        t = (t + add(x)) % 1000003
    return t
