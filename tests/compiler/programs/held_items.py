"""Item access, membership, == and iteration on what an Any holds, with CPython's exceptions
(compiler/runtime/held_items.py): every value kind against every key kind."""
import json
from typing import Any

from abi import export


class Box:
    def __init__(self, v: int) -> None:
        self.v = v


DOC = ('{"user": {"id": 7, "name": "\\u00e9va", "roles": ["admin", "dev"], "none": null, "f": 1.5},'
       ' "list": [1, 2.0, "x", [3], {"k": "v"}, null, false, true], "empty": {}, "text": "h\\u00e9llo",'
       ' "nan": NaN}')


def value_of(n: int) -> Any:
    doc: Any = json.loads(DOC)
    k = n % 14
    if k == 0:
        return doc
    if k == 1:
        return doc["user"]
    if k == 2:
        return doc["list"]
    if k == 3:
        return doc["empty"]
    if k == 4:
        return doc["text"]
    if k == 5:
        return b"\x00a\xff"
    if k == 6:
        return n
    if k == 7:
        return None
    if k == 8:
        return 2.5
    if k == 9:
        return True
    if k == 10:
        return Box(n)
    if k == 11:
        return []
    if k == 12:
        return ""
    return doc["user"]["roles"]


def key_of(m: int) -> Any:
    k = m % 19
    keys: list[Any] = ["user", "list", "missing", 0, 1, -1, 7, -9, True, False, None, 1.5, b"a", "\u00e9",
                       "id", "", [1], {"a": 1}, 2]
    if k == 18:
        return Box(m)
    return keys[k]


def digest(s: str) -> int:
    h = 7
    for c in s:
        h = (h * 31 + ord(c)) % 1000000007
    return h


def describe(v: Any) -> str:
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "T" if v else "F"
    if isinstance(v, int):
        return "i" + str(v)
    if isinstance(v, float):
        return "f" + str(v)
    if isinstance(v, str):
        return "s" + v
    if isinstance(v, bytes):
        return "b" + str(len(v))
    if isinstance(v, list):
        return "[" + ",".join([describe(x) for x in v]) + "]"
    if isinstance(v, dict):
        return "{" + ",".join([k + ":" + describe(v[k]) for k in v]) + "}"
    return "object"


def outcome(text: str) -> int:
    return digest(text)


@export
def item(n: int, m: int) -> int:
    v = value_of(n)
    k = key_of(m)
    try:
        return outcome(describe(v[k]))
    except KeyError as e:
        if isinstance(k, Box):  # CPython's text shows the object's address; ours its class
            return outcome("KeyError")
        return outcome("KeyError: " + str(e))
    except (IndexError, TypeError) as e:
        return outcome(type(e).__name__ + ": " + str(e))


@export
def index(n: int, i: int) -> int:
    """An int index (no box for the key): every sequence, negative and huge indexes."""
    v = value_of(n)
    try:
        return outcome(describe(v[i]))
    except (KeyError, IndexError, TypeError) as e:
        return outcome(type(e).__name__ + ": " + str(e))


@export
def contains(n: int, m: int) -> int:
    v = value_of(n)
    k = key_of(m)
    try:
        return int(k in v) + 2 * int(k not in v)
    except (TypeError, ValueError) as e:
        return outcome(type(e).__name__ + ": " + str(e))


@export
def byte_contains(n: int, b: int) -> int:
    """An int in bytes: range(0, 256) or ValueError."""
    v = value_of(5 + 14 * (n % 2))
    try:
        return int(b in v)
    except (TypeError, ValueError) as e:
        return outcome(type(e).__name__ + ": " + str(e))


@export
def iterate(n: int) -> int:
    v = value_of(n)
    parts: list[str] = []
    try:
        for x in v:
            parts.append(describe(x))
    except TypeError as e:
        return outcome(type(e).__name__ + ": " + str(e))
    comp = [describe(x) for x in v]
    return outcome("|".join(parts)) + len(comp)


@export
def equal(n: int, m: int) -> int:
    a = value_of(n)
    b = value_of(m)
    c = value_of(n)
    return int(a == b) + 2 * int(a != b) + 4 * int(a == c) + 8 * int(b == value_of(m))


@export
def nested(n: int) -> int:
    """The shape users write: doc["a"]["b"], membership of a role, a loop over claims."""
    doc: Any = json.loads(DOC)
    score = 0
    if "admin" in doc["user"]["roles"]:
        score += 1
    if "user" in doc and "id" in doc["user"]:
        score += doc["user"]["id"] == 7
    for key in doc["user"]:
        score = score * 3 + len(key)
    try:
        doc["user"]["roles"][n]
    except IndexError as e:
        score += len(str(e))
    return score


@export
def changed_during_iteration(n: int) -> int:
    doc: Any = json.loads(DOC)
    user = doc["user"]
    count = 0
    try:
        for key in user:
            count += 1
            if isinstance(user, dict) and count == n % 4:
                user["new" + str(count)] = count
    except RuntimeError as e:
        return outcome(str(e)) + count
    return count


@export
def list_grows_during_iteration(n: int) -> int:
    items: Any = json.loads("[1, 2, 3]")
    count = 0
    for x in items:
        count += 1
        if isinstance(items, list) and count <= n % 5:
            items.append(x)
    return count


