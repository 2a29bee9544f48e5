"""Text of floats: str(x), f-strings with and without specs (compared with CPython by test_floats.py)."""
from abi import export

CASES = 19


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
    if case == 13:  # e/E/g/G/%/no type with a precision (runtime/float_format.py)
        return f"{x:e}|{x:.0e}|{x:#.0E}|{x:.3e}|{x:.17e}|{x:g}|{x:.0g}|{x:#g}|{x:.3G}|{x:.17g}|{x:.3}|{x:#.3}"
    if case == 14:
        return f"{x:%}|{x:.0%}|{x:#.0%}|{x:.2%}|{x:.1}|{x:.12}|{x:#}|{x:#.0f}|{x:F}|{x:.40e}|{x:.60g}"
    if case == 15:  # with sign, fill, width, '=' and grouping
        return f"{x:+12.3e}|{x:*^14g}|{x: 012.4g}|{x:<+10.2%}|{x:,g}|{x:_.9g}|{x:,.2%}|{x:>20,.5}|{x:=+15.3E}"
    if case == 16:  # '%' and .format() take the same specs
        return "%e|%.2E|%#.0e|%g|%.3G|%#g|%-12.4g|%+.1e|%010.3g|%F" % (x, x, x, x, x, x, x, x, x, x) + \
            "{:e}|{:.3g}|{:>9.1%}|{:.5}".format(x, x, x, x)
    if case == 17:
        return "".join([format_at(x, p) for p in range(18)])
    if case == 18:
        return f"{x:.25e}|{x:.30g}|{x:#.20g}|{x:.25}|{x:.20%}"
    return f"[{x:.1f}, {x * 3.0:.5f}, {x / 7.0}]"


def format_at(x: float, p: int) -> str:
    """Precisions 0..17 of e, g and no type (a constant spec each, as f-strings need)."""
    if p == 0:
        return f"{x:.0e}{x:.0g}{x:.0}"
    if p == 1:
        return f"{x:.1e}{x:.1g}{x:.1}"
    if p == 2:
        return f"{x:.2e}{x:.2g}{x:.2}"
    if p == 3:
        return f"{x:.3e}{x:.3g}{x:.3}"
    if p == 4:
        return f"{x:.4e}{x:.4g}{x:.4}"
    if p == 5:
        return f"{x:.5e}{x:.5g}{x:.5}"
    if p == 6:
        return f"{x:.6e}{x:.6g}{x:.6}"
    if p == 7:
        return f"{x:.7e}{x:.7g}{x:.7}"
    if p == 8:
        return f"{x:.8e}{x:.8g}{x:.8}"
    if p == 9:
        return f"{x:.9e}{x:.9g}{x:.9}"
    if p == 10:
        return f"{x:.10e}{x:.10g}{x:.10}"
    if p == 11:
        return f"{x:.11e}{x:.11g}{x:.11}"
    if p == 12:
        return f"{x:.12e}{x:.12g}{x:.12}"
    if p == 13:
        return f"{x:.13e}{x:.13g}{x:.13}"
    if p == 14:
        return f"{x:.14e}{x:.14g}{x:.14}"
    if p == 15:
        return f"{x:.15e}{x:.15g}{x:.15}"
    if p == 16:
        return f"{x:.16e}{x:.16g}{x:.16}"
    return f"{x:.17e}{x:.17g}{x:.17}"


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
    if case == 3:
        return text_hash(f"{n:e}|{n:.3E}|{n:g}|{n:#.3g}|{n:%}|{n:.1%}|{n:#.0f}|{n:F}|{n:+12.2e}|{n:,g}|{n:_.2%}")
    if case == 4:
        return text_hash("%e|%.2g|%#g|%F" % (n, n, n, n) + "{:.3e}".format(n))
    return text_hash(str(float(n)) + f"{n!s:>5}")
