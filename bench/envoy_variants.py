"""The variants bench/envoy_overhead.py runs side by side, and the Envoy configuration (v3 API)
of each: the router alone, native local_ratelimit, Lua, and proxy-wasm filters (no-op WAT,
no-op Python, no-op SDK, the host-call floor, the C limiter, our rate limiter)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
C_LIMITER = HERE / "c_limiter" / "limiter.wasm"  # built by bench/c_limiter/build.sh, committed
RATELIMIT_CONFIG = '{"ttlSecond": 60, "burst": 1000000000}'


# The Lua equivalent of the rate limiter's keying: Envoy's downstream address, its
# IP without the port ("[v6]:port" too), the shared-data key. The key is used (an
# impossible branch on it) so the work cannot be skipped.
LUA_SOURCE = r"""
function envoy_on_request(request_handle)
  local address = request_handle:streamInfo():downstreamRemoteAddress()
  local ip
  if string.byte(address, 1) == 91 then
    ip = string.match(address, "^%[(.-)%]")
  else
    ip = string.match(address, "^(.*):%d+$") or address
  end
  if ip == nil then
    request_handle:respond({[":status"] = "500"}, "no client address")
    return
  end
  local key = "ip-rate-limit:" .. ip
  if #key > 4096 then
    request_handle:respond({[":status"] = "500"}, "key too long")
  end
end
"""


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    http_filters: tuple[dict, ...] = ()



# -- Envoy configuration ----------------------------------------------------------------
def _loopback(port: int) -> dict:
    return {"socket_address": {"address": "127.0.0.1", "port_value": port}}


def _bootstrap(route_action: dict, http_filters: tuple[dict, ...], upstream_port: int | None) -> dict:
    router = {"name": "envoy.filters.http.router", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router"}}
    hcm = {"@type": "type.googleapis.com/envoy.extensions.filters.network"
                    ".http_connection_manager.v3.HttpConnectionManager",
           "stat_prefix": "ingress_http",
           "route_config": {"virtual_hosts": [{"name": "all", "domains": ["*"], "routes": [
               {"match": {"prefix": "/"}, **route_action}]}]},
           "http_filters": [*http_filters, router]}
    listener = {"name": "ingress", "address": _loopback(0), "filter_chains": [{"filters": [
        {"name": "envoy.filters.network.http_connection_manager", "typed_config": hcm}]}]}
    resources: dict = {"listeners": [listener]}
    if upstream_port is not None:
        resources["clusters"] = [{
            "name": "backend", "type": "STATIC", "connect_timeout": "2s",
            "load_assignment": {"cluster_name": "backend", "endpoints": [
                {"lb_endpoints": [{"endpoint": {"address": _loopback(upstream_port)}}]}]}}]
    return {"admin": {"address": _loopback(0)}, "static_resources": resources}


def backend_config() -> dict:
    return _bootstrap({"direct_response": {"status": 200, "body": {"inline_string": "ok\n"}}},
                      (), None)


def variant_config(variant: Variant, upstream_port: int) -> dict:
    return _bootstrap({"route": {"cluster": "backend"}}, variant.http_filters, upstream_port)


def wasm_filter(vm_id: str, wasm_path: Path, configuration: str = "") -> dict:
    return {"name": "envoy.filters.http.wasm", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
        "config": {"name": vm_id,
                   "configuration": {"@type": "type.googleapis.com/google.protobuf.StringValue",
                                     "value": configuration},
                   "vm_config": {"vm_id": vm_id, "runtime": "envoy.wasm.runtime.v8",
                                 "code": {"local": {"filename": str(wasm_path.resolve())}}}}}}


def local_ratelimit_filter() -> dict:
    everyone = {"default_value": {"numerator": 100, "denominator": "HUNDRED"}}
    return {"name": "envoy.filters.http.local_ratelimit", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        "stat_prefix": "bench_local_rate_limit",
        "token_bucket": {"max_tokens": 1_000_000_000, "tokens_per_fill": 1_000_000_000,
                         "fill_interval": "1s"},
        "filter_enabled": {"runtime_key": "bench_lrl_enabled", **everyone},
        "filter_enforced": {"runtime_key": "bench_lrl_enforced", **everyone}}}


def lua_filter() -> dict:
    return {"name": "envoy.filters.http.lua", "typed_config": {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua",
        "default_source_code": {"inline_string": LUA_SOURCE}}}


def build_wasm(workdir: Path, prebuilt: dict[str, Path] | None = None) -> dict[str, Path]:
    """noop.wat assembled, noop.py, noop_sdk.py and filter/main.py compiled by our compiler,
    the committed C limiter copied; those in `prebuilt` (same keys, built by the caller from
    the same sources) are reused."""
    import wasmtime
    from compiler import compile_file
    out = {"noop_wat": workdir / "noop_wat.wasm", "noop_py": workdir / "noop_py.wasm",
           "noop_sdk": workdir / "noop_sdk.wasm", "hostcalls_wat": workdir / "hostcalls_wat.wasm",
           "c_limiter": workdir / "c_limiter.wasm", "ratelimit": workdir / "main.wasm"}
    makers = {"noop_wat": lambda: wasmtime.wat2wasm((HERE / "wasm" / "noop.wat").read_text()),
              "hostcalls_wat": lambda: wasmtime.wat2wasm((HERE / "wasm" / "hostcalls.wat").read_text()),
              "noop_py": lambda: compile_file(HERE / "wasm" / "noop.py"),
              "noop_sdk": lambda: compile_file(HERE / "wasm" / "noop_sdk.py"),
              "c_limiter": C_LIMITER.read_bytes,
              "ratelimit": lambda: compile_file(ROOT / "filter" / "main.py")}
    for key, make in makers.items():
        out[key].write_bytes(prebuilt[key].read_bytes() if prebuilt and key in prebuilt else make())
    return out


def variants(wasm: dict[str, Path]) -> list[Variant]:
    """Every variant; `ratelimit_baseline` too when `wasm` has it (the rate limiter built
    from a baseline ref, bench/baseline.py: before and after side by side)."""
    extra = [Variant("ratelimit_baseline", "rate limiter (baseline)",
                     (wasm_filter("ip-rate-limit-baseline", wasm["ratelimit_baseline"], RATELIMIT_CONFIG),))
             ] if "ratelimit_baseline" in wasm else []
    return [
        Variant("none", "no filter"),
        Variant("none_copy", "no filter (copy)"),
        Variant("local_rl", "local_ratelimit", (local_ratelimit_filter(),)),
        Variant("lua", "Lua", (lua_filter(),)),
        Variant("noop_wat", "no-op WAT", (wasm_filter("noop-wat", wasm["noop_wat"]),)),
        Variant("noop_py", "no-op Python", (wasm_filter("noop-py", wasm["noop_py"]),)),
        Variant("noop_sdk", "no-op Python, SDK", (wasm_filter("noop-sdk", wasm["noop_sdk"]),)),
        Variant("hostcalls_wat", "host-call floor (WAT)",
                (wasm_filter("hostcalls-wat", wasm["hostcalls_wat"], RATELIMIT_CONFIG),)),
        Variant("c_limiter", "hand-written C limiter",
                (wasm_filter("c-limiter", wasm["c_limiter"], RATELIMIT_CONFIG),)),
        Variant("ratelimit", "rate limiter",
                (wasm_filter("ip-rate-limit", wasm["ratelimit"], RATELIMIT_CONFIG),)),
        *extra,
    ]
