"""Arithmetic on 64-bit ints: + - * ** and unary operators.

CPython's ints never overflow; compiled ints are int64 and trap with
OverflowError where CPython's result would not fit. Functions are written so
that no intermediate value can leave int64 unless the final result does too.
"""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1
BIG = 1 << 62


@export
def add(a: int, b: int) -> int:
    return a + b


@export
def sub(a: int, b: int) -> int:
    return a - b


@export
def mul(a: int, b: int) -> int:
    return a * b


@export
def neg(a: int) -> int:
    return -a


@export
def pos(a: int) -> int:
    return +a


@export
def invert(a: int) -> int:
    return ~a


@export
def invert_twice(a: int) -> int:
    return ~~a


@export
def sub_from_min(a: int) -> int:
    return INT64_MIN - a


@export
def add_to_max(a: int) -> int:
    return INT64_MAX + a


@export
def mul_by_min(a: int) -> int:
    return a * INT64_MIN


@export
def mul_by_minus_one(a: int) -> int:
    return a * -1


@export
def minus_one_times(a: int) -> int:
    return -1 * a


@export
def big_plus(a: int) -> int:
    return BIG + (BIG - 1) + a


@export
def power(a: int, b: int) -> int:
    return a ** (b & 127)


@export
def square(a: int) -> int:
    return a ** 2


@export
def cube(a: int) -> int:
    return a * a * a


@export
def two_to(e: int) -> int:
    return 2 ** (e & 127)


@export
def minus_two_to(e: int) -> int:
    return (-2) ** (e & 127)


@export
def minus_one_to(e: int) -> int:
    return (-1) ** (e & 127)


@export
def zero_to(e: int) -> int:
    return 0 ** (e & 127)


@export
def one_to(e: int) -> int:
    return 1 ** (e & 127)


@export
def pow_small(a: int, e: int) -> int:
    """Small bases and exponents: every result fits, many sit right at the edge."""
    return (a % 7 - 3) ** (e % 70)


@export
def poly(a: int) -> int:
    x = a % 1000 - 500
    return 3 * x * x - 7 * x + 11


@export
def precedence(a: int, b: int) -> int:
    x = a % 100
    y = b % 100 - 50
    return x + y * 3 - -x ** 2 // 7 + -y % 5 * 2


@export
def bool_arith(p: bool, q: bool) -> int:
    return p + q * 2 - p * q + (p - q) * 10


@export
def bool_unary(p: bool) -> int:
    return -p * 100 + ~p * 10 + +p


@export
def bool_times(p: bool, a: int) -> int:
    return p * a


@export
def bool_plus(p: bool, a: int) -> int:
    return a + p


@export
def bool_pow(p: bool, q: bool) -> int:
    return p ** q


@export
def aug_ops(a: int, b: int) -> int:
    x = a % 1000
    y = b % 13 + 1
    x += y
    x *= y
    x -= 3
    x **= 2
    x //= y
    x %= 100003
    x <<= 3
    x >>= 1
    x &= 0xFFFF
    x |= 1 << 20
    x ^= y
    return x


@export
def aug_add_overflow(a: int, b: int) -> int:
    x = a
    x += b
    return x


@export
def aug_mul_overflow(a: int, b: int) -> int:
    x = a
    x *= b
    return x


@export
def doubling(k: int) -> int:
    """Doubles k % 70 times: overflows from 63 doublings on."""
    x = 1
    for _ in range(k % 70):
        x *= 2
    return x


@export
def factorial(n: int) -> int:
    """Overflows from 21! on."""
    r = 1
    for i in range(2, n % 30 + 1):
        r *= i
    return r


@export
def chained_assign(a: int) -> int:
    x = y = z = a % 1000
    y += 1
    z *= 2
    return x * 1000000 + y * 1000 + z


@export
def unary_stack(a: int) -> int:
    return -~-~(a % 1000) + ~-~-(a % 1000) + -(-(a % 1000) % 7)


@export
def bool_operands(p: bool, q: bool) -> int:
    return p // (q + 1) + p % 2 + p ** 2 + (p << 3) + (q >> 0) + p ** q
