"""Text of floats: str(x), f-strings with and without specs (compared with CPython by test_floats.py)."""
from abi import export

CASES = 13


def show(case: int, x: float) -> str:
    if case == 0:
        return str(x)
    if case == 1:
        return f"{x}"
    if case == 2:
        return f"{x:.2f}"
    if case == 3:
        return f"{x:.0f}"
    if case == 4:
        return f"{x:>8.3f}|{x:<9.1f}|{x:^11.4f}"
    if case == 5:
        return f"{x:f}"
    if case == 6:
        return f"{x:+.3f} {x:+} {x: .1f} {x: }"
    if case == 7:
        return f"{x:010.2f}|{x:*=+12.1f}|{x:08}"
    if case == 8:
        return f"{x:20}|{x:<24}|{x:é^26}"
    if case == 9:
        return f"{x:.17f}|{x:.20f}"
    if case == 10:
        return f"{x!s:>30}|" + str(x) + "|" + str(-x)
    if case == 12:  # round(): half-even on the exact value, at any place (sema/number_builtins.py)
        whole = str(round(x)) if -1e18 < x < 1e18 else "-"
        return f"{round(x, 2)!r} {round(x, 0)!r} {round(x, -1)!r} {round(x, 5)!r} {round(x, -3)!r} {whole}"
    return f"[{x:.1f}, {x * 3.0:.5f}, {x / 7.0}]"


def text_hash(text: str) -> int:
    """A hash of the text and its length, so one call compares a whole string."""
    h = 0
    for c in text:
        h = (h * 131 + ord(c)) % 2147483647
    return h * 4096 + len(text) % 4096


@export
def text_digest(case: int, x: float) -> int:
    return text_hash(show(case, x))


@export
def text_char(case: int, x: float, i: int) -> int:
    """Character i of the text (-1 past its end), to show a difference."""
    s = show(case, x)
    return ord(s[i]) if i < len(s) else -1


@export
def int_text(case: int, n: int) -> int:
    """ints formatted as floats, and int specs that share the sign/fill/zero rules."""
    if case == 0:
        return text_hash(f"{n:.2f}|{n:f}|{n:+.1f}")
    if case == 1:
        return text_hash(f"{n:+}|{n: }|{n:*=8}|{n:<05}|{n:^07}|{n:+08}|{n:x>6}")
    if case == 2:
        return text_hash(f"{n:+x}|{n:#>6X}|{n:=+10b}|{n:08o}")
    return text_hash(str(float(n)) + f"{n!s:>5}")
