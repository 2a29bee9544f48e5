"""``import X`` / ``import X.Y as Z`` (compiler/frontend/module_imports.py): the same results as
CPython for the library's modules and the program's own, and a located error for what a module
object would be needed for."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from compiler import CompileError, compile_file

sys.path.insert(0, str(Path(__file__).parents[1] / "compiler"))  # differential.py (no packages in tests/)
from differential import CompiledProgram, load_python  # noqa: E402

HELPERS = '''
LIMIT = 10
counter = 0


class Item:
    def __init__(self, n: int) -> None:
        self.n = n


class Oops(Exception):
    pass


def bump() -> int:
    global counter
    counter += 1
    return counter
'''

PROGRAM = '''
import base64
import hashlib as h
import json
import pkg.helpers
import pkg.helpers as ph
from abi import export


class Holder:
    json: int = 0  # a class's own field may share a module's name

    def base64(self) -> int:
        return 1


def make(n: int) -> ph.Item:
    return pkg.helpers.Item(n)


@export
def run() -> int:
    items: list[pkg.helpers.Item] = [make(3)]
    ph.bump()
    pkg.helpers.bump()  # the same global: a module attribute reads its current value
    total = items[0].n * 100 + ph.counter * 10 + pkg.helpers.LIMIT + Holder().base64()
    if isinstance(items[0], ph.Item):
        total += 1000
    try:
        raise ph.Oops("x")
    except pkg.helpers.Oops:
        total += 2000
    try:
        json.loads("[1, ")
    except json.JSONDecodeError as error:
        total += error.pos * 10000
    total += len(base64.b64encode(h.sha256(b"abc").digest())) * 100000
    return total


if __name__ == "__main__":
    print(json.dumps(run()))  # CPython only: left alone
'''


def write(tmp_path: Path, source: str) -> Path:
    (tmp_path / "pkg").mkdir(exist_ok=True)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "helpers.py").write_text(HELPERS)
    path = tmp_path / "prog.py"
    path.write_text(textwrap.dedent(source))
    return path


def test_module_attributes_as_cpython(tmp_path, monkeypatch):
    path = write(tmp_path, PROGRAM)
    monkeypatch.syspath_prepend(str(tmp_path))
    expected = load_python(path).run()
    assert expected == 44 * 100000 + 40000 + 3000 + 300 + 20 + 10 + 1
    store, instance = CompiledProgram(path).instance()
    assert instance.exports(store)["run"](store) == expected


# (source, "line:col", message)
REFUSED = [
    ("import json\nx = json\n", "2:5", "the module 'json' cannot be used as a value"),
    ("import pkg.helpers\nx = pkg.helpers\n", "2:5", "the module 'pkg.helpers' cannot be used as a value"),
    ("import pkg.helpers\nx = pkg\n", "2:5", "the module 'pkg' cannot be used as a value"),
    ("import json\njson.x = 1\n", "2:1", "cannot assign to 'json.x': the module is read-only here"),
    ("import pkg.helpers as p\np.counter = 1\n", "2:1",
     "cannot assign to 'pkg.helpers.counter': the module is read-only here"),
    ("import json\ndef f(json: str) -> None:\n    pass\n", "2:7",
     "'json' names the module 'json' imported in this file and cannot be rebound"),
    ("import json\ndef f() -> None:\n    for json in [1]:\n        pass\n", "3:9",
     "'json' names the module 'json' imported in this file and cannot be rebound"),
    ("import json\nfrom base64 import b64encode as json\n", "2:1",
     "'json' names the module 'json' imported in this file and cannot be rebound"),
    ("import json\ndef f() -> None:\n    json.dump(1)\n", "3:5", "json.dump is not available yet"),
    ("import json as j\ndef f() -> None:\n    j.nothing(1)\n", "3:5", "cannot import name 'nothing' from 'json'"),
    ("import pkg.helpers\ndef f() -> None:\n    pkg.helpers.nothing()\n", "3:5",
     "module 'pkg.helpers' has no name 'nothing'"),
    ("import os\n", "1:1", "the standard library module 'os' is not available in a compiled filter"),
    ("import nowhere\n", "1:1", "cannot find module 'nowhere'"),
    ("def f() -> None:\n    import json\n", "2:5", "imports are only supported at module level"),
]


@pytest.mark.parametrize("source,position,message", REFUSED, ids=[r[2][:50] for r in REFUSED])
def test_refused(tmp_path, source, position, message):
    path = write(tmp_path, source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    first = info.value.diagnostics[0].render().splitlines()[0]
    assert first.endswith(f":{position}: error: {message}"), first


BUILTINS = '''
import abi
import dataclasses
import typing


@dataclasses.dataclass
class P:
    x: int = 1


def g(v: typing.Optional[int]) -> int:
    return 0 if v is None else v


@abi.export
def run() -> int:
    return g(P(5).x) * 10 + g(None)
'''


def test_compiler_provided_modules(tmp_path):
    """The SDK's decorators, typing and dataclasses through their module names."""
    path = write(tmp_path, BUILTINS)
    assert load_python(path).run() == 50
    store, instance = CompiledProgram(path).instance()
    assert instance.exports(store)["run"](store) == 50
