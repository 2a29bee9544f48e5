"""The shape of emitted modules: imports only what is called, names for backtraces, WAT agrees with binary."""
from functools import lru_cache
from pathlib import Path

import pytest
import wasmtime

from compiler import compile_file, compile_to_wat

ROOT = Path(__file__).resolve().parents[2]
ENGINE = wasmtime.Engine()


def module_of(tmp_path: Path, source: str) -> tuple[bytes, wasmtime.Module]:
    path = tmp_path / "prog.py"
    path.write_text(source)
    wasm = compile_file(path)
    return wasm, wasmtime.Module(ENGINE, wasm)


@lru_cache(maxsize=None)
def compiled(source: Path) -> bytes:
    """A repository program's bytes, compiled once per process (several tests read filter/main.py's)."""
    return compile_file(source)


def strip_custom_sections(wasm: bytes) -> bytes:
    out, pos = bytearray(wasm[:8]), 8
    while pos < len(wasm):
        section_id = wasm[pos]
        size, shift, cursor = 0, 0, pos + 1
        while True:
            byte = wasm[cursor]
            size |= (byte & 0x7F) << shift
            shift += 7
            cursor += 1
            if byte < 0x80:
                break
        if section_id != 0:
            out += wasm[pos:cursor + size]
        pos = cursor + size
    return bytes(out)


def test_program_without_host_calls_imports_nothing(tmp_path):
    _, module = module_of(tmp_path, "from abi import export\nfrom abi.imports import proxy_log\n\n"
                                    "@export\ndef f(x: int) -> int:\n    return x + 1\n")
    assert module.imports == []
    assert sorted(e.name for e in module.exports) == ["f", "memory"]


def test_only_called_host_functions_are_imported(tmp_path):
    _, module = module_of(tmp_path, "from abi import export\nfrom abi.imports import proxy_log, proxy_done\n\n"
                                    "@export\ndef f(x: int) -> int:\n    proxy_log(2, 0, 0)\n    return x\n")
    assert [(i.module, i.name) for i in module.imports] == [("env", "proxy_log")]
    (imp,) = module.imports
    assert [str(t) for t in imp.type.params] == ["i32", "i32", "i32"]
    assert [str(t) for t in imp.type.results] == ["i32"]


def test_trap_backtrace_names_python_functions(tmp_path):
    wasm, module = module_of(tmp_path, "from abi import export\n\ndef inner(x: int) -> int:\n    return 10 // x\n\n"
                                       "@export\ndef outer(x: int) -> int:\n    return inner(x)\n")
    store = wasmtime.Store(ENGINE)
    outer = wasmtime.Instance(store, module, []).exports(store)["outer"]
    with pytest.raises(wasmtime.Trap) as info:
        outer(store, 0)
    names = [frame.func_name for frame in info.value.frames]
    assert names[0].endswith(".ZeroDivisionError.uncaught")  # the exception's class, then where it came from
    python_frames = [n for n in names if n in ("rt.floordiv", "prog.inner", "prog.outer")]
    assert python_frames == ["rt.floordiv", "prog.inner", "prog.outer"]


def test_only_exception_classes_the_program_creates_have_an_uncaught_trap(tmp_path):
    from bench.size import parse
    wasm, module = module_of(tmp_path, "from abi import export\n\nclass Refused(ValueError):\n    pass\n\n"
                                       "@export\ndef f(x: int) -> int:\n    if x < 0:\n        raise Refused('no')\n"
                                       "    return x\n")
    traps = {n for n in parse(wasm).function_names.values() if n.endswith(".uncaught")}
    assert "prog.Refused.uncaught" in traps
    for absent in ("KeyError", "LookupError", "Exception", "BaseException"):  # nothing creates one
        assert f"rt.exceptions.{absent}.uncaught" not in traps
    store = wasmtime.Store(ENGINE)
    f = wasmtime.Instance(store, module, []).exports(store)["f"]
    assert f(store, 3) == 3
    with pytest.raises(wasmtime.Trap) as info:
        f(store, -1)
    assert info.value.frames[0].func_name == "prog.Refused.uncaught"


def test_backtrace_names_are_short_and_distinct():
    from bench.size import parse
    module = parse(compiled(ROOT / "filter" / "main.py"))
    names = list(module.function_names.values())
    assert len(set(names)) == len(names)
    assert names[:module.imported_functions][0].startswith("proxy_")  # an import: its field name
    assert "proxy_on_request_headers" in names  # the export's wrapper, by the export's name
    assert "abi.context.HttpContext.on_request_headers@dispatch" in names
    assert "filter.main.LimitedRequest.on_request_headers" in names  # the program's own: module and class
    assert "config.<init KNOWN_KEYS>" in names
    assert not [n for n in names if n.startswith("compiler.runtime.") or n.endswith("@export")]


@pytest.mark.parametrize("source", [ROOT / "filter" / "main.py",
                                    ROOT / "tests" / "compiler" / "programs_v1" / "bool_global.py"])
def test_wat_printer_assembles_to_the_same_module(source):
    ours = compiled(source)
    assembled = wasmtime.wat2wasm(compile_to_wat(source))
    assert strip_custom_sections(assembled) == strip_custom_sections(ours)


