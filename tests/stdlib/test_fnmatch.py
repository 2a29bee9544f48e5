"""fnmatch (compiler/stdlib/fnmatch.py) against CPython's on generated names and patterns: stars,
'?', sets with ranges (reversed ones too), '!' negation, unclosed '[', regex metacharacters,
newlines and non-ASCII text."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
sys.path.insert(0, str(Path(__file__).parent))
from test_urllib import cpython_side, wasm_side  # noqa: E402

PROGRAM = Path(__file__).with_name("fnmatch_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES * 3, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAME_CHARS = "ab-z!^]\\.\n*?[é中&|~"
PATTERN_TOKENS = ["*", "**", "?", "[", "]", "[!", "[]", "[!]", "-", "a-c", "c-a", "z-a-b", "!", "^", "\\", ".",
                  "a", "b", "z", "é", "中", "\n", "&&", "~~", "||", "(", "$", "+", "{1}", "[a-", "-]", "[--]"]
NAMES = st.text(alphabet=NAME_CHARS, max_size=8)
SETS = st.text(alphabet="abz-!]\\^é", max_size=6).map(lambda s: "[" + s + "]")  # closed, CPython's ranges
PATTERNS = st.lists(st.sampled_from(PATTERN_TOKENS) | st.text(alphabet=NAME_CHARS, max_size=2) | SETS,
                    max_size=6).map("".join)


@pytest.fixture(scope="module")
def sides():
    return wasm_side(PROGRAM), cpython_side(PROGRAM)


@pytest.mark.parametrize("op", [0, 1])
@SETTINGS
@given(name=NAMES, pat=PATTERNS)
@example(name="b", pat="[z-a-b]")
@example(name="a", pat="[a-a]")
@example(name="-", pat="[c-a-b]")
@example(name="x", pat="[!z-a]")
@example(name="a\nb", pat="a?b")
def test_match_as_cpython(sides, op, name, pat):
    wasm, cpython = sides
    assert wasm.run(op, 0, name, pat) == cpython.run(op, 0, name, pat), (name, pat)


@settings(SETTINGS, max_examples=EXAMPLES // 4)
@given(pat=PATTERNS)
@example(pat="*.py")
@example(pat="a*b*c[!x-z]?[^a][[]**[&&~|]")
def test_translate_as_cpython(sides, pat):
    """translate(): CPython's regular expression text, character for character."""
    wasm, cpython = sides
    assert wasm.run(3, 0, "", pat) == cpython.run(3, 0, "", pat), pat


@SETTINGS
@given(names=st.lists(NAMES, max_size=5), pat=PATTERNS)
def test_filter_as_cpython(sides, names, pat):
    wasm, cpython = sides
    text = "\x1f".join(names)
    assert wasm.run(2, 0, text, pat) == cpython.run(2, 0, text, pat), (names, pat)


@SETTINGS
@given(pat=SETS | st.lists(SETS | st.sampled_from(["?", "*", "a"]), max_size=2).map("".join))
@example(pat="[a-a]")
def test_sets_as_cpython(sides, pat):
    """Each character of the alphabet (and "-", "!", "]", "\\\\" around the ranges) through one set."""
    wasm, cpython = sides
    text = "\x1f".join(NAME_CHARS + "ABY_`") + "\x1f" + "\x1f".join(a + b for a in "ab-]" for b in "az!")
    assert wasm.run(2, 0, text, pat) == cpython.run(2, 0, text, pat), pat
