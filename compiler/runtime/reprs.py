"""repr() of str and bytes, and the error messages built from them, as CPython words them.

Plain subset code on str and bytes values (the runtime's other modules work on addresses
and convert first). Only error paths call it, so it is written for size, not speed.
"""
from compiler.runtime.unicode_tables import PRINTABLE_RUNS

HEX = "0123456789abcdef"
SINGLE = 39   # '
DOUBLE = 34   # "
BACKSLASH = 92
SHOWN_CHARS = 200  # CPython's %.200R in int()'s message
# Unboxed floats have no identity, and CPython compares container items by identity first.
TWO_NANS = "cannot compare two nan items here: CPython's answer depends on whether they are one object"


# The run of PRINTABLE_RUNS the last lookup found: text mostly stays in one script.
run_start = 0
run_end = 0
run_printable = False


def is_printable(c: int) -> bool:
    """str.isprintable() of one code point: ASCII directly, beyond through PRINTABLE_RUNS."""
    global run_start, run_end, run_printable
    if c < 0x7F:
        return c >= 0x20
    if run_start <= c < run_end:
        return run_printable
    printable = False
    start = 0
    end = 0x110000
    i = 0
    while i < len(PRINTABLE_RUNS):
        delta = 0
        shift = 0
        while PRINTABLE_RUNS[i] >= 128:
            delta |= (PRINTABLE_RUNS[i] - 128) << shift
            shift += 7
            i += 1
        delta |= PRINTABLE_RUNS[i] << shift
        i += 1
        if start + delta > c:
            end = start + delta
            break
        start += delta
        printable = not printable
    run_start = start
    run_end = end
    run_printable = printable
    return printable


def hex_digits(v: int, width: int) -> str:
    """``v`` (0 <= v < 16**width) as ``width`` lower-case hex digits."""
    out = ""
    for _ in range(width):
        out = HEX[v % 16] + out
        v //= 16
    return out


def quote_for(has_single: bool, has_double: bool) -> int:
    """CPython's choice: single quotes unless the text has a ' and no "."""
    if has_single and not has_double:
        return DOUBLE
    return SINGLE


def escaped(c: int, quote: int) -> str:
    """A code point (or byte) that is not printed as itself: \\t \\n \\r or \\x, \\u, \\U."""
    if c == quote or c == BACKSLASH:
        return "\\" + chr(c)
    if c == 9:
        return "\\t"
    if c == 10:
        return "\\n"
    if c == 13:
        return "\\r"
    if c < 0x100:
        return "\\x" + hex_digits(c, 2)
    if c < 0x10000:
        return "\\u" + hex_digits(c, 4)
    return "\\U" + hex_digits(c, 8)


def str_repr(s: str) -> str:
    """repr(s)."""
    return str_repr_cut(s, 10 * len(s) + 2)  # a character's repr has at most 10 characters


def str_repr_cut(s: str, limit: int) -> str:
    """repr(s)[:limit], without escaping more of ``s`` than that needs."""
    quote = quote_for("'" in s, '"' in s)
    parts: list[str] = [chr(quote)]
    size = 1
    for ch in s:
        if size >= limit:
            break
        c = ord(ch)
        if c != quote and c != BACKSLASH and is_printable(c):
            parts.append(ch)
            size += 1
        else:
            piece = escaped(c, quote)
            parts.append(piece)
            size += len(piece)
    parts.append(chr(quote))
    return "".join(parts)[:limit]


def bytes_repr(b: bytes) -> str:
    """repr(b)."""
    return bytes_repr_cut(b, 4 * len(b) + 3)


def bytes_repr_cut(b: bytes, limit: int) -> str:
    """repr(b)[:limit]: printable ASCII as itself, any other byte escaped."""
    quote = quote_for(SINGLE in b, DOUBLE in b)
    parts: list[str] = ["b", chr(quote)]
    size = 2
    for c in b:
        if size >= limit:
            break
        if c != quote and c != BACKSLASH and 0x20 <= c < 0x7F:
            parts.append(chr(c))
            size += 1
        else:
            piece = escaped(c, quote)
            parts.append(piece)
            size += len(piece)
    parts.append(chr(quote))
    return "".join(parts)[:limit]


# -- messages ----------------------------------------------------------------------------------------------
def int_literal_message(shown: str, base: int) -> str:
    """int(text, base) refused: ``shown`` is repr(text)[:SHOWN_CHARS] (CPython's %.200R)."""
    return "invalid literal for int() with base " + str(base) + ": " + shown


def int_digits_message(digits: int) -> str:
    return ("Exceeds the limit (4300 digits) for integer string conversion: value has " + str(digits)
            + " digits; use sys.set_int_max_str_digits() to increase the limit")


def float_message(shown: str) -> str:
    """float(text) refused: ``shown`` is repr(text), whole."""
    return "could not convert string to float: " + shown


def decode_message(data: bytes, start: int, end: int, reason: str) -> str:
    """str(UnicodeDecodeError('utf-8', data, start, end, reason))."""
    if end == start + 1:
        return ("'utf-8' codec can't decode byte 0x" + hex_digits(data[start], 2) + " in position "
                + str(start) + ": " + reason)
    return "'utf-8' codec can't decode bytes in position " + str(start) + "-" + str(end - 1) + ": " + reason


def ord_message(length: int) -> str:
    return "ord() expected a character, but string of length " + str(length) + " found"


# -- raising ----------------------------------------------------------------------------------------------
# The runtime raises through these: a function that raises itself is never inlined (passes/inline.py keeps
# exception stand-ins as calls), and most runtime functions are small enough to be inlined.
def value_error(message: str) -> None:
    raise ValueError(message)


def index_error(message: str) -> None:
    raise IndexError(message)


def key_error(message: str) -> None:
    raise KeyError(message)


def key_error_shown(text: str) -> None:
    """A KeyError whose str() is ``text`` (the repr of a missing key of any type). Under CPython,
    which runs this module in the runtime's tests, str() is repr(text) instead."""
    error = KeyError(text)
    error._exc_message = text
    raise error


def type_error(message: str) -> None:
    raise TypeError(message)


def overflow_error(message: str) -> None:
    raise OverflowError(message)


def zero_division_error(message: str) -> None:
    raise ZeroDivisionError(message)
