"""compiler/cache.py changes how long a compile takes, never what it produces: the same bytes
with the memos cold, warm (every runtime/SDK fact a hit) and off, and errors are still raised."""
from pathlib import Path

import pytest

from compiler import CompileError, cache, compile_file

# The SDK (read and syntax-checked like a program's own modules), a class whose constant a store through an object turns into a field (the attribute-stores
# memo), ``global`` in a function (the names memo), a dataclass with a generated __init__ (never
# memoised: it carries its class's span).
CLASSES = '''from dataclasses import dataclass
from abi import export
from abi.sdk import log_info

COUNT: int = 0


class Limit:
    burst = 3


@dataclass
class Pair:
    a: int
    b: int = 2


def bump(n: int) -> int:
    global COUNT
    COUNT += n
    return COUNT


@export
def run(n: int) -> int:
    limit = Limit()
    limit.burst = n
    pair = Pair(n)
    log_info("run")
    return bump(limit.burst + pair.b) + Limit.burst
'''


def _three_ways(path: Path, text: str | None = None) -> list[bytes]:
    cold = compile_file(path, text)
    warm = compile_file(path, text)
    with cache.disabled():
        off = compile_file(path, text)
    return [cold, warm, off]


def test_same_bytes_for_classes_globals_and_generated_methods(tmp_path: Path) -> None:
    path = tmp_path / "classes.py"
    path.write_text(CLASSES)
    cold, warm, off = _three_ways(path)
    assert cold == warm == off
    # the same span with another text: a global no more, the store through the object gone
    changed = CLASSES.replace("    global COUNT\n    COUNT += n\n    return COUNT", "    return n + 1 + 0 + 0 + 0")
    changed = changed.replace("limit.burst = n", "burst = n    ")
    path.write_text(changed)
    assert compile_file(path) != cold
    with cache.disabled():
        assert compile_file(path) == compile_file(path.parent / "classes.py", changed)


def test_kept_on_disk_gives_the_same_bytes_and_survives_a_corrupt_file(tmp_path: Path) -> None:
    """compiler/cache_store.py (build.py's memos between runs): a new process is a cleared memo."""
    from compiler.cache_store import kept_on_disk
    path = tmp_path / "small.py"
    path.write_text("from abi import export\n\n\n@export\ndef twice(n: int) -> int:\n    return n * 2\n")
    store = tmp_path / "store"
    cache.clear()
    with kept_on_disk(store):
        cold = compile_file(path)
    [written] = store.glob("*.pickle")
    cache.clear()
    with kept_on_disk(store):
        loaded = set(cache._function_facts)
        warm = compile_file(path)
        assert loaded and set(cache._function_facts) == loaded  # every function's names came from the file
    written.write_bytes(b"not a pickle")
    cache.clear()
    with kept_on_disk(store):
        assert compile_file(path) == warm == cold


def test_errors_are_raised_every_time(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text("from abi import export\n\n@export\ndef f() -> int:\n    break\n")
    for _ in range(2):
        with pytest.raises(CompileError, match="syntax error"):
            compile_file(path)


def test_the_suite_memo_compiles_again_when_a_setting_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/compile_memo.py: a repository program's bytes once per process, unless a test patched
    a compiler setting (then that test gets its own compile)."""
    from compiler.passes import inline
    path = Path(__file__).resolve().parent / "programs" / "arith.py"
    first = compile_file(path)
    assert compile_file(path) is first
    monkeypatch.setattr(inline, "USER_SIZE", inline.USER_SIZE + 1000)
    assert compile_file(path) is not first
