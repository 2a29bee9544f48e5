"""SDK example filters (tests/sdk/filters/) compiled and run in a real Envoy."""
from pathlib import Path

import pytest

from compiler import compile_file
from envoy_harness import http_get

FILTERS = Path(__file__).resolve().parent.parent / "sdk" / "filters"


@pytest.fixture
def example_wasm(tmp_path):
    def build(name: str) -> Path:
        out = tmp_path / f"{name}.wasm"
        out.write_bytes(compile_file(FILTERS / f"{name}.py"))
        return out
    return build


def test_header_rewrite_in_envoy(example_wasm, start_envoy, backend):
    envoy = start_envoy(example_wasm("header_rewrite"), "bonjour", concurrency=1)
    status, headers, _ = http_get(envoy.port, "/shout/it", source_ip="127.0.0.5",
                                  headers={"x-internal-secret": "leak"})
    assert status == 200
    assert headers["x-greeting"] == "bonjour"
    seen = backend.requests[-1]
    assert seen.headers["x-client-ip"] == "127.0.0.5"
    assert seen.headers["x-request-number"] == "1"
    assert "x-internal-secret" not in seen.headers
    assert seen.path == "/SHOUT/IT"
    http_get(envoy.port, "/quiet", source_ip="127.0.0.5")
    assert backend.requests[-1].headers["x-request-number"] == "2"
    assert backend.requests[-1].path == "/quiet"
    assert "greeting is 'bonjour'" in envoy.log()
