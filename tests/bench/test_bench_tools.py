"""The benchmark's own tools (no timings): the wasm size parser and the README splice."""
from pathlib import Path

import wasmtime

from bench import report, size
from compiler import compile_file

ROOT = Path(__file__).resolve().parent.parent.parent


def test_sections_add_up_and_every_function_has_a_part():
    wasm = compile_file(ROOT / "filter" / "main.py")
    figures = size.measure(wasm)
    assert sum(figures["sections"].values()) == len(wasm) == figures["total"]
    parts = figures["parts"]
    assert set(parts) == {"runtime", "SDK", "filter"}
    assert parts["SDK"]["imports"] > 0
    # code section = function bodies + its own header (id, size, count)
    body_bytes = sum(p["code"] for p in parts.values())
    assert 0 < figures["sections"]["code"] - body_bytes <= 1 + 5 + 5


def test_part_of_names():
    assert size.part_of("abi.hostcalls.log") == "SDK"
    assert size.part_of("abi.memory.proxy_abi_version_0_2_1@export") == "runtime"
    assert size.part_of("compiler.runtime.memory.alloc") == "runtime"
    assert size.part_of("rt.add") == "runtime"
    assert size.part_of("OverflowError") == "runtime"
    assert size.part_of("filter.main.find") == "filter"
    assert size.part_of(None) == "unnamed"


def test_wat_module_without_names_parses():
    wasm = wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "noop.wat").read_text())
    figures = size.measure(wasm)
    assert sum(figures["sections"].values()) == len(wasm)


def test_markers_are_replaced_and_the_rest_kept(tmp_path):
    doc = tmp_path / "README.md"
    quoted = f"markers `{report.START}` and `{report.END}` quoted in a sentence\n"
    doc.write_text(f"{quoted}intro\n{report.START}\nold\n{report.END}\noutro\n")
    assert report.insert_between_markers(doc, "| new |")
    assert doc.read_text() == f"{quoted}intro\n{report.START}\n| new |\n{report.END}\noutro\n"
    plain = tmp_path / "plain.md"
    plain.write_text("no markers\n")
    assert not report.insert_between_markers(plain, "x")


def test_the_two_noop_filters_export_the_same_callbacks():
    engine = wasmtime.Engine()
    wat = wasmtime.Module(engine, wasmtime.wat2wasm((ROOT / "bench" / "wasm" / "noop.wat").read_text()))
    py = wasmtime.Module(engine, compile_file(ROOT / "bench" / "wasm" / "noop.py"))
    assert {e.name for e in wat.exports} == {e.name for e in py.exports}
