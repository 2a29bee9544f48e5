"""urllib.parse (compiler/stdlib/urllib/parse.py) against CPython's own on generated text.

urllib_program.py runs once compiled and once under CPython (where its imports are CPython's
urllib.parse): every call must give the same text, or the same ValueError message. The text mixes
URL punctuation, %-escapes (valid, truncated, non-hex, of invalid UTF-8), non-ASCII characters
(those NFKC turns into URL delimiters included), controls, IPv4/IPv6/IPvFuture hosts in brackets.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import compiled, load_python, write_memory  # noqa: E402

PROGRAM = Path(__file__).with_name("urllib_program.py")
EXAMPLES = int(os.environ.get("STDLIB_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TOKENS = ["http", "https", "HTTP", "ftp", "mailto", "tel", "sip", "svn+ssh", "a.b-c", "1x", "://", ":", "//",
          "/", "?", "#", "&", "=", ";", "@", "+", " ", "%", "%2", "%41", "%7e", "%C3%A9", "%c3", "%A9",
          "%E2%82", "%F0%9F%98", "%F0%9F%98%80", "%ED%A0%80", "%F4%90%80%80", "%C0%80", "%FF", "%zz", "%%",
          "é", "中", "😀", "\uff20", "\u2100", "\uff0f", "\ufe13", "[", "]", "[::1]", "[fe80::1%eth0]",
          "[1.2.3.4]", "[::ffff:1.2.3.4]", "[v1.x]", "[v.x]", "[vz.a]", "[1:2:3:4:5:6:7:8]", "[1::2::3]",
          "[::1.2.3.04]", "[12345::]", "example.COM", "User:Pw", ":8080", ":x", ":0", ":65536", ":0000080",
          ":1234567890123456789012", ":\u0663", ":-1", ": 80", "\t", "\n", "\r", "\x00",
          "\x1f", "a", "b", "~", "-", "_", ".", "..", "k=v", "&&", "==", "!", "*", "'", '"', "\\"]
TEXT = st.lists(st.sampled_from(TOKENS) | st.text(max_size=3), max_size=12).map("".join)


class Side:
    def __init__(self, write, run, read):
        self.write, self.run_, self.read = write, run, read

    def run(self, op: int, flag: int, text: str, arg: str) -> tuple[int, str]:
        self.write(text.encode(), arg.encode())
        code = self.run_(op, flag)
        return code, self.read().decode()


def wasm_side(program: Path = PROGRAM) -> Side:
    store, instance = compiled(program).instance()
    exports = instance.exports(store)
    memory = exports["memory"]

    def write(text: bytes, arg: bytes):
        write_memory(memory, store, text, exports["input_buffer"](store, len(text)))
        write_memory(memory, store, arg, exports["arg_buffer"](store, len(arg)))

    def read() -> bytes:
        return memory.read(store, exports["out_ptr"](store), exports["out_ptr"](store) + exports["out_len"](store))
    return Side(write, lambda op, flag: exports["run"](store, op, flag), read)


def cpython_side(program: Path = PROGRAM) -> Side:
    module = load_python(program)

    def write(text: bytes, arg: bytes):
        module.INPUT, module.ARG = text, arg
    return Side(write, module.run, lambda: module.OUT)


@pytest.fixture(scope="module")
def sides():
    return wasm_side(), cpython_side()


def check(sides, op: int, flag: int, text: str, arg: str) -> None:
    wasm, cpython = sides
    expected = cpython.run(op, flag, text, arg)
    assert wasm.run(op, flag, text, arg) == expected, (op, flag, text, arg)


@pytest.mark.parametrize("op", range(9))
@SETTINGS
@given(flag=st.integers(0, 7), text=TEXT, arg=TEXT)
@example(flag=1, text="%C3%A9%E2%82%ACx%F0%9F%98é%ff%41%", arg="")
@example(flag=1, text="%C0%80%C1%BF%E0%80%80%E0%A0%80%ED%A0%80%ED%9F%BF%F0%80%80%80%F0%90%80%80%F4%8F%BF%BF%F4%90%80%80"
              "%F5%80%F8%E2%82%F0%9F%98%C3%C2%80%DF%BF%EF%BF%BF%80%BF%E1%80%41", arg="")
@example(flag=1, text="http://[::1]:80/a;b?c=d#e", arg="")
@example(flag=1, text="//host\uff20x/", arg="")
@example(flag=1, text="http://u:p@[::1]:0443/", arg="")
@example(flag=1, text="http://h:99999/", arg="")
@example(flag=0, text="a=1&b=&c&=d&a=2", arg=";")
def test_same_as_cpython(sides, op, flag, text, arg):
    check(sides, op, flag, text, arg)


BASE = "http://a/b/c/d;p?q"
# RFC 3986 section 5.4's examples, and CPython's quirks around them
JOINS = ["g:h", "g", "./g", "g/", "/g", "//g", "?y", "g?y", "#s", "g#s", "g?y#s", ";x", "g;x", "g;x?y#s", "",
         ".", "./", "..", "../", "../g", "../..", "../../", "../../g", "../../../g", "../../../../g", "/./g",
         "/../g", "g.", ".g", "g..", "..g", "./../g", "./g/.", "g/./h", "g/../h", "g;x=1/./y", "g;x=1/../y",
         "g?y/./x", "g#s/../x", "http:g", "http:", "https:g", "//x/../y", "a//b/../c", "mailto:x", "x:y"]


@settings(SETTINGS, max_examples=EXAMPLES // 4)
@given(base=TEXT, url=TEXT, flag=st.integers(0, 3))
def test_urljoin_as_cpython(sides, base, url, flag):
    check(sides, 9, flag, base, url)


@pytest.mark.parametrize("base", [BASE, "http://a/b/c/", "http://a", "http://a/", "file:///x/y", "ftp://h/a//b/c",
                                  "svn+ssh://h/a", "mailto:a@b", "a/b", "", "http://[::1]/x?q#f", "tel:1/2",
                                  "HTTP://a/b/", "//h/a/b"])
def test_urljoin_rfc_examples(sides, base):
    for url in JOINS:
        for flag in (1, 0):
            check(sides, 9, flag, base, url)
