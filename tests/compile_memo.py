"""One compile per process of each repository program the tests compile from several places.

filter/main.py and the SDK example filters are compiled by the emulator, SDK, compiler and e2e
tests, each through its own helper (17 compiles of filter/main.py in one suite run). Installed by
tests/conftest.py before the test modules bind ``compiler.compile_file``, this memo hands back the
bytes of an earlier compile when nothing it depends on can have changed:

- only a file of this repository, compiled from disk (``text`` None), outside any temp dir;
- the entry's text is the same (compared in full);
- the compiler's module attributes are the same objects (a test that monkeypatches a setting, as
  test_pass_inline.py patches inline.USER_SIZE, gets a compile of its own);
- only successes are kept: a compile error is raised afresh every time.

The V8 recorder (v8_validation.py) wraps this wrapper, so every test's modules are still recorded.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_memo: dict[tuple, bytes] = {}


def _settings() -> tuple:
    """Identity of every attribute of the loaded compiler modules (what a monkeypatch replaces)."""
    return tuple((name, attr, id(value)) for name, module in sorted(sys.modules.items())
                 if name == "compiler" or name.startswith("compiler.")
                 for attr, value in vars(module).items() if not attr.startswith("__"))


def _key(path, text) -> tuple | None:
    if text is not None:
        return None
    resolved = Path(path).resolve()
    if ROOT not in resolved.parents or not resolved.is_file():
        return None
    return str(resolved), resolved.read_text(encoding="utf-8", errors="surrogateescape"), _settings()


def install() -> None:
    import compiler
    import compiler.pipeline

    build = compiler.pipeline.compile_file
    if getattr(build, "memoised", False):
        return

    def compile_file(path, text=None):
        key = _key(path, text)
        if key is None:
            return build(path, text)
        if key not in _memo:
            _memo[key] = build(path, text)
        return _memo[key]

    compile_file.memoised = True  # no __wrapped__: v8_validation wraps what has none
    compile_file.__doc__ = build.__doc__
    compiler.compile_file = compiler.pipeline.compile_file = compile_file
