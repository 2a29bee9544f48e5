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


HELPED = '''from abi import export
from abi.sdk import log_info
from helper import twice


@export
def run(n: int) -> int:
    log_info("run")
    return twice(n)
'''


def test_previous_output_only_while_every_input_is_unchanged(tmp_path: Path) -> None:
    """compiler/output_cache.py (build.py's whole output): any file read changed, or a file that
    would now be found first (a shadowing module), is a miss; so is another compiler or a corrupt entry."""
    from compiler import cache_store, output_cache
    from compiler.frontend.load import observing_files
    main, helper = tmp_path / "prog.py", tmp_path / "helper.py"
    main.write_text(HELPED)
    helper.write_text("def twice(n: int) -> int:\n    return n * 2\n")
    store, version, entry = tmp_path / "store", cache_store.compiler_version(), main.resolve()
    with observing_files() as observed:
        wasm = compile_file(main)
    output_cache.store(store, version, entry, observed, wasm)
    assert output_cache.lookup(store, version, entry) == wasm
    assert output_cache.lookup(store, "another compiler", entry) is None
    helper.write_text("def twice(n: int) -> int:\n    return n * 3\n")  # same size: contents are compared
    assert output_cache.lookup(store, version, entry) is None
    with observing_files() as observed_then:
        thrice = compile_file(main)
    output_cache.store(store, version, entry, observed_then, thrice)
    helper.write_text("def twice(n: int) -> int:\n    return n * 2\n")  # the edit undone: the build before
    assert output_cache.lookup(store, version, entry) == wasm != thrice
    shadow = tmp_path / "abi" / "sdk.py"  # found before the SDK's abi/sdk.py
    shadow.parent.mkdir()
    shadow.write_text("")
    assert output_cache.lookup(store, version, entry) is None
    shadow.unlink()
    [kept] = store.glob("out-*.pickle")
    whole = kept.read_bytes()
    at = whole.index(wasm) + len(wasm) // 2  # a flipped bit in the stored bytes: not those bytes
    kept.write_bytes(whole[:at] + bytes([whole[at] ^ 1]) + whole[at + 1:])
    assert output_cache.lookup(store, version, entry) is None
    kept.write_bytes(whole[:100])
    assert output_cache.lookup(store, version, entry) is None


def test_build_py_ignores_truncated_cache_files(tmp_path: Path) -> None:
    """Every file build.py keeps (memos, the compiler's bytecode, the previous output) cut in half
    or with a flipped bit: the same bytes, no traceback; then the rebuilt files hand the output back."""
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    source = tmp_path / "small.py"
    source.write_text("from abi import export\n\n\n@export\ndef twice(n: int) -> int:\n    return n * 2\n")
    env = {k: v for k, v in os.environ.items() if k != "PYWASM_NO_CACHE"}
    env["PYWASM_CACHE_DIR"] = str(tmp_path / "cache")
    outputs = []
    for round_ in range(3):
        out = tmp_path / f"out{round_}.wasm"
        result = subprocess.run([sys.executable, str(root / "build.py"), str(source), "-o", str(out)],
                                cwd=root, env=env, capture_output=True, text=True)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        outputs.append(out.read_bytes())
        if round_ == 0:
            kept = sorted((tmp_path / "cache").iterdir())
            assert {p.name.split("-")[0] for p in kept} >= {"code", "out"} and len(kept) == 3
            for index, path in enumerate(kept):
                whole = path.read_bytes()
                at = len(whole) // 2
                path.write_bytes(whole[:at] + bytes([whole[at] ^ 1]) + whole[at + 1:] if index % 2 else whole[:at])
    assert outputs[0] == outputs[1] == outputs[2] == compile_file(source)
