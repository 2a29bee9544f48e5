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
