"""Fixtures for the deployment tests: the built module, envoy/k8s rendered, Envoy runs.

tests/e2e's harness (recording backend, per-source-IP client) and this directory's
kustomize renderer are imported as top-level modules; demo.py (project root, on
sys.path through tests/conftest.py) starts and always reaps Envoy.
"""
from __future__ import annotations

import base64
import contextlib
import shutil
import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
for path in (HERE, ROOT / "tests" / "e2e"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import demo  # noqa: E402
import kustomize_lite  # noqa: E402
from deploy_support import K8S, enable_components, find  # noqa: E402
from envoy_harness import Backend, running_backend  # noqa: E402



@pytest.fixture(scope="session")
def k8s_dir(tmp_path_factory: pytest.TempPathFactory, filter_wasm: Path) -> Path:
    """The committed envoy/k8s plus the freshly built main.wasm, as a user would have it."""
    target = tmp_path_factory.mktemp("k8s") / "k8s"
    shutil.copytree(K8S, target, ignore=shutil.ignore_patterns("main.wasm"))
    shutil.copy(filter_wasm, target / "main.wasm")
    return target


@pytest.fixture(scope="session")
def rendered(k8s_dir: Path) -> list[dict]:
    return kustomize_lite.render(k8s_dir)


@pytest.fixture(scope="session")
def variant_dir(k8s_dir: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Callable[[tuple[str, ...]], Path]:
    """`variant_dir(("ingress-istio",))`: a copy of k8s_dir with those components enabled
    in kustomization.yaml (uncommented, as a user would)."""
    made: dict[tuple[str, ...], Path] = {}

    def make(components: tuple[str, ...]) -> Path:
        if components not in made:
            target = tmp_path_factory.mktemp("variant") / "k8s"
            shutil.copytree(k8s_dir, target)
            path = target / "kustomization.yaml"
            path.write_text(enable_components(path.read_text(), components))
            made[components] = target
        return made[components]
    return make


@pytest.fixture(scope="session")
def configmap_config(rendered: list[dict]) -> dict:
    """envoy.yaml as Envoy reads it in the Pod: out of the generated ConfigMap."""
    return yaml.safe_load(find(rendered, "ConfigMap", "envoy-config-")["data"]["envoy.yaml"])


@pytest.fixture(scope="session")
def configmap_wasm(rendered: list[dict], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main.wasm as Envoy reads it in the Pod: decoded from the ConfigMap's binaryData."""
    data = find(rendered, "ConfigMap", "ip-rate-limit-wasm-")["binaryData"]["main.wasm"]
    out = tmp_path_factory.mktemp("from-configmap") / "main.wasm"
    out.write_bytes(base64.b64decode(data))
    return out


@pytest.fixture
def backend() -> Iterator[Backend]:
    with running_backend() as server:
        yield server


@pytest.fixture
def serve(backend: Backend, tmp_path: Path) -> Iterator[Callable[..., demo.EnvoyProcess]]:
    """`serve(config, wasm, concurrency=2)`: a ready Envoy on kernel-chosen loopback ports
    running `config` (only ports and the wasm path rewritten) in front of `backend`;
    stopped and reaped after the test, pass or fail."""
    with contextlib.ExitStack() as stack:
        count = 0

        def start(config: dict, wasm: Path, concurrency: int = 2) -> demo.EnvoyProcess:
            nonlocal count
            workdir = tmp_path / f"envoy-{count}"
            workdir.mkdir()
            count += 1
            local = demo.localize(config, wasm_path=wasm, port=0, admin_port=0,
                                  backend_port=backend.port)
            return stack.enter_context(demo.running_envoy(local, workdir, concurrency))
        yield start
