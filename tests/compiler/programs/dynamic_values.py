"""typing.Any and object: values of every type held as Any, isinstance() narrowing them back,
list[Any] / dict[str, Any] trees (the shape a JSON document has), checked casts that fit."""
import json
from typing import Any

from abi import export


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


class Point3(Point):
    def __init__(self, x: int, y: int, z: int) -> None:
        super().__init__(x, y)
        self.z = z


def make(kind: int, n: int) -> Any:
    """One value of each kind an Any can hold."""
    k = kind % 11
    if k == 0:
        return None
    if k == 1:
        return n % 3 == 0
    if k == 2:
        return n
    if k == 3:
        return n / 4
    if k == 4:
        return "v" * (n % 5)
    if k == 5:
        return b"\x00" * (n % 4)
    if k == 6:
        return [n, "x", None, [n % 7]]
    if k == 7:
        return {"n": n, "s": str(n), "list": [1, 2, n % 9]}
    if k == 8:
        return Point(n % 100, 2)
    if k == 9:
        return Point3(1, n % 50, 3)
    maybe: int | None = n if n % 2 == 0 else None
    return maybe


def weigh(value: Any, depth: int) -> int:
    """A number that depends on the type and contents of everything in ``value``."""
    if value is None:
        return 1
    if isinstance(value, bool):
        return 2 if value else 3
    if isinstance(value, int):
        return 5 + value % 1000
    if isinstance(value, float):
        return 7 + int(value) % 1000
    if isinstance(value, str):
        return 11 + len(value)
    if isinstance(value, bytes):
        return 13 + len(value)
    if isinstance(value, Point3):
        return 17 + value.x + value.y * 3 + value.z
    if isinstance(value, Point):
        return 19 + value.x * 2 + value.y
    if depth > 5:
        return 23
    total = 29
    if isinstance(value, list):
        for item in value:
            total = total * 3 + weigh(item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            total = total * 3 + len(key) + weigh(item, depth + 1)
    return total % 1000003


@export
def each_kind(kind: int, n: int) -> int:
    return weigh(make(kind, n), 0)


@export
def kinds_in_a_list(n: int) -> int:
    items: list[Any] = []
    for kind in range(12):
        items.append(make(kind, n % 1000 + kind))
    doc: dict[str, Any] = {"items": items, "count": len(items), "name": "all"}
    return weigh(doc, 0)


@export
def isinstance_tuple_of_types(kind: int) -> int:
    value = make(kind, kind % 1000 * 7)
    hits = 0
    if isinstance(value, (int, float)):
        hits += 1
    if isinstance(value, (str, bytes)):
        hits += 10
    if isinstance(value, (list, dict)):
        hits += 100
    if isinstance(value, (Point, bool)):
        hits += 1000
    if isinstance(value, tuple):
        hits += 10000
    return hits


@export
def checked_casts(n: int) -> int:
    """Any reaching a declared type: each of these fits, so CPython and the check agree."""
    number: int = make(2, n)
    flag: bool = make(1, n)
    ratio: float = make(3, n)
    text: str = make(4, n)
    raw: bytes = make(5, n)
    items: list[Any] = make(6, n)
    doc: dict[str, Any] = make(7, n)
    point: Point = make(9, n)
    maybe: int | None = make(10, n)
    total = number % 1000 + int(flag) + int(ratio) % 1000 + len(text) + len(raw) + len(items) + len(doc) + point.x
    return total + (0 if maybe is None else 1)


def first_int(value: Any) -> int:
    if isinstance(value, list):
        for item in value:
            found = first_int(item)
            if found >= 0:
                return found
    if isinstance(value, int) and not isinstance(value, bool):
        return value % 1000
    return -1


@export
def nested_search(n: int) -> int:
    inner: list[Any] = [None, "s", [True, [n]]]
    outer: list[Any] = [[], inner, 5]
    return first_int(outer) * 1000 + first_int(make(6, n))


@export
def rebind_any(n: int) -> int:
    value: Any = n
    total = weigh(value, 0)
    value = "text"
    total += weigh(value, 0)
    value = [value, n]
    total += weigh(value, 0)
    value = None
    return total + weigh(value, 0)


@export
def many_boxes(n: int) -> int:
    """Enough boxes and lists to go through collections between calls."""
    kept: list[Any] = []
    total = 0
    for i in range(200):
        value = make(i, n % 1000 + i)
        total = (total * 7 + weigh(value, 0)) % 1000003
        if i % 10 == 0:
            kept.append(value)
    return total + weigh(kept, 0)


@export
def optional_get(n: int) -> int:
    """d.get(k) of a dict[str, Any] is an Any (None where the key is missing), reaching a
    ``str | None`` place checked as such."""
    doc: dict[str, Any] = {"name": "abc" if n > 0 else None, "n": n}
    name: str | None = doc.get("name")
    missing: str | None = doc.get("other")
    return (0 if name is None else len(name)) * 10 + (1 if missing is None else 2)


@export
def truth_and_equality(n: int) -> int:
    """An Any's truth and == against a plain value are decided on what it holds, without
    narrowing (no class of this program defines __bool__ or __len__)."""
    total = 0
    for i in range(11):
        value = make(i, n)
        total = total * 3 + (1 if value else 0) + (1 if value == n else 0) + (1 if value == "s" else 0)
        if value == None or value != n / 1:
            total += 1
    return total


@export
def length_of_any(n: int) -> int:
    """len() of an Any counts what it holds; a number, None or an object raises CPython's
    TypeError (object of type 'int' has no len())."""
    total = 0
    for i in range(11):
        value = make(i, n)
        try:
            total = total * 7 + len(value)
        except TypeError as e:
            for c in str(e):  # the message itself, as CPython's
                total = (total * 31 + ord(c)) % 1000003
    return total


# Classes as values (sema/type_values.py): type values and tuples of them, tested at run time.
JSON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
    "null": (type(None),),
    "point": (Point,),
}
ALL_TYPES: list[type] = [int, float, bool, str, bytes, list, dict, tuple, type(None), Point, Point3]


