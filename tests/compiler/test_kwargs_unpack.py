"""``Cls(**json.loads(...))``: each value taken from an Any is checked against its parameter's
type like any Any meeting a declared type (TypeError; stricter than CPython, which would carry
on), after CPython's own binding errors. The values that fit, and CPython's errors, are compared
with CPython in programs/kwargs_unpack.py; here only the compiled module, which raises where
CPython does not."""
from pathlib import Path

import pytest

from differential import CompiledProgram, Outcome

SOURCE = '''
import json
from dataclasses import dataclass
from typing import Any
from abi import export


@dataclass
class Config:
    cluster: str = "ext"
    timeout_ms: int = 500
    owner: str | None = None


DOCS = [b'{"timeout_ms": "7"}', b'{"timeout_ms": true}', b'{"cluster": null}', b'{"owner": null, "cluster": "c"}',
        b'{"owner": 3}', b'{"timeout_ms": "x", "zz": 1}', b'{"cluster": 1.5}', b'{"timeout_ms": 2.0}']


def digest(text: str) -> int:
    h = len(text)
    for ch in text:
        h = (h * 31 + ord(ch)) % 1000003
    return h


@export
def config(n: int) -> int:
    try:
        c = Config(**json.loads(DOCS[n]))
        return len(c.cluster) * 1000 + c.timeout_ms + (0 if c.owner is None else 100)
    except TypeError as e:
        return -digest(str(e))


def pair(a: int, b: str = "") -> int:
    return a + len(b)


@export
def explicit_any(n: int) -> int:
    first: Any = json.loads(b'"one"')
    try:
        return pair(first, **json.loads(b'{"b": "x", "c": 1}' if n else b'{"b": "x"}'))
    except TypeError as e:
        return -digest(str(e))
'''


def digest(text: str) -> int:
    h = len(text)
    for ch in text:
        h = (h * 31 + ord(ch)) % 1000003
    return -h


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> CompiledProgram:
    path: Path = tmp_path_factory.mktemp("kwargs") / "config.py"
    path.write_text(SOURCE)
    return CompiledProgram(path)


@pytest.mark.parametrize("export,n,expected", [
    ("config", 0, "expected int, got str"), ("config", 1, "expected int, got bool"),
    ("config", 2, "expected str, got None"), ("config", 3, 1500), ("config", 4, "expected str, got int"),
    ("config", 5, "Config.__init__() got an unexpected keyword argument 'zz'"),  # CPython's error first
    ("config", 6, "expected str, got float"), ("config", 7, "expected int, got float"),
    ("explicit_any", 0, "expected int, got str"),
    ("explicit_any", 1, "pair() got an unexpected keyword argument 'c'"),  # binding before the checks
])
def test_values_of_an_any_are_checked(program, export, n, expected):
    want = Outcome(digest(expected) if isinstance(expected, str) else expected)
    assert program.call(export, n) == want
