"""Every program outside the subset gets a located error naming the construct, never a traceback."""
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import v8_validation

from compiler import CompileError, compile_file

ROOT = Path(__file__).resolve().parents[2]

# (source, line, column (1-based), message fragment, help fragment)
CASES = [
    ("def f() -> int:\n    try:\n        return 1\n    except Exception:\n        return 2\n",
     2, 5, "try/except is not supported", "check the condition"),
    ("def f(x: int) -> int:\n    return x @ 2\n", 2, 12, "this operator is not supported", "use +"),
    ("def f(x: int) -> int:\n    return x / 2\n", 2, 5, "returns int, not float", ""),
    ("def f() -> int:\n    g = lambda: 1\n    return 1\n", 2, 9, "lambda is not supported", "def"),
    ("def f() -> int:\n    def g() -> int:\n        return 1\n    return 1\n", 2, 5, "nested functions", "module level"),
    ("def f() -> int:\n    yield 1\n", 2, 5, "generators", "list"),
    ("async def f() -> int:\n    return 1\n", 1, 1, "async functions are not supported", "def"),
    ("def f() -> None:\n    with g():\n        pass\n", 2, 5, "'with' is not supported", ""),
    ("import os\n", 1, 1, "'import module' is not supported", "from module import name"),
    ("from os import path\n", 1, 1, "cannot find module 'os'", ""),
    ("def f(*args: int) -> int:\n    return 0\n", 1, 1, "*args", "plain parameters"),
    ("def f(x) -> int:\n    return 0\n", 1, 7, "needs a type annotation", "x: int"),
    ("def f(x: set[int]) -> int:\n    return 0\n", 1, 10, "unsupported type annotation", "list[T]"),
    ("def f() -> int:\n    return y\n", 2, 12, "name 'y' is not defined", ""),
    ("def f(c: bool) -> int:\n    if c:\n        x = 1\n    return x\n", 4, 12, "may be used before it is assigned", ""),
    ("def f(c: bool) -> int:\n    if c:\n        return 1\n", 1, 1, "can reach its end without returning", "return"),
    ("def f() -> int:\n    return True\n", 2, 5, "returns int, not bool", "int("),
    ("def f() -> int:\n    x = 1\n    x = b'a'\n    return x\n", 3, 5, "'x' has type int, cannot assign a bytes", ""),
    ("def f() -> int:\n    return 1 if True else b'x'\n", 2, 12, "same type", ""),
    ("def f(a: int, b: bool) -> int:\n    return a or b\n", 2, 12, "same type", "compare explicitly"),
    ("def f() -> int:\n    return 99999999999999999999\n", 2, 12, "does not fit in a 64-bit int", ""),
    ("X = 2 ** 64\n", 1, 5, "does not fit in a 64-bit int", ""),
    ("X = undefined_name\n", 1, 5, "name 'undefined_name' is not defined", ""),
    ("def f() -> int:\n    return len({1, 2})\n", 2, 16, "sets are not supported", "dict"),
    ("def f() -> int:\n    return 1j\n", 2, 12, "complex constants are not supported", ""),
    ("def f() -> int:\n    for x in 5:\n        pass\n    return 0\n", 2, 14, "cannot iterate over int", "range()"),
    ("def f() -> int:\n    return g(1)\ndef g(a: int, b: int) -> int:\n    return a\n", 2, 12, "g() is missing the argument 'b'", ""),
    ("def f() -> int:\n    return len(1)\n", 2, 16, "the argument of len() must be str, bytes, list or dict", ""),
    ("def f() -> None:\n    x = {k: 1 for k in range(3)}\n", 2, 9, "dict comprehensions are not supported", "loop"),
    ("def f() -> None:\n    raise MyError()\n", 2, 5, "only built-in exceptions can be raised", "ValueError"),
    ("class B:\n    pass\nclass C:\n    pass\nclass A(B, C):\n    pass\n", 5, 1, "multiple inheritance", "one class"),
    ("while False:\n    pass\n", 1, 1, "only imports, functions, classes, global assignments and calls", "function"),
    ("def f() -> int:\n    return f(1=2)\n", 2, 14, "syntax error", ""),
    ("def f() -> None:\n    global Y\n    Y = 1\n", 2, 5, "'global Y' must name", ""),
    ("def f(x: int) -> int:\n    return x.real\n", 2, 12, "int values have no attribute 'real'", ""),
    ("def f(x: int) -> int:\n    return range(x)\n", 2, 12, "range() can only be used", "for i in range"),
    ("@foo\ndef f() -> None:\n    pass\n", 1, 2, "unsupported decorator", "@export"),
    ("def f(d: dict[str, int]) -> int:\n    ks = d.keys()\n    return len(ks)\n", 2, 5,
     "view cannot be stored", "list(d.keys())"),
]


def compile_error(tmp_path: Path, source: str) -> CompileError:
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    return info.value


@pytest.mark.parametrize("source,line,col,message,help", CASES, ids=[c[3][:40] for c in CASES])
def test_unsupported_construct_is_a_located_error(tmp_path, source, line, col, message, help):
    err = compile_error(tmp_path, source)
    first = err.diagnostics[0]
    rendered = first.render()
    assert rendered.startswith(f"{first.loc.path}:{line}:{col}: error: "), rendered
    assert message in first.message, rendered
    assert help in first.help, rendered
    assert "internal compiler error" not in str(err)


def test_all_errors_of_a_function_are_reported_together(tmp_path):
    err = compile_error(tmp_path, "def f() -> int:\n    a = 1 @ 2\n    b = lambda: 1\n    return 0\n")
    assert [d.loc.line for d in err.diagnostics] == [2, 3]


def test_rendering_shows_source_line_caret_and_help(tmp_path):
    err = compile_error(tmp_path, "def f(x: int) -> int:\n    return x @ 2\n")
    lines = str(err).splitlines()
    assert lines[1].strip() == "return x @ 2"
    assert lines[2].strip() == "^^^^^"
    assert lines[3].startswith("help: use + - * /")


def test_build_cli_prints_location_and_exits_1(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text(textwrap.dedent("""\
        def f(x: int) -> int:
            return x @ 2
        """))
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "-o", str(tmp_path / "o.wasm")],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("bad.py:2:12: error: this operator is not supported")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o.wasm").exists()


def test_build_cli_writes_module_and_wat(tmp_path):
    source = tmp_path / "ok.py"
    source.write_text("from abi import export\n\n@export\ndef answer() -> int:\n    return 42\n")
    out = tmp_path / "ok.wasm"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:4] == b"\x00asm"
    v8_validation.record_file(out)  # built in a subprocess
    wat = subprocess.run([sys.executable, str(ROOT / "build.py"), str(source), "--wat"],
                         capture_output=True, text=True)
    assert '(func $ok.answer (export "answer")' in wat.stdout
