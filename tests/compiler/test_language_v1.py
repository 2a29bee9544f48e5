"""Differential tests for the v1 language (classes, lists, tuples, Optional, floats): CPython vs wasm."""
import ast
from pathlib import Path

import pytest

from differential import assert_same, compiled

PROGRAMS = Path(__file__).parent / "programs_v1"
ARGS = [(0, 0), (1, 2), (3, 5), (7, -2), (-4, 3), (10, 1), (2 ** 40, 3), (-(2 ** 62), 2)]


def exports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text())
    return [(f.name, len(f.args.args)) for f in tree.body
            if isinstance(f, ast.FunctionDef) and any(getattr(d, "id", "") == "export" for d in f.decorator_list)]


CASES = [(path, name, arity) for path in sorted(PROGRAMS.glob("*.py")) for name, arity in exports(path)]


@pytest.mark.parametrize("path,name,arity", CASES, ids=[f"{p.name}::{n}" for p, n, _ in CASES])
def test_v1_export_matches_cpython(path, name, arity):
    if path.name == "strings_dicts.py":  # sizes follow the argument: keep it small
        for n in (0, 1, 3, 5, 9, -2):
            assert_same(path, name, *(n,) * arity)
        return
    for args in ARGS:
        small = tuple(a if abs(a) < 64 or name not in ("isinstance_counts", "linked_list", "comprehension_filter",
                                                       "zip_loop", "allocate_and_drop") else 5 for a in args)
        assert_same(path, name, *small[:arity])
