"""``format(x, spec)`` for the float presentation types ``e E g G % F``, ``#`` with ``f``, and no
type (``{x:.3}``, ``{x:#}``), with CPython 3.11's text (Python/pystrtod.c format_float_short).

The digits are exact (floats.py): ``e`` keeps precision + 1 significant digits, ``g`` keeps
precision of them (0 counts as 1) and drops trailing zeros unless ``#``, each rounded half to
even on the exact binary value. ``g`` writes an exponent when the decimal point is 4 or more
places left of the first digit or beyond ``precision`` digits right of it; no type works as
``g`` with an exponent one digit sooner and ``.0`` after a whole number, or without a precision
as ``repr``. ``%`` is ``f`` of ``x * 100`` (a float product, as CPython computes it) then ``%``.
"""
from compiler.runtime.floats import (big_add, big_compare, decimal_exponent_estimate, digit_text, float_fixed,
                                     fraction_of, is_finite, mantissa_exponent, next_digit, round_up, scale,
                                     shortest_digits, sign_bit, special_text)

KIND_EXPONENT = 101  # ord("e")
KIND_GENERAL = 103  # ord("g")
KIND_FIXED = 102  # ord("f")
KIND_PERCENT = 37  # ord("%")
KIND_REPR = 114  # ord("r"): no type (with a precision it is 'g' that adds '.0')
UPPER_BIT = 32  # ord("E") == ord("e") - 32
GENERAL_EXPONENT_BELOW = -4  # the decimal point at this position or further left: an exponent
REPR_EXPONENT_ABOVE = 16


def format_float(x: float, kind: int, precision: int, alternate: bool) -> str:
    """The text of ``x`` under type ``chr(kind)`` ('r': none; precision -1 when none is given),
    before sign and padding."""
    upper = kind in (69, 70, 71)  # E F G
    if upper:
        kind += UPPER_BIT
    if kind == KIND_PERCENT:
        return with_point(float_fixed(x * 100.0, precision), precision == 0 and alternate) + "%"
    if not is_finite(x):
        text = special_text(x)
        return text.upper() if upper else text
    if kind == KIND_FIXED:
        text = with_point(float_fixed(x, precision), precision == 0 and alternate)
        return text.upper() if upper else text
    sign = "-" if sign_bit(x) else ""
    text = sign + finite_text(x, kind, precision, alternate)
    return text.upper() if upper else text


def with_point(text: str, wanted: bool) -> str:
    """'#' with precision 0: the decimal point stays ('1.', 'inf' has none to add)."""
    if wanted and is_finite_text(text):
        return text + "."
    return text


def is_finite_text(text: str) -> bool:
    return not (text.endswith("inf") or text.endswith("nan"))


def finite_text(x: float, kind: int, precision: int, alternate: bool) -> str:
    """The text of |x| for 'e', 'g' and 'r'."""
    digits: list[int] = []
    if kind == KIND_REPR and precision < 0:
        point = significant(x, 0, digits)
        drop_trailing_zeros(digits)
        exponent = point <= GENERAL_EXPONENT_BELOW or point > REPR_EXPONENT_ABOVE
        return layout(digits, point, exponent, 0, not exponent, alternate)
    if kind == KIND_EXPONENT:
        point = significant(x, precision + 1, digits)
        return layout(digits, point, True, precision + 1, False, alternate)
    count = precision if precision > 0 else 1
    point = significant(x, count, digits)
    above = count - 1 if kind == KIND_REPR else count
    exponent = point <= GENERAL_EXPONENT_BELOW or point > above
    if not alternate:
        drop_trailing_zeros(digits)
    return layout(digits, point, exponent, count if alternate else 0, kind == KIND_REPR and not exponent,
                  alternate)


def drop_trailing_zeros(digits: list[int]) -> None:
    while len(digits) > 1 and digits[len(digits) - 1] == 0:
        digits.pop()


def significant(x: float, count: int, digits: list[int]) -> int:
    """Fill ``digits`` with the first ``count`` significant digits of |x| rounded half to even (the
    shortest repr digits when ``count`` is 0); returns the point position p (|x| ~ 0.d1d2... * 10**p)."""
    if x == 0.0:
        for _ in range(count if count > 0 else 1):
            digits.append(0)
        return 1
    m, e = mantissa_exponent(x)
    if count == 0:
        return shortest_digits(m, e, digits)
    r, s = fraction_of(m, e)
    point = scale(r, s, [], decimal_exponent_estimate(m, e))
    for _ in range(count):
        digits.append(next_digit(r, s))
    half = big_compare(big_add(r, r), s)
    if half > 0 or (half == 0 and digits[count - 1] % 2 == 1):
        if round_up(digits) == 1:  # 99.9 -> 100: one digit more than asked, the last a 0
            digits.pop()
            point += 1
    return point


def layout(digits: list[int], point: int, exponent: bool, minimum: int, dot_zero: bool, alternate: bool) -> str:
    """The digits (padded with zeros to ``minimum``) with the point at ``point``, or one digit
    before the point and an exponent; ``dot_zero`` writes a whole number as '1.0', ``alternate``
    as '1.'."""
    while len(digits) < minimum:
        digits.append(0)
    text = digit_text(digits)
    if exponent:
        mantissa = text[0] + point_and(text[1:], False, alternate)
        return mantissa + exponent_text(point - 1)
    if point <= 0:
        return "0." + "0" * -point + text
    if len(text) < point:
        text = text + "0" * (point - len(text))
    return text[:point] + point_and(text[point:], dot_zero, alternate)


def point_and(fraction: str, dot_zero: bool, alternate: bool) -> str:
    if fraction != "":
        return "." + fraction
    if dot_zero:
        return ".0"
    return "." if alternate else ""


def exponent_text(exponent: int) -> str:
    """'e+05', 'e-123': a sign and at least two digits."""
    magnitude = str(exponent if exponent >= 0 else -exponent)
    if len(magnitude) < 2:
        magnitude = "0" + magnitude
    return ("e-" if exponent < 0 else "e+") + magnitude
