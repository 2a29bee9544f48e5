"""Every program outside the subset gets a located error naming the construct, never a traceback.

The golden cases pin each diagnostic exactly: ``line:col`` (1-based, as
rendered), the message and the help line. ``CONSTRUCTS`` (golden_constructs.py)
are the constructs outside the subset; the table of them in docs/language.md is
generated from that list and checked here (``UPDATE_DOCS=1`` rewrites it);
``OTHER_ERRORS`` (golden_errors.py) are the rest.
"""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import v8_validation

from compiler import CompileError, compile_file

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE_DOC = ROOT / "docs" / "language.md"
from golden_constructs import CONSTRUCTS  # noqa: E402  (the cases: data, one file each)
from golden_errors import OTHER_ERRORS  # noqa: E402

GOLDEN = [case[1:] for case in CONSTRUCTS] + OTHER_ERRORS
IDS = [case[0] for case in CONSTRUCTS] + [case[2][:50] for case in OTHER_ERRORS]


def compile_error(tmp_path: Path, source: str) -> CompileError:
    path = tmp_path / "prog.py"
    path.write_text(source)
    with pytest.raises(CompileError) as info:
        compile_file(path)
    return info.value


@pytest.mark.parametrize("source,position,message,help", GOLDEN, ids=IDS)
def test_golden_diagnostic(tmp_path, source, position, message, help):
    first = compile_error(tmp_path, source).diagnostics[0]
    lines = first.render().splitlines()
    assert lines[0] == f"{first.loc.path}:{position}: error: {message}"
    assert lines[-1] == f"help: {help}", "every diagnostic says what to write instead"
    assert help, "every diagnostic says what to write instead"


def test_all_errors_of_a_function_are_reported_together(tmp_path):
    err = compile_error(tmp_path, "def f() -> int:\n    a = 1 @ 2\n    b = lambda x: x\n    return 0\n")
    assert [d.loc.line for d in err.diagnostics] == [2, 3]


UNTYPED_CASCADE = """\
def f(s: str) -> int:
    head, sep, tail = s.translate(",")
    x = len(head) + len(tail)
    if sep:
        x += 1
    y: int = 2
    return x + len(head) + y + z
"""


def test_a_refused_assignment_is_reported_once_not_at_each_use(tmp_path):
    """One refused method call (``str.partition`` once, ``str.translate`` now) gave 10 "may be used
    before it is assigned" errors for the names it would have assigned, and for what was computed
    from them. Other errors stay."""
    err = compile_error(tmp_path, UNTYPED_CASCADE)
    assert [d.loc.line for d in err.diagnostics] == [2]
    err = compile_error(tmp_path, UNTYPED_CASCADE.replace("y: int = 2", "y: int = 'a'"))
    assert [d.loc.line for d in err.diagnostics] == [2, 6]
    assert "may be used before" not in str(err)


def test_a_refused_assignment_in_a_try_is_not_reported_again_after_it(tmp_path):
    """``n = int(s, base="x")`` refused in a try, ``n = 0`` in the handler: one error, not also
    "may be used before it is assigned" where both paths meet."""
    source = ("def f(s: str) -> int:\n    try:\n        n = int(s, base=\"x\")\n    except ValueError:\n"
              "        n = 0\n    return n\n")
    err = compile_error(tmp_path, source)
    assert [d.loc.line for d in err.diagnostics] == [3]


def test_a_refused_assignment_does_not_make_a_later_none_unknown(tmp_path):
    """``x = json.loads(data, cls=...)`` refused, then ``x = None`` in a handler: one error, at the first."""
    source = ("import json\n\n\ndef f(data: bytes) -> bool:\n    try:\n        config = json.loads(data, cls=None)\n"
              "    except ValueError:\n        config = None\n    return isinstance(config, dict)\n")
    err = compile_error(tmp_path, source)
    assert [d.loc.line for d in err.diagnostics] == [6]


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


# -- the docs table -----------------------------------------------------------------------

TABLE_BEGIN = "<!-- unsupported-constructs: begin (generated) -->\n"
TABLE_END = "<!-- unsupported-constructs: end -->\n"


def docs_table() -> str:
    """The table of unsupported constructs for docs/language.md, from CONSTRUCTS."""
    cell = lambda text: text.replace("|", "\\|")  # noqa: E731
    rows = ["| construct | error | help |", "|---|---|---|"]
    rows += [f"| {label} | `{cell(message)}` | `{cell(help)}` |" for label, _, _, message, help in CONSTRUCTS]
    return "\n".join(rows) + "\n"


def test_docs_table_matches_golden_cases():
    text = LANGUAGE_DOC.read_text()
    before, rest = text.split(TABLE_BEGIN)
    _, after = rest.split(TABLE_END)
    expected = before + TABLE_BEGIN + docs_table() + TABLE_END + after
    if os.environ.get("UPDATE_DOCS") == "1":
        LANGUAGE_DOC.write_text(expected)
    assert text == expected, "docs/language.md's table of unsupported constructs is stale: rerun with UPDATE_DOCS=1"


# -- no construct crashes the compiler ----------------------------------------------------

