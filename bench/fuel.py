"""Per-request wasm work in the host emulator: wasmtime fuel per callback, and memory.

Figures:
- fuel per proxy-wasm callback for one request that passes (a new client, and a
  client seen before) and one that is rejected (429), with the reference
  configuration ``{"ttlSecond": 60, "burst": 3}``;
- linear-memory pages after one million requests over one hundred thousand
  distinct clients (10 per client: 3 pass, 7 are rejected);
- `many_clients`: mean fuel of an allowed and of a limited request while the
  filter tracks many clients (bench/compare.py's before/after figure);
- `startup`: fuel from instantiation (the start function) through proxy_on_configure;
- `against_c`: `per_request` and `many_clients` of the hand-written C limiter
  (bench/c_limiter/limiter.wasm, the same job with the same host calls) beside ours'.

Every figure runs a module in the host emulator (``abi/emulator``, docs/emulator.md)
through the small interface below; `_adapter` is the one place that knows the
emulator's driver API (``Plugin.wasm``, ``http_request``, the VMs' fuel records), so
any module built for Envoy, ours or not, is measured the same way.
`available()` says why this part cannot run (the emulator's dependencies missing),
and bench/run.py then skips it with a printed note.
"""
from __future__ import annotations

import importlib.util
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

REFERENCE_CONFIG = b'{"ttlSecond": 60, "burst": 3}'
C_LIMITER = Path(__file__).resolve().parent / "c_limiter" / "limiter.wasm"  # bench/c_limiter/build.sh


@dataclass
class RequestOutcome:
    """One HTTP request through the emulated filter."""
    status: int              # 200: continued to the upstream; else the local reply's status
    fuel: dict[str, int]     # proxy-wasm callback name -> fuel it consumed, e.g.
                             # {"proxy_on_context_create": 120, "proxy_on_request_headers": 2900,
                             #  "proxy_on_done": 10, "proxy_on_log": 10, "proxy_on_delete": 10}


class EmulatedPlugin(Protocol):
    """A loaded and configured filter (root context created, proxy_on_configure returned true)."""

    def request(self, source_address: str) -> RequestOutcome:
        """A whole request's lifecycle from downstream `source_address` ("ip:port")."""

    def memory_pages(self) -> int:
        """Current size of the module's linear memory, in 64 KiB pages."""


def available() -> str | None:
    """None when this part can run, else why not (printed by bench/run.py)."""
    try:
        found = importlib.util.find_spec("abi.emulator") is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        return "abi.emulator is not importable (is the project installed: pip install -e .?)"
    try:
        _adapter()
    except (ImportError, NotImplementedError) as err:
        return f"abi.emulator does not offer what bench/fuel.py expects: {err}"
    return None


def _adapter():
    """(wasm, configuration) -> EmulatedPlugin over abi.emulator's driver (docs/emulator.md:
    Plugin.wasm, http_request(...).status/.fuel, vms[i].memory.size())."""
    from abi.emulator import Plugin

    class _Emulated:
        def __init__(self, wasm: bytes, configuration: bytes) -> None:
            self.plugin = Plugin.wasm(wasm, configuration=configuration)
            if not self.plugin.configured:
                raise RuntimeError(f"the filter refused {configuration!r}: {self.plugin.logs()}")

        def request(self, source_address: str) -> RequestOutcome:
            exchange = self.plugin.http_request(source_address=source_address)
            outcome = RequestOutcome(exchange.status, dict(exchange.fuel))
            for vm in self.plugin.vms:
                # The VM keeps every callback's fuel and name for tests to read; over a
                # million requests that is memory we do not need once read.
                vm.fuel_by_context.clear()
                vm.calls.clear()
            return outcome

        def memory_pages(self) -> int:
            return max(vm.memory.size() for vm in self.plugin.vms) // 65536

    return _Emulated


def load_plugin(wasm: bytes, configuration: bytes) -> EmulatedPlugin:
    return _adapter()(wasm, configuration)


def client_address(n: int) -> str:
    """The n-th distinct client, as Envoy gives `source.address`: 127.a.b.c:port."""
    return f"127.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}:{40000 + n % 20000}"


def per_request(wasm_path: Path) -> dict:
    """Fuel per callback: client 0's first request (new key), second (known key), and
    the first one over the burst."""
    plugin = load_plugin(wasm_path.read_bytes(), REFERENCE_CONFIG)
    first = plugin.request(client_address(0))
    second = plugin.request(client_address(0))
    plugin.request(client_address(0))
    rejected = plugin.request(client_address(0))
    if (first.status, second.status, rejected.status) != (200, 200, 429):
        raise RuntimeError(f"unexpected statuses {first.status}, {second.status}, {rejected.status}")
    fuel = {"passed_new_client": first.fuel, "passed_known_client": second.fuel,
            "rejected": rejected.fuel}
    return {"config": REFERENCE_CONFIG.decode(), "fuel": fuel,
            "fuel_total": {kind: sum(per_callback.values()) for kind, per_callback in fuel.items()}}


