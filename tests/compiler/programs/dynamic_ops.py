"""Operations on what an Any holds (a parsed JSON document): item assignment and deletion,
slicing, unary - + ~, and ** << >> & | ^, with CPython's results and CPython's exceptions
(type and message, digested into the result)."""
import json
from typing import Any

from abi import export

DOCS = [b'{"user": {"id": 7, "roles": ["a", "b", "c"]}, "n": 5, "name": "alice"}', b'[1, 2.5, "xy", null, true]',
        b'"hello world"', b'42', b'-3.5', b'true', b'null', b'{"n": -9223372036854775807, "name": ""}', b'[]']


def doc_of(n: int) -> Any:
    return json.loads(DOCS[n % len(DOCS)])


def digest(text: str) -> int:
    h = 0
    for c in text:
        h = (h * 31 + ord(c)) % 1000003
    return h


def shown(value: Any) -> int:
    return digest(str(value)) * 10 + len(type(value).__name__)




def failed(e: Exception) -> int:  # not OverflowError: CPython has no int64
    return -(digest(type(e).__name__ + ": " + str(e)) + 1)


def pick_key(k: int) -> Any:
    keys: list[Any] = ["user", "n", "name", "new", 0, 1, -1, 7, True, None, 1.5, [1], {}, "roles"]
    return keys[k % len(keys)]


@export
def store_item(n: int, k: int) -> int:
    doc = doc_of(n)
    key = pick_key(k)
    if isinstance(doc, dict) and not isinstance(key, (str, list, dict)):
        return 0  # a dict an Any holds takes str keys only (stricter than CPython, docs/language.md)
    try:
        doc[key] = [k, "v"]
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def store_nested(n: int) -> int:
    doc = doc_of(n)
    try:
        doc["user"]["roles"][1] = "admin"
        doc["user"]["id"] = doc["user"]["id"] + n % 100
        doc["added"] = {"x": None}
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def store_typed_values(n: int) -> int:
    doc = doc_of(n)
    try:
        if isinstance(doc, dict):
            doc = doc["user"]["roles"]
        doc[0] = n
        doc[-1] = str(n % 9)
        doc[1] = n % 2 == 0
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def delete_item(n: int, k: int) -> int:
    doc = doc_of(n)
    try:
        del doc[pick_key(k)]
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def slices(n: int, i: int, j: int) -> int:
    doc = doc_of(n)
    try:
        total = shown(doc[i:j]) + shown(doc[i:]) + shown(doc[:j]) + shown(doc[::-1])
        return total + shown(doc[i:j:2]) + shown(doc[1:][0])
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def slice_field(n: int, i: int) -> int:
    doc = doc_of(n)
    try:
        return shown(doc["name"][i:]) + shown(doc["user"]["roles"][-(i % 5):])
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def slice_step(n: int, s: int) -> int:
    doc = doc_of(n)
    try:
        return shown(doc[::s])
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def delete_slice(n: int, i: int, j: int) -> int:
    doc = doc_of(n)
    try:
        del doc[i:j]
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def unary(n: int, k: int) -> int:
    doc = doc_of(n)
    value: Any = doc
    if isinstance(doc, dict):
        value = doc.get("n")
    try:
        if k % 3 == 0:
            return shown(-value)
        if k % 3 == 1:
            return shown(+value)
        return shown(~value)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def unary_int(x: int, k: int) -> int:
    """-x is the result itself: CPython's 2**63 for -INT64_MIN is OverflowError compiled."""
    value: Any = x if k % 2 == 0 else x % 2 == 0
    r = -value
    if isinstance(r, int):
        return r * 1000 + shown(~value) % 1000
    return 0


def number(x: int, kind: int) -> Any:
    k = kind % 6
    if k == 0:
        return x
    if k == 1:
        return x % 2 == 0
    if k == 2:
        return x / 4
    if k == 3:
        return "s"
    if k == 4:
        return None
    return {"k": x}


