"""``f(**d)`` and ``Cls(**d)`` (compiler/sema/kwargs_unpack.py): a dict[str, T] or an Any holding
a JSON object, alone or beside positional and keyword arguments; CPython 3.11's TypeErrors and
messages (not a mapping, unknown key, a key also given, missing parameters) and its evaluation
order. Messages are compared without the module name CPython puts in some of them (the two
runners import this file under different names)."""
import json
from dataclasses import dataclass, field
from typing import Any

from abi import export


class Plain:
    pass


@dataclass
class Config:
    cluster: str = "ext-authz"
    path: str = "/verify"
    timeout_ms: int = 500


@dataclass(eq=False)  # its __eq__ would compare lists of Anys
class Rule:
    name: str
    limit: int
    ratio: float = 0.5
    tags: list[Any] = field(default_factory=list)
    owner: str | None = None


class Point:
    def __init__(self, x: int, y: int = 0, *, label: str, scale: int = 1) -> None:
        self.x: int = x * scale
        self.y: int = y * scale
        self.label = label


def total(a: int, b: int = 2, *, c: int = 3) -> int:
    return a * 100 + b * 10 + c


def triple(a: int, b: str, c: float, d: int = 0) -> float:
    return a + len(b) + c + d


def café(naïve: str, größe: int = 1) -> int:
    return len(naïve) * größe


def digest(text: str) -> int:
    cut = text.find("kwargs_unpack.")
    if cut >= 0:
        text = text[cut + len("kwargs_unpack."):]
    h = len(text)
    for ch in text:
        h = (h * 31 + ord(ch)) % 1000003
    return -h


def note(log: list[int], v: int) -> int:
    log.append(v)
    return v


DOCS = [b'{"cluster": "c1", "timeout_ms": 7}', b'{}', b'[1, 2]', b'{"zz": 1}', b'"text"', b'3', b'null',
        b'{"path": "/p", "cluster": "\\u00e9t\\u00e9", "timeout_ms": 250}', b'{"timeout_ms": 1, "x\\u00e9": 2}',
        b'1.5', b'true', b'{"path": "/a", "": 0}']


@export
def config_from_json(n: int) -> int:
    try:
        c = Config(**json.loads(DOCS[n % len(DOCS)]))
        return len(c.cluster) * 100000 + len(c.path) * 1000 + c.timeout_ms
    except TypeError as e:
        return digest(str(e))


RULES = [b'{"name": "a", "limit": 3}', b'{"name": "b", "limit": 4, "ratio": 2.5, "tags": ["x", "y"]}',
         b'{"limit": 4}', b'{}', b'{"ratio": 1.0}', b'{"name": "c", "limit": 1, "owner": "\\u00fc"}',
         b'{"name": "d", "limit": 2, "owner": null}', b'{"name": "e", "limit": 2, "bogus": 1, "other": 2}']


@export
def rule_from_json(n: int) -> int:
    try:
        r = Rule(**json.loads(RULES[n % len(RULES)]))
        r.tags.append("seen")  # a fresh list per instance from the default factory
        fresh = Rule(**json.loads(RULES[0]))
        owner = -1 if r.owner is None else len(r.owner)
        return len(r.name) * 10000 + r.limit * 1000 + int(r.ratio * 10) * 10 + len(r.tags) + len(fresh.tags) + owner
    except TypeError as e:
        return digest(str(e))


@export
def typed_dicts(n: int) -> int:
    ints: dict[str, int] = {"b": n % 100}
    if n % 3 == 0:
        ints["c"] = 7
    if n % 5 == 0:
        ints["a"] = 1
    try:
        return total(4, **ints) + total(**{"a": 9}) + total(**ints, a=5)
    except TypeError as e:
        return digest(str(e))


@export
def beside_explicit(n: int) -> int:
    docs: list[dict[str, Any]] = [{"y": 2}, {"label": "p", "y": 3}, {"scale": 2}, {"x": 1}, {}, {"label": "q", "z": 1}]
    doc = docs[n % len(docs)]
    try:
        p = Point(n % 10, **doc, label="l") if n % 2 == 0 else Point(n % 10, label="m", **doc)
        return p.x * 1000 + p.y * 10 + len(p.label)
    except TypeError as e:
        return digest(str(e))


@export
def missing_parameters(n: int) -> int:
    docs: list[dict[str, int]] = [{}, {"y": 1}, {"scale": 1}, {"x": 1}, {"x": 1, "y": 2}, {"a": 1, "c": 2}]
    held = [b'{"x": 1}', b'{"label": "k"}', b'{}', b'{"x": 2, "label": "k", "y": 3}']
    try:
        if n % 3 == 0:
            return total(**docs[n % len(docs)])
        if n % 3 == 1:
            return Point(**docs[n % len(docs)], label="z").x
        return Point(**json.loads(held[n % len(held)])).y
    except TypeError as e:
        return digest(str(e))


@export
def three_missing(n: int) -> int:
    try:
        if n % 3 == 0:
            return int(triple(**json.loads(b'{"d": 1}')))
        r = Rule(**json.loads(b'{"tags": []}')) if n % 2 else Rule(**{})
        return r.limit
    except TypeError as e:
        return digest(str(e))


@export
def evaluation_order(n: int) -> int:
    """Arguments before the dict run, the mapping check runs, the arguments after it only then."""
    log: list[int] = []
    bad: Any = json.loads(DOCS[n % len(DOCS)])
    result = 0
    try:
        result = total(note(log, 1), **bad, c=note(log, 3))
    except TypeError as e:
        result = digest(str(e))
    code = 0
    for v in log:
        code = code * 10 + v
    return result * 100 + code


@export
def given_twice(n: int) -> int:
    log: list[int] = []
    docs: list[dict[str, int]] = [{"c": 1}, {"b": 1}, {"a": 1}, {"b": 1, "c": 2}, {}]
    d = docs[n % len(docs)]
    try:
        if n % 3 == 0:
            value = total(note(log, 1), c=note(log, 2), **d)
        elif n % 3 == 1:
            value = total(note(log, 1), **d, c=note(log, 2), b=note(log, 3))
        else:
            value = total(a=note(log, 1), **d)
    except TypeError as e:
        value = digest(str(e))
    return value * 10 + len(log)


@export
def non_ascii(n: int) -> int:
    docs: list[Any] = [{"naïve": "ab"}, {"naïve": "xyz", "größe": 3}, {"größe": 2}, {"naive": "a"}, {"é": 1}]
    try:
        return café(**docs[n % len(docs)])
    except TypeError as e:
        return digest(str(e))


@export
def held_object(n: int) -> int:
    box: Any = Plain() if n % 2 else [Plain()]  # an Any never holds a dataclass's object
    try:
        return total(**box)
    except TypeError as e:
        return digest(str(e))


@export
def empty_dicts(n: int) -> int:
    empty: dict[str, Any] = {}
    none: Any = {}
    c = Config(**empty)
    d = Config(**none)
    return total(n % 7, **{}) + len(c.cluster) + d.timeout_ms
