"""'and'/'or' whose operands differ in type: 'x or default' with x: T | None, and any
operand types in a condition (issue 13)."""
from abi import export


def maybe_text(n: int) -> str | None:
    if n > 0:
        return "x" * (n % 5)  # "" for multiples of 5: falsy but not None
    return None


def maybe_int(n: int) -> int | None:
    if n % 3 == 0:
        return None
    return n // 7  # 0 for small n: falsy but not None


def maybe_list(n: int) -> list[int] | None:
    if n < -3:
        return None
    return [n] * (n % 3 if n > 0 else 0)


@export
def text_or_default(n: int) -> int:
    s = maybe_text(n) or "default"
    return len(s) * 10 + (1 if s == "default" else 0)


@export
def int_or_default(n: int) -> int:
    return maybe_int(n) or -1


@export
def chained_defaults(n: int, m: int) -> int:
    value = maybe_int(n) or maybe_int(m) or 42
    return value


@export
def optional_result(n: int, m: int) -> int:
    value = maybe_int(n) or maybe_int(m)
    if value is None:
        return -100
    return value


@export
def list_or_empty(n: int) -> int:
    items = maybe_list(n) or [7, 8]
    return len(items) * 100 + items[0] % 100


@export
def mixed_condition(n: int, flag: bool) -> int:
    s = maybe_text(n)
    count = 0
    if s and len(s) > 2:
        count += 1
    if flag or s:
        count += 10
    if not (n and s):
        count += 100
    while n > 0 and (s or flag) and count < 10000:
        count += 1000
        n = n // 2
    return count


@export
def nested_conditions(n: int, m: int) -> int:
    s = maybe_text(n)
    k = maybe_int(m)
    if (s and k) or (m > 5 and not s):
        return 1
    return 0 if (k or s) else 2


@export
def default_evaluated_only_when_needed(n: int) -> int:
    calls = [0]
    s = maybe_text(n) or counted_default(calls)
    return len(s) + calls[0] * 1000


def counted_default(calls: list[int]) -> str:
    calls[0] += 1
    return "dd"
