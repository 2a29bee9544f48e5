"""What stays refused of the constructs the corpus needed (tests/corpus/README.md), located:
fields typed from another instance's field (compiler/sema/field_inference.py; what compiles runs
in tests/compiler/programs/field_inference.py) and dict() (compiler/sema/dict_builtin.py;
tests/compiler/programs/dict_builtin.py)."""
from pathlib import Path

import pytest

from compiler import CompileError, compile_file

CYCLE = '''
class A:
    def __init__(self, b: "B") -> None:
        self.x = b.y


class B:
    def __init__(self, a: A) -> None:
        self.y = a.x


def f(a: A) -> int:
    return 0
'''

MISSING = '''
class A:
    def __init__(self, b: "B") -> None:
        self.x = b.nothing


class B:
    def __init__(self) -> None:
        self.y = 1
'''


@pytest.mark.parametrize("source,line,field", [(CYCLE, 4, "x"), (MISSING, 4, "x")], ids=["cycle", "missing"])
def test_unknown_field_is_a_located_error(tmp_path: Path, source: str, line: int, field: str) -> None:
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert (first.loc.line, first.message) == (line, f"cannot infer the type of field '{field}'")


DICT_HEAD = "import json\nfrom typing import Any\n\n\ndef f(x: Any, pairs: list[tuple[str, int, int]]) -> int:\n"


@pytest.mark.parametrize("call,message", [
    ("set(x)", "set() of an Any needs the set's item type"),
    ("dict(pairs)", "dict() of list[tuple[str, int, int]] is not supported"),
    ("dict([1], a=1)", "dict() of list[int] is not supported"),
    ("dict(**x)", "'**' unpacking in dict() is not supported"),
], ids=["set-of-any", "triples", "both", "double-star"])
def test_dict_refusals(tmp_path: Path, call: str, message: str) -> None:
    path = tmp_path / "prog.py"
    path.write_text(DICT_HEAD + f"    return len({call})\n")
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert (first.loc.line, first.message) == (6, message)


@pytest.mark.parametrize("body,line", [
    ("    found = None\n    if found is None:\n        found = 'x'\n    return 0\n", 2),
    ("    found = None\n    found += 'x'\n    return 0\n", 2),
    ("    found = None\n    found.append(1)\n    return 0\n", 2),
], ids=["read", "augmented", "method"])
def test_none_read_before_its_type_is_known(tmp_path: Path, body: str, line: int) -> None:
    path = tmp_path / "prog.py"
    path.write_text("def f() -> int:\n" + body)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert first.loc.line == line and first.message.startswith("the type of 'found' (None so far) is not known")


def test_pattern_of_bytes_is_refused(tmp_path: Path) -> None:
    """Our re matches str only: ``re.Pattern[bytes]`` is an error, not a str pattern."""
    path = tmp_path / "prog.py"
    path.write_text("import re\n\n\ndef f(p: re.Pattern[bytes]) -> int:\n    return 0\n")
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert (first.loc.line, first.message) == (4, "unsupported type annotation")


def test_a_local_only_ever_none_and_never_read_compiles(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text("def f(n: int) -> int:\n    x = None\n    if n:\n        x = None\n    return n\n")
    assert compile_file(path)


HELD_HEAD = ("from dataclasses import dataclass\nfrom typing import Any\n\n\n@dataclass\nclass Box:\n    v: int\n\n\n"
             "class Plain:\n    pass\n\n\nclass Kind(Plain):\n    pass\n\n\n")
KIND_HEAD = HELD_HEAD.replace("class Kind(Plain):\n    pass", "@dataclass\nclass Kind(Plain):\n    k: int")


@pytest.mark.parametrize("head,body,held", [
    (HELD_HEAD, "    a: Any = Box(1)\n", "dataclass"),
    (KIND_HEAD, "    p: Plain = Kind(2)\n    a: Any = p\n", "dataclass"),  # a Plain may be a dataclass's object
    (HELD_HEAD, "    try:\n        raise ValueError('m')\n    except ValueError as e:\n        a: Any = e\n", "exceptions"),
], ids=["dataclass", "base-of-a-dataclass", "exception"])
def test_objects_whose_text_cpython_defines_are_not_held(tmp_path: Path, head: str, body: str, held: str) -> None:
    """str() of an object an Any holds shows <Box object>: CPython shows the dataclass's repr or the
    exception's message, so such objects never become an Any (a silent difference otherwise)."""
    path = tmp_path / "prog.py"
    path.write_text(head + "def f() -> None:\n" + body)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    assert "must be Any" in first.message and held in first.help


def test_a_plain_object_is_held(tmp_path: Path) -> None:
    path = tmp_path / "prog.py"
    path.write_text(HELD_HEAD + "def f() -> int:\n    a: Any = Plain()\n    return 0 if a is None else 1\n")
    assert compile_file(path)[:4] == b"\0asm"
