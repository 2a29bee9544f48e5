"""Which methods of an Any compile (compiler/sema/held_methods.py); what they do is compared with
CPython in programs/held_methods.py. Sema only: nothing is compiled to wasm here."""
from pathlib import Path

import pytest

from compiler import CompileError
from compiler.frontend import load
from compiler.sema import check, declare
from compiler.sema.held_methods import KINDS, PLAIN, cpython_type_error
from compiler.program import ANY, INT, STR, list_of


def check_source(tmp_path: Path, source: str) -> None:
    path = tmp_path / "prog.py"
    path.write_text("from typing import Any\n" + source)
    check.run(declare.run(load.run(path, None)))


@pytest.mark.parametrize("source", [
    "import json\n\n\ndef f(x: Any) -> Any:\n    return x.encode()\n",  # json._Encoder.encode is private
    "import re\n\n\ndef f(x: Any) -> Any:\n    return x.lower()\n",  # re's private classes do not count
    "def f(x: Any) -> Any:\n    return x.pop(0)\n",  # a dict's pop takes a key of any type
    "def f(x: Any) -> Any:\n    return x.split(',')\n",  # bytes: CPython's TypeError
])
def test_compiles(tmp_path, source):
    check_source(tmp_path, source)


@pytest.mark.parametrize("source, message", [
    ("import re\n\n\ndef f(x: Any) -> Any:\n    return x.split(',')\n", "'split' of an Any is not decided here"),
    ("class B:\n    def __init__(self) -> None:\n        self.count = 0\n\n\n"
     "def f(x: Any) -> Any:\n    return x.count('a')\n", "'count' of an Any is not decided here"),
    ("class B:\n    def get(self) -> int:\n        return 0\n\n\n"
     "def f(x: Any) -> Any:\n    return x.get('a')\n", "'get' of an Any is not decided here"),
    ("def f(x: Any) -> Any:\n    return x.count(True)\n", "count() of an Any is not decided here"),  # bytes
    ("def f(x: Any) -> Any:\n    return x.hex()\n", "Any has no method 'hex'"),  # float.hex
    ("def f(x: Any) -> Any:\n    return x.bit_length()\n", "Any has no method 'bit_length'"),
    ("def f(x: Any, a: list[Any]) -> Any:\n    return x.append(*a)\n", "'*' and '**' arguments"),
    # a for loop over an Any's view: the object's own items() where a class defines one
    ("class B:\n    def items(self) -> list[int]:\n        return []\n\n\n"
     "def f(x: Any) -> int:\n    for k, v in x.items():\n        pass\n    return 0\n", "'items' of an Any is not decided"),
])
def test_refused(tmp_path, source, message):
    with pytest.raises(CompileError) as err:
        check_source(tmp_path, source)
    assert message in str(err.value)


def test_the_plain_kinds_have_none_of_the_methods():
    """None, int, float and bool have no method that a branch serves (else it would be refused)."""
    served = {"lower", "split", "pop", "append", "keys", "count", "index", "copy", "encode", "decode"}
    assert [kind[0] for kind in KINDS if hasattr(kind[3][0], "pop")] == [6, 7]  # list, dict
    assert not any(hasattr(value, name) for value in PLAIN for name in served)


def test_probe_only_answers_a_type_error_every_sample_gives():
    assert cpython_type_error((b"", b"a b"), "split", [STR], []) == "a bytes-like object is required, not 'str'"
    assert cpython_type_error(([], [0]), "pop", [STR], []) == "'str' object cannot be interpreted as an integer"
    assert cpython_type_error(({}, {"k": 0}), "pop", [], []) == "pop expected at least 1 argument, got 0"
    assert cpython_type_error((b"", b"a b"), "count", [INT], []) is None  # a byte value: counts
    assert cpython_type_error((b"", b"a b"), "join", [list_of(ANY)], []) is None  # [] joins
    assert cpython_type_error(("", "a b"), "index", [ANY], []) is None  # no sample of an Any
