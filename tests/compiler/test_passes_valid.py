"""Every IR pass leaves a valid module (ir.validate) on every program the tests compile."""
from pathlib import Path

import pytest

from compiler import pipeline
from differential import compiled

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = [ROOT / "filter" / "main.py", *sorted((ROOT / "tests" / "compiler").glob("programs*/*.py")),
            *sorted((ROOT / "tests" / "sdk" / "filters").glob("*.py"))]


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_pass_leaves_a_valid_module(path: Path) -> None:
    """The differential tests' compile of the program (differential.compiled: one per process)
    validated the IR after each pass."""
    passes = compiled(path).passes
    assert [name for name, _ in passes] == pipeline.pass_names()
    for name, problems in passes:
        assert problems == [], f"{path.name} after {name}"


def test_the_list_covers_the_programs() -> None:
    assert len(PROGRAMS) > 30 and (ROOT / "filter" / "main.py") in PROGRAMS
