"""Compile errors of the v1 float, f-string and truth-value rules: located, with a hint."""
from pathlib import Path

import pytest

from compiler import CompileError, compile_file

# (source, line, column (1-based), message fragment, help fragment)
CASES = [
    ("def f(x: float) -> float:\n    return x ** 2\n", 2, 12, "'**' with a float operand", "x * x"),
    ("def f(x: float, n: int) -> float:\n    return n ** x\n", 2, 12, "'**' with a float operand", ""),
    ("def f(x: float) -> float:\n    x **= 2.0\n    return x\n", 2, 5, "'**' with a float operand", ""),
    ("def f(x: float) -> str:\n    return f'{x:.3n}'\n", 2, 12, "unsupported format spec '.3n'", ""),
    ("def f(x: float) -> str:\n    return f'{x:c}'\n", 2, 12, "unsupported format spec 'c'", ""),
    ("def f(x: float) -> str:\n    return f'{x:010,.2f}'\n", 2, 12, "(grouping with '0' padding)", ""),
    ("def f(x: float) -> str:\n    return f'{x:.2s}'\n", 2, 12, "Unknown format code 's' for object of type 'float'", ""),
    ("def f(x: float) -> str:\n    return f'{x:d}'\n", 2, 12, "Unknown format code 'd' for object of type 'float'", ""),
    ("def f(n: int) -> str:\n    return f'{n:,x}'\n", 2, 12, "Cannot specify ',' with 'x'.", ""),
    ("def f(x: float) -> str:\n    return f'{x:z.1f}'\n", 2, 12, "unsupported format spec 'z.1f'", ""),
    ("def f(n: int) -> str:\n    return f'{n:.2}'\n", 2, 12, "does not apply to int", ""),
    ("def f(s: str) -> str:\n    return f'{s:+}'\n", 2, 12, "does not apply to str", ""),
    ("def f(n: int) -> str:\n    return f'{n!s:+}'\n", 2, 12, "does not apply to str", ""),
    ("def f(s: str) -> str:\n    return f'{s:=5}'\n", 2, 12, "does not apply to str", ""),
    ("def f(b: bool) -> str:\n    return f'{b:>5}'\n", 2, 12, "format a bool with {flag} only", ""),
    ("class C:\n    def __bool__(self) -> int:\n        return 1\n", 2, 5, "__bool__ must be declared as", "truth value"),
    ("class C:\n    def __len__(self, k: int) -> int:\n        return k\n", 2, 5, "__len__ must be declared as", ""),
    ("class C:\n    def __del__(self) -> None:\n        pass\n", 2, 5, "__del__ is not supported", "explicitly"),
    ("class C:\n    def __setattr__(self, k: str, v: int) -> None:\n        pass\n", 2, 5,
     "__setattr__ is not supported", ""),
    ("class B:\n    pass\nclass C(B):\n    def __eq__(self, o: 'C') -> bool:\n        return True\n", 4, 5,
     "__eq__ is only supported in a class without a base class", "operand types"),
    ("class C:\n    def __ne__(self, o: int) -> bool:\n        return True\n", 2, 5, "__ne__ must be declared as", ""),
    ("from dataclasses import dataclass\nclass B:\n    def __eq__(self, o: 'B') -> bool:\n        return True\n"
     "@dataclass\nclass C(B):\n    x: int\n", 6, 1, "cannot inherit the written __eq__", "drop @dataclass"),
]


@pytest.mark.parametrize("source,line,col,message,help", CASES, ids=[c[3][:40] for c in CASES])
def test_v1_rule_is_a_located_error(tmp_path: Path, source, line, col, message, help):
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0]
    rendered = first.render()
    assert rendered.startswith(f"{first.loc.path}:{line}:{col}: error: "), rendered
    assert message in first.message, rendered
    assert help in first.help, rendered
