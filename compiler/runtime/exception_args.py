"""The text of an exception's arguments (``str(e)``, ``repr(e)``, ``e.args``) as CPython shows it.

An exception raised with anything but one str keeps its arguments as a list of Anys (the compiler
passes them: sema/exception_args.py). ``str(e)`` is then ``str(arg)`` of one argument (a
KeyError's: ``repr(arg)``), else the repr of the tuple; ``repr(e)`` is the class name and the
arguments' reprs in parentheses. A KeyError the runtime raised keeps only its key's repr (it never
needs more to be shown), so ``e.args`` reads the key back from it: ``key_from_repr``.
"""
from typing import Any


def arg_repr(value: Any) -> str:
    return f"{value!r}"


def args_repr(items: list[Any], as_tuple: bool) -> str:
    """``(a, b)``; one item is ``(a,)`` as a tuple and ``(a)`` after a class name."""
    text = "(" + ", ".join([arg_repr(item) for item in items])
    if as_tuple and len(items) == 1:
        text += ","
    return text + ")"


def args_str(items: list[Any], is_key_error: bool) -> str:
    if not items:
        return ""
    if len(items) > 1:
        return args_repr(items, True)
    if is_key_error:
        return arg_repr(items[0])
    return str(items[0])


def key_from_repr(text: str) -> Any:
    """The key whose repr the runtime's KeyError keeps: None, a bool, an int, a float, str or bytes."""
    if text == "None":
        return None
    if text == "True" or text == "False":
        return text == "True"
    if text.startswith("'") or text.startswith('"'):
        return "".join([chr(c) for c in unescaped(text[1:len(text) - 1])])
    if text.startswith("b'") or text.startswith('b"'):
        return bytes(unescaped(text[2:len(text) - 1]))
    if text.startswith("<"):
        return text  # an object's class name, shown where CPython shows its address
    digits = text[1:] if text.startswith("-") else text
    if digits.isdigit():
        return int(text)
    return float(text)


def unescaped(body: str) -> list[int]:
    """The code points (or bytes) of a str or bytes repr's body: \\t \\n \\r \\xhh \\uhhhh
    \\Uhhhhhhhh and an escaped quote or backslash."""
    out: list[int] = []
    i = 0
    while i < len(body):
        c = body[i]
        i += 1
        if c != "\\":
            out.append(ord(c))
            continue
        mark = body[i]
        i += 1
        width = 2 if mark == "x" else 4 if mark == "u" else 8 if mark == "U" else 0
        if width:
            out.append(int(body[i:i + width], 16))
            i += width
        elif mark == "t":
            out.append(9)
        elif mark == "n":
            out.append(10)
        elif mark == "r":
            out.append(13)
        else:
            out.append(ord(mark))
    return out
