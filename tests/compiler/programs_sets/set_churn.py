"""Global sets of str, bytes and int items kept across calls while each call leaves garbage: the
collector (which runs as an export returns) must keep every item of the sets it holds."""
from abi import export

NAMES: set[str] = set()
BLOBS: set[bytes] = set()
NUMBERS: set[int] = set()


def mix(h: int, v: int) -> int:
    return (h * 1000003 + v % 1000000007) % 2147483647


@export
def churn(n: int) -> int:
    garbage: list[str] = []
    for i in range(300):
        garbage.append(str(i * n) * 4)
    NAMES.add("name" + str(n))
    BLOBS.add(("blob" + str(n % 17)).encode())
    NUMBERS.add(n * 31)
    if n % 5 == 0:
        NAMES.discard("name" + str(n - 3))
        NUMBERS.discard((n - 2) * 31)
    return len(NAMES) + len(garbage)


@export
def digest() -> int:
    h = 0
    for name in sorted(NAMES):
        for c in name:
            h = mix(h, ord(c))
    for blob in sorted([b.decode() for b in BLOBS]):
        for c in blob:
            h = mix(h, ord(c))
    for x in NUMBERS:
        h = mix(h, x)
    return h
