"""Floor division and modulo: Python floors toward minus infinity, wasm truncates."""
from abi import export

INT64_MAX = 9223372036854775807
INT64_MIN = -INT64_MAX - 1


@export
def floordiv(a: int, b: int) -> int:
    return a // b


@export
def mod(a: int, b: int) -> int:
    return a % b


@export
def floordiv_xor_mod(a: int, b: int) -> int:
    return (a // b) ^ (a % b)


@export
def remainder_sign_ok(a: int, b: int) -> bool:
    """A non-zero remainder has the divisor's sign and is smaller than it."""
    r = a % b
    return (0 <= r < b) if b > 0 else (b < r <= 0)


@export
def division_identity(a: int, b: int) -> bool:
    """q * b + r == a, checked where q * b cannot overflow."""
    if a == INT64_MIN and b == -1:
        return True  # a // b itself does not fit
    q = a // b
    r = a % b
    if -3037000499 <= q <= 3037000499 and -3037000499 <= b <= 3037000499:
        return q * b + r == a
    return True


@export
def min_floordiv(b: int) -> int:
    return INT64_MIN // b


@export
def min_mod(b: int) -> int:
    return INT64_MIN % b


@export
def floordiv_by_min(a: int) -> int:
    return a // INT64_MIN


@export
def mod_by_min(a: int) -> int:
    return a % INT64_MIN


@export
def floordiv_by_minus_one(a: int) -> int:
    return a // -1


@export
def mod_by_minus_one(a: int) -> int:
    return a % -1


@export
def floordiv_by_seven(a: int) -> int:
    return a // 7


@export
def floordiv_by_minus_seven(a: int) -> int:
    return a // -7


@export
def mod_by_seven(a: int) -> int:
    return a % 7


@export
def mod_by_minus_seven(a: int) -> int:
    return a % -7


@export
def mod_by_max(a: int) -> int:
    return a % INT64_MAX


@export
def seven_floordiv(b: int) -> int:
    return 7 // b


@export
def minus_seven_mod(b: int) -> int:
    return -7 % b


@export
def zero_floordiv(b: int) -> int:
    return 0 // b


@export
def floordiv_bool(a: int, p: bool) -> int:
    return a // p


@export
def mod_bool(p: bool, q: bool) -> int:
    return p % q


@export
def aug_floordiv(a: int, b: int) -> int:
    x = a
    x //= b
    return x


@export
def aug_mod(a: int, b: int) -> int:
    x = a
    x %= b
    return x


@export
def digit_sum(a: int) -> int:
    """Sum of decimal digits of |a| computed with // and % (MIN's magnitude included)."""
    total = 0
    n = a
    while n != 0:
        d = n % 10
        if n < 0 and d != 0:
            d = 10 - d
        total += d
        n = (n + 9) // 10 if n < 0 else n // 10  # truncate toward zero
    return total


@export
def nested_div(a: int, b: int, c: int) -> int:
    x = a % 1000003 - 500000
    return x // b // c + x % b % c
