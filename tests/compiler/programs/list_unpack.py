"""A list unpacked into names: ``a, b, c = s.split(".")``; CPython's ValueError (its message)
when the length differs, raised before any name is assigned; in a loop over a list of lists,
and nested in a tuple of names."""
from abi import export

TOKENS = ["h.p.s", "h.p", "a.b.c.d", "", "x..y"]


def text_hash(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 31 + ord(c)) & 0xFFFFFFFF
    return h


@export
def three_parts(n: int) -> int:
    header, payload, signature = TOKENS[n % len(TOKENS)].split(".")
    return len(header) * 100 + len(payload) * 10 + len(signature)


@export
def message_of_mismatch(n: int) -> int:
    a = "unset"
    try:
        a, b = TOKENS[n % len(TOKENS)].split(".")
        return len(a + b)
    except ValueError as err:
        return text_hash(str(err) + a)


@export
def loop_targets(n: int) -> int:
    total = 0
    for x, y in [[1, 2], [n % 10, 4]]:
        total = total * 100 + x * 10 + y
    return total


@export
def ints_from_list(n: int) -> int:
    values = [n % 7, n % 11]
    low, high = values
    return low * 100 + high
