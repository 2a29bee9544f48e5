"""Floats compiled to wasm against CPython: text (str, f-strings), //, %, int/float comparisons.

Float results are compared by their bits (nan equals nan, -0.0 differs from 0.0),
which ``assert_same`` cannot do. Texts are compared through a hash export, and
rebuilt character by character only to show a difference.
"""
from __future__ import annotations

import math
import random
import struct
from pathlib import Path

import pytest

from differential import compiled, load_python

PROGRAMS = Path(__file__).parent / "programs_float"
TEXT = PROGRAMS / "float_text.py"
ARITH = PROGRAMS / "float_arith.py"
INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


def from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", bits & (2**64 - 1)))[0]


EDGES = [0.0, -0.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e16, 1e15, 9999999999999998.0, 1e17, 1.5e-07, 1e-4, 1e-5,
         0.0001234, 5e-324, -5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1e22, 1e23, 1e21,
         2.675, 0.125, 0.375, 2.5, 3.5, -0.5, 0.5, 1.5, -1.5, 0.005, 0.015, 0.045, 1.005, 1e308,
         1.7976931348623157e308, -1.7976931348623157e308, 123456789.125, 9007199254740993.0, 2.0**63, -2.0**63,
         2.0**64, 2.0**-1074 * 3, 4.35, 0.1 + 0.2, 100.0, 12345.678, -99.995, 0.999999, 9.9999999,
         math.inf, -math.inf, math.nan, -math.nan, math.pi, math.e]