def test_filter_module_has_the_exports_envoy_requires():
    module = wasmtime.Module(ENGINE, compiled(ROOT / "filter" / "main.py"))
    exports = {e.name: e.type for e in module.exports}
    assert isinstance(exports["memory"], wasmtime.MemoryType)
    assert "proxy_abi_version_0_2_1" in exports
    allocate = exports["proxy_on_memory_allocate"]
    assert [str(t) for t in allocate.params] == ["i32"] and [str(t) for t in allocate.results] == ["i32"]
    headers = exports["proxy_on_request_headers"]
    assert [str(t) for t in headers.params] == ["i32", "i32", "i32"] and [str(t) for t in headers.results] == ["i32"]


# -- callbacks a filter leaves at their default are not exported (abi.export_if_overridden) -------
ESSENTIAL = {"memory", "proxy_on_memory_allocate", "proxy_abi_version_0_2_1", "proxy_on_context_create",
             "proxy_on_vm_start", "proxy_on_configure", "proxy_on_delete"}
CALLOUT_ANSWERS = {"proxy_on_http_call_response", "proxy_on_grpc_receive_initial_metadata",
                   "proxy_on_grpc_receive", "proxy_on_grpc_receive_trailing_metadata", "proxy_on_grpc_close"}
SDK_FILTER = """from abi.sdk import HttpContext, RootContext, StreamContext, set_root_context

class Root(RootContext):
{root}
    def new_http_context(self, context_id: int) -> HttpContext:
        return Request(context_id, self.context_id)

class Request(HttpContext):
{request}
class Connection(StreamContext):
{connection}
set_root_context(Root())
"""


def sdk_filter_exports(tmp_path: Path, root: str = "", request: str = "", connection: str = "") -> set[str]:
    body = {k: v or "    pass\n" for k, v in (("root", root), ("request", request), ("connection", connection))}
    _, module = module_of(tmp_path, SDK_FILTER.format(**body))
    return {e.name for e in module.exports}


def test_a_filter_overriding_nothing_exports_only_the_essentials(tmp_path):
    assert sdk_filter_exports(tmp_path) == ESSENTIAL | CALLOUT_ANSWERS


@pytest.mark.parametrize(("where", "method", "export"), [
    ("request", "def on_log(self) -> None:\n        pass\n", "proxy_on_log"),
    ("connection", "def on_log(self) -> None:\n        pass\n", "proxy_on_log"),
    ("request", "def on_done(self) -> None:\n        pass\n", "proxy_on_done"),
    ("root", "def on_done(self) -> bool:\n        return False\n", "proxy_on_done"),
    ("root", "def on_tick(self) -> None:\n        pass\n", "proxy_on_tick"),
    ("request", "def on_response_body(self, body_size: int, end_of_stream: bool) -> int:\n        return 0\n",
     "proxy_on_response_body"),
    ("connection", "def on_upstream_data(self, data_size: int, end_of_stream: bool) -> int:\n        return 0\n",
     "proxy_on_upstream_data"),
])
def test_overriding_a_callback_exports_its_proxy_function_and_no_other(tmp_path, where, method, export):
    assert sdk_filter_exports(tmp_path, **{where: "    " + method}) == ESSENTIAL | CALLOUT_ANSWERS | {export}


def test_an_override_in_a_grandchild_class_counts(tmp_path):
    source = SDK_FILTER.format(root="    pass\n", request="    pass\n", connection="    pass\n") + (
        "\nclass Logged(Request):\n    def on_log(self) -> None:\n        pass\n")
    _, module = module_of(tmp_path, source)
    assert "proxy_on_log" in {e.name for e in module.exports}


def test_the_rate_limiter_exports_the_callbacks_it_overrides():
    module = wasmtime.Module(ENGINE, compiled(ROOT / "filter" / "main.py"))
    assert {e.name for e in module.exports} == ESSENTIAL | CALLOUT_ANSWERS | {
        "proxy_on_request_headers", "proxy_on_response_headers"}


def test_export_if_overridden_must_name_a_method_of_a_known_class(tmp_path):
    from compiler.diagnostics import CompileError
    source = ("from abi import export_if_overridden\nfrom abi.context import HttpContext\n\n"
              "@export_if_overridden(\"HttpContext.on_lgo\")\ndef proxy_on_log(context_id: int) -> None:\n"
              "    pass\n")
    with pytest.raises(CompileError) as info:
        module_of(tmp_path, source)
    assert "HttpContext.on_lgo" in str(info.value) and ":4:" in str(info.value)


def test_lowering_knows_where_bytes_data_starts():
    """bytes([...]) is built in place by lowering: its offset is the runtime's layout."""
    from compiler.lower.values import BYTES_DATA
    from compiler.runtime import strings
    assert BYTES_DATA == strings.DATA


def test_every_text_method_names_a_runtime_function():
    """Each str and bytes method lowers to a call into the runtime module that defines it (the
    string runtime is split by job: lower/methods.py RUNTIME_OF says which module has which)."""
    import ast

    from compiler.lower.methods import RUNTIME_OF
    from compiler.program import BYTES, STR
    from compiler.sema.methods import text_methods
    defined = set()
    for path in (ROOT / "compiler" / "runtime").glob("*.py"):
        defined |= {f"compiler.runtime.{path.stem}.{node.name}" for node in ast.parse(path.read_text()).body
                    if isinstance(node, ast.FunctionDef)}
    own = {"encode": "str_encode", "decode": "bytes_decode"}
    missing = [f"{RUNTIME_OF.get(name)}.{own.get(name, f'{prefix}_{name}')}"
               for ty, prefix in ((STR, "str"), (BYTES, "bytes")) for name in text_methods(ty)
               if f"{RUNTIME_OF.get(name)}.{own.get(name, f'{prefix}_{name}')}" not in defined]
    assert not missing
