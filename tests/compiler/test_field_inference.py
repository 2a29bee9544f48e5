"""Fields typed from another instance's field (compiler/sema/field_inference.py): what stays
refused is located at the field that cannot be inferred (tests/compiler/programs/field_inference.py
runs what compiles)."""
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
