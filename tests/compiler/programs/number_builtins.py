"""The built-ins divmod, pow, round, hash, hex, oct, bin, format and ascii (issue 14), on edge ints
(the int64 limits too), negative and huge floats, ties, non-ASCII text; and '#' in format specs."""
from abi import export

FLOATS = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, -0.5, 2.675, 1e16 + 1.0, -1e22, 123456.789, 1e300, -1e-300, 0.125,
          5e-324, 1234.5, 2.5e15, 9.5, -9.5]
DIGITS = [-400, -309, -308, -30, -20, -5, -3, -2, -1, 0, 1, 2, 3, 10, 17, 300, 330]
TEXTS = ["", "a", "é", "Ω", "😀", "mixed é Ω 😀 \n"]


def digest(s: str) -> int:
    h = len(s)
    for c in s:
        h = (h * 1000003 + ord(c)) & 0xFFFFFFFFFF
    return h


def mix(h: int, v: int) -> int:
    return (h * 31 + v) & 0xFFFFFFFFFF


@export
def divmod_ints(a: int, b: int) -> int:
    if b == -1:
        b = -2  # divmod(INT64_MIN, -1)'s quotient is past int64: OverflowError here
    q, r = divmod(a, b)
    return mix(q % 1000003, r % 1000003)


@export
def divmod_floats(a: int, b: int) -> int:
    h = 0
    for x in FLOATS:
        q, r = divmod(x, float(b % 7 - 3) + 0.5)
        h = mix(h, digest(repr(q) + repr(r)))
        q2, r2 = divmod(a % 1000, x) if x != 0.0 else (0.0, 0.0)
        h = mix(h, digest(f"{q2!r} {r2!r}"))
    return h


@export
def divmod_float_by_zero(a: int) -> int:
    return len(str(divmod(float(a), 0.0)))


@export
def pow_two(a: int, b: int) -> int:
    return pow(a % 1000, b % 5) + pow(b % 10, 3)


@export
def pow_modulus(a: int, b: int, c: int) -> int:
    return pow(a, b, c)


@export
def pow_negative_exponent(a: int, c: int) -> int:
    return pow(a, -1, c) + pow(a, -3, c)


@export
def round_ints(a: int) -> int:
    h = 0
    for n in DIGITS:
        h = mix(h, round(a % 100000000000000000 if n < 0 else a, n) % 1000003)
    return mix(h, round(a) % 1000003 + round(a > 0))


@export
def round_floats(a: int) -> int:
    h = 0
    for x in FLOATS + [a / 7, a / 1000, float(a % 100000) + 0.5]:
        for n in DIGITS:
            h = mix(h, digest(repr(round(x, n))))
        if -1e18 < x < 1e18:
            h = mix(h, round(x) % 1000003)
        h = mix(h, digest(repr(round(x, None))) if -1e18 < x < 1e18 else 0)
    return h


@export
def round_special(p: bool) -> int:
    x = float("inf") if p else float("nan")
    h = digest(repr(round(x, 3)) + repr(round(x, -3)))
    return mix(h, round(x))


@export
def hashes(a: int, b: int) -> int:
    t = (a, b)
    nested = ((a, 1), b, True)
    h = mix(hash(a) % 1000003, hash(t) % 1000003)
    h = mix(h, hash((b, a, -1)) % 1000003)
    h = mix(h, hash(nested) % 1000003)
    return mix(h, hash(a > b) + hash((a,)) % 1000003)


@export
def in_bases(a: int) -> int:
    h = digest(hex(a) + oct(a) + bin(a) + hex(a > 0))
    h = mix(h, digest(f"{a:#x}|{a:#X}|{a:#o}|{a:#b}|{a:>#30x}|{a:<#25o}|{a:+#x}|{a:#d}"))
    return h


@export
def formats(a: int) -> int:
    x = a / 3
    h = digest(format(a, ">12") + format(a) + format(x, ".3f") + format(x) + format("é", "^7"))
    return mix(h, digest(format(a, "x") + format(a > 0) + format(a, "+d")))


@export
def asciis(a: int) -> int:
    h = 0
    for s in TEXTS:
        h = mix(h, digest(ascii(s) + ascii([s, str(a)]) + ascii({s: a})))
    return mix(h, digest(ascii(a) + ascii(a / 4) + ascii(None) + ascii(b"\xff\x00")))


@export
def reversed_loops(a: int, b: int) -> int:
    xs = [a % 100, b % 100, 3, -4]
    h = 0
    for x in reversed(xs):
        h = mix(h, x)
    for c in reversed("aé😀z"):
        h = mix(h, ord(c))
    for v in reversed(b"\x00\xff\x10"):
        h = mix(h, v)
    h = mix(h, sum(x * 2 for x in reversed(xs)))
    h = mix(h, digest("".join(reversed("héllo"))) + len([c for c in reversed("abc") if c != "b"]))
    h = mix(h, digest(str(list(reversed(xs))) + str(tuple(reversed(xs))) + str(sorted(reversed(xs)))))
    h = mix(h, max(reversed(xs)) + min(reversed(xs)))
    return h


