"""Sets: literals, set(), comprehensions, operators, methods, iteration order (CPython's hash
table for int items: hash collisions, dummies, resizes), mutation during iteration, KeyError texts.
str/bytes items are compared sorted (CPython's order for them is randomised per process)."""
from abi import export

P = 2305843009213693951  # 2**61 - 1: ints equal modulo it hash alike


def mix(h: int, v: int) -> int:
    return (h * 1000003 + v % 1000000007) % 2147483647


def order(s: set[int]) -> int:
    """The items in iteration order, folded: any difference of order changes it."""
    h = len(s)
    for x in s:
        h = mix(h, x)
    return h


def text(message: str) -> int:
    h = 0
    for c in message:
        h = mix(h, ord(c))
    return h


def small(n: int) -> int:
    return n % 200003 - 100000


def grown(n: int) -> set[int]:
    s: set[int] = set()
    for i in range(n % 200):
        s.add(i * 37 % 101 - 50)
    return s


@export
def literals(n: int) -> int:
    a = {3, 1, 2}
    b = {-1, -2, P, 0, 5}
    c = {n, -(n // 2), n // 2 + 1, P + (n % 7)}
    d = {True, False, True}
    e = {1, 1, 1}
    return mix(mix(mix(mix(order(a), order(b)), order(c)), len(d)), order(e))


@export
def collisions(n: int) -> int:
    s = {-1, -2}
    s.add(-3)
    s.add(P)
    s.add(0)
    s.add(2 * P)
    s.add(-P)
    s.add(n)
    s.add(-9223372036854775807 - 1)
    s.add(9223372036854775807)
    return mix(order(s), len(s))


@export
def huge(n: int) -> int:
    s: set[int] = set()
    for i in range(40):
        s.add((n + i) * 2**32 if -2**20 < n < 2**20 else n - i if n > 0 else n + i)
        s.add(i << 61 if i < 2 else i * 8)
    return order(s)


@export
def dummies(n: int) -> int:
    s = grown(n)
    for i in range(0, 200, 3):
        s.discard(i * 37 % 101 - 50)
    h = order(s)
    for i in range(0, 200, 2):
        s.add(i % 64)
    for i in range(0, 50, 5):
        s.discard(i)
        s.add(i + 1000)
    return mix(h, order(s))


@export
def resize(n: int) -> int:
    s: set[int] = set()
    h = 0
    for i in range(n % 3000):
        s.add(i * 7919 % 65537)
        if i % 97 == 0:
            h = mix(h, order(s))
    for i in range(0, n % 3000, 2):
        s.discard(i * 7919 % 65537)
    return mix(h, order(s))


@export
def pops(n: int) -> int:
    n = small(n)
    s = grown(n + 20)
    h = 0
    for i in range(n % 30):
        if s:
            h = mix(h, s.pop())
        s.add(i * 1000)
    s.clear()
    s.add(5)
    return mix(h, mix(order(s), s.pop()))


@export
def pop_empty() -> int:
    s: set[int] = set()
    try:
        s.pop()
    except KeyError as err:
        return text(str(err))
    return 0


@export
def remove_missing(n: int) -> int:
    s = {1, 2, 3}
    s.remove(2)
    try:
        s.remove(n)
    except KeyError as err:
        return text(str(err))
    return order(s)


@export
def remove_text(n: int) -> int:
    s = {"a", "b"}
    t = {b"x"}
    u = {True}
    h = 0
    try:
        s.remove("it's")
    except KeyError as err:
        h = mix(h, text(str(err)))
    try:
        t.remove(b"y")
    except KeyError as err:
        h = mix(h, text(str(err)))
    try:
        u.remove(n == 0)
    except KeyError as err:
        h = mix(h, text(str(err)))
    return h


@export
def remove_raises(n: int) -> int:
    s = {10, 20}
    s.remove(n)
    return len(s)


@export
def operators(n: int) -> int:
    n = small(n)
    a = grown(n)
    b = grown(n // 2 + 7)
    b.add(n)
    h = mix(order(a | b), order(a & b))
    h = mix(h, order(a - b))
    h = mix(h, order(a ^ b))
    h = mix(h, order(b | a))
    h = mix(h, order(b - a))
    h = mix(h, order(a | a))
    h = mix(h, order(a - a))
    h = mix(h, order(a ^ a))
    return mix(h, order(a & a))


@export
def in_place(n: int) -> int:
    n = small(n)
    a = grown(n)
    alias = a
    b = grown(n + 3)
    b.add(-n)
    a |= b
    h = order(alias)
    a &= grown(n // 3)
    h = mix(h, order(alias))
    a ^= b
    h = mix(h, order(alias))
    a -= grown(n // 5)
    h = mix(h, order(alias))
    a -= a
    return mix(h, order(alias))


@export
def comparisons(n: int) -> int:
    n = small(n)
    a = grown(n)
    b = grown(n + 1)
    c = set(a)
    flags = [a == b, a != b, a == c, a <= b, a < b, a >= b, a > b, a <= c, a < c, b >= a, b > a,
             n in a, n not in a, -50 in a, 1000 in b]
    h = 0
    for f in flags:
        h = h * 2 + int(f)
    return h


@export
def truth_and_len(n: int) -> int:
    s: set[int] = set()
    h = int(bool(s)) + len(s)
    if not s:
        h += 10
    s.add(n)
    if s:
        h += 100
    return h + len(s) * 1000


@export
def constructors(n: int) -> int:
    n = small(n)
    xs = [n % 5, 3, -1, -2, n % 5, 17, 3]
    d = {5: 1, -1: 2, 3: 3, P: 4, 0: 5}
    h = order(set(xs))
    h = mix(h, order(set(range(n % 40))))
    h = mix(h, order(set(range(-5, n % 30, 3))))
    h = mix(h, order(set(d)))
    h = mix(h, order(set(set(xs))))
    e: set[int] = set()
    h = mix(h, order(e))
    chars = set("hello world")
    h = mix(h, len(chars))
    h = mix(h, text("".join(sorted(chars))))
    return h


@export
def comprehensions(n: int) -> int:
    n = small(n)
    s = {x * x % 17 for x in range(n % 50)}
    t = {x for x in s if x % 2 == 0}
    u = {-x for x in [1, 2, 3, n]}
    words = {w.upper() for w in ["a", "b", "a", "c"]}
    return mix(mix(mix(order(s), order(t)), order(u)), len(words))


@export
def consumers(n: int) -> int:
    n = small(n)
    s = grown(n + 3)
    items = list(s)
    h = 0
    for x in items:
        h = mix(h, x)
    for x in sorted(s):
        h = mix(h, x)
    h = mix(h, min(s))
    h = mix(h, max(s))
    for x in sorted(s, reverse=True):
        h = mix(h, x)
    names = {"b", "a", "c", "a"}
    return mix(h, text(",".join(sorted(names))) + len(names) + text(min(names) + max(names)))


@export
def methods(n: int) -> int:
    n = small(n)
    a = grown(n)
    b = grown(n + 11)
    xs = [n, n + 1, -7, 0, 3, 3]
    h = order(a.union(b))
    h = mix(h, order(a.union(b, xs, a)))
    h = mix(h, order(a.union()))
    h = mix(h, order(a.intersection(b)))
    h = mix(h, order(a.intersection(xs)))
    h = mix(h, order(a.intersection(b, xs)))
    h = mix(h, order(a.intersection()))
    h = mix(h, order(a.difference(b)))
    h = mix(h, order(a.difference(xs)))
    h = mix(h, order(a.difference(b, xs)))
    h = mix(h, order(a.difference()))
    h = mix(h, order(a.symmetric_difference(b)))
    h = mix(h, order(a.symmetric_difference(xs)))
    h = mix(h, order(a.copy()))
    flags = [a.issubset(b), a.issubset(xs), a.issuperset(b), a.issuperset(xs), a.isdisjoint(b),
             a.isdisjoint(xs), a.issubset(a), set(xs).issubset(xs)]
    for f in flags:
        h = mix(h, int(f))
    return h


@export
def updates(n: int) -> int:
    n = small(n)
    a = grown(n)
    b = grown(n + 5)
    xs = [n, -n, 4, 4, 1000]
    a.update(b)
    h = order(a)
    a.update(xs, b)
    h = mix(h, order(a))
    a.intersection_update(b, xs)
    h = mix(h, order(a))
    a = grown(n)
    a.intersection_update(xs)
    h = mix(h, order(a))
    a = grown(n)
    a.intersection_update()
    h = mix(h, order(a))
    a.difference_update(b)
    h = mix(h, order(a))
    a = grown(n)
    a.difference_update(xs, b)
    h = mix(h, order(a))
    a.symmetric_difference_update(b)
    h = mix(h, order(a))
    a.symmetric_difference_update(xs)
    h = mix(h, order(a))
    a.symmetric_difference_update(a)
    return mix(h, order(a))


@export
def add_during_iteration(n: int) -> int:
    n = small(n)
    s = {1, 2, 3}
    count = 0
    for x in s:
        count += 1
        if count == 2:
            s.add(n + 100)
    return count


@export
def discard_during_iteration(n: int) -> int:
    n = small(n)
    s = grown(n + 10)
    h = 0
    for x in s:
        h = mix(h, x)
        s.discard(x)
    return h


@export
def same_size_during_iteration(n: int) -> int:
    n = small(n)
    s = grown(n + 10)
    h = 0
    for x in s:
        h = mix(h, x)
        if x % 3 == 0:
            s.discard(x)
            s.add(x + 1000)
    return mix(h, order(s))


@export
def mutate_after_last(n: int) -> int:
    n = small(n)
    s = {n}
    for x in s:
        s.add(x + 1)
    return len(s)


@export
def text_sets(n: int) -> int:
    n = small(n)
    s = {"x", "y", str(n)}
    s.add("z")
    s.discard("x")
    b = {b"a", b"b"} | {b"c"}
    t = {str(i % 7) for i in range(n % 20)}
    h = text(",".join(sorted(s)))
    h = mix(h, len(b) + int(b"a" in b) + int(b"q" in b))
    h = mix(h, text("".join(sorted(t))))
    h = mix(h, int("5" in s) + int(s <= {"y", "z", str(n)}))
    return h


@export
def bool_sets(n: int) -> int:
    s = {n > 0, n < 0}
    s.add(True)
    h = len(s)
    for x in s:
        h = h * 3 + int(x)
    return mix(h, int(False in s))


@export
def global_set(n: int) -> int:
    local = SEEN.copy()  # the global itself stays unchanged: each call starts from the same state
    local.add(n % 10)
    local.discard(n % 10 + 1)
    return mix(order(local), order(SEEN | {n}))


SEEN: set[int] = {4, 5}


def set_size(s: set[str]) -> int:
    return len(s) * 10


@export
def inferred_empty_sets(a: int) -> int:
    """``seen = set()`` typed by its first add / update / |= / typed use, as mypy infers it."""
    seen = set()
    for w in ["x", str(a % 5), "x", str(a % 3)]:
        seen.add(w)
    numbers = set()
    numbers.update([a % 7, 3, a % 7])
    more = set()
    more |= {a % 11, 5}
    passed = set()
    untouched = set()  # never used: set[int], as an unused empty list is a list[int]
    return mix(mix(len(seen) + set_size(passed), sum(numbers)), sum(more)) + int(str(a % 5) in seen)
