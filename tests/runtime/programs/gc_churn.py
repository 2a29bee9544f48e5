"""State kept across exports through collections: dicts with int keys at the int64 edges and
str keys, lists of bytes and records, rebuilt and dropped as the calls go on."""
from dataclasses import dataclass

from abi import export

EDGES = [0, 1, -1, -2, 2, 255, 4294967295, 4294967296, -4294967296, 4611686018427387904,
         -4611686018427387904, 9223372036854775807, -9223372036854775808, -9223372036854775807]


@dataclass
class Entry:
    name: str
    data: bytes
    tags: list[int]


BY_INT: dict[int, Entry] = {}
BY_NAME: dict[str, int] = {}
RECENT: list[bytes] = []


def key_of(i: int) -> int:
    if i % 3 == 0:
        return EDGES[i % len(EDGES)] ^ (i // 3 % 5)
    return (i * 2654435761) % 401 - 200


@export
def step(i: int) -> int:
    key = key_of(i)
    name = "k" + str(key % 9973) + "-" * (i % 11)
    entry = Entry(name, bytes([i % 256, (i >> 8) % 256]) * (i % 40), [key % 1000, i])
    garbage = [str(j) * (j % 30) for j in range(i % 17)]
    if i % 7 == 3 and key in BY_INT:
        del BY_INT[key]
    else:
        BY_INT[key] = entry
    BY_NAME[name] = BY_NAME.get(name, 0) + len(garbage)
    if len(BY_NAME) > 300:
        for oldest in BY_NAME:
            del BY_NAME[oldest]
            break
    RECENT.append(entry.data[: i % 64])
    if len(RECENT) > 50:
        RECENT.pop(0)
    return checksum() + len(garbage)


def checksum() -> int:
    total = 0
    for k, e in BY_INT.items():
        total = (total * 31 + (k & 0xFFFFFFF) + len(e.data) + e.tags[0] + len(e.name)) % 1000000007
    for n, count in BY_NAME.items():
        total = (total * 17 + len(n) + count) % 1000000007
    for b in RECENT:
        total = (total + len(b) + (b[0] if b else 0)) % 1000000007
    return total
