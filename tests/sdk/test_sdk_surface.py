"""The SDK's surface is documented: every public host call (abi/host.py, abi/grpc.py) names its
ABI call and where it is allowed, is listed in docs/sdk.md, and is importable from abi.sdk."""
import ast
from pathlib import Path

import abi.sdk

ROOT = Path(__file__).resolve().parents[2]
INTERNAL = {"out_words", "scratch_words", "returned_bytes", "serialize_pairs", "parse_pairs", "text_pairs", "wire_pairs",
            "path_bytes", "text_pairs_size", "write_text_pairs", "put_text", "enter_context", "current_context", "grpc_service", "remember_grpc_status"}


def public_functions() -> list[ast.FunctionDef]:
    body = [node for name in ("host.py", "grpc.py") for node in ast.parse((ROOT / "abi" / name).read_text()).body]
    return [node for node in body if isinstance(node, ast.FunctionDef) and node.name not in INTERNAL]


def test_every_host_call_names_its_abi_call_and_where_it_is_allowed():
    vague = []
    for fn in public_functions():
        doc = ast.get_docstring(fn) or ""
        if fn.name in ("wire_to_text", "text_to_wire", "strip_port"):
            continue  # pure helpers: no host call
        if "proxy_" not in doc or not ("callback" in doc or "on_" in doc):
            vague.append(fn.name)
    assert vague == []


def test_every_public_function_is_in_the_sdk_reference_and_importable():
    reference = (ROOT / "docs" / "sdk.md").read_text()
    missing_doc = [fn.name for fn in public_functions() if f"`{fn.name}(" not in reference]
    missing_export = [fn.name for fn in public_functions() if not hasattr(abi.sdk, fn.name)]
    assert (missing_doc, missing_export) == ([], [])
