"""Methods called on an Any, decided on what it holds (compiler/sema/held_methods.py): str and bytes
methods, list and dict methods, CPython's AttributeError (before the arguments run) for a kind
without the method and its TypeError for arguments the kind held does not take.

Each export ``f(n)`` runs one (value, method) pair, chosen by n modulo their number; f(-1) runs all of them."""
import json
from typing import Any, Callable

from abi import export


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


DOC = ('{"ascii": "  Hello, World  ", "uni": "  \\u00dcn\\u00efc\\u00f6d\\u00e9 stra\\u00dfe \\u01c5  ",'
       ' "empty": "", "digits": "12345", "csv": "a,b,,c", "list": [1, "two", [3], null, 2.5, true, "two"],'
       ' "elist": [], "dict": {"a": 1, "b": [2], "c": null}, "edict": {}, "int": 7, "float": 2.5,'
       ' "bool": true, "null": null}')
NAMES = ["ascii", "uni", "empty", "digits", "csv", "list", "elist", "dict", "edict", "int", "float", "bool",
         "null"]
VALUES = 15
CONFIG: Any = json.loads('{"name": " Ab ", "tags": ["X", "y\u00c9"]}')
NAME = CONFIG["name"].strip().lower()  # at module level
TAGS: list[str] = [t.lower() for t in CONFIG["tags"]]


def value_of(k: int) -> Any:
    if k == 13:
        raw: Any = b"  By,tes  "
        return raw
    if k == 14:
        return Box(3)
    doc: Any = json.loads(DOC)
    return doc[NAMES[k]]


def digest(s: str) -> int:
    h = 7
    for c in s:
        h = (h * 31 + ord(c)) % 1000000007
    return h


def noisy(log: list[str], text: str) -> str:
    log.append(text)
    return text


def no_arguments(v: Any, m: int) -> Any:
    if m == 0:
        return v.lower()
    if m == 1:
        return v.upper()
    if m == 2:
        return v.strip()
    if m == 3:
        return v.lstrip()
    if m == 4:
        return v.rstrip()
    if m == 5:
        return v.casefold()
    if m == 6:
        return v.title()
    if m == 7:
        return v.capitalize()
    if m == 8:
        return v.swapcase()
    if m == 9:
        return v.isdigit()
    if m == 10:
        return v.isalpha()
    if m == 11:
        return v.isalnum()
    if m == 12:
        return v.isspace()
    if m == 13:
        return v.isupper()
    if m == 14:
        return v.islower()
    if m == 15:
        return v.isascii()
    if m == 16:
        return v.isdecimal()
    if m == 17:
        return v.isidentifier()
    if m == 18:
        return v.split()
    if m == 19:
        return v.rsplit()
    if m == 20:
        return v.splitlines()
    if m == 21:
        return v.encode()
    if m == 22:
        return v.decode()
    return v.istitle()


def with_arguments(v: Any, m: int) -> Any:
    if m == 0:
        return v.strip("ab ")
    if m == 1:
        return v.lstrip(" H")
    if m == 2:
        return v.rstrip(None)
    if m == 3:
        return v.split(",")
    if m == 4:
        return v.split(",", 1)
    if m == 5:
        return v.rsplit(",", 1)
    if m == 6:
        return v.split(maxsplit=1)
    if m == 7:
        return v.startswith("  H")
    if m == 8:
        return v.endswith("  ")
    if m == 9:
        return v.startswith(("a", " "))
    if m == 10:
        return v.replace("l", "L")
    if m == 11:
        return v.replace("l", "L", 1)
    if m == 12:
        return v.find("l")
    if m == 13:
        return v.rfind("l", 3)
    if m == 14:
        return v.count("l")
    if m == 15:
        return v.index("l")
    if m == 16:
        return v.ljust(12, "-")
    if m == 17:
        return v.encode("utf-8")
    if m == 18:
        return v.zfill(8)
    if m == 19:
        return v.center(20, "*")
    if m == 20:
        return v.removeprefix("  ")
    if m == 21:
        return v.split(b",")
    if m == 22:
        return v.startswith(b"  B")
    if m == 23:
        return v.strip(b" ")
    return v.lower(1)


