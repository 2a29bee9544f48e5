"""bytes(list of ints), including values out of range (ValueError)."""
from abi import export


@export
def bytes_of_list(n: int) -> int:
    data = bytes([n % 256, 0, 255, (n % 256) * 7 % 256])
    return len(data) * 1000 + data[0] + data[3] + data[2]


@export
def bytes_out_of_range(n: int) -> int:
    return len(bytes([n]))


@export
def bytes_empty(n: int) -> int:
    items: list[int] = []
    return len(bytes(items)) + n
