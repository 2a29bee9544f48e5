"""kustomize_lite's JSON 6902 patches and components (the rendered variants themselves are
compared with a real kustomize in test_manifests.py, where kubectl is on the machine)."""
from __future__ import annotations

import pytest

import kustomize_lite
from kustomize_lite import KustomizeError, apply_json_patch


# RFC 6902, appendix A: (document, patch, result) for the operations supported.
RFC_EXAMPLES = [
    ({"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}],
     {"baz": "qux", "foo": "bar"}),                                                    # A.1
    ({"foo": ["bar", "baz"]}, [{"op": "add", "path": "/foo/1", "value": "qux"}],
     {"foo": ["bar", "qux", "baz"]}),                                                  # A.2
    ({"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}], {"foo": "bar"}),  # A.3
    ({"foo": ["bar", "qux", "baz"]}, [{"op": "remove", "path": "/foo/1"}],
     {"foo": ["bar", "baz"]}),                                                         # A.4
    ({"baz": "qux", "foo": "bar"}, [{"op": "replace", "path": "/baz", "value": "boo"}],
     {"baz": "boo", "foo": "bar"}),                                                    # A.5
    ({"foo": ["bar"]}, [{"op": "add", "path": "/foo/-", "value": ["abc", "def"]}],
     {"foo": ["bar", ["abc", "def"]]}),                                                # A.16
    ({"m": {"a/b": 1, "c~d": 2}}, [{"op": "replace", "path": "/m/a~1b", "value": 3},
                                   {"op": "remove", "path": "/m/c~0d"}], {"m": {"a/b": 3}}),
]


@pytest.mark.parametrize("document, patch, result", RFC_EXAMPLES)
def test_json_patch_follows_the_rfc_examples(document, patch, result):
    apply_json_patch(document, patch)
    assert document == result


@pytest.mark.parametrize("document, operation", [
    ({"foo": "bar"}, {"op": "replace", "path": "/baz", "value": 1}),    # A.12: no such member
    ({"foo": ["bar"]}, {"op": "add", "path": "/foo/2", "value": 1}),   # past the end
    ({"foo": {}}, {"op": "add", "path": "/bar/baz", "value": 1}),      # A.12: no parent
    ({"foo": 1}, {"op": "move", "from": "/foo", "path": "/bar"}),      # not supported here
    ({"foo": 1}, {"op": "add", "path": "foo", "value": 1}),            # not a pointer
])
def test_json_patch_refuses_what_it_cannot_do(document, operation):
    with pytest.raises(KustomizeError):
        apply_json_patch(document, [operation])


def write(directory, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "kustomization.yaml").write_text(text)


def test_a_component_patch_that_matches_nothing_is_an_error(tmp_path):
    (tmp_path / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")
    write(tmp_path, "resources: [cm.yaml]\ncomponents: [c]\n")
    write(tmp_path / "c", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                          "patches:\n- target: {kind: ConfigMap, name: b}\n"
                          "  patch: '[{op: add, path: /data, value: {}}]'\n")
    with pytest.raises(KustomizeError, match="no ConfigMap named 'b'"):
        kustomize_lite.render(tmp_path)


def test_a_component_with_other_features_is_refused(tmp_path):
    write(tmp_path, "components: [c]\n")
    write(tmp_path / "c", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                          "resources: [x.yaml]\n")
    with pytest.raises(KustomizeError, match="not a Component of patches only"):
        kustomize_lite.render(tmp_path)