def sample_floats(count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    values = [from_bits(rng.getrandbits(64)) for _ in range(count)]
    values += [rng.uniform(-1000, 1000) for _ in range(count)]
    values += [rng.randint(-10**6, 10**6) / 10**rng.randint(0, 7) for _ in range(count)]
    values += [2.0**rng.randint(-1074, 1023) for _ in range(count // 4)]
    return values


def python_text(module, case: int, x: float) -> str | None:
    try:
        return module.show(case, x)
    except Exception:  # CPython raised: the wasm must trap (no case here raises today)
        return None


class TextRunner:
    """One wasmtime instance for many calls (the exports keep no state between calls)."""

    def __init__(self, path: Path):
        self.program = compiled(path)
        self.store, instance = self.program.instance()
        self.exports = instance.exports(self.store)
        self.python = load_python(path)

    def digest(self, name: str, *args) -> int:
        return self.exports[name](self.store, *args)

    def text(self, case: int, x: float) -> str:
        chars = []
        while (c := self.exports["text_char"](self.store, case, x, len(chars))) >= 0:
            chars.append(chr(c))
        return "".join(chars)


@pytest.fixture(scope="module")
def text_runner() -> TextRunner:
    return TextRunner(TEXT)


def check_texts(runner: TextRunner, values: list[float]) -> None:
    for case in range(runner.python.CASES):
        for x in values:
            expected = python_text(runner.python, case, x)
            assert expected is not None
            if runner.digest("text_digest", case, x) != runner.python.text_hash(expected):
                assert runner.text(case, x) == expected, (case, x)


def test_float_text_edge_cases(text_runner):
    check_texts(text_runner, EDGES)


def test_float_text_known_outputs(text_runner):
    """A few outputs spelled out, so a wrong CPython expectation cannot hide a bug."""
    known = {(0, 0.1): "0.1", (0, 1e16): "1e+16", (0, 1.5e-07): "1.5e-07", (0, math.inf): "inf",
             (0, math.nan): "nan", (0, -0.0): "-0.0", (0, 5e-324): "5e-324", (0, 1e22): "1e+22",
             (2, 0.125): "0.12", (2, 0.375): "0.38", (2, 2.675): "2.67", (3, 2.5): "2", (3, -0.4): "-0",
             (2, -0.001): "-0.00", (5, 1.5): "1.500000", (3, 1e22): "10000000000000000000000"}
    for (case, x), text in known.items():
        assert text_runner.text(case, x) == text


def test_float_text_random(text_runner):
    check_texts(text_runner, sample_floats(150, seed=7))


def test_int_specs_and_int_as_float(text_runner):
    module = text_runner.python
    for n in [0, 1, -1, 5, -5, 42, 255, -255, 2**53 + 1, INT64_MAX, INT64_MIN, 10**15, -(10**17) - 1]:
        for case in range(6):
            assert text_runner.digest("int_text", case, n) == module.int_text(case, n), (case, n)


# -- arithmetic and comparisons ------------------------------------------------------------------
def same_float(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)
    return a == b


def outcome(call) -> tuple[object, str | None]:
    try:
        return call(), None
    except Exception as err:
        return None, type(err).__name__


class ArithRunner:
    def __init__(self, path: Path):
        self.program = compiled(path)
        self.store, instance = self.program.instance()
        self.exports = instance.exports(self.store)
        self.python = load_python(path)

    def check(self, name: str, *args) -> None:
        expected = outcome(lambda: getattr(self.python, name)(*args))
        try:
            got = (self.exports[name](self.store, *args), None)
        except Exception as err:  # a trap: a fresh instance for the next call
            got = (None, _trap_name(str(err)))
            self.store, instance = self.program.instance()
            self.exports = instance.exports(self.store)
        assert got[1] == expected[1] and same_float(got[0], expected[0]), (name, args, expected, got)


def _trap_name(message: str) -> str:
    for name in ("ZeroDivisionError", "ValueError", "OverflowError"):
        if f"!{name}" in message or f".{name}.uncaught" in message:
            return name
    return message


@pytest.fixture(scope="module")
def arith() -> ArithRunner:
    return ArithRunner(ARITH)


OPERANDS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 3.0, -3.0, 2.5, 7.25, -7.25, 0.1, 0.3, 1e16, 1e308, -1e308, 5e-324,
            -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 4503599627370497.5, 1e-300,
            math.inf, -math.inf, math.nan]


def test_float_mod_and_floordiv(arith):
    pairs = [(a, b) for a in OPERANDS for b in OPERANDS]
    rng = random.Random(11)
    pairs += [(from_bits(rng.getrandbits(64)), from_bits(rng.getrandbits(64))) for _ in range(400)]
    pairs += [(rng.uniform(-100, 100), rng.uniform(-10, 10)) for _ in range(400)]
    pairs += [(rng.uniform(-1e6, 1e6), rng.choice([0.1, -0.1, 0.7, 1e-3, 3.0, -2.0])) for _ in range(200)]
    for a, b in pairs:
        arith.check("modulo", a, b)
        arith.check("floor_div", a, b)


def test_int_float_mod_mixed(arith):
    for a in [0, 1, -1, 7, -7, 2**53 + 1, INT64_MAX, INT64_MIN]:
        for b in [0.0, 0.5, -0.5, 3.0, -3.0, math.inf, -math.inf, math.nan, 1e-300]:
            arith.check("mixed_mod", a, b)


INTS = [0, 1, -1, 2**53, 2**53 + 1, 2**53 - 1, -(2**53) - 1, 2**62 + 1, INT64_MAX, INT64_MIN, INT64_MIN + 1,
        12345, 2**60 + 3, -(2**60) - 3]
FLOATS = [float(i) for i in INTS] + OPERANDS + [2.0**63, -2.0**63, 2.0**53 + 2, 0.9, -0.9, 2.0**62, 12345.5,
                                               -12345.5, 1e19, -1e19]


def test_int_float_comparisons_are_exact(arith):
    for a in INTS:
        for b in FLOATS:
            arith.check("int_float_order", a, b)
            arith.check("chained", a, b, a + (1 if a < INT64_MAX else 0))
    for flag in (0, 1):
        for b in [0.0, -0.0, 1.0, 0.5, math.nan, 1.5]:
            arith.check("bool_float", flag, b)


def test_known_comparisons_beyond_2_to_53(arith):
    # float(2**53 + 1) == 2**53: converting the int first would call these equal.
    assert arith.exports["int_float_order"](arith.store, 2**53 + 1, 2.0**53) & (1 << 4) == 0
    assert arith.exports["int_float_order"](arith.store, INT64_MAX, 2.0**63) & 1 == 1


# -- floats as container items ------------------------------------------------------------------
def test_float_items_match_cpython_or_refuse_two_nans():
    """Where CPython's answer depends on whether two nans are the same object, the module traps
    with ValueError; everywhere else it gives CPython's answer."""
    runner = ArithRunner(PROGRAMS / "float_items.py")
    module = runner.python
    for case in range(module.CASES):
        for k in (1, 3, 7):
            if k > 5 and case < module.AMBIGUOUS_WITH_NAN:
                try:
                    runner.exports["items"](runner.store, case, k)
                    raise AssertionError(f"case {case} with a nan should trap")
                except Exception as err:
                    assert "!ValueError" in str(err) or ".ValueError.uncaught" in str(err), err
                runner.store, instance = runner.program.instance()
                runner.exports = instance.exports(runner.store)
            else:
                runner.check("items", case, k)


def test_int_true_division_is_correctly_rounded(arith):
    rng = random.Random(5)
    pairs = [(a, b) for a in INTS + [0, 7, -7] for b in INTS + [3, -3, 7, 1000]]
    pairs += [(rng.randint(INT64_MIN, INT64_MAX), rng.choice([3, 7, 10, rng.randint(INT64_MIN, INT64_MAX)]))
              for _ in range(500)]
    for a, b in pairs:
        arith.check("int_divide", a, b)
    assert arith.exports["int_divide"](arith.store, INT64_MAX, 3) == INT64_MAX / 3