@export
def bits(x: int, y: int, op: int) -> int:
    """The int result itself (a shift beyond int64 is OverflowError compiled)."""
    a: Any = x
    b: Any = y % 70 if op % 5 < 2 else y
    try:
        r: Any = 0
        if op % 5 == 0:
            r = a << b
        elif op % 5 == 1:
            r = a >> b
        elif op % 5 == 2:
            r = a & b
        elif op % 5 == 3:
            r = a | b
        else:
            r = a ^ b
        if isinstance(r, int):
            return r
        return -1
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def bits_kinds(kind: int) -> int:
    total = 0
    for op in range(5):
        a = number(5 + op, kind)
        b = number(op - 1, kind // 6)
        try:
            if op == 0:
                total += shown(a << b)
            elif op == 1:
                total += shown(a >> b)
            elif op == 2:
                total += shown(a & b)
            elif op == 3:
                total += shown(a | b)
            else:
                total += shown(a ^ b)
        except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
            total += failed(e) * (op + 1)
    return total


@export
def power(x: int, y: int) -> int:
    a: Any = x
    b: Any = y % 70
    try:
        r = a ** b
        if isinstance(r, int):
            return r
        return -1
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def power_errors(k: int) -> int:
    values: list[Any] = ["s", None, [1], 0, {}]  # no float result: CPython's pow() is a trap here
    a = values[k % 5]
    try:
        return shown(a ** 2) + shown(2 ** a) + shown(a ** -1)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def mixed_typed(x: int) -> int:
    doc = doc_of(3)
    try:
        return shown(doc & x) + shown(x | doc) + shown(doc << 2) + shown(True ^ doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


class Denied(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(f"denied {code}")
        self.code = code


class Bare(ValueError):
    pass


def raise_kind(k: int, n: int) -> int:
    k = k % 12
    if k == 0:
        raise ValueError("bad 'value'")
    if k == 1:
        raise ValueError()
    if k == 2:
        raise ValueError("")
    if k == 3:
        raise KeyError("missing")
    if k == 4:
        table = {"a": 1}
        return table["b" * (n % 3)]
    if k == 5:
        raise Denied(n % 100)
    if k == 6:
        raise Bare
    if k == 7:
        return len(b"ab\xff".decode())
    if k == 8:
        return [1][n % 5 + 1]
    if k == 9:
        return int("x" + str(n % 10))
    if k == 10:
        doc = doc_of(0)
        return len(doc[n % 7])
    raise KeyError()


@export
def exception_repr(k: int, n: int) -> int:
    """repr(e) (f"{e!r}") as CPython shows it, for runtime errors and raised ones, 0 or 1 args."""
    try:
        return raise_kind(k, n)
    except Exception as e:
        return digest(f"{e!r}|{e}|{e!r:>30}")


@export
def augmented(n: int, k: int) -> int:
    """x[k] op= v: x and k once, x[k] read, v, the operation, the store (CPython's order)."""
    doc = doc_of(n)
    key = pick_key(k)
    try:
        if k % 4 == 0:
            doc[key] += 1
        elif k % 4 == 1:
            doc[key] -= 1
        elif k % 4 == 2:
            doc[key] += "!"
        else:
            doc[key] ^= 6
        return shown(doc)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)


@export
def augmented_alias(n: int) -> int:
    doc = doc_of(n)
    try:
        roles = doc["user"]["roles"]
        extra: list[Any] = ["z"]
        doc["user"]["roles"] += extra
        doc["user"]["roles"][0] += "x"
        doc["n"] <<= 3
        doc["user"]["roles"] *= 2
        user = doc["user"]
        more: dict[str, Any] = {"id": 8, "x": [1]}
        doc["user"] |= more
        doc["n"] **= 2
        return shown(roles) + shown(doc) + shown(user)
    except (TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as e:
        return failed(e)
