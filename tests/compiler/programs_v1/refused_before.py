"""Constructs docs/language.md promised but the compiler refused (issue 11): sort and sorted with
reverse=, enumerate with a start, list(range(...)) and len(range(...)), str format specs with '0'
and a precision."""
from abi import export


def code(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 1114111 + ord(c)) % 1000000007
    return h * 1000 + len(s)


def digest(items: list[int]) -> int:
    h = len(items)
    for x in items:
        h = (h * 31 + x) % 1000000007
    return h


@export
def sort_reverse(a: int, b: int) -> int:
    items = [a % 7, b % 5, 3, -(a % 3), b % 5]
    items.sort(reverse=True)
    first = items[0]
    items.sort(reverse=a % 2 == 0)
    words = ["pear", "fig", "apple", str(a % 10)]
    words.sort(reverse=True)
    back = sorted(items, reverse=True)
    forward = sorted(items, reverse=False)
    return digest(items) + first * 7 + digest(back) * 3 + digest(forward) + code(words[0])


@export
def enumerate_start(a: int, b: int) -> int:
    total = 0
    for i, v in enumerate([3, 1, a % 9], b % 100):
        total = total * 7 + i * v
    for i, c in enumerate("xyz", start=-(a % 50)):
        total += i * ord(c)
    pairs = [i * 10 + v for i, v in enumerate([4, 5], 1)]
    return total + digest(pairs)


@export
def ranges(a: int, b: int) -> int:
    up = list(range(a % 20))
    down = list(range(b % 30, -(a % 7), -3))
    empty = list(range(5, 5))
    return digest(up) + digest(down) * 3 + len(empty) + len(range(a % 1000, b % 1000, 7)) \
        + len(range(-(b % 100), a % 100)) * 11


@export
def str_specs(a: int, b: int) -> int:
    s = "ab" * (a % 4) + "é"
    return code(f"{s:05}|{s:>05}|{s:^07}|{s:x<6}|{s:.2}|{s:>8.3}|{s:010s}|{s:.0}|{a!s:.1}|{s:0}")


@export
def float_of_text(a: int, b: int) -> float:
    """float(str) and float(bytes) with CPython's parser (runtime/float_parse.py)."""
    text = str(a % 1000) + "." + str(b % 100) + "e" + str(b % 7 - 3)
    return float(text) + float(" -2.5e3 ") + float(b"0.125") + float("1_0.5") + float("-inf" if a > b else "1e-320")
