"""compiler/runtime/reprs.py against CPython's repr() and error messages, under CPython and compiled.

The module is plain subset code: the first part runs it here, the second compiles
reprs_program.py and asks the wasm module whether its repr equals CPython's.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compiler import compile_file
from compiler.runtime import gen_unicode
from compiler.runtime import reprs as R

SETTINGS = settings(max_examples=500, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
COMPILED_SETTINGS = settings(SETTINGS, max_examples=60)
PROGRAM = Path(__file__).parent / "reprs_program.py"
QUOTES_AND_ESCAPES = "'\"\\\t\n\r\x00\x7f\x80\xa0\xad\xff\u0378\u2028\ud7ff\ue000\U0001f600\U000e0100\U0010ffff"
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",))) | st.text(alphabet=QUOTES_AND_ESCAPES + "ab")


def test_is_printable_at_every_change_of_the_table():
    for c in gen_unicode.printable_changes():
        for code in (c - 1, c):
            assert R.is_printable(code) == chr(code).isprintable(), hex(code)
    assert R.is_printable(0x10FFFF) == chr(0x10FFFF).isprintable()


@SETTINGS
@given(st.lists(st.integers(0x7F, 0x10FFFF) | st.integers(0x300, 0x400), max_size=30))
def test_is_printable_in_any_order(codes):
    """The cached run of the last lookup never answers for a code point outside it."""
    for c in codes:
        assert R.is_printable(c) == chr(c).isprintable(), hex(c)


@SETTINGS
@given(texts)
@example("a'b")
@example("a'b\"")
@example("\\")
def test_str_repr_is_cpythons(text):
    assert R.str_repr(text) == repr(text)


@SETTINGS
@given(st.binary() | st.binary().map(lambda b: b + b"'") | st.binary().map(lambda b: b + b"'\""))
def test_bytes_repr_is_cpythons(data):
    assert R.bytes_repr(data) == repr(data)


@SETTINGS
@given(texts, st.binary(), st.integers(0, 40))
def test_cut_reprs_are_prefixes(text, data, limit):
    assert R.str_repr_cut(text, limit) == repr(text)[:limit]
    assert R.bytes_repr_cut(data, limit) == repr(data)[:limit]


def cpython_message(call) -> str:
    with pytest.raises(Exception) as raised:
        call()
    return str(raised.value)


@SETTINGS
@given(st.text(max_size=300), st.sampled_from([0, 2, 10, 16, 36]))
def test_int_literal_message(text, base):
    text = text + "\x00"  # never a valid literal
    shown = R.str_repr_cut(text, R.SHOWN_CHARS)
    assert R.int_literal_message(shown, base) == cpython_message(lambda: int(text, base))
    data = text.encode()
    shown = R.bytes_repr_cut(data, R.SHOWN_CHARS)
    assert R.int_literal_message(shown, base) == cpython_message(lambda: int(data, base))


def test_int_digits_and_float_messages():
    assert R.int_digits_message(4301) == cpython_message(lambda: int("1" * 4301))
    assert R.float_message(R.str_repr("1x'")) == cpython_message(lambda: float("1x'"))
    assert R.float_message(R.bytes_repr(b"\xff")) == cpython_message(lambda: float(b"\xff"))
    assert R.ord_message(2) == cpython_message(lambda: ord("ab"))


# -- compiled -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compiled():
    engine = wasmtime.Engine()
    module = wasmtime.Module(engine, compile_file(PROGRAM))
    store = wasmtime.Store(engine)
    return store, wasmtime.Instance(store, module, []).exports(store)


def same_compiled(compiled, codes: list[int], export: str, expected: str) -> bool:
    store, exports = compiled
    for code in [*codes, -1, *map(ord, expected)]:
        exports["put"](store, code)
    return exports[export](store) == 1


@COMPILED_SETTINGS
@given(texts)
@example("a'b\"\\\x00\x7f\xad\u0378\U000e0100")
def test_compiled_str_repr(compiled, text):
    assert same_compiled(compiled, [ord(c) for c in text], "check_str", repr(text))


@COMPILED_SETTINGS
@given(st.binary())
@example(b"'\"\\\t\x00\x7f\xff")
def test_compiled_bytes_repr(compiled, data):
    assert same_compiled(compiled, list(data), "check_bytes", repr(data))
