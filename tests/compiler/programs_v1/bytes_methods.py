"""bytes methods that share the str runtime: startswith, endswith, isspace, isdigit."""
from abi import export

SAMPLES = [b"", b"HELLO world", b"  \t\n", b"123", b"\x00\xff", b"hello"]


@export
def bytes_predicates(n: int) -> int:
    data = SAMPLES[n % len(SAMPLES)]
    result = 0
    if data.startswith(b"HELLO"):
        result += 1
    if data.endswith(b"ld"):
        result += 2
    if data.isspace():
        result += 4
    if data.isdigit():
        result += 8
    if data.startswith(b""):
        result += 16
    if data.endswith(b"\xff"):
        result += 32
    return result
