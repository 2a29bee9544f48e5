"""itertools of issue 15 against CPython: chain, chain.from_iterable, islice, count, product,
accumulate, pairwise, repeat, takewhile, dropwhile, groupby and zip_longest in for loops, comprehensions and the
consumers of generator expressions; a loop body that appends to the source list sees the new
items as CPython's iterator does; islice pulls exactly the items CPython pulls (side effects of a
generator source are logged); islice's ValueErrors with CPython's messages. functools: reduce
(with and without initial, over generators and itertools, its TypeError), lru_cache/cache hits,
misses, LRU eviction order, cache_info()/cache_clear(), a key stored by a recursive call, errors
not cached, the recursion limit of a cached recursive function."""
import functools
import itertools
from functools import cache, lru_cache, reduce
from itertools import (accumulate, chain, count, dropwhile, groupby, islice, pairwise, product, repeat, takewhile,
                       zip_longest)

from abi import export


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


def digest(log: list[int]) -> int:
    h = len(log)
    for v in log:
        h = mix(h, v)
    return h


def text_digest(s: str) -> int:
    return digest([ord(c) for c in s])


def noted(log: list[int], v: int) -> int:
    log.append(v)
    return v


def span(n: int) -> list[int]:
    return [(n >> k) % 11 - 4 for k in range(n % 7)]


def small(v: int) -> bool:
    return v < 2


def biggest(a: int, b: int) -> int:
    return a if a > b else b


