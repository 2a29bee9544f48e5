"""Indexing and building at the edges: bytes and list subscripts (negative, out of range, int64
limits), bytes(list) with items out of range(256), searches (find/rfind/in/startswith)."""
from abi import export


def text(n: int) -> bytes:
    return bytes([(i * 37 + 5) % 256 for i in range(n % 64)])


@export
def bytes_at(i: int, n: int) -> int:
    return text(n)[i]


@export
def list_at(i: int, n: int) -> int:
    items = [j * 3 - 7 for j in range(n % 64)]
    return items[i]


@export
def list_store(i: int, n: int) -> int:
    items = [j for j in range(n % 64)]
    items[i] = 99
    return sum_of(items) + items[i]


def sum_of(items: list[int]) -> int:
    total = 0
    for x in items:
        total = (total * 3 + x) % 1000000007
    return total


@export
def bytes_from(a: int, b: int) -> int:
    data = bytes([a % 256, b, a]) if a % 2 == 0 else bytes([b])
    return len(data) * 1000 + data[-1]


@export
def search(a: int, b: int) -> int:
    hay = "abcab" * (a % 9) + "xyz" + "ab" * (b % 5)
    needle = "abcab"[a % 3:a % 3 + b % 4]
    found = hay.find(needle) * 7 + hay.rfind(needle) * 3 + hay.find(needle, b % 11)
    flags = int(needle in hay) + 2 * int(hay.startswith(needle)) + 4 * int(hay.endswith(needle))
    return found * 10 + flags


@export
def decode(a: int, b: int) -> int:
    data = text(a)[: b % 64] + bytes([a % 256])
    return len(data.decode())
