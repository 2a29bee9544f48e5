"""ascii() of a str: its repr with every non-ASCII character escaped (\\xhh, \\uhhhh or
\\Uhhhhhhhh), as CPython's ascii() (f-string ``!a``)."""
from compiler.runtime.reprs import hex_digits, str_repr


def str_ascii(s: str) -> str:
    return ascii_escaped(str_repr(s))


def ascii_escaped(text: str) -> str:
    """``text`` with every non-ASCII character escaped (Python's backslashreplace)."""
    parts: list[str] = []
    for ch in text:
        c = ord(ch)
        if c < 0x80:
            parts.append(ch)
        elif c < 0x100:
            parts.append("\\x" + hex_digits(c, 2))
        elif c < 0x10000:
            parts.append("\\u" + hex_digits(c, 4))
        else:
            parts.append("\\U" + hex_digits(c, 8))
    return "".join(parts)
