"""Issue 11's cases that are not a plain export over int arguments: expression depth at CPython's
own limits, the recursion limit at its edge, lone surrogates, and negative powers."""
from pathlib import Path

import pytest

from compiler import CompileError, compile_file
from differential import Outcome, assert_same, compiled, run_python


def program(tmp_path: Path, body: str, name: str = "prog.py") -> Path:
    path = tmp_path / name
    path.write_text("from abi import export\n\n" + body)
    return path


def test_expression_of_2500_terms_compiles_like_cpython(tmp_path: Path) -> None:
    path = program(tmp_path, "@export\ndef f(a: int) -> int:\n    return a" + " + 1" * 2500 + "\n")
    assert assert_same(path, "f", 7) == Outcome(2507)


def test_expression_too_deep_for_cpython_is_a_located_error(tmp_path: Path) -> None:
    path = program(tmp_path, "@export\ndef f(a: int) -> int:\n    return a" + " + 1" * 6000 + "\n")
    with pytest.raises(RecursionError):
        compile(path.read_text(), str(path), "exec")  # CPython refuses it too
    with pytest.raises(CompileError) as info:
        compile_file(path)
    assert "nests too deeply for CPython's own compiler" in str(info.value)
    assert ":1:1: error:" in str(info.value)


RECURSIVE = '''
def depth(n: int) -> int:
    return 0 if n == 0 else depth(n - 1) + 1


def ping(n: int) -> int:
    return 0 if n == 0 else pong(n - 1) + 1


def pong(n: int) -> int:
    return 0 if n == 0 else ping(n - 1) + 1


@export
def direct(n: int) -> int:
    return depth(n)


@export
def mutual(n: int) -> int:
    return ping(n)
'''


@pytest.mark.parametrize("name", ["direct", "mutual"])
def test_recursion_limit_is_cpythons(tmp_path: Path, name: str) -> None:
    """1,000 frames of the cycle pass (CPython: plus the caller's frames, so stay a little
    below); the 1,001st raises RecursionError; far beyond, still RecursionError, not a crash."""
    path = program(tmp_path, RECURSIVE)
    assert compiled(path).call(name, 999) == Outcome(999)
    assert compiled(path).call(name, 1000) == Outcome(error="RecursionError")
    for n in (900, 5000, 100000):
        assert_same(path, name, n)


def test_recursion_counter_returns_to_zero_between_calls(tmp_path: Path) -> None:
    """Frames are counted down on every return, so many shallow calls never add up."""
    path = program(tmp_path, RECURSIVE + "\n\n@export\ndef many(n: int) -> int:\n"
                   "    total = 0\n    for _ in range(n):\n        total += depth(900)\n    return total\n")
    assert_same(path, "many", 50)


def test_lone_surrogate_from_chr_raises_value_error_documented(tmp_path: Path) -> None:
    """docs/language.md (Strings): compiled str is UTF-8, so chr() of a surrogate raises ValueError
    where CPython returns a str; CPython cannot encode that str to UTF-8 either."""
    path = program(tmp_path, "@export\ndef f(n: int) -> int:\n    return len(chr(n) + 'x')\n")
    assert compiled(path).call("f", 0xD800) == Outcome(error="ValueError")
    assert run_python(path, "f", 0xD800) == Outcome(2)
    with pytest.raises(UnicodeEncodeError):
        chr(0xD800).encode()
    assert_same(path, "f", 0xD7FF)
    assert_same(path, "f", 0xE000)


@pytest.mark.parametrize("expression", ["2 ** -1", "10 ** -3", "(-3) ** -3", "7 ** -2 + 2 ** 3", "2 ** -1074",
                                        "3 ** -700"])
def test_negative_constant_powers_are_cpythons_float(tmp_path: Path, expression: str) -> None:
    path = program(tmp_path, f"@export\ndef f(a: int) -> float:\n    return {expression}\n")
    assert assert_same(path, "f", 0).value == eval(expression)


def test_zero_to_negative_constant_power_raises_like_cpython(tmp_path: Path) -> None:
    path = program(tmp_path, "@export\ndef f(a: int) -> int:\n    return 0 ** -2 + a\n")
    assert assert_same(path, "f", 1) == Outcome(error="ZeroDivisionError")


@pytest.mark.parametrize("exponent", ["len(s)", "abs(e)", "e % 5", "e & 7", "(e % 4) * 2 + 1", "ord(s[0]) % 3",
                                      "flag", "max(0, e) if e < 9 else 3", "max(e, 2)"])
def test_exponents_known_non_negative_stay_int(tmp_path: Path, exponent: str) -> None:
    path = program(tmp_path, "@export\ndef f(e: int) -> int:\n    s = 'ab'\n    flag = e > 0\n"
                             f"    return 3 ** ({exponent})\n")
    for e in (0, 1, 5, -3):
        assert_same(path, "f", e)
