"""A list or dict literal as the default of an Any's ``get`` (``config.get("limits", {})``,
``list(x.get("public", []))``): the result is an Any holding a fresh list / dict (a new one at
every call, as CPython evaluates the literal each time), or the value found; CPython's errors
when the value is not what the code then does with it."""
import json
from typing import Any

from abi import export

CONFIGS = [b'{"limits": {"a": 3, "b": 40}, "public": ["/health", "/ping"]}', b'{}',
           b'{"limits": [], "public": "xy"}', b'{"limits": {"a": "7"}, "public": null}', b'{"public": [1, 2, 3]}']


def config_of(n: int) -> Any:
    return json.loads(CONFIGS[n % len(CONFIGS)])


@export
def limits_items(n: int) -> int:
    config = config_of(n)
    total = 0
    for tenant, limit in config.get("limits", {}).items():
        total += len(tenant) * 100 + int(limit)
    return total


@export
def limits_comprehension(n: int) -> int:
    config = config_of(n)
    limits = {tenant: int(v) for tenant, v in config.get("limits", {}).items()}
    total = 0
    for v in limits.values():
        total += v
    return len(limits) * 1000 + total


@export
def public_list(n: int) -> int:
    config = config_of(n)
    public = list(config.get("public", []))
    public.append("/added")
    return len(public) * 10 + len(list(config.get("public", [])))


@export
def fresh_default_each_call(n: int) -> int:
    config = config_of(n)
    first = config.get("missing", [])
    if isinstance(first, list):
        first.append(n % 10)
    second = config.get("missing", [])
    third = config.get("other", {})
    if isinstance(third, dict):
        third["k"] = 1
    return len(first) * 100 + len(second) * 10 + len(config.get("other", {}))


@export
def non_empty_defaults(n: int) -> int:
    config = config_of(n)
    prefixes = config.get("drop_prefixes", ["utm_", "fbclid"])
    names = config.get("rename", {"a": "b"})
    return len(prefixes) * 100 + len(names) * 10 + len(config.get("public", [0]))


@export
def default_truth(n: int) -> int:
    config = config_of(n)
    return (1 if config.get("limits", {}) else 0) + (2 if config.get("public", []) else 0)


@export
def list_of_held_values(n: int) -> int:
    config = config_of(n)
    chars = list(config.get("name", "abc"))
    keys = list(config.get("limits", {"x": 1}))
    return len(chars) * 100 + len(keys)
