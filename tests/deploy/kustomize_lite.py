"""Render envoy/k8s the way `kustomize build` does, for exactly the features it uses.

There is no kustomize binary on PyPI, so CI cannot count on one. This renders:
  - `resources:` (files of this directory, multi-document YAML, or another
    kustomization directory: a base, e.g. `../` for an overlay),
  - `configMapGenerator:` with `files:` (`key=path` or `path`): text files go to
    `data`, files that are not valid UTF-8 to `binaryData` (base64), and the name
    gets kustomize's content-hash suffix; `behavior: replace` replaces a base's
    generator of the same name,
  - `replicas:` (`name`, `count`) on Deployments,
  - the name references kustomize then rewrites for those ConfigMaps: Pod-template
    `volumes[].configMap.name`,
  - `components:` (directories of `kind: Component`, applied in order after the
    resources and generators), whose only feature is `patches:` with a `target`
    (kind and exact name) and an inline JSON 6902 `patch` (add, replace, remove).
Anything else in the kustomization, or another kind of ConfigMap reference, is an
error rather than something silently ignored. Like kustomize's default load
restrictor, files must resolve (symlinks followed) inside the kustomization dir.

When a real kustomize (`kubectl kustomize`) is on the machine, the tests compare
its output with this one's. The hash suffix matches kustomize's for text-only
ConfigMaps; for binaryData ones it does not (kustomize hashes some encoding of
them this does not reproduce), so the comparison ignores suffixes and the tests
check instead that each suffixed name is the one the Deployment mounts.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import json
from pathlib import Path

import yaml

SUPPORTED_KEYS = {"apiVersion", "kind", "resources", "configMapGenerator", "components", "replicas"}
COMPONENT_KEYS = {"apiVersion", "kind", "patches"}
GENERATOR_KEYS = {"name", "files", "behavior"}
PATCH_KEYS, TARGET_KEYS = {"target", "patch"}, {"kind", "name"}
OPERATIONS = {"add", "replace", "remove"}
POD_TEMPLATE_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}


class KustomizeError(Exception):
    pass


def _inside(root: Path, relative: str) -> Path:
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise KustomizeError(f"security; file '{path}' is not in or below '{root}'")
    if not path.is_file():
        raise KustomizeError(f"{relative}: no such file in {root}")
    return path


def _go_json(value: object) -> str:
    """json.Marshal as Go writes it: sorted keys, no spaces, HTML characters escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _base64_lines(content: bytes) -> str:
    """Base64 as kustomize writes it: one line, or lines of 70 characters each ending in \\n."""
    text = base64.b64encode(content).decode()
    if len(text) < 70:
        return text
    return "".join(text[i:i + 70] + "\n" for i in range(0, len(text), 70))


def config_map_hash(config_map: dict) -> str:
    """kustomize's ConfigMap name suffix (api/hasher): sha256 of a JSON encoding, 10 chars.

    The encoded "name" is empty: kubectl kustomize v5.5 hashes the generated map
    that way (checked against it: `c-6gc9d749f7` for a file `x` holding `y`).
    """
    encoded: dict = {"kind": "ConfigMap", "name": "", "data": config_map.get("data", {})}
    if config_map.get("binaryData"):
        encoded["binaryData"] = config_map["binaryData"]
    digest = hashlib.sha256(_go_json(encoded).encode()).hexdigest()[:10]
    return digest.translate(str.maketrans("013ae", "ghkmt"))


def generate_config_map(root: Path, generator: dict) -> dict:
    unknown = set(generator) - GENERATOR_KEYS
    if unknown:
        raise KustomizeError(f"configMapGenerator: unsupported keys {sorted(unknown)}")
    if generator.get("behavior", "create") not in ("create", "replace"):
        raise KustomizeError(f"configMapGenerator: unsupported behavior {generator['behavior']!r}")
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for entry in generator["files"]:
        key, _, relative = entry.rpartition("=")
        key = key or Path(relative).name
        content = _inside(root, relative).read_bytes()
        try:
            data[key] = content.decode("utf-8")
        except UnicodeDecodeError:
            binary[key] = _base64_lines(content)
    config_map: dict = {"apiVersion": "v1", "kind": "ConfigMap",
                        "metadata": {"name": generator["name"]}}
    if data:
        config_map["data"] = data
    if binary:
        config_map["binaryData"] = binary
    config_map["metadata"]["name"] = f"{generator['name']}-{config_map_hash(config_map)}"
    return config_map


def _rewrite_references(resource: dict, names: dict[str, str]) -> None:
    if resource.get("kind") not in POD_TEMPLATE_KINDS:
        return
    pod = resource["spec"]["template"]["spec"]
    for volume in pod.get("volumes", []):
        if "configMap" in volume and volume["configMap"]["name"] in names:
            volume["configMap"]["name"] = names[volume["configMap"]["name"]]
        if "projected" in volume:
            raise KustomizeError("projected volumes are not supported by this renderer")
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        text = json.dumps([container.get("env", []), container.get("envFrom", [])])
        if "configMapRef" in text or "configMapKeyRef" in text:
            raise KustomizeError("ConfigMap references in env are not supported by this renderer")