@export
def chains(n: int) -> int:
    xs, ys = span(n), span(n // 3)
    log: list[int] = []
    for x in chain(xs, ys, xs):
        log.append(x)
    log.append(sum(itertools.chain(xs, ys)))
    log += list(chain.from_iterable([xs, ys, [7]]))
    log += [x * 2 for x in chain(ys, xs) if x > 0]
    log.append(len("".join(chain("ab", "cde"[:n % 4]))))
    log.append(max(chain(xs, [0])))
    log.append(int(any(x > 3 for x in chain(xs, ys))))
    t = tuple(chain(xs, ys))
    log.append(len(t) * 1000 + sum(t))
    pairs = dict(pairwise("abcab"[:n % 6]))
    log.append(text_digest(repr(pairs)))
    log.append(text_digest(repr(dict(product("ab", [n % 4])))))
    words = sorted(chain(["b", "a"], ["c"][:n % 2]))
    log.append(text_digest("".join(words)))
    return digest(log)


@export
def chain_sees_appends(n: int) -> int:
    xs, ys = span(n), [1, 2]
    log: list[int] = []
    for x in chain(xs, ys):
        log.append(x)
        if len(ys) < 4 and x == 2:
            ys.append(9)
        if len(xs) < 8 and x < 0:
            xs.append(5)
    return digest(log)


@export
def chain_break_else(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    for x in chain(xs, [3, 4]):
        if x == n % 5:
            log.append(100)
            break
        if x < 0:
            continue
        log.append(x)
    else:
        log.append(200)
    return digest(log)


@export
def slices(n: int) -> int:
    xs = span(n) + [n % 97, 3, 1, 4, 1, 5]
    k = n % 9
    log: list[int] = []
    log += list(islice(xs, k))
    log += list(islice(xs, 1, k))
    log += list(islice(xs, k // 3, None, 2))
    log += list(islice(xs, 0, k, 3))
    log += list(islice(xs, 5, 2))
    log += list(islice(xs, None))
    log += list(islice(count(n % 13, 3), k))
    log += [v for v in islice(count(), 2, 12, 4)]
    log += [ord(c) for c in islice("abcdef", k // 2, k)]
    return digest(log)


@export
def slice_pulls(n: int) -> int:
    log: list[int] = []
    xs = span(n) + [6, 7, 8, 9]
    k, j = n % 5, n % 3
    for v in islice((noted(log, x) for x in xs), j, k + j, 1 + n % 2):
        log.append(1000 + v)
    log.append(-1)
    out = list(islice((noted(log, x * 3) for x in xs), k))
    log += out
    log.append(-2)
    log += list(islice((noted(log, x) for x in xs), 0, 0))
    log += list(islice((noted(log, x) for x in xs), 3, 1))
    return digest(log)


@export
def slice_errors(n: int) -> int:
    xs = [1, 2, 3]
    a, b, c = n % 5 - 2, n % 4 - 2, n % 3 - 1
    log: list[int] = []
    for args in range(4):
        try:
            if args == 0:
                log += list(islice(xs, a))
            elif args == 1:
                log += list(islice(xs, a, b))
            elif args == 2:
                log += list(islice(xs, 0, b, c))
            else:
                log += list(islice(xs, a, None, c))
        except ValueError as e:
            log.append(text_digest(str(e)))
    return digest(log)


@export
def counts(n: int) -> int:
    log: list[int] = []
    for i in count(n % 100, n % 7 - 3):
        log.append(i)
        if len(log) > 5:
            break
    words = ["a", "b", "c"]
    for i, w in zip(count(), words):
        log.append(i * 10 + len(w))
    for i in count(5):
        if i > 7:
            break
        log.append(i)
    return digest(log)


@export
def products(n: int) -> int:
    xs, ys = span(n), span(n // 7)
    log: list[int] = []
    for a, b in product(xs, ys):
        log.append(a * 100 + b)
    log += [a + b + c for a, b, c in product([1, 2], repeat=3)]
    log += [ord(p[0]) * p[1] for p in product("ab", [1, 2][:n % 3])]
    for t in product(xs, repeat=2):
        log.append(t[0] - t[1])
    for a, b in product(xs, xs):  # the pools are copied when product() is called
        if len(xs) < 9:
            xs.append(a)
        log.append(b)
    return digest(log)


@export
def accumulates(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    log += list(accumulate(xs))
    log += list(accumulate(xs, initial=n % 10))
    log += list(accumulate(xs, lambda a, b: a * 2 - b))
    log += list(accumulate(xs, biggest))
    log += list(accumulate(xs, max, initial=-3))
    log += [len(s) for s in accumulate(["a", "bc", ""][:n % 4])]
    total = 0.0
    for f in accumulate([0.5, 0.25, n % 3 * 1.0]):
        total = total * 3 + f
    log.append(int(total * 16))
    return digest(log)


@export
def pairs_and_repeats(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    for a, b in pairwise(xs):
        log.append(a - b)
    log += [p[0] * p[1] for p in pairwise(xs + [3])]
    log += [ord(a) - ord(b) for a, b in pairwise("hello"[:n % 6])]
    log += list(repeat(n % 10, n % 4))
    log += list(repeat(7, -1))
    for w in repeat("ab", 2):
        log.append(len(w))
    for i, v in zip(repeat(4), xs):
        log.append(i + v)
    for a, b in pairwise(xs):  # an appended item is pulled
        if len(xs) < 8:
            xs.append(a + b)
        log.append(b)
    return digest(log)


@export
def while_predicates(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    log += list(takewhile(lambda v: v < 2, xs))
    log += list(dropwhile(lambda v: v < 2, xs))
    log += list(takewhile(small, xs))
    log += list(dropwhile(small, xs))
    calls: list[int] = []
    for v in takewhile(lambda v: noted(calls, v) < 3, xs):
        log.append(v * 7)
    for v in dropwhile(lambda v: noted(calls, v) < 0, xs):
        log.append(v * 11)
    log += calls
    log.append(sum(takewhile(lambda v: v != 0, xs)))
    log.append(int(all(v > -5 for v in dropwhile(small, xs))))
    return digest(log)


@export
def nested(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    log += list(islice(chain(xs, xs, [5, 6]), 3, 9))
    log += list(takewhile(lambda v: v < 5, accumulate(chain(xs, [1, 1, 1]))))
    log += [a * b for a, b in pairwise(islice(count(1), n % 6))]
    log += [x for ys in [xs, [1, 2]] for x in islice(ys, 1, None)]
    return digest(log)


LOG: list[int] = []


@lru_cache(maxsize=2)
def square(n: int) -> int:
    LOG.append(n)
    return n * n


@functools.lru_cache(maxsize=None)
def labelled(n: int, word: str) -> str:
    LOG.append(n)
    return word * (n % 4)


@lru_cache
def pair_sum(p: tuple[int, int], flag: bool) -> int:
    LOG.append(p[0])
    return p[0] + p[1] if flag else p[0] - p[1]


@lru_cache(0)
def never_kept(b: bytes) -> int:
    LOG.append(len(b))
    return len(b)


@cache
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@functools.cache
def depth(n: int) -> int:
    return 0 if n == 0 else depth(n - 1) + 1


@lru_cache(maxsize=4)
def failing(n: int) -> int:
    LOG.append(n)
    if n % 3 == 0:
        raise ValueError("no")
    return n


REENTER: list[bool] = [True]


@lru_cache(maxsize=3)
def reentered(n: int) -> int:
    """The inner call stores the key first: the outer call returns its own value, not stored."""
    if REENTER[0]:
        REENTER[0] = False
        return reentered(n) + 100
    return n


def info_digest(hits: int, misses: int, currsize: int) -> int:
    return hits * 10000 + misses * 100 + currsize


@export
def lru_order(n: int) -> int:
    LOG.clear()
    square.cache_clear()
    for v in [n % 3, 1, n % 3, 2, 1, n % 5, 2, 2, 0]:
        LOG.append(square(v))
    info = square.cache_info()
    LOG.append(info_digest(info.hits, info.misses, info.currsize))
    LOG.append(text_digest(repr(info)))
    square.cache_clear()
    LOG.append(text_digest(str(square.cache_info())))
    return digest(LOG)


@export
def cache_keys(n: int) -> int:
    LOG.clear()
    out: list[int] = []
    for k in [n % 4, 1, n % 4, 2]:
        for w in ["ab", "", "ab"]:
            out.append(len(labelled(k, w)))
    for p in [(1, 2), (n % 3, 2), (1, 2)]:
        out.append(pair_sum(p, True) + pair_sum(p, n % 2 == 0))
    for b in [b"x", b"", b"x"]:
        out.append(never_kept(b))
    out.append(fib(n % 60) % 1000003)
    info = labelled.cache_info()
    out.append(info_digest(info.hits, info.misses, info.currsize))
    out.append(text_digest(repr(pair_sum.cache_info()) + repr(never_kept.cache_info())))
    out.append(text_digest(repr(fib.cache_info())))
    labelled.cache_clear()
    pair_sum.cache_clear()
    never_kept.cache_clear()
    fib.cache_clear()
    return digest(out + LOG)


@export
def cache_errors(n: int) -> int:
    LOG.clear()
    failing.cache_clear()
    out: list[int] = []
    for v in [n % 6, 3, n % 6, 3, 4]:
        try:
            out.append(failing(v))
        except ValueError:
            out.append(-1)
    info = failing.cache_info()
    out.append(info_digest(info.hits, info.misses, info.currsize))
    REENTER[0] = True
    reentered.cache_clear()
    out.append(reentered(n % 10))
    out.append(reentered(n % 10))
    info = reentered.cache_info()
    out.append(info_digest(info.hits, info.misses, info.currsize))
    return digest(out + LOG)


@export
def cache_depth(n: int) -> int:
    depth.cache_clear()
    try:
        return depth(n % 3 * 300)
    except RecursionError:
        return -1


def add(a: int, b: int) -> int:
    return a + b


@export
def reductions(n: int) -> int:
    xs = span(n)
    log: list[int] = []
    log.append(reduce(lambda a, b: a * 3 + b, xs, 1))
    log.append(reduce(add, xs + [n % 5]))
    log.append(reduce(max, [n % 9, 4, 2]))
    log.append(reduce(lambda a, w: a + len(w), ["ab", "c", ""], n % 3))
    log.append(text_digest(reduce(lambda a, b: b + a, ["x", "y", "z"][:1 + n % 3])))
    log.append(reduce(lambda a, b: a - b, (noted(log, v * 2) for v in xs if v != 1), 0))
    log.append(reduce(add, islice(count(n % 7), 4)))
    log.append(reduce(add, chain(xs, [1])))
    try:
        log.append(reduce(add, xs))
    except TypeError as e:
        log.append(text_digest(str(e)))
    try:
        log.append(reduce(add, (v for v in xs if v > 10)))
    except TypeError as e:
        log.append(text_digest(str(e)))
    return digest(log)


def sliced(log: list[int], xs: list[int], start: int, stop: int, step: int) -> None:
    """islice(gen, start, stop, step) with -9 meaning None; the pulls are logged."""
    try:
        if stop == -9:
            got = list(islice((noted(log, x) for x in xs), start, None, step))
        elif step == -9:
            got = list(islice((noted(log, x) for x in xs), start, stop))
        else:
            got = list(islice((noted(log, x) for x in xs), start, stop, step))
        log += got
        log.append(-100)
    except ValueError as e:
        log.append(text_digest(str(e)))


@export
def islice_grid(n: int) -> int:
    """Every start in -1..5, stop in None, -2..7 and step in None, -1..3 over n % 8 items."""
    xs = [10 + i for i in range(n % 8)]
    log: list[int] = []
    for start in range(-1, 6):
        for stop in [-9, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7]:
            for step in [-9, -1, 0, 1, 2, 3]:
                sliced(log, xs, start, stop, step)
    for stop in [-9, -2, -1, 0, 3, 9]:
        try:
            if stop == -9:
                log += list(islice((noted(log, x) for x in xs), None))
            else:
                log += list(islice((noted(log, x) for x in xs), stop))
        except ValueError as e:
            log.append(text_digest(str(e)))
    return digest(log)


def parity(v: int) -> int:
    return v % 2


@export
def groups(n: int) -> int:
    xs = span(n) + [n % 3, n % 3, 1]
    log: list[int] = []
    for k, g in groupby(xs):
        log.append(k * 100 + len(list(g)))
    for k, g in groupby(xs, key=lambda v: noted(log, v) // 3):
        log.append(-5000 + k)
        if k == 0:
            continue  # the group is skipped: its keys are computed at the next step
        for v in g:
            log.append(v)
            if v == 1:
                break  # part of the group: the rest is pulled by the next step
        log.append(sum(g))  # what is left of it
        log.append(len(list(g)))  # nothing
    else:
        log.append(-1)
    for k, g in groupby(xs, parity):
        if k == n % 2:
            log.append(max(g))
            break
    for w, letters in groupby("aabccc"[:n % 7]):
        log.append(len("".join(letters)) * ord(w))
    log += [k * 10 + sum(g) for k, g in groupby(sorted(xs))]
    log += [len(list(g)) for _, g in groupby(xs, key=lambda v: (v > 0, v % 2 == 0))]
    return digest(log)


@export
def groups_see_appends(n: int) -> int:
    xs = [1, 1, n % 3]
    log: list[int] = []
    for k, g in groupby(xs):
        if len(xs) < 7:
            xs.append(k)  # pulled later, as by CPython's list iterator
        log.append(k * 10 + len(list(g)))
    for k, g in groupby(xs):
        log.append(k)
    return digest(log)


def made(log: list[int], n: int) -> list[int]:
    log.append(-n)
    return [n, n + 1]


@export
def slice_makes_source(n: int) -> int:
    """islice(items, 0, 0) pulls nothing, but the items were made."""
    log: list[int] = []
    log += list(islice(made(log, 1), 0))
    log += list(islice(made(log, 2), 0, 0))
    log += list(islice(made(log, 3), n % 3))
    for v in islice(made(log, 4), 0, n % 2):
        log.append(v)
    return digest(log)


@export
def zips_longest(n: int) -> int:
    xs, ys = span(n), span(n // 5)
    log: list[int] = []
    for a, b in zip_longest(xs, ys, fillvalue=-99):
        log.append(a * 1000 + b)
    for p, q in zip_longest(xs, "abc"[:n % 4]):
        log.append((-7 if p is None else p) * 10 + (0 if q is None else ord(q)))
    log += [len(t[0] + t[1] + t[2]) for t in zip_longest("ab", "c", "def"[:n % 4], fillvalue="")]
    for a, b in zip_longest(xs, ys, fillvalue=0):  # appends are seen while a list is not exhausted
        if len(ys) < 9:
            ys.append(a)
        log.append(a + b)
    return digest(log)


@lru_cache(maxsize=1)
def tiny(k: int) -> int:
    LOG.append(k)
    return k * 3


@lru_cache(maxsize=3)
def three(k: int, s: str) -> int:
    LOG.append(k)
    return k + len(s)


@export
def lru_sweep(n: int) -> int:
    """40 call sequences drawn from n: the hits, misses, sizes and calls made, as CPython's."""
    LOG.clear()
    out: list[int] = []
    state = n % 1000003
    for _ in range(40):
        tiny.cache_clear()
        three.cache_clear()
        for _ in range(12):
            state = (state * 1103515245 + 12345) % 2147483648
            k = state % 5
            out.append(tiny(k) + three(k, "ab"[:state % 3]))
        a, b = tiny.cache_info(), three.cache_info()
        out.append(info_digest(a.hits, a.misses, a.currsize) * 7 + info_digest(b.hits, b.misses, b.currsize))
    return digest(out + LOG)
