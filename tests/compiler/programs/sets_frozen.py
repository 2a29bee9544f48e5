"""frozenset[T]: frozenset(...) of lists, ranges, dicts, sets and frozensets (frozenset(fs) and fs.copy()
are fs itself), the methods that make new sets, operators (the left operand gives the result type),
comparisons with sets, and |= on a frozenset making a new one (an alias keeps the old)."""
from abi import export


def mix(h: int, v: int) -> int:
    return (h * 1000003 + v % 1000000007) % 2147483647


def order(s: frozenset[int]) -> int:
    h = len(s)
    for x in s:
        h = mix(h, x)
    return h


def order_set(s: set[int]) -> int:
    h = len(s)
    for x in s:
        h = mix(h, x)
    return h


@export
def frozen(n: int) -> int:
    n = n % 1000
    xs = [i * 37 % 101 - 50 for i in range(n % 90)]
    f = frozenset(xs)
    g = frozenset(f)
    e: frozenset[int] = frozenset()
    s = set(xs[::2])
    h = mix(order(f), order(g))
    h = mix(h, order(f.copy()))
    h = mix(h, order(f | s))
    h = mix(h, order_set(s | f))
    h = mix(h, order(f & s) + order(f - s) + order(f ^ s))
    h = mix(h, order(f.union(s, [n])) + order(f.intersection(s)) + order(f.difference(xs)))
    h = mix(h, order(f.symmetric_difference(s)))
    h = mix(h, int(f == set(xs)) + 2 * int(s <= f) + 4 * int(f >= s) + 8 * int(f.issuperset(s)))
    h = mix(h, int(n in f) + 2 * int(f.isdisjoint(s)) + 4 * int(bool(e)) + 8 * len(e))
    s |= f
    h = mix(h, order_set(s))
    f |= s
    h = mix(h, order(f))
    h = mix(h, order(frozenset(s)) + order(frozenset(range(n % 40))) + order(frozenset({n: 1, 3: 2})))
    t = set(f)
    t.add(n)
    return mix(h, order_set(t))


@export
def rebinding(n: int) -> int:
    a = frozenset([1, 2, n % 50])
    b = a
    a |= {7, n % 13}
    a -= {1}
    s = {1, 2}
    t = s
    s |= frozenset([9])
    return mix(mix(order(a), order(b)), order_set(t))
