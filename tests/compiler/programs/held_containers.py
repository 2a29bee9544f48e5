"""``list(x)``, ``set(x)`` and ``dict(x)`` of an Any where a typed container is declared (a field,
as a filter's configuration is kept), and ``dict(x)`` of an Any with no declared type: copies of a
dict, dicts built from pairs (lists, 2-character str, 2-key dicts; a later key wins), a str's
characters, a dict's keys; CPython's errors for what is not iterable or not a pair. Items that do
not fit the declared type raise TypeError where CPython carries on: tests/emulator/test_any_agreement.py."""
import json
from typing import Any
from abi import export

CONFIGS = [b'{"keys": {"a": "x", "b": "y"}, "public": ["/h", "/p"]}', b'{"keys": [["k", "v"], "ab"], "public": "xy"}',
           b'{"keys": {"a": "1", "\xc3\xa9": "\xe2\x82\xac"}, "public": ["a", "a", "b"]}', b'{"keys": 5, "public": null}',
           b'{"keys": ["abc"], "public": 3}', b'{"keys": [5]}', b'{"keys": [{"p": "1", "q": "2"}, ["k", "w"], ["k", "z"]]}',
           b'{"keys": "", "public": {"z": 1, "y": 2}}', b'{"keys": null, "public": []}', b'{"keys": [[]]}', b'{"keys": [["a"]]}']


def config_of(n: int) -> Any:
    return json.loads(CONFIGS[n % len(CONFIGS)])


class Holder:
    def __init__(self) -> None:
        self.keys: dict[str, str] = {}
        self.public: list[str] = []
        self.names: set[str] = set()


@export
def typed_dict(n: int) -> int:
    h = Holder()
    h.keys = dict(config_of(n).get("keys", {}))
    return len(h.keys) * 10 + sum(len(k) + len(v) for k, v in h.keys.items())


@export
def any_dict(n: int) -> int:
    d = dict(config_of(n)["keys"])
    return len(d)


@export
def typed_list(n: int) -> int:
    h = Holder()
    h.public = list(config_of(n).get("public", []))
    return sum(len(p) for p in h.public)


@export
def typed_set(n: int) -> int:
    h = Holder()
    h.names = set(config_of(n).get("public", []))
    return len(h.names)


def text_code(text: str) -> int:
    return sum(ord(c) * (i + 1) for i, c in enumerate(text)) % 1000003


@export
def comprehension_as_any(n: int) -> int:
    """A list or dict comprehension where an Any is expected is a list[Any] / dict[str, Any]."""
    ints = [i * (n % 1000) for i in range(n % 5)]
    held: Any = [i - 1 for i in ints]
    table: Any = {str(i): [i, float(i) / 4] for i in ints}
    if isinstance(held, list):
        held.append("x")
    return text_code(json.dumps([held, table]))


@export
def typed_into_dumps(n: int) -> int:
    """Typed containers and tuples given to json.dumps (sema/any_copies.py)."""
    pairs: list[tuple[str, int]] = [(str(i), i * (n % 997)) for i in range(n % 4)]
    by_id: dict[int, list[float] | None] = {i: ([i / 2] if i % 2 else None) for i in range(n % 3)}
    return text_code(json.dumps({"pairs": pairs, "by_id": by_id, "t": (n % 7, [p for p in pairs])}))
