"""Shifts and bitwise operators.

Python: ``<<`` never wraps (the result overflows int64 instead), a negative
count raises ValueError, ``>>`` by 64 or more fills with the sign bit. Wasm
shift counts are taken modulo 64, so every one of these is an edge.
"""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1


@export
def lshift(a: int, n: int) -> int:
    return a << n


@export
def rshift(a: int, n: int) -> int:
    return a >> n


@export
def one_shl(n: int) -> int:
    return 1 << n


@export
def minus_one_shl(n: int) -> int:
    return -1 << n


@export
def zero_shl(n: int) -> int:
    return 0 << n


@export
def zero_shr(n: int) -> int:
    return 0 >> n


@export
def min_shr(n: int) -> int:
    return INT64_MIN >> n


@export
def max_shr(n: int) -> int:
    return INT64_MAX >> n


@export
def shr_63(a: int) -> int:
    return a >> 63


@export
def shr_64(a: int) -> int:
    return a >> 64


@export
def shr_65(a: int) -> int:
    return a >> 65


@export
def shr_1000(a: int) -> int:
    return a >> 1000


@export
def shl_63(a: int) -> int:
    return a << 63


@export
def shl_64(a: int) -> int:
    return a << 64


@export
def shl_1(a: int) -> int:
    return a << 1


@export
def shl_32(a: int) -> int:
    return a << 32


@export
def shift_roundtrip(a: int, n: int) -> int:
    """(a << k) >> k == a where a << k fits."""
    k = n % 54
    return (a % 1024) << k >> k


@export
def and_(a: int, b: int) -> int:
    return a & b


@export
def or_(a: int, b: int) -> int:
    return a | b


@export
def xor(a: int, b: int) -> int:
    return a ^ b


@export
def mixed(a: int, b: int, c: int) -> int:
    return a & b | c ^ ~a & (b | ~c)


@export
def bool_and(p: bool, q: bool) -> bool:
    return p & q


@export
def bool_or(p: bool, q: bool) -> bool:
    return p | q


@export
def bool_xor(p: bool, q: bool) -> bool:
    return p ^ q


@export
def bool_bits_as_int(p: bool, q: bool) -> int:
    return int(p & q) * 4 + int(p | q) * 2 + int(p ^ q)


@export
def bool_with_int(p: bool, a: int) -> int:
    return (p & a) + (p | a) % 1000 * 3 + (a ^ p) % 1000 * 5


@export
def bool_shift(p: bool, n: int) -> int:
    return p << (n % 70)


@export
def shift_by_bool(a: int, p: bool) -> int:
    return (a >> p) ^ ((a % 1000) << p)


@export
def popcount(a: int) -> int:
    """Counts the one bits of a's 64-bit two's complement form."""
    count = 0
    x = a
    for _ in range(64):
        count += x & 1
        x >>= 1
    return count


@export
def low_bit(a: int) -> int:
    return a & -a if a != INT64_MIN else a


@export
def aug_shifts(a: int, n: int) -> int:
    x = a
    x >>= n
    x <<= 2
    return x


@export
def aug_bitwise(a: int, b: int) -> int:
    x = a
    x &= b
    x |= 7
    x ^= b
    return x
