"""Arithmetic at the edges of what range analysis can prove (compiler/passes/ranges.py): each
export mixes operations the pass makes plain with ones that must keep their overflow check."""
from abi import export

BIG = 9223372036854775807


def low_byte(x: int) -> int:
    return x & 0xFF


def scaled(b: int, shift: int) -> int:
    return b << shift


@export
def masked_products(a: int, b: int) -> int:
    """255 * 2**55 fits in int64; 4095 * 2**55 does not: only the first may drop its check."""
    small = (a & 0xFF) * 36028797018963968
    large = (b & 0xFFF) * 36028797018963968
    return small + large


@export
def byte_sums(a: int, b: int) -> int:
    data = bytes([a & 0xFF, b & 0xFF, 7])
    total = 0
    for x in data:
        total = total + x * x
    return total + data[0] * data[1] + len(data) * (BIG // 4)


@export
def near_the_top(a: int, b: int) -> int:
    """A length plus BIG overflows as soon as the length is not zero."""
    text = "x" * (a & 7)
    return BIG - (b & 1) + len(text)


@export
def counters(a: int, b: int) -> int:
    i = 0
    n = a & 1023
    total = 0
    while i < n:
        total += i
        i += 1
    if n == 0:
        j = b
        j -= 3  # a parameter minus a constant: may overflow at the bottom
        return j
    return total


@export
def division_and_modulo(a: int, b: int) -> int:
    x = a & 0xFFFF
    y = (b & 0xFF) + 1
    z = b & 0xFF  # may be zero: ZeroDivisionError
    return x // y + x % y + (x % 7) * 3 + x // z


@export
def shifts(a: int, b: int) -> int:
    n = b & 63
    m = a & 0xF
    return scaled(low_byte(a), 55) + (m << 59) + (a >> n) + (m << n)


@export
def negation_and_abs(a: int, b: int) -> int:
    x = -(a & 0xFFFF)
    y = abs(b & 0xFF) + abs(x)
    return -x + y + abs(a)


@export
def constant_operands(a: int, b: int) -> int:
    """Unknown operands with a constant: the pass tests the operand's range inline."""
    if b & 3 == 0:
        return a + 5
    if b & 3 == 1:
        return a - 7
    if b & 3 == 2:
        return a * 3
    return a - -4


def squared_times(x: int, times: int) -> int:
    for _ in range(times):
        x = x * x  # the parameter is reassigned: its range is more than its arguments'
    return x


@export
def reassigned_parameters(a: int, b: int) -> int:
    """Every call passes small constants, but the body stores products into the parameter
    (was: the pass kept the arguments' range, so 2**31 ** 17 gave 0 instead of OverflowError)."""
    return squared_times(3, a % 8) + squared_times(5, b & 3) + 2147483648 ** (a % 70)


@export
def decided_comparisons(a: int, b: int) -> int:
    """Comparisons the intervals decide (folded to constants) beside ones they do not: at the
    edges of each interval, signed and unsigned (bytes() tests its items unsigned)."""
    low = a & 0xFF
    wide = b & 0xFFFF
    score = 0
    if low > 255:  # never
        score += 1
    if low >= 0:  # always
        score += 2
    if wide > 255:  # depends on b
        score += 4
    if low == 256 or wide < 0:  # never
        score += 8
    if low != 300:  # always
        score += 16
    if low == 255:  # depends on a
        score += 32
    if not low:  # depends on a (eqz)
        score += 64
    data = bytes([low, (a >> 8) & 255, wide >> 8])  # unsigned range checks, all decided
    return score * 1000 + data[0] + data[1] + data[2] + len(bytes([b % 300]))
