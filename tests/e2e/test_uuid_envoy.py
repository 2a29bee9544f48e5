"""uuid4() in a real Envoy: WASI random_get (BoringSSL's RAND_bytes in Envoy's V8 runtime) feeds
tests/stdlib/uuid_filter.py, which gives each request a fresh UUID4 and echoes it back."""
import re
from pathlib import Path

from compiler import compile_file
from envoy_harness import http_get

FILTER = Path(__file__).resolve().parent.parent / "stdlib" / "uuid_filter.py"
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_uuid4_in_envoy(tmp_path, start_envoy, backend):
    wasm = tmp_path / "uuid_filter.wasm"
    wasm.write_bytes(compile_file(FILTER))
    envoy = start_envoy(wasm, "", concurrency=2)
    made = []
    for path in ("/a", "/b", "/c"):
        status, headers, _ = http_get(envoy.port, path)
        forwarded = backend.requests[-1].headers["x-request-id"]
        assert status == 200 and UUID4.fullmatch(forwarded), forwarded
        assert headers["x-request-id"] == forwarded
        made.append(forwarded)
    assert len(set(made)) == 3
    status, headers, _ = http_get(envoy.port, "/d", headers={"x-request-id": "{123E4567E89B12D3A456426614174000}"})
    kept = "123e4567-e89b-12d3-a456-426614174000"
    assert (status, headers["x-request-id"], backend.requests[-1].headers["x-request-id"]) == (200, kept, kept)
    assert f"request {made[0]}" in envoy.log()