# Valid Python outside the subset, as statements; each is compiled in every context below.
CORPUS = [
    "try:\n    x = 1\nexcept ValueError as e:\n    x = 2\nelse:\n    x = 3\nfinally:\n    x = 4",
    "try:\n    pass\nexcept* ValueError:\n    pass", "with open('f') as a, open('g') as b:\n    pass",
    "x = [y for y in range(3) if (z := y)]", "x = (lambda a, *b, **c: a)(1)", "x = {1: 2, **{}}",
    "def g(*, a: int = 1) -> int:\n    return a", "class K(object, metaclass=type):\n    pass",
    "x = [*range(3)]", "a, *b = 1, 2, 3", "x = (yield)", "del x, y", "del x[1:2], x.a",
    "global q\nq = 1", "nonlocal q", "import os.path as p", "from . import m", "from .. m import n",
    "match 1:\n    case [a, *b] if a:\n        pass\n    case {'k': v}:\n        pass\n    case _:\n        pass",
    "x = 1 if 2 else 3j", "x = ...", "x = b'a' % 1", "x = 'a' 'b' f'{1!a:{2}}'", "x = {1, 2} | {3}",
    "x = not ()", "x = ()[0]", "x = [][1:2:3, 4]", "x = 1 < 2 is not 3 in 4", "x = -~+1 ** -1.5",
    "x = 10 ** 30", "x = 0x" + "f" * 20, "x = 1_000_000_000_000_000_000_000", "x = int('9' * 30)",
    "assert 1, 2", "raise ValueError from KeyError()", "raise", "x: 'List[int]' = []",
    "x = f(*a, **k)", "print(end='')", "x = eval('1') + exec('2')", "x = __import__('os')",
    "x = super().m()", "x = type(1)", "x = [1][::0]", "for x, *y in []:\n    pass",
    "while (n := 1):\n    break", "async def g() -> None:\n    async with a:\n        await b",
    "@property\ndef g() -> int:\n    return 1", "x = {k: v for k, v in {}.items()}",
    "x = sum(i for i in range(3))", "x: int\nx += 1", "x = [1, 'a', b'']", "x = (1,) * 3",
    "x = {}[[]]", "x = {[]: 1}", "x = len", "x = print", "x = None + None", "x = None()",
    "x = 1 .real", "x = 'a'.format(1)", "x = [].sort(key=len)", "x = sorted([], reverse=True)",
    "x: list = []", "x: dict[list[int], int] = {}", "x: tuple[int, ...] = ()", "x: 'Undefined' = 1",
]
# Every snippet runs at module level, and in one of the nested contexts (in turn: keeps it quick).
# The module keeps an export: a module with none hits a known bug (test_found_bugs.py).
MODULE = "from abi import export\n{code}\n\n\n@export\ndef main() -> int:\n    return 0\n"
NESTED = {
    "function": "def f() -> None:\n{indented}\n",
    "loop": "def f() -> None:\n    for i in range(2):\n{indented2}\n",
    "method": "class C:\n    def m(self) -> None:\n{indented2}\n",
}
CONTEXTS = {"module": MODULE, **NESTED}


def in_context(context: str, code: str) -> str:
    indent = lambda text, by: "\n".join(" " * by + line for line in text.splitlines())  # noqa: E731
    return CONTEXTS[context].format(code=code, indented=indent(code, 4), indented2=indent(code, 8))


def snippets(context: str) -> list[str]:
    if context == "module":
        return CORPUS
    turn = list(NESTED).index(context)
    return CORPUS[turn::len(NESTED)]


@pytest.mark.parametrize("context", CONTEXTS)
def test_no_construct_crashes_the_compiler(tmp_path, context):
    """Every snippet is a CompileError (or compiles); never another exception or an internal error."""
    crashes = []
    for code in snippets(context):
        path = tmp_path / "prog.py"
        path.write_text(in_context(context, code))
        try:
            compile_file(path)
        except CompileError as err:
            if "internal compiler error" in str(err) or "nests too deeply" in str(err):
                crashes.append(f"{code!r}: {err.diagnostics[0].message}")
        except Exception as err:  # noqa: BLE001  (exactly what this test is about)
            crashes.append(f"{code!r}: {type(err).__name__}: {err}")
    assert not crashes, "\n".join(crashes)


def test_a_constructor_inherited_through_an_import_alias_ends_field_narrowing(tmp_path):
    """sema/field_stores.py finds classes by name: a base imported as another name is followed."""
    (tmp_path / "base_mod.py").write_text(textwrap.dedent("""\
        class Box:
            def __init__(self) -> None:
                self.s: str | None = None


        class B:
            def __init__(self, box: Box) -> None:
                box.s = None
        """))
    source = textwrap.dedent("""\
        from base_mod import B as Base, Box


        class C(Base):
            pass


        def f(box: Box) -> int:
            box.s = "a"
            C(box)
            return len(box.s)
        """)
    first = compile_error(tmp_path, source).diagnostics[0]
    assert first.render().splitlines()[0].endswith(
        "prog.py:11:16: error: the argument of len() must be str, bytes, list or dict, not str | None")