@export
def reversed_ranges(a: int, b: int, c: int) -> int:
    h = 0
    step = c % 7 - 3 if c % 7 != 3 else 2
    for i in reversed(range(a % 50, b % 50, step)):
        h = mix(h, i)
    for i in reversed(range(a % 20)):
        h = mix(h, i + 7)
    for i in reversed(range(a, b, c if c != 0 else 1)):
        h = mix(h, i % 1000003)
        if h % 5 == 0:
            break
    return h


@export
def reversed_list_shrinks(a: int) -> int:
    xs = [1, 2, 3, 4, 5, 6]
    seen = []
    for x in reversed(xs):
        seen.append(x)
        if x == a % 7:
            del xs[a % 3:]
        if x == 2:
            xs.append(99)
    return mix(len(seen), sum(seen))


@export
def grouping(a: int) -> int:
    x = a / 7
    h = digest(f"{a:,}|{a:_}|{a:_x}|{a:_X}|{a:_o}|{a:_b}|{a:#_x}|{a:>30,}|{a:+,}|{a:*^40_}|{a:,d}|{a:,.2f}")
    h = mix(h, digest(f"{x:,}|{x:,.3f}|{x:_.1f}|{x:>25,.2f}|{x * 1e12:,}|{x * 1e30:,}|{x:+,.0f}"))
    return mix(h, digest(format(a, ",") + format(x, "_")))


@export
def grouping_special(p: bool) -> int:
    x = float("inf") if p else float("nan")
    return digest(f"{x:,}|{x:,.2f}|{-x:_}")


@export
def zips(a: int) -> int:
    xs = [1, 2, a % 1000]
    ys = ["a", "b", "é"]
    zs = b"xyz"
    t = 0
    for x, y, z in zip(xs, ys, zs):
        t += x * len(y) + z
    for (one,) in zip(xs):
        t += one
    for q in zip(xs, ys, xs, ys[1:]):
        t += q[0] + len(q[3])
    t += len([x + w for x, y, w in zip(xs, ys, xs)])
    pairs = list(zip(xs, ys))
    d = dict(zip(ys, xs))
    s = sorted(zip(ys, xs, ys))
    return mix(t + len(pairs) + d["b"], digest(str(pairs) + str(d) + str(s) + str(tuple(zip(zs, xs)))))


LOG: list[int] = []


def logged_double(v: int) -> int:
    LOG.append(v)
    return v * 2


def positive(v: int) -> bool:
    LOG.append(-v)
    return v > 0


@export
def lazy_map_filter(a: int) -> int:
    LOG.clear()
    xs = [1, 2, a % 100, -3]
    t = 0
    for v in map(logged_double, xs):
        LOG.append(1000 + v)
        if v > 100:
            break
    for s in map(str, filter(positive, xs)):
        LOG.append(len(s))
    t += sum(map(abs, xs)) + sum(filter(None, xs)) + int(any(map(lambda x: x > 50, xs)))
    t += len(list(filter(lambda x: x % 2 == 0, xs))) + max(map(logged_double, xs))
    t += sum(map(lambda p, q: p * q, xs, [3, 4]))
    t += len(",".join(map(str, filter(lambda x: x > 0, xs))))
    g = logged_double
    t += len(list(map(g, xs))) + int(all(map(positive, xs)))
    for i, w in enumerate(map(logged_double, xs)):
        t += i * w
    for k in LOG:
        t = mix(t, k % 1000)
    return t


class SubA:
    pass


class SubB(SubA):
    pass


class SubOops(ValueError):
    pass


@export
def issubclass_static() -> int:
    r = [issubclass(SubB, SubA), issubclass(SubA, SubB), issubclass(bool, int), issubclass(int, bool), issubclass(SubB, object),
         issubclass(SubOops, (KeyError, ValueError)), issubclass(KeyError, LookupError), issubclass(SubOops, Exception),
         issubclass(str, (bytes, str)), issubclass(SubA, int), issubclass(ValueError, SubOops)]
    t = 0
    for i, v in enumerate(r):
        t += int(v) << i
    return t


@export
def filter_none_drops_falsy(a: int) -> int:
    """filter(None, xs) keeps the true items only, lazily (a for loop, map over it) or drained."""
    words = ["1", "", str(a % 1000), ""]
    numbers = [0, a % 7, 0, 3]
    t = sum(map(int, filter(None, words))) * 100 + len(list(filter(None, numbers)))
    for w in filter(None, words):
        t = t * 3 + len(w)
    return t + sum(1 for n in filter(None, numbers)) * 1000


def zip_strict_message(xs: list[int], ys: list[str], zs: bytes) -> str:
    seen = 0
    try:
        for x, y, z in zip(xs, ys, zs, strict=True):
            seen += x + len(y) + z
        for x, y in zip(xs, ys, strict=True):
            seen += x
        for y, x in zip(ys, xs, strict=False):
            seen += x
        return f"ok {seen}"
    except ValueError as err:
        return f"{seen} {err}"


@export
def zip_strict(a: int) -> int:
    n = a % 5
    xs = list(range(n))
    texts = [zip_strict_message(xs, ["é"] * m, b"z" * k) for m in range(5) for k in range(5)]
    pairs = list(zip(xs, xs[::-1], strict=True))
    return mix(len(pairs), digest("|".join(texts)))