def _pointer(path: str) -> list[str]:
    """A JSON pointer (RFC 6901) as its unescaped reference tokens."""
    if not path.startswith("/"):
        raise KustomizeError(f"JSON patch path {path!r} does not start with '/'")
    return [token.replace("~1", "/").replace("~0", "~") for token in path[1:].split("/")]


def _index(container: list, token: str, appending: bool) -> int:
    if appending and token == "-":
        return len(container)
    if not token.isdigit() or int(token) > len(container) - (0 if appending else 1):
        raise KustomizeError(f"JSON patch: no index {token!r} in a list of {len(container)}")
    return int(token)


def apply_json_patch(document: dict, operations: list[dict]) -> None:
    """RFC 6902 add, replace and remove on `document`, in place."""
    for operation in operations:
        op = operation.get("op")
        if op not in OPERATIONS:
            raise KustomizeError(f"JSON patch: unsupported op {op!r}")
        *parents, last = _pointer(operation["path"])
        node: object = document
        for token in parents:
            if not isinstance(node, list) and token not in node:
                raise KustomizeError(f"JSON patch: no {token!r} in {operation['path']!r}")
            node = node[_index(node, token, False)] if isinstance(node, list) else node[token]
        if isinstance(node, list):
            at = _index(node, last, op == "add")
            if op != "add":
                del node[at]
            if op != "remove":
                node.insert(at, copy.deepcopy(operation["value"]))
        elif op != "add" and last not in node:
            raise KustomizeError(f"JSON patch: {op} of missing {operation['path']!r}")
        elif op == "remove":
            del node[last]
        else:
            node[last] = copy.deepcopy(operation["value"])


def apply_component(root: Path, relative: str, resources: list[dict]) -> None:
    directory = (root / relative).resolve()
    component = yaml.safe_load((directory / "kustomization.yaml").read_text())
    unknown = set(component) - COMPONENT_KEYS
    if unknown or component.get("kind") != "Component":
        raise KustomizeError(f"{relative}: not a Component of patches only ({sorted(unknown)})")
    for patch in component.get("patches", []):
        target = patch.get("target", {})
        if set(patch) != PATCH_KEYS or set(target) != TARGET_KEYS:
            raise KustomizeError(f"{relative}: patches need a target kind and name, inline patch")
        matches = [r for r in resources if r["kind"] == target["kind"]
                   and r["metadata"]["name"] == target["name"]]
        if not matches:
            raise KustomizeError(f"{relative}: no {target['kind']} named {target['name']!r}")
        for resource in matches:
            apply_json_patch(resource, yaml.safe_load(patch["patch"]))


def collect(root: Path) -> tuple[list[dict], list[tuple[Path, dict]], list[tuple[Path, str]]]:
    """The resources, ConfigMap generators and components (each with its directory) of
    ``root`` and its bases, in kustomize's order."""
    kustomization = yaml.safe_load((root / "kustomization.yaml").read_text())
    unknown = set(kustomization) - SUPPORTED_KEYS
    if unknown:
        raise KustomizeError(f"kustomization: unsupported keys {sorted(unknown)}")
    resources: list[dict] = []
    generators: list[tuple[Path, dict]] = []
    components: list[tuple[Path, str]] = []
    for relative in kustomization.get("resources", []):
        if (root / relative / "kustomization.yaml").is_file():  # a base: may lie outside root
            base = collect((root / relative).resolve())
            resources.extend(base[0])
            generators.extend(base[1])
            components.extend(base[2])
            continue
        text = _inside(root, relative).read_text()
        resources.extend(doc for doc in yaml.safe_load_all(text) if doc)
    for generator in kustomization.get("configMapGenerator", []):
        same = [i for i, (_, known) in enumerate(generators) if known["name"] == generator["name"]]
        if generator.get("behavior") == "replace":
            if not same:
                raise KustomizeError(f"configMapGenerator {generator['name']}: nothing to replace")
            generators[same[0]] = (root, generator)
        elif same:
            raise KustomizeError(f"configMapGenerator {generator['name']}: already defined")
        else:
            generators.append((root, generator))
    for replica in kustomization.get("replicas", []):
        targets = [r for r in resources if r.get("kind") == "Deployment"
                   and r["metadata"]["name"] == replica["name"]]
        if not targets:
            raise KustomizeError(f"replicas: no Deployment {replica['name']}")
        for target in targets:
            target["spec"]["replicas"] = replica["count"]
    components.extend((root, relative) for relative in kustomization.get("components", []))
    return resources, generators, components


def render(root: str | Path) -> list[dict]:
    """The resources `kustomize build root` prints (order aside)."""
    resources, generators, components = collect(Path(root))
    generated = [generate_config_map(directory, generator) for directory, generator in generators]
    names = {generator["name"]: config_map["metadata"]["name"]
             for (_, generator), config_map in zip(generators, generated)}
    for resource in resources:
        _rewrite_references(resource, names)
    for directory, relative in components:
        apply_component(directory, relative, generated + resources)
    return generated + resources
