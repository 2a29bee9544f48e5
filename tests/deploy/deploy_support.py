"""Paths and small helpers shared by tests/deploy (a module of its own: `conftest` is
ambiguous when tests/e2e's conftest is imported in the same run)."""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
K8S = ROOT / "envoy" / "k8s"
FIXTURES = HERE / "fixtures"


def find(resources: list[dict], kind: str, name_prefix: str = "") -> dict:
    """The one resource of `kind` whose name starts with `name_prefix`."""
    [match] = [r for r in resources
               if r["kind"] == kind and r["metadata"]["name"].startswith(name_prefix)]
    return match


# The kustomize components of envoy/k8s, as combinations a user enables, and what each
# must let through its NetworkPolicy: {port: the namespaces admitted}, from the probe
# namespaces of test_network_policy.py. Port 10000 trusts X-Forwarded-For (ingress
# listener), port 10001 does not (direct listener).
VARIANTS: dict[tuple[str, ...], dict[int, set[str]]] = {
    (): {10000: {"ingress-nginx"}},
    ("ingress-higress",): {10000: {"higress-system"}},
    ("ingress-istio",): {10000: {"istio-system"}},
    ("ingress-labelled",): {10000: {"team-ingress"}},
    ("direct-callers",): {10000: {"ingress-nginx"}, 10001: {"team-caller"}},
    ("ingress-istio", "direct-callers"): {10000: {"istio-system"}, 10001: {"team-caller"}},
}


def variant_id(components: tuple[str, ...]) -> str:
    return "+".join(components) or "default"


def enable_components(kustomization: str, components: tuple[str, ...]) -> str:
    """kustomization.yaml with `components:` and the given lines uncommented, as its
    comment tells a user to do."""
    lines = kustomization.splitlines(keepends=True)
    wanted = ["# components:"] + [f"# - components/{name} " for name in components]
    for prefix in wanted if components else []:
        [at] = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        lines[at] = lines[at][2:]
    return "".join(lines)
