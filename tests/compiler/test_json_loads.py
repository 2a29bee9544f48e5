"""json.loads (compiler/stdlib/json.py) against CPython's json: generated documents, valid and
damaged, give the same value or the same JSONDecodeError (message, pos, lineno, colno)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from differential import CompiledProgram, load_python, write_memory

SOURCE = Path(__file__).resolve().parent / "json_digest.py"
INT64 = st.integers(-(1 << 63), (1 << 63) - 1)
LEAVES = st.none() | st.booleans() | INT64 | st.floats(allow_nan=True) | st.text(max_size=12)
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    st.text(max_size=6), inner, max_size=5), max_leaves=20)


@pytest.fixture(scope="module")
def compiled():
    program = CompiledProgram(SOURCE)
    store, instance = program.instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def run(text: str) -> int:
        data = text.encode()
        address = exports["input_buffer"](store, len(data))
        write_memory(memory, store, data, address)
        return exports["run"](store)
    return run


@pytest.fixture(scope="module")
def native():
    module = load_python(SOURCE)
    module.loads, module.JSONDecodeError = json.loads, json.JSONDecodeError

    def run(text: str) -> int:
        module.INPUT = text.encode()
        return module.run()
    return run


def documents():
    encoded = VALUES.flatmap(lambda v: st.sampled_from([
        json.dumps(v), json.dumps(v, ensure_ascii=False), json.dumps(v, indent=2),
        json.dumps(v, separators=(",", ":"))]))
    damaged = st.tuples(encoded, st.integers(0, 200), st.sampled_from(
        ["", "\"", "\\", ",", ":", "]", "}", "{", "[", " ", "\n", "x", "\\u12", "\x01", "-", "0", "1e", "."])).map(
        lambda t: t[0][:t[1] % (len(t[0]) + 1)] + t[2] + t[0][t[1] % (len(t[0]) + 1) + (t[1] % 2):])
    return encoded | damaged


def lone_surrogate(text: str) -> bool:
    """CPython decodes an unpaired \\ud800-\\udfff escape into a str this compiler cannot hold
    (test_beyond_cpython checks the ValueError it raises instead)."""
    try:
        value = json.loads(text)
    except ValueError:
        return False
    def walk(v) -> bool:
        if isinstance(v, str):
            return any(0xD800 <= ord(c) <= 0xDFFF for c in v)
        if isinstance(v, list):
            return any(walk(x) for x in v)
        if isinstance(v, dict):
            return any(walk(k) or walk(x) for k, x in v.items())
        return False
    return walk(value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_loads_matches_cpython(compiled, native, text):
    assume(not lone_surrogate(text))
    assert compiled(text) == native(text), text


@pytest.mark.parametrize("text", [
    "", " ", "{", '{"a"', '{"a":', '{"a":1', '{"a":1,', '{"a" 1}', "[1 2]", "[1,]", '{"a":1,}', '"abc',
    '"a\x01"', '"\\x"', '"\\u12"', '"\\uZZZZ"', "01", "1.", "-", "nul", "tru", "[", "1 2", "NaN",
    "-Infinity", "Infinity", "1e5", "1E+2", "-0", "-0.0", "[1,\n2,\n x]", '{"a":1 "b":2}', "{1:2}", '"\t"',
    '"\\ud83d\\ude00"', '{"a": 1, "a": 2, "b": [true, false, null]}', " \n[\r\n]\t", '"\\/\\b\\f\\n\\r\\t"',
    "123456789012345678", "1.5e-7", "-12.25E+3", '{"k": {"k": {"k": []}}}',
    '"\\u1234', '"\\ud83d\\ude00', '"\\ud83d\\ude0', '"\\u12\u00e9"', '["\u00e9\U0001f600", 1 2]',
    '{"\u00e9":\n "\\q"}', '"\u00e9\\', '"\u00e9\x02"', '["\u00e9"] x', "[\u00e9]", '{"a":"\u00e9"\n ,}',
])
def test_loads_examples(compiled, native, text):
    assert compiled(text) == native(text)


def test_beyond_cpython():
    """Where this json.loads refuses what CPython returns: loud errors, never another value."""
    program = CompiledProgram(SOURCE)
    for text, error in (("123456789012345678901", "OverflowError"), ('"\\ud800"', "ValueError")):
        store, instance = program.instance()
        exports = instance.exports(store)
        data = text.encode()
        address = exports["input_buffer"](store, len(data))
        exports["memory"].write(store, data, address)
        with pytest.raises(wasmtime.Trap, match=rf"\.{error}\.uncaught"):
            exports["run"](store)
    assert math.isnan(json.loads("NaN"))
