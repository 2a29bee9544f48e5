"""Who a NetworkPolicy admits, by the rules of the Kubernetes API (networking.k8s.io/v1).

For ingress rules built from pod and namespace selectors only: an `ipBlock` peer is
refused rather than guessed at (the manifests use none). The tests ask this, for
many (namespace, Pod, port) probes, whether a connection to our Pod is allowed,
so a rule that leaves out `from` (everyone) or `ports` (every port) shows up as the
open door it is instead of passing a shape check.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class UnsupportedPolicy(Exception):
    pass


@dataclass(frozen=True)
class Peer:
    """A connecting Pod: its namespace's labels and its own labels."""
    namespace: str
    namespace_labels: dict = field(default_factory=dict)
    pod_labels: dict = field(default_factory=dict)

    def all_namespace_labels(self) -> dict:
        # The API server sets this label on every namespace (Kubernetes >= 1.21).
        return {**self.namespace_labels, "kubernetes.io/metadata.name": self.namespace}


def selects(selector: dict, labels: dict) -> bool:
    """A LabelSelector: matchLabels and matchExpressions all hold (an empty one selects all)."""
    if any(labels.get(key) != value for key, value in selector.get("matchLabels", {}).items()):
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        values = expression.get("values", [])
        held = {"In": key in labels and labels[key] in values,
                "NotIn": key not in labels or labels[key] not in values,
                "Exists": key in labels, "DoesNotExist": key not in labels}[operator]
        if not held:
            return False
    return True


def _peer_matches(entry: dict, peer: Peer, policy_namespace: str) -> bool:
    if "ipBlock" in entry:
        raise UnsupportedPolicy("ipBlock peers are not evaluated here")
    if "namespaceSelector" in entry:
        namespace_ok = selects(entry["namespaceSelector"], peer.all_namespace_labels())
    else:  # podSelector alone: Pods of the policy's own namespace
        namespace_ok = peer.namespace == policy_namespace
    return namespace_ok and selects(entry.get("podSelector", {}), peer.pod_labels)


def _port_matches(rule: dict, port: int) -> bool:
    if not rule.get("ports"):  # absent or empty: every port
        return True
    for entry in rule["ports"]:
        if entry.get("protocol", "TCP") != "TCP" or not isinstance(entry.get("port"), int):
            raise UnsupportedPolicy(f"only numeric TCP ports are evaluated here: {entry}")
        if entry["port"] <= port <= entry.get("endPort", entry["port"]):
            return True
    return False


def admits(policy: dict, policy_namespace: str, target_labels: dict, peer: Peer,
           port: int) -> bool:
    """May `peer` open a TCP connection to `port` of a Pod labelled `target_labels`?

    Only this policy is considered: a Pod it does not select (or a policy without an
    Ingress type) is unrestricted by it, so that counts as admitted.
    """
    spec = policy["spec"]
    types = spec.get("policyTypes", ["Ingress"])
    if "Ingress" not in types or not selects(spec["podSelector"], target_labels):
        return True
    return any(_port_matches(rule, port)
               and (not rule.get("from")
                    or any(_peer_matches(e, peer, policy_namespace) for e in rule["from"]))
               for rule in spec.get("ingress", []))
