"""Programs with and/or of comparisons that passes/booleans.py turns into i32.and/i32.or, next to
ones it must leave alone (a right operand that calls, divides or reads memory)."""
from abi import export


def counted(values: list[int], x: int) -> bool:
    values.append(x)
    return x > 0


@export
def plain(a: int, b: int) -> int:
    score = 0
    if a > 0 and b > 0:
        score += 1
    if a == 0 or b < 0:
        score += 2
    if not (a >= b and b != 255):
        score += 4
    inside = 0 <= a and a <= 255
    score += 8 if inside else 0
    if (a < 0 or a > 100) and (b == 1 or b == -1 or b == 256):
        score += 16
    return score


@export
def guarded(a: int, b: int) -> int:
    values: list[int] = []
    score = 0
    if b != 0 and a % b > 1:  # the modulo runs only when b != 0
        score += 1
    if a < 0 or counted(values, b):  # the call runs only when a >= 0
        score += 2
    if len(values) > 0 and values[0] == b:
        score += 4
    return score * 10 + len(values)
