"""``tuple()`` where its type is known (compiler/sema/tuple_builtin.py): ``s.startswith(tuple(xs))``
and ``endswith`` of a list, a dict's keys, a view or a str's characters (with start/end), a tuple
literal of affixes, ``tuple(t)`` of a tuple and ``tuple([a, b])`` of a literal."""
from abi import export

TEXTS = ["utm_source", "fbclid", "", "é_x", "gclid_utm", "UTM_a", "a", "ab"]
TRACKING = ("utm_", "fb", "")
PREFIXES: list[list[str]] = [["utm_"], [], ["fb", "gc"], ["é", ""], ["x", "utm"], ["_x", "id"], ["ab", "a"]]


def code(flags: list[bool]) -> int:
    total = 0
    for flag in flags:
        total = total * 2 + (1 if flag else 0)
    return total


@export
def starts_and_ends(n: int) -> int:
    s = TEXTS[n % len(TEXTS)]
    xs = PREFIXES[(n // len(TEXTS)) % len(PREFIXES)]
    return code([s.startswith(tuple(xs)), s.endswith(tuple(xs)), s.startswith(tuple(xs), 1),
                 s.endswith(tuple(xs), 0, -1), s.startswith(tuple(xs), n % 5 - 2, n % 7 - 3),
                 s.endswith(tuple(xs), -(n % 4))])


@export
def other_sources(n: int) -> int:
    s = TEXTS[n % len(TEXTS)]
    keys = {"utm_": 1, "g": 2, "é": 3} if n % 2 else {"a": 1}
    chars = "fué" if n % 3 else ""
    return code([s.startswith(tuple(keys)), s.startswith(tuple(keys.keys())), s.endswith(tuple(chars)),
                 s.startswith(tuple(chars), 1, 3), s.endswith(tuple(["d", "x", "b"]))])


@export
def literal_tuples(n: int) -> int:
    s = TEXTS[n % len(TEXTS)]
    pair = ("utm_", "fb")
    same = tuple(pair)
    made = tuple(["g", s[:1]])
    return code([s.startswith(("a", "é")), s.endswith(("id", "b"), 0, n % 6), s.startswith(same),
                 s.startswith(TRACKING, 1), s.endswith(TRACKING), s.endswith(tuple(TRACKING), 2),
                 s.startswith(tuple(("UTM", "gc"))), same == pair, made[1] == s[:1], s.startswith(made)])


@export
def bytes_affixes(n: int) -> int:
    data = [b"GET /", b"POST", b"", b"\xff\x00"][n % 4]
    heads: list[bytes] = [[b"GE", b"PO"], [], [b""], [b"\xff"]][(n // 4) % 4]
    return code([data.startswith(tuple(heads)), data.endswith(tuple(heads)), data.startswith(tuple(heads), 1),
                 data.endswith(tuple(heads), 0, -1)])


def drop_first(xs: list[str]) -> int:
    xs.clear()
    return 0


@export
def copied_before_later_arguments(n: int) -> int:
    """tuple(xs) copies xs before the start argument (which empties it) runs, as in CPython."""
    xs = PREFIXES[n % len(PREFIXES)].copy()
    s = TEXTS[n % len(TEXTS)]
    return code([s.startswith(tuple(xs), drop_first(xs)), len(xs) == 0])