@export
def json_types_of_parsed(kind: int, n: int) -> int:
    """Which JSON_TYPES entries an Any from json.loads (or make()) belongs to, as a bit mask."""
    text = ["1", "2.5", "true", '"s"', "[1]", '{"a": 1}', "null", "false"][kind % 8]
    parsed = json.loads(text) if n % 2 == 0 else make(kind, n)
    mask = 0
    for i, kinds in enumerate(list(JSON_TYPES.values())):
        if isinstance(parsed, kinds):
            mask |= 1 << i
    return mask


@export
def single_type_values(kind: int, n: int) -> int:
    value = make(kind, n)
    mask = 0
    for i, t in enumerate(ALL_TYPES):
        if isinstance(value, t):
            mask |= 1 << i
    return mask


@export
def static_subjects_against_type_values(n: int) -> int:
    t: type = ALL_TYPES[n % len(ALL_TYPES)]
    subjects = [isinstance(n, t), isinstance(n % 2 == 0, t), isinstance(n / 2, t), isinstance(str(n), t),
                isinstance([n], t), isinstance({"k": n}, t), isinstance((n, 1), t), isinstance(Point3(n % 9, 1, 2), t),
                isinstance(Point(1, 2), (t, bytes)), isinstance(None, t)]
    return sum(1 << i for i, hit in enumerate(subjects) if hit)


@export
def type_value_identity(a: int, b: int) -> int:
    t = ALL_TYPES[a % len(ALL_TYPES)]
    u = ALL_TYPES[b % len(ALL_TYPES)]
    return int(t is u) + 2 * int(t == u) + 4 * int(t != u) + 8 * int(t is not u)


@export
def type_value_names(a: int) -> int:
    t = ALL_TYPES[a % len(ALL_TYPES)]
    u = ALL_TYPES[(a % len(ALL_TYPES) + 3) % len(ALL_TYPES)]
    text = t.__name__ + "," + u.__name__
    return sum(ord(c) * (i + 1) for i, c in enumerate(text)) % 100003


@export
def exact_types_of_parsed(kind: int, a: int) -> int:
    value = make(kind, a)
    t = ALL_TYPES[a % len(ALL_TYPES)]
    return int(type(value) is t) + 2 * int(type(value) == t) + 4 * int(type(value) is not t)