def list_methods(v: Any, m: int) -> Any:
    if m == 0:
        return v.append(5)
    if m == 1:
        return v.extend([1, "x", None])
    if m == 2:
        return v.pop()
    if m == 3:
        return v.pop(0)
    if m == 4:
        return v.pop(-2)
    if m == 5:
        return v.insert(1, "i")
    if m == 6:
        return v.insert(-100, [])
    if m == 7:
        return v.remove(1)
    if m == 8:
        return v.index("two")
    if m == 9:
        return v.count("two")
    if m == 10:
        return v.copy()
    if m == 11:
        return v.clear()
    if m == 12:
        return v.reverse()
    if m == 13:
        return v.count(None)
    if m == 14:
        return v.remove([3])
    if m == 15:
        return v.pop("a")
    if m == 16:
        return v.extend(v)
    if m == 17:
        return v.extend(value_of(m % VALUES))
    if m == 18:
        return v.extend(["s", "t"][m % 2:])  # a list[str]
    if m == 19:
        return v.extend(value_of(9))  # an int: TypeError
    if m == 20:
        return v.extend(value_of(1))  # characters
    return v.extend(value_of(7))  # keys


def dict_methods(v: Any, m: int) -> Any:
    if m == 0:
        return ",".join([k for k in v.keys()])
    if m == 1:
        values: Any = list(v.values())
        return values
    if m == 2:
        return len(v.items())
    if m == 3:
        return v.pop("a")
    if m == 4:
        return v.pop("zz", None)
    if m == 5:
        return v.pop("zz")
    if m == 6:
        return v.setdefault("a", 5)
    if m == 7:
        return v.setdefault("new", [1])
    if m == 8:
        return v.update({"x": 1, "a": "A"})
    if m == 9:
        return v.copy()
    if m == 10:
        return v.clear()
    if m == 11:
        return "b" in v.keys()
    return v.pop()


def shown(v: Any) -> str:
    if isinstance(v, Box):
        return "Box"  # CPython's repr shows its address
    return str(v)


def run(k: int, m: int, group: int) -> str:
    v = value_of(k)
    try:
        if group == 0:
            r = no_arguments(v, m)
        elif group == 1:
            r = with_arguments(v, m)
        elif group == 2:
            r = list_methods(v, m)
        else:
            r = dict_methods(v, m)
        return shown(r) + "|" + shown(v)
    except (AttributeError, TypeError, ValueError, KeyError, IndexError) as e:
        return type(e).__name__ + ": " + str(e) + "|" + shown(v)


def outcome(n: int, methods: int, group: int) -> int:
    if n != -1:
        k = n % (VALUES * methods)
        return digest(run(k % VALUES, k // VALUES, group))
    parts: list[str] = []
    for m in range(methods):
        for k in range(VALUES):
            parts.append(run(k, m, group))
    return digest("\n".join(parts))


@export
def text_no_arguments(n: int) -> int:
    return outcome(n, 24, 0)


@export
def text_with_arguments(n: int) -> int:
    return outcome(n, 25, 1)


@export
def list_methods_held(n: int) -> int:
    return outcome(n, 22, 2)


@export
def dict_methods_held(n: int) -> int:
    return outcome(n, 13, 3)


@export
def lookup_before_arguments(n: int) -> int:
    """AttributeError before the arguments are evaluated; TypeError after them."""
    v = value_of(n % VALUES)
    log: list[str] = []
    try:
        v.append(noisy(log, "appended"))
        v.startswith(noisy(log, "prefix"))
    except (AttributeError, TypeError) as e:
        log.append(type(e).__name__ + ": " + str(e))
    return digest(",".join(log) + "|" + shown(v))


@export
def comprehension(n: int) -> int:
    """The corpus filter's shape: [glob.lower() for glob in config.get("globs", [])]."""
    configs = ['{"globs": ["*SQLMap*", "Curl/*", "\\u00c9X"]}', '{}', '{"globs": ["a", 3]}', '{"globs": "AbC"}']
    config: Any = json.loads(configs[n % 4])
    try:
        globs: list[str] = [glob.lower() for glob in config.get("globs", [])]
        return digest(",".join(globs))
    except (AttributeError, TypeError) as e:
        return digest(type(e).__name__ + ": " + str(e))


@export
def module_level_and_closures(n: int) -> int:
    x: Any = json.loads('" a,B ,c "')
    upper: Callable[[Any], Any] = lambda s: s.upper()
    parts: Any = [p.strip() for p in x.split(",")]
    k = n % 3
    if x.startswith(" a"):
        k += 1
    return digest(str(NAME) + ",".join(TAGS) + str(upper(x)) + str(parts) + str(x.split(",")[k % 3]))


@export
def chained(n: int) -> int:
    x: Any = json.loads('{"a": {"b": [" q ", "R\u00df"]}}')
    try:
        v = x["a"]["b"][n % 3].strip().upper().encode()
        return digest(str(v) + str(x["a"].pop("b").pop()) + str(x))
    except IndexError as e:
        return digest(str(e))
