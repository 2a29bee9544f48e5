"""json.dumps (compiler/stdlib/json.py) against CPython's: generated documents read by loads and
written back with every option (indent, separators, sort_keys, ensure_ascii, allow_nan), values a
program builds (objects, bytes, cycles), non-ASCII text and astral characters."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python, trap_name, write_memory  # noqa: E402

PROGRAM = Path(__file__).with_name("json_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "120"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
INT64 = st.integers(-(1 << 63), (1 << 63) - 1)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10) | st.sampled_from(
    ["", "\x00\x1f\x7f", "\"\\/", "é\u2028", "\U0001f600", "\uffff\U00010000"])
LEAVES = st.none() | st.booleans() | INT64 | st.floats() | TEXT
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    TEXT, inner, max_size=5), max_leaves=24)
FLAGS = st.integers(0, 1023)


@pytest.fixture(scope="module")
def sides():
    import wasmtime
    store, instance = compiled(PROGRAM).instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def wasm(export: str, *args) -> str:
        try:
            exports[export](store, *args)
        except wasmtime.Trap as trap:
            return "trap " + trap_name(trap)
        start = exports["out_ptr"](store)
        return memory.read(store, start, start + exports["out_len"](store)).decode()

    def wasm_doc(text: str, flags: int) -> str:
        data = text.encode()
        write_memory(memory, store, data, exports["input_buffer"](store, len(data)))
        return wasm("run", flags)
    module = load_python(PROGRAM)

    def cpython_doc(text: str, flags: int) -> str:
        module.INPUT = text.encode()
        module.run(flags)
        return module.OUT.decode()

    def cpython_typed(which: int, flags: int) -> str:
        module.run_typed(which, flags)
        return module.OUT.decode()
    return (wasm_doc, cpython_doc, lambda which, flags, export="run_typed": wasm(export, which, flags),
            cpython_typed, module)


@SETTINGS
@given(value=VALUES, flags=FLAGS, how=st.sampled_from([{}, {"indent": 1}, {"ensure_ascii": False}]))
@example(value={"b": [1.5, {"a": None}], "a": "x"}, flags=1 | 32, how={})
@example(value=[float("nan"), 1], flags=128 | 1, how={})
@example(value=[float("inf")], flags=128, how={})
def test_round_trip_matches_cpython(sides, value, flags, how):
    """The document CPython wrote (in one of three ways) is read back by each side's loads and
    written again by its dumps with the options of ``flags``."""
    wasm_doc, cpython_doc, _, _, _ = sides
    text = json.dumps(value, **how)
    expected = cpython_doc(text, flags)
    assert wasm_doc(text, flags) == expected, (text, flags)
    if not expected.startswith("ValueError") and flags & 7 != 6 and flags & 24 != 24:
        assert json.loads(expected) == json.loads(text) or "NaN" in text


@pytest.mark.parametrize("which", range(9))
@pytest.mark.parametrize("flags", [0, 1, 4 | 8, 32 | 64, 128, 2 | 16 | 32, 512, 6 | 128 | 64])
def test_typed_values_match_cpython(sides, which, flags):
    _, _, wasm_typed, cpython_typed, _ = sides
    assert wasm_typed(which, flags) == cpython_typed(which, flags)


@pytest.mark.parametrize("which", range(5))
@pytest.mark.parametrize("flags", [0, 1 | 32, 4 | 8 | 64, 2 | 128 | 16])
def test_typed_containers_match_cpython(sides, which, flags):
    """list[int], dict[str, list[str]], tuples, Optional items, Counter, dict[int, ...] given to dumps."""
    _, _, wasm_typed, _, module = sides
    module.run_typed_containers(which, flags)
    assert wasm_typed(which, flags, "run_typed_containers") == module.OUT.decode()


def test_errors_are_cpythons(sides):
    _, _, wasm_typed, _, _ = sides
    assert wasm_typed(0, 0) == "TypeError: Object of type Point is not JSON serializable"
    assert wasm_typed(1, 0) == "TypeError: Object of type bytes is not JSON serializable"
    assert wasm_typed(2, 0) == wasm_typed(3, 1) == "ValueError: Circular reference detected"
    assert wasm_typed(5, 128) == "ValueError: Out of range float values are not JSON compliant"
    assert wasm_typed(5, 129) == "ValueError: Out of range float values are not JSON compliant: inf"


def test_astral_characters_as_surrogate_pairs(sides):
    wasm_doc, cpython_doc, _, _, _ = sides
    for text in ['"\\ud83d\\ude00"', '"\U0001f600\u00e9"', '{"\\udbff\\udfff": "\\u0000"}']:
        for flags in (0, 64):
            assert wasm_doc(text, flags) == cpython_doc(text, flags)
    assert wasm_doc('"\U0001f600"', 0) == '"\\ud83d\\ude00"'


def test_lone_surrogates_are_refused_loudly(sides):
    """CPython's loads gives a str holding a lone surrogate, which a str here cannot hold: loads
    raises ValueError (never another text), and a literal holding one does not compile."""
    wasm_doc, _, _, _, _ = sides
    for text in ['"\\ud800"', '["\\udc00x"]', '{"a": "\\ud83d\\u0041"}']:
        assert wasm_doc(text, 0) == "trap ValueError"
