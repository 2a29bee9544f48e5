"""Minimal reproducers of compiler bugs found by the property tests (regression tests once fixed).

Each is ``xfail(strict=True)``: when the bug is fixed the test passes, strict
xfail turns that into a failure, and the marker must go (the test stays as a
regression test). The reason says where the bug lives.
"""
from pathlib import Path

import pytest

from compiler import compile_file
from differential import assert_same

# A str result as one int, computed inside the program: equal texts give equal ints.
CODE = '''from abi import export


def code(s: str) -> int:
    h = 0
    for c in s:
        h = (h * 1114111 + ord(c)) % 1000000007
    return h * 1000 + len(s)
'''


def program(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "found.py"
    path.write_text(CODE + f"\n\n@export\ndef f(a: int) -> int:\n    return code({body})\n")
    return path


@pytest.mark.parametrize("body", ['f"{a:+d}"', 'f"{a: d}"', 'f"{a:+x}"', 'f"{a:x<+4}"'])
def test_int_format_sign(tmp_path: Path, body: str) -> None:
    path = program(tmp_path, body)
    for a in (5, 0, -5):
        assert_same(path, "f", a)


@pytest.mark.parametrize("body", ['f"{a:=6}"', 'f"{a:*=6}"'])
def test_int_format_fill_with_sign_aware_alignment(tmp_path: Path, body: str) -> None:
    path = program(tmp_path, body)
    for a in (5, -5):
        assert_same(path, "f", a)


@pytest.mark.parametrize("source", ["x = [1]\n", "x = int('9')\n"])
def test_module_without_functions_compiles(tmp_path: Path, source: str) -> None:
    path = tmp_path / "no_functions.py"
    path.write_text(source)
    compile_file(path)