def many_clients(wasm_path: Path, clients: int = 1000, per_client: int = 5) -> dict:
    """Mean fuel of an allowed and of a limited request with the reference configuration
    (burst 3): `per_client` requests from each of `clients` addresses, round-robin, so the
    filter's table holds many clients while it works (3 pass per client, the rest are limited)."""
    plugin = load_plugin(wasm_path.read_bytes(), REFERENCE_CONFIG)
    fuel: dict[int, list[int]] = {}
    for _ in range(per_client):
        for n in range(clients):
            outcome = plugin.request(client_address(n))
            fuel.setdefault(outcome.status, []).append(sum(outcome.fuel.values()))
    if set(fuel) != {200, 429}:
        raise RuntimeError(f"unexpected statuses {sorted(fuel)}")
    return {"config": REFERENCE_CONFIG.decode(), "clients": clients, "requests_per_client": per_client,
            "allowed": round(sum(fuel[200]) / len(fuel[200])), "limited": round(sum(fuel[429]) / len(fuel[429])),
            "allowed_requests": len(fuel[200]), "limited_requests": len(fuel[429])}


def startup(wasm: bytes, configuration: bytes = REFERENCE_CONFIG) -> dict:
    """Fuel from instantiation (the module's start function: globals, set_root_context)
    through proxy_on_configure, per step. The emulator records fuel per callback; the
    start function runs inside wasmtime's instantiate, so its fuel is read here from the
    store right after it (a subclass of the emulator's runner; nothing else changes)."""
    from abi.emulator import Plugin
    from abi.emulator.runners.wasm import WasmInstance, WasmModule

    class Instance(WasmInstance):
        instantiation_fuel = 0

        def bind(self, vm) -> None:
            super().bind(vm)
            self.instantiation_fuel = self.module.fuel - self.store.get_fuel()

    class Module(WasmModule):
        def instantiate(self) -> Instance:
            return Instance(self)

    plugin = Plugin(Module(wasm), configuration=configuration)
    if not plugin.configured:
        raise RuntimeError(f"the filter refused {configuration!r}: {plugin.logs()}")
    [vm] = plugin.vms
    steps = {"instantiate": vm.instance.instantiation_fuel, **plugin.fuel}
    return {"fuel": steps, "total": sum(steps.values())}


def against_c(main_wasm: Path, clients: int = 1000) -> dict:
    """Ours and the hand-written C limiter in the same harness: per-callback fuel of the C
    module's requests (`per_request`), and `many_clients` of both (mean per allowed and
    per limited request) with ours ÷ C. Issue 12 aims at twice the C limiter's fuel."""
    ours, c = many_clients(main_wasm, clients), many_clients(C_LIMITER, clients)
    return {"module": str(C_LIMITER.relative_to(C_LIMITER.parents[2])), "bytes": len(C_LIMITER.read_bytes()),
            "per_request": per_request(C_LIMITER),
            "many_clients": {"ours": ours, "c": c,
                             "ours_over_c": {k: ours[k] / c[k] for k in ("allowed", "limited")}}}


def soak(wasm_path: Path, requests: int = 1_000_000, clients: int = 100_000,
         budget_seconds: float = 480.0) -> dict:
    """`requests` round-robin over `clients` in one fresh VM; memory pages before and after.
    Stops at `budget_seconds` (the whole benchmark must stay under 10 minutes) and says
    how far it got."""
    plugin = load_plugin(wasm_path.read_bytes(), REFERENCE_CONFIG)
    pages_start = plugin.memory_pages()
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    done = 0
    for done in range(1, requests + 1):
        outcome = plugin.request(client_address((done - 1) % clients))
        statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
        if done % 1000 == 0 and time.perf_counter() - start > budget_seconds:
            break
    return {"requests": done, "requests_planned": requests, "clients": clients,
            "stopped_at_budget": done < requests, "statuses": statuses,
            "pages_at_start": pages_start, "pages_after": plugin.memory_pages(),
            "seconds": time.perf_counter() - start}


def soak_command(wasm_path: Path, requests: int, clients: int, budget_seconds: float) -> list[str]:
    """The soak in its own process (bench/run.py runs it beside the Envoy part)."""
    return [sys.executable, "-m", "bench.fuel", "soak", str(wasm_path), str(requests),
            str(clients), str(budget_seconds)]


if __name__ == "__main__":
    import json
    if len(sys.argv) == 6 and sys.argv[1] == "soak":
        print(json.dumps(soak(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
                              float(sys.argv[5]))))
    elif len(sys.argv) == 3 and sys.argv[1] == "many":
        print(json.dumps(many_clients(Path(sys.argv[2])), indent=2))
    elif len(sys.argv) == 2:
        print(json.dumps(per_request(Path(sys.argv[1])), indent=2))
    else:
        sys.exit("usage: python -m bench.fuel MAIN.wasm | python -m bench.fuel many MAIN.wasm | "
                 "python -m bench.fuel soak MAIN.wasm REQUESTS CLIENTS BUDGET_SECONDS")
