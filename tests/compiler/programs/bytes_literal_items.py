"""bytes([a, b, ...]) of a list literal: built in place, items evaluated first (as CPython
builds the list), each then checked to be in range(256)."""
from abi import export

TRACE = [0]


def noted(value: int, weight: int) -> int:
    TRACE[0] = TRACE[0] * 10 + weight
    return value


def item(values: list[int], i: int) -> int:
    return values[i]  # IndexError past the end


@export
def packed(a: int, b: int) -> int:
    data = bytes([a & 255, (a >> 8) & 255, b, 7])
    return data[0] + data[1] * 256 + data[2] * 65536 + data[3] * 16777216 + len(data) * 10**9


@export
def out_of_range_first(a: int) -> int:
    """An item beyond a byte, then one whose evaluation raises: CPython raises the later error."""
    data = bytes([a, item([1, 2], a % 4)])
    return len(data) + data[0]


@export
def evaluation_order(a: int, b: int) -> int:
    TRACE[0] = 0
    data = bytes([noted(a, 1), noted(b, 2), noted(3, 3)])
    return TRACE[0] * 1000 + data[0] + data[1]


@export
def empty_and_single(a: int) -> int:
    return len(bytes([])) + len(bytes([a])) * 10 + bytes([a])[0]


@export
def int_text(a: int, b: int) -> int:
    """str() of ints at every edge (a non-negative one takes the unsigned-division path): the
    text read back, its length and a digit sum."""
    text = str(a) + "|" + str(b) + "|" + f"{a % 1000}"
    total = len(text) * 1000
    for c in text:
        if c != "-" and c != "|":
            total += ord(c) - 48
    return total + (1 if int(str(a)) == a else 0)


@export
def byte_loops(a: int, n: int) -> int:
    """for over bytes (each byte loaded in place), also in enumerate and zip, and with the
    name rebound inside the loop (the loop keeps the object it started with)."""
    data = bytes([a & 255, (a >> 8) & 255, 255, 0]) * (n % 4)
    total = 0
    for byte in data:
        total = total * 3 + byte
        data = b"z"
    for i, byte in enumerate(bytes([a & 127, 1])):
        total += i * byte
    for x, y in zip(b"abc", bytes([n & 255, 9])):
        total += x * y
    return total


def bytes_digest(data: bytes) -> int:
    total = len(data)
    for byte in data:
        total = (total * 31 + byte) % 1000000007
    return total


@export
def spliced(a: int, b: int) -> int:
    """A bytes + chain built in one allocation (lower/bytes_concat.py): slices with every kind
    of bound (negative, past either end, omitted, start after stop) and a bytes([...]) display."""
    a, b = a % 41 - 20, b % 41 - 20
    value = b"0123456789abcdef"
    entry = bytes([a & 255, 7]) + value[b % 20:]
    joined = value[:a] + entry + value[a + 3:] + value[-b:b] + b"" + value[b:a]
    return bytes_digest(joined) + len(joined) * 1000000007


@export
def spliced_order(a: int, b: int) -> int:
    """Operands evaluated left to right; a display's items checked (ValueError) before a
    later operand runs, and a later operand's IndexError after them."""
    TRACE[0] = 0
    head = b"xy"
    joined = head[noted(a, 1) % 5:] + bytes([noted(b, 2), 1]) + head[:noted(item([1, 2], a % 4), 3)]
    return TRACE[0] * 1000 + bytes_digest(joined)


@export
def spliced_nested(a: int) -> int:
    """Right-nested and parenthesised chains, and a chain of plain operands only."""
    x = bytes([a & 255])
    y = b"yy"
    return bytes_digest(x + (y + (x + y))) + bytes_digest((x + y) + x[a % 3:])


@export
def spliced_encoded(a: int) -> int:
    """str.encode() operands copied from the str: ASCII digits, non-ASCII text, and "utf-8"."""
    key = b"slot:" + str(a % 1000 - 500).encode()
    text = "é€" * (a % 3)
    both = key + text.encode() + b"|" + f"{a % 7}".encode("utf-8")
    return bytes_digest(key) * 7 + bytes_digest(both) + len(both)


@export
def spliced_int_text(a: int, b: int) -> int:
    """str(n).encode() in a chain: digits written in place, for every edge int (negative ones,
    the int64 minimum and maximum, zero, powers of ten)."""
    key = b"k:" + str(a).encode() + b"/" + str(b % 1000).encode() + str(b // 3 - a % 2).encode()[:3]
    return bytes_digest(key) + len(key) * 1000000007


@export
def byte_walk_control(a: int, n: int) -> int:
    """for over bytes with continue, break and else, nested over the same bytes, and empty."""
    data = bytes([a & 255, 0, 255, (a >> 8) & 255]) * (n % 3)
    total = 0
    for x in data:
        if x == 0:
            continue
        for y in data:
            if y > x:
                break
            total += y
        else:
            total += 1000
        if x == 255 and total > 50000:
            break
    else:
        total += 7
    for x in b"":
        total += x + 1
    return total


PREFIX12 = b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff"


@export
def constant_affixes(a: int, b: int) -> int:
    """startswith/endswith of a constant of 1 to 16 bytes (lower/constant_affix.py: inline loads)
    and of 17 (the runtime's), on bytes and on str (non-ASCII too), at every length around it."""
    data = PREFIX12 + bytes([a & 255, (a >> 8) & 255, b & 255]) * (b % 3)
    text = "é-" * (a % 4) + "ab€" * (b % 3)
    cut = data[:a % 17]
    checks = [data.startswith(PREFIX12), data.startswith(b"\x00"), data.endswith(b"\xff\xff"),
              cut.startswith(PREFIX12), cut.endswith(bytes([b & 255])[:1] + b""),
              data.startswith(b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x07"),
              data.endswith(b"0123456789abcdefg"), cut.endswith(b"\x00\x00"),
              text.startswith("é-"), text.startswith("é-é-é-é"), text.endswith("€"),
              text.endswith("ab€ab€"), text.startswith("é-ab€"), "".startswith("a"), b"".endswith(b"a"),
              text.endswith("ab€ab€ab€ab€ab€ab€")]
    total = 0
    for check in checks:
        total = total * 2 + (1 if check else 0)
    return total
