"""compiler/runtime/float_parse.py against CPython's float(), under CPython and compiled.

Results are compared by their bits (so -0.0 differs from 0.0 and nan's sign bit counts);
where CPython raises ValueError the runtime must raise it too (compiled: trap with
ValueError). The module is plain subset code, so the first part runs it here on
Hypothesis-generated text; the second compiles it (through float_parse_program.py) and
runs a smaller generated set in wasmtime. The run is derandomized: CI sees the same
examples every time; set FLOAT_PARSE_EXAMPLES higher (default 300) for a longer bug hunt.
"""
from __future__ import annotations

import os
import random
import struct
import sys
import unicodedata
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compiler import compile_file
from compiler.runtime.float_parse import parse_float, parse_float_bytes

EXAMPLES = int(os.environ.get("FLOAT_PARSE_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COMPILED_SETTINGS = settings(SETTINGS, max_examples=max(EXAMPLES // 5, 20))
PROGRAM = Path(__file__).parent / "float_parse_program.py"
MAX_FINITE = sys.float_info.max

# -- text ------------------------------------------------------------------------------
ASCII_SPACE = " \t\n\r\x0b\x0c"
OTHER_SPACE = "\x85\xa0\u1680\u2003\u2028\u202f\u3000"  # str.isspace: CPython strips them too
NOT_STRIPPED = "\x1c\x1d\x1e\x1f\x00\u200b"  # str.isspace for \x1c-\x1f, yet float() refuses
CHANGED = [chr(c) for c in range(128, 0x110000)  # what step 1 turns into an ASCII digit or space
           if chr(c).isspace() or unicodedata.decimal(chr(c), None) is not None]
ZEROS = [c for c in CHANGED if unicodedata.decimal(c, None) == 0]  # every script's zero
NOT_DECIMAL = "\u00b2\u2460\u066b\u00bd"  # digit or numeric, not decimal; the Arabic decimal separator


def outcome(call) -> tuple:
    """The float's bits, or CPython's message (a stray ValueError of plain Python has another)."""
    try:
        x = call()
    except ValueError as err:
        return ("ValueError", str(err))
    return ("ok", struct.pack("<d", x).hex())


runtime_outcome = outcome


def check(text: str) -> None:
    expected = outcome(lambda: float(text))
    assert runtime_outcome(lambda: parse_float(text)) == expected, repr(text)
    if text.isascii():
        data = text.encode()
        assert runtime_outcome(lambda: parse_float_bytes(data)) == outcome(lambda: float(data)), data


@st.composite
def digit_runs(draw, alphabet: str = "0123456789", max_size: int = 25) -> str:
    """Digits, sometimes with underscores (mostly well placed), sometimes in another script."""
    digits = draw(st.text(alphabet, max_size=max_size))
    if digits and draw(st.integers(0, 3)) == 0:
        zero = draw(st.sampled_from(ZEROS))
        digits = "".join(chr(ord(zero) + int(d)) if draw(st.booleans()) else d for d in digits)
    if draw(st.integers(0, 3)) == 0:
        cuts = sorted(draw(st.lists(st.integers(0, len(digits)), max_size=3)))
        pieces = [digits[a:b] for a, b in zip([0] + cuts, cuts + [len(digits)])]
        digits = draw(st.sampled_from(["_", "__", "_" if cuts else ""])).join(pieces)
    return digits


@st.composite
def decimal_texts(draw) -> str:
    """sign, digits, point, digits, exponent, whitespace: valid forms and near misses."""
    space = st.text(st.sampled_from(ASCII_SPACE + OTHER_SPACE + NOT_STRIPPED[:2]), max_size=3)
    sign = st.sampled_from(["", "", "+", "-"])
    text = draw(sign) + draw(digit_runs())
    if draw(st.booleans()):
        text += "." + draw(digit_runs())
    if draw(st.booleans()):
        text += draw(st.sampled_from("eE")) + draw(sign) + draw(digit_runs(max_size=4))
    if draw(st.integers(0, 9)) == 0:  # one stray character somewhere
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(".e_+- " + NOT_DECIMAL)) + text[at:]
    return draw(space) + text + draw(space)


@st.composite
def special_texts(draw) -> str:
    word = draw(st.sampled_from(["inf", "infinity", "nan", "in", "infinit", "infinityy", "nana", "na n"]))
    word = "".join(c.upper() if draw(st.booleans()) else c for c in word)
    after = draw(st.sampled_from(["", " ", "\u3000", "_"]))
    return draw(st.sampled_from(["", "+", "-", "--", "+-"])) + word + after


def midpoint_text(x: float) -> str:
    """The exact midpoint between x > 0 and the next float up (2**1024 above the largest float:
    that midpoint is the overflow threshold), in all its decimal digits."""
    with localcontext() as context:
        context.prec = 2000
        above = Decimal(next_up(x)) if x < MAX_FINITE else Decimal(2) ** 1024
        return format((Decimal(x) + above) / 2, "E")


def next_up(x: float) -> float:
    bits = struct.unpack("<q", struct.pack("<d", x))[0]
    return struct.unpack("<d", struct.pack("<q", bits + 1))[0]


def nudge(text: str, step: int) -> str:
    """The decimal ``text`` (format 'E') plus ``step`` units in its last digit (step -1, 0, 1)."""
    mantissa, exponent = text.split("E")
    digits = mantissa.replace(".", "")
    value = int(digits) + step
    shift = int(exponent) - (len(digits) - 1)
    return f"{value}e{shift}"


@st.composite
def halfway_texts(draw, max_tail: int = 2000) -> str:
    """A midpoint between adjacent floats, exactly or one digit either side, sometimes with
    zeros and a 1 far beyond (what only the kept digits plus the sticky digit can decide)."""
    x = draw(st.one_of(st.floats(min_value=5e-324, max_value=MAX_FINITE),
                       st.integers(-1074, 1023).map(lambda k: 2.0**k),
                       st.integers(1, 2**20).map(lambda k: k * 5e-324),
                       st.floats(min_value=2.0**-1030, max_value=2.0**-1015)))
    text = midpoint_text(x)
    step = draw(st.sampled_from([-1, 0, 0, 1]))
    mantissa, exponent = nudge(text, step).split("e")
    tail = draw(st.sampled_from(["", "", "0" * draw(st.integers(0, max_tail)) + "1"]))
    shift = int(exponent) - len(tail)
    return draw(st.sampled_from(["", "-"])) + mantissa + tail + f"e{shift}"


@st.composite
def kept_limit_texts(draw) -> str:
    """Significant digits, zeros up to around the 800 the parser keeps, then one more digit
    (sometimes after a point): the digits past the limit only count as nonzero or not."""
    head = draw(st.text("0123456789", min_size=1, max_size=20)).lstrip("0") or "1"
    mantissa = head + "0" * (draw(st.integers(790, 805)) - len(head)) + draw(st.sampled_from("0159"))
    at = draw(st.integers(1, len(mantissa)))
    if draw(st.booleans()):
        mantissa = mantissa[:at] + "." + mantissa[at:]
    order = draw(st.integers(-330, 312))  # the value is about 10**order
    return f"{mantissa}e{order - at}"


@st.composite
def boundary_texts(draw) -> str:
    """Around the smallest subnormal, its half, the smallest normal and the overflow threshold,
    written with few or many digits."""
    base = draw(st.sampled_from([Decimal(2) ** -1075, Decimal(2) ** -1074, Decimal(2) ** -1022,
                                 Decimal(MAX_FINITE), Decimal(2) ** 1024 - Decimal(2) ** 970]))
    with localcontext() as context:
        context.prec = 1200
        value = base * (1 + Decimal(draw(st.integers(-10**6, 10**6))) / 10**draw(st.integers(3, 40)))
        digits = draw(st.integers(1, 800))
        return format(value, f".{digits}E")


# -- under CPython ----------------------------------------------------------------------------
@SETTINGS
@given(decimal_texts())
@example("1_000.000_1e1_0")
@example("\u0661.\u0665")
@example("\u0661\u066b\u0665")
@example("1\x1c")
@example("\x85 -1.5e-3\u3000")
@example("1e400")
@example("-1e-400")
@example("1__0")
@example("1_.5")
@example("0_0.0_0e0_0")
def test_decimal_forms_match_cpython(text):
    check(text)


@SETTINGS
@given(special_texts())
@example("-nan")
@example("+iNfInItY")
def test_inf_and_nan_match_cpython(text):
    check(text)


@SETTINGS
@given(st.floats())
@example(5e-324)
@example(MAX_FINITE)
@example(2.2250738585072014e-308)
@example(-0.0)
def test_repr_round_trips(x):
    text = repr(x)
    check(text)
    if x == x:
        assert struct.pack("<d", parse_float(text)) == struct.pack("<d", x)


@SETTINGS
@given(halfway_texts())
@example("9007199254740993")
@example("9007199254740993" + "0" * 3000 + "1")
@example("155686993293581" + "0" * 785 + "1e-784")  # the kept digits end in zeros, then a 1
@example(midpoint_text(MAX_FINITE))
@example(midpoint_text(5e-324))
def test_halfway_cases_match_cpython(text):
    check(text)


@SETTINGS
@given(kept_limit_texts())
def test_digits_around_the_kept_limit_match_cpython(text):
    check(text)


@SETTINGS
@given(boundary_texts())
def test_subnormal_and_overflow_boundaries_match_cpython(text):
    check(text)


@SETTINGS
@given(st.text(st.characters(exclude_categories=("Cs",))))
@example("")
@example(" ")
@example("\x00")
@example("1\x00")
@example("١٫٥")
def test_arbitrary_text_raises_exactly_when_cpython_does(text):
    check(text)


@SETTINGS
@given(st.text(st.sampled_from("0123456789._eE+-infatyINFATY \t\u00a0\u0663\u00b2"), max_size=12))
def test_number_alphabet_matches_cpython(text):
    check(text)


@SETTINGS
@given(st.binary(max_size=12) | decimal_texts().map(lambda t: t.encode()))
@example(b"1\xa0")
@example(b"\x851")
def test_bytes_match_cpython(data):
    assert runtime_outcome(lambda: parse_float_bytes(data)) == outcome(lambda: float(data))


def test_every_unicode_digit_and_space_and_a_sample_of_other_characters():
    """Step 1 for the characters it changes (all of them), and for 3,000 it refuses."""
    rng = random.Random(5)
    others = [chr(c) for c in (rng.randrange(128, 0x110000) for _ in range(3000)) if not 0xD800 <= c <= 0xDFFF]
    for ch in CHANGED + others:
        for text in (ch, ch + "1", "1" + ch, "-" + ch + ".5"):
            check(text)


@pytest.mark.parametrize("text", ["1" * 10000, "0." + "0" * 5000 + "12345", "9" * 10000 + "e-9700",
                                  "0." + "7" * 10000 + "e-300", "1" * 400 + "e-400", "1" * 20000])
def test_long_inputs_match_cpython(text):
    check(text)


# -- compiled -----------------------------------------------------------------------------------
def trapped(expected: tuple) -> tuple:
    """What a trap shows of an outcome: not a ValueError's message."""
    return expected[:1] if expected[0] == "ValueError" else expected


class Compiled:
    """The compiled program in wasmtime; a trap gets a fresh instance for the next call."""

    def __init__(self):
        self.engine = wasmtime.Engine()
        self.module = wasmtime.Module(self.engine, compile_file(PROGRAM))
        self.fresh()

    def fresh(self) -> None:
        self.store = wasmtime.Store(self.engine)
        self.exports = wasmtime.Instance(self.store, self.module, []).exports(self.store)

    def parse(self, codes: list[int], export: str) -> tuple:
        for code in codes:
            self.exports["put"](self.store, code)
        try:
            bits = self.exports[export](self.store)
        except wasmtime.Trap as trap:
            self.fresh()
            assert "!ValueError" in trap.message or ".ValueError.uncaught" in trap.message, trap.message
            return ("ValueError",)
        return ("ok", struct.pack("<q", bits).hex())

    def check(self, text: str) -> None:
        assert self.parse([ord(c) for c in text], "parse_str") == trapped(outcome(lambda: float(text))), repr(text)

    def check_bytes(self, data: bytes) -> None:
        assert self.parse(list(data), "parse_bytes") == trapped(outcome(lambda: float(data))), data


@pytest.fixture(scope="module")
def compiled() -> Compiled:
    return Compiled()


@COMPILED_SETTINGS
@given(st.one_of(decimal_texts(), special_texts(), st.floats().map(repr), boundary_texts(),
                 st.text(st.characters(exclude_categories=("Cs",)), max_size=10)))
@example("1.5")
@example("-nan")
@example("\u0661.\u0665")
@example("1\x1c")
def test_compiled_matches_cpython(compiled, text):
    compiled.check(text)


@COMPILED_SETTINGS
@given(halfway_texts(max_tail=200))
def test_compiled_halfway_cases_match_cpython(compiled, text):
    compiled.check(text)


@COMPILED_SETTINGS
@given(st.binary(max_size=10) | decimal_texts().map(lambda t: t.encode()))
@example(b" 1.5\n")
@example(b"1\xa0")
def test_compiled_bytes_match_cpython(compiled, data):
    compiled.check_bytes(data)


def test_compiled_long_input(compiled):
    compiled.check("1" * 3000 + "." + "9" * 3000 + "e-3200")