@export
def text(n: int) -> int:
    """str() and f-strings of every kind held, nested containers and a list holding itself."""
    v = value_of(n)
    if isinstance(v, Box):  # CPython's text shows the object's address
        return 0
    items: Any = json.loads('[1, "a\'b", {"k": [null, true]}]')
    if isinstance(items, list):
        items.append(items)
        items.append(v)
    doc: Any = json.loads(DOC)
    return outcome(str(v) + f"<{v}>" + str(items) + f"{doc['user']['roles']}|{doc['nan']}")


def order_value(n: int) -> Any:
    k = n % 12
    values: list[Any] = [0, 1, -1, 2.5, float("nan"), True, "a", "\u00e9", b"a", None, [1, "x"], [1, 2.0, 3]]
    if k == 11 and n % 5 == 0:
        return Box(n)
    return values[k]


@export
def order(n: int, m: int) -> int:
    """<, <=, >, >= of two Anys and of an Any against typed numbers: exact across int and float,
    text, lists at the first unequal item, CPython's TypeError otherwise."""
    a = order_value(n)
    b = order_value(m)
    try:
        bits = int(a < b) + 2 * int(a <= b) + 4 * int(a > b) + 8 * int(a >= b)
        if isinstance(b, int) or isinstance(b, float):
            bits += 16 * int(a < 2**53 + 1) + 32 * int(0.5 <= a) + 64 * int(-1 < a < 3)
        return bits
    except TypeError as e:
        if isinstance(a, Box) or isinstance(b, Box):
            return outcome(type(e).__name__)
        return outcome(str(e))


@export
def conversions(n: int) -> int:
    """int() and float() of every kind an Any holds, with CPython's errors."""
    texts: list[Any] = [" 12 ", "-0", "1_000", "x", "1.5", "inf", "nan", b"42", b" -7\n", "", "\u0661\u0662",
                        1e18, float("inf"), float("nan"), -2.5, True, None, [1], {"a": 1},
                        9223372036854775807, "-9" * 18,
                        "-1e-400", "0x10"]
    v = texts[n % len(texts)]
    result = 0
    try:
        result += int(v)
    except (ValueError, TypeError, OverflowError) as e:
        result += outcome(type(e).__name__ + str(e))
    try:
        result += int(float(v) * 0.0 + 1.0) if float(v) == float(v) else 7
        result += outcome(str(float(v)))
    except (ValueError, TypeError, OverflowError) as e:
        result += outcome(type(e).__name__ + str(e))
    return result


def noisy(log: list[str], text: str) -> str:
    log.append(text)
    return text


@export
def get(n: int, m: int) -> int:
    """x.get(key[, default]) of every kind held: AttributeError before the arguments run."""
    v = value_of(n)
    k = key_of(m)
    log: list[str] = []
    try:
        found = v.get(k)
        other = v.get(noisy(log, "id"), noisy(log, "default"))
        return outcome(describe(found) + describe(other) + ",".join(log))
    except KeyError as e:
        return outcome("KeyError" + str(e))
    except (AttributeError, TypeError) as e:
        return outcome(type(e).__name__ + ": " + str(e) + ",".join(log))


@export
def views(n: int) -> int:
    """for k, v in x.items() (and keys, values, comprehensions) of an Any; AttributeError else."""
    v = value_of(n)
    parts: list[str] = []
    try:
        for key, item in v.items():
            parts.append(key + "=" + describe(item))
        for key in v.keys():
            parts.append(key)
        parts += [describe(item) for item in v.values()]
    except AttributeError as e:
        return outcome(str(e))
    try:
        for key in v.keys():
            if isinstance(v, dict):
                v["x" + key] = 1
    except RuntimeError as e:
        parts.append(str(e))
    return outcome("|".join(parts))


def claims_of(doc: dict) -> list:
    """Bare dict and list annotations: dict[str, Any] and list[Any]."""
    roles = doc.get("roles")
    if isinstance(roles, list):
        return roles
    return []


@export
def untyped(n: int) -> int:
    doc: dict = {"roles": ["a", n, None], "n": n}
    empty: dict = {}
    items: list = [1, "b"]
    items.append(doc)
    return outcome(describe(claims_of(doc)) + describe(claims_of(empty)) + describe(items))


def arith_value(n: int) -> Any:
    values: list[Any] = [0, 7, -3, True, 2.5, -0.0, float("inf"), "ab", b"x", [1, "y"], None, {"k": 1},
                         1000, "\u00e9"]
    return values[n % len(values)]


@export
def arith(n: int, m: int) -> int:
    """+ - * / // % of two Anys and of an Any with typed operands, CPython's results and errors."""
    a = arith_value(n)
    b = arith_value(m)
    parts: list[str] = []
    for op in range(6):
        try:
            if op == 0:
                r = a + b
            elif op == 1:
                r = a - b
            elif op == 2:
                r = a * b
            elif op == 3:
                r = a / b
            elif op == 4:
                r = a // b
            else:
                r = 7 % b
            parts.append(describe(r))
        except (TypeError, ZeroDivisionError, OverflowError) as e:
            parts.append(type(e).__name__ + ": " + str(e))
    try:
        parts.append(describe(a + 1) + describe(2 * a) + describe(a - 0.5))
    except (TypeError, OverflowError) as e:
        parts.append(type(e).__name__ + ": " + str(e))
    return outcome("|".join(parts))


@export
def in_place(n: int) -> int:
    """+= and *= on an Any holding a list change the list itself, as list.__iadd__ does."""
    items: Any = json.loads('[1, "a"]')
    alias = items
    extra = value_of(n)
    try:
        items += extra
    except TypeError as e:
        return outcome(str(e))
    items *= 2
    text: Any = "ab"
    text += "c"
    return outcome(describe(alias) + describe(items) + describe(text))
