"""The V8 check of the session's modules (tests/v8_validation.py) really rejects broken modules."""
from pathlib import Path

import pytest
import wasmtime

import compiler
import v8_validation
from v8_validation import Registry, run_node

# (module (func (result i32) (i64.const 0))): well-formed bytes, but the body has the wrong type.
TYPE_MISMATCH = bytes.fromhex("0061736d010000000105016000017f030201000a0601040042000b")
EMPTY_MODULE = b"\x00asm\x01\x00\x00\x00"


def test_valid_module_passes(tmp_path: Path) -> None:
    (tmp_path / "empty.wasm").write_bytes(EMPTY_MODULE)
    assert run_node(tmp_path, expected=1) == []


def test_ill_typed_module_is_rejected_with_v8s_message(tmp_path: Path) -> None:
    (tmp_path / "bad.wasm").write_bytes(TYPE_MISMATCH)
    (tmp_path / "good.wasm").write_bytes(EMPTY_MODULE)
    [(name, error)] = run_node(tmp_path, expected=2)
    assert name == "bad.wasm"
    assert "type" in error.lower() and "i32" in error, error


def test_garbage_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "junk.wasm").write_bytes(b"\x00asm\x01\x00\x00\x00\x01\xff")
    [(name, error)] = run_node(tmp_path, expected=1)
    assert name == "junk.wasm" and error


def test_registry_names_the_tests_that_built_an_invalid_module(tmp_path: Path) -> None:
    registry = Registry(tmp_path)
    registry.record(TYPE_MISMATCH, "test_a")
    registry.record(TYPE_MISMATCH, "test_b")  # same content: one file, two origins
    registry.record(EMPTY_MODULE, "test_c")
    assert len(list(tmp_path.glob("*.wasm"))) == 2
    [invalid] = registry.validate()
    assert invalid.origins == ("test_a", "test_b")
    text = v8_validation.report([invalid], tmp_path)
    assert invalid.name in text and "built by test_b" in text


def test_missing_node_fails_loudly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty.wasm").write_bytes(EMPTY_MODULE)
    monkeypatch.setattr(v8_validation.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="node is not on PATH"):
        run_node(tmp_path, expected=1)


def test_session_records_what_the_tests_compile(tmp_path: Path) -> None:
    source = tmp_path / "seen.py"
    source.write_text("from abi import export\n\n@export\ndef seen_by_v8() -> int:\n    return 7\n")
    wasm = compiler.compile_file(source)
    assembled = wasmtime.wat2wasm('(module (func (export "also_seen")))')
    recorded = {path.read_bytes() for path in v8_validation.SESSION.directory.glob("*.wasm")}
    assert bytes(wasm) in recorded and bytes(assembled) in recorded
