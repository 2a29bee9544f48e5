"""The wrapping intrinsics compiled (one wasm instruction each) and under CPython (abi.intrinsics)."""
from abi import export
from abi.intrinsics import ctz, div_u, lt_u, rem_u, shr_u, wrap_add, wrap_mul, wrap_sub


@export
def add(a: int, b: int) -> int:
    return wrap_add(a, b)


@export
def sub(a: int, b: int) -> int:
    return wrap_sub(a, b)


@export
def mul(a: int, b: int) -> int:
    return wrap_mul(a, b)


@export
def shift_right_unsigned(a: int, n: int) -> int:
    return shr_u(a, n)


@export
def below_unsigned(a: int, b: int) -> bool:
    return lt_u(a, b)


@export
def low32_product(a: int, b: int) -> int:
    """The low 32 bits of a wrapped product are the exact product's."""
    return wrap_mul(a & 0xFFFFFFFF, b & 0xFFFFFFFF) & 0xFFFFFFFF


@export
def trailing_zeros(a: int, b: int) -> int:
    return ctz(a) + ctz(b & 0xFF00)


@export
def unsigned_division(a: int, b: int) -> int:
    """Divisors the runtime uses (never 0): 10, 16, and the operand's low bits made odd."""
    d = (b & 0xFF) | 1
    return wrap_add(div_u(a, 10), wrap_mul(rem_u(a, 16), 1000)) ^ div_u(a, d) ^ rem_u(a, d)
