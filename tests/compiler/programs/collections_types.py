"""collections.defaultdict (d[k] inserts the value type's empty value: [], 0, "", set(), {};
get, in, len, iteration, items() insert nothing; repr defaultdict(<class 'list'>, {...}); copy()
and | keep the type; dict(d) is a plain dict) and collections.Counter."""
from collections import Counter, OrderedDict, defaultdict

from abi import export

WORDS = ["a", "b", "a", "c", "b", "a", "", "é"]


def digest(text: str) -> int:
    return len(text) * 1000003 + sum((i + 1) * ord(c) for i, c in enumerate(text)) % 1000003


def group(n: int) -> defaultdict[str, list[int]]:
    d: defaultdict[str, list[int]] = defaultdict(list)
    for i in range(n % 9):
        d[WORDS[i]].append(i)
    return d


@export
def defaultdict_list(n: int) -> int:
    d = group(n)
    before = len(d)
    missing = d["zz"]  # inserted: CPython's __missing__
    return digest(repr(d) + str(before) + str(missing) + str(len(d)) + str(d.get("q") is None) + str("q" in d))


@export
def defaultdict_counts(n: int) -> int:
    c: defaultdict[str, int] = defaultdict(int)
    for i in range(n % 20):
        c[WORDS[i % len(WORDS)]] += i
    total = 0
    for k, v in c.items():
        total = total * 7 + v + len(k)
    return digest(str(c) + f"{c}" + str(total) + str(sorted(c.keys())) + str(c["none"]) + str(list(c.values())))


@export
def defaultdict_other_values(n: int) -> int:
    s: defaultdict[int, set[str]] = defaultdict(set)
    s[n % 3].add("x")
    s[n % 3].add("y")
    s[5]
    t: defaultdict[str, str] = defaultdict(str)
    t["k"] += "v" * (n % 4)
    e: defaultdict[str, dict[str, int]] = defaultdict(dict)
    e["a"]["b"] = n % 10
    f: defaultdict[int, float] = defaultdict(float)
    f[1] += n / 8
    b: defaultdict[bytes, bool] = defaultdict(bool)
    flag = b[b"x"]
    return digest(f"{sorted(s[n % 3])} {s[5]} {t} {e} {f} {b} {flag} {type(t).__name__}")


@export
def defaultdict_copies(n: int) -> int:
    d = group(n)
    copy = d.copy()
    copy["new"].append(n % 5)
    merged = d | copy
    plain = dict(d)
    del copy["new"]
    return digest(f"{d} {copy} {merged} {plain} {len(merged)} {d.pop('a', [])} {d.setdefault('w', [1])}")


@export
def defaultdict_missing_key_error(n: int) -> int:
    d = group(n)
    d.pop("zz")  # KeyError: pop does not use the factory
    return len(d)


@export
def counter_of_list(n: int) -> int:
    words = [WORDS[(i * 3 + n % 8) % len(WORDS)] for i in range(n % 11)]
    c = Counter(words)
    missing = c["zz"]  # 0, and not inserted
    return digest(repr(c) + str(missing) + str(len(c)) + str("zz" in c) + f"{c}" + str(c.most_common())
                  + str(c.most_common(2)) + str(c.most_common(n % 5 - 2)) + str(c.total()) + str(c.get("a")))


@export
def counter_of_str(n: int) -> int:
    text = "".join([WORDS[(i * 5 + n % 97) % len(WORDS)] for i in range(n % 9)]) + "é😀é"
    c = Counter(text)
    d: Counter[str] = Counter(text[n % 4:])
    return digest(repr(c) + str(c.most_common(3)) + str(d) + str(Counter("")) + str(Counter(WORDS[n % len(WORDS)])))


@export
def counter_incremented(n: int) -> int:
    c: Counter[int] = Counter()
    empty = repr(c)
    for i in range(n % 30):
        c[i % 7 * (i % 3)] += 1
    before = str(c)
    del c[0]
    del c[99]  # no KeyError: Counter.__delitem__
    c.update([1, 1, 5, 50])
    more: tuple[int, ...] = (2, 2, 50)
    c.update(Counter(more))
    return digest(empty + before + str(c) + str(list(c.items())) + str(c.most_common(3)) + str(sorted(c.keys()))
                  + str(type(c).__name__) + str(dict(c)) + str(c.copy()) + str(c.pop(50, -1)))


@export
def counter_ties(n: int) -> int:
    c: Counter[str] = Counter()
    for w in ["x", "y", "z", "y", "x", "w"][n % 3:]:
        c[w] += 1
    c["v"] = 0
    c["u"] = -1
    return digest(repr(c) + str(c.most_common()) + str(c.most_common(1)) + str(c.total()))


def ordered(n: int) -> OrderedDict[str, int]:
    od: OrderedDict[str, int] = OrderedDict()
    for i in range(n % 7):
        od[WORDS[i]] = i
    return od


@export
def ordered_dict_moves(n: int) -> int:
    od = ordered(n)
    empty: OrderedDict[int, str] = OrderedDict()
    shown = repr(od) + repr(empty) + f"{od}"
    if "a" in od:
        od.move_to_end("a")
        shown += str(list(od.keys()))
        od.move_to_end("a", last=False)
        shown += str(od)
    if od:
        shown += str(od.popitem()) + str(od.popitem(last=False)) + str(od)
    return digest(shown + str(dict(od)) + str(od.copy()) + type(od).__name__ + str(len(od)))


@export
def ordered_dict_missing(n: int) -> int:
    od = ordered(n)
    if n % 2:
        od.move_to_end("zz")  # KeyError
    while od:
        od.popitem(False)
    od.popitem()  # KeyError: dictionary is empty
    return 0


@export
def ordered_dict_loops(n: int) -> int:
    """A loop over an OrderedDict: a value update is fine; an insert, delete or move raises CPython's
    RuntimeError('OrderedDict mutated during iteration') at the next step."""
    od = ordered(n % 5 + 3)
    shown = ""
    for k in od:
        od[k] += 1
    for k, v in od.items():
        shown += f"{k}{v}"
    try:
        for k in od:
            if k == "b":
                od.move_to_end(k, n % 2 == 0)
    except RuntimeError as e:
        shown += str(e)
    try:
        for k in od:
            od[k + "x"] = 1
    except RuntimeError as e:
        shown += str(e)
    try:
        for k in od.keys():
            od.popitem()
    except RuntimeError as e:
        shown += str(e)
    return digest(shown + str(od))
