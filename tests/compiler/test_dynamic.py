"""Where an Any meets a declared type the compiled code checks it (stricter than CPython, which
does not): TypeError when the value does not fit, catchable like any exception. The values
that fit are compared with CPython in programs/dynamic_values.py."""
from pathlib import Path

import pytest

from differential import CompiledProgram, Outcome

SOURCE = '''
from typing import Any
from abi import export


class Point:
    def __init__(self, x: int) -> None:
        self.x = x


def make(kind: int) -> Any:
    if kind == 0:
        return None
    if kind == 1:
        return True
    if kind == 2:
        return 7
    if kind == 3:
        return "seven"
    if kind == 4:
        return Point(7)
    return [7]


@export
def as_int(kind: int) -> int:
    n: int = make(kind)
    return n


@export
def as_optional_str(kind: int) -> int:
    s: str | None = make(kind)
    return -1 if s is None else len(s)


@export
def as_point(kind: int) -> int:
    p: Point = make(kind)
    return p.x


@export
def narrowed_int(kind: int) -> int:
    value = make(kind)
    if isinstance(value, int):
        return value + 1
    return 0


@export
def caught(kind: int) -> int:
    try:
        return as_int(kind)
    except TypeError:
        return -100
'''


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> CompiledProgram:
    path: Path = tmp_path_factory.mktemp("dynamic") / "casts.py"
    path.write_text(SOURCE)
    return CompiledProgram(path)


TYPE_ERROR = Outcome(error="TypeError")


@pytest.mark.parametrize("export,kind,expected", [
    ("as_int", 2, Outcome(7)), ("as_int", 0, TYPE_ERROR), ("as_int", 3, TYPE_ERROR),
    ("as_int", 1, TYPE_ERROR),  # a bool is no int here: CPython's variable would print True
    ("as_optional_str", 3, Outcome(5)), ("as_optional_str", 0, Outcome(-1)), ("as_optional_str", 2, TYPE_ERROR),
    ("as_point", 4, Outcome(7)), ("as_point", 5, TYPE_ERROR), ("as_point", 0, TYPE_ERROR),
    ("narrowed_int", 2, Outcome(8)), ("narrowed_int", 3, Outcome(0)),
    ("narrowed_int", 1, TYPE_ERROR),  # isinstance(True, int) holds, but its use as an int is refused
    ("caught", 2, Outcome(7)), ("caught", 3, Outcome(-100)),
])
def test_any_meets_a_declared_type(program, export, kind, expected):
    assert program.call(export, kind) == expected
