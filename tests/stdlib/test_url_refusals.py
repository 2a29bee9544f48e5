"""What the compiler refuses of urllib.parse, fnmatch, ipaddress and math, each a located error; and
their functions take CPython's parameters, in order, with its defaults (a prefix of them where
ours leaves out ``encoding``/``errors``/``quote_via``: passing those is a compile error)."""
from __future__ import annotations

import ast as py_ast
import importlib
import inspect
import textwrap
from pathlib import Path

import pytest

from compiler import CompileError, compile_file

STDLIB = Path(__file__).resolve().parents[2] / "compiler" / "stdlib"
# (source, "line:col", message)
REFUSED = [
    ("from urllib.parse import urldefrag\n", "1:1", "urllib.parse.urldefrag is not available yet"),
    ("from urllib.parse import quote_all\n", "1:1", "cannot import name 'quote_all' from 'urllib.parse'"),
    ("import urllib.parse as up\ndef f(s: str) -> str:\n    return up.quote(s, encoding='latin-1')\n",
     "3:24", "the 'encoding' argument of urllib.parse.quote() is not available yet"),
    ("from urllib.parse import parse_qs\ndef f(s: str) -> int:\n    return len(parse_qs(s, errors='strict'))\n",
     "3:35", "the 'errors' argument of urllib.parse.parse_qs() must be one of 'replace' here"),
    ("from urllib.parse import parse_qsl\ndef f(s: str) -> int:\n    return len(parse_qsl(s, False, False, 'ascii'))\n",
     "3:43", "the 'encoding' argument of urllib.parse.parse_qsl() must be one of 'utf-8' here"),
    ("from urllib.parse import urlencode\ndef f(d: dict[str, str]) -> str:\n    return urlencode(d, quote_via=1)\n",
     "3:25", "the 'quote_via' argument of urllib.parse.urlencode() is not available yet"),
    ("from urllib.parse import urlencode\ndef f() -> str:\n    return urlencode([('a', 1)])\n",
     "3:22", "argument 'query' of urlencode() must be dict[str, str] | list[tuple[str, str]], not list[tuple[str, int]]"),
    ("from urllib.parse import quote\ndef f(b: bytes) -> str:\n    return quote(b)\n",
     "3:18", "argument 'string' of quote() must be str, not bytes"),
    ("import urllib.parse\ndef f(s: str) -> str:\n    return urllib.parse.urlsplit(s).encode()\n",
     "3:12", "urllib.parse.SplitResult.encode is not available yet"),
    ("import urllib.parse\ndef f(s: str) -> str:\n    a, b, c, d, e = urllib.parse.urlsplit(s)\n    return a\n",
     "3:5", "cannot unpack SplitResult into 5 names"),
    ("import fnmatch\ndef f(b: bytes) -> bool:\n    return fnmatch.fnmatch(b, b'*')\n",
     "3:28", "argument 'name' of fnmatch() must be str, not bytes"),
    ("from ipaddress import ip_interface\n", "1:1", "ipaddress.ip_interface is not available yet"),
    ("from math import sqrt\n", "1:1", "math.sqrt is not available yet"),
    ("import math\ndef f(b: bool) -> int:\n    return math.floor(b)\n", "3:23",
     "argument 'x' of floor() must be int | float, not bool"),
    ("import math\ndef f(v: float) -> int:\n    return math.ceil(x=v)\n", "3:22", "math.ceil() takes 'x' by position only"),
]


@pytest.mark.parametrize("source,position,message", REFUSED, ids=[r[2][:50] for r in REFUSED])
def test_refused(tmp_path, source, position, message):
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0].render().splitlines()[0]
    assert first.endswith(f":{position}: error: {message}"), first


@pytest.mark.parametrize("name,path", [("urllib.parse", "urllib/parse.py"), ("fnmatch", "fnmatch.py"),
                                       ("math", "math.py")])
def test_parameters_are_cpythons(name, path):
    module = importlib.import_module(name)
    checked = 0
    for fn in py_ast.parse((STDLIB / path).read_text()).body:
        if not isinstance(fn, py_ast.FunctionDef) or fn.name.startswith("_"):
            continue
        theirs = inspect.signature(getattr(module, fn.name)).parameters.values()
        ours = [a.arg for a in fn.args.args] + ([fn.args.vararg.arg] if fn.args.vararg else [])
        assert ours == [p.name for p in theirs][:len(ours)], fn.name
        defaults = [p.default for p in theirs][len(ours) - len(fn.args.defaults):len(ours)]
        assert [py_ast.literal_eval(d) for d in fn.args.defaults] == defaults, fn.name
        assert all(p.default is not inspect.Parameter.empty for p in list(theirs)[len(ours):]), fn.name
        checked += 1
    assert checked >= 3
