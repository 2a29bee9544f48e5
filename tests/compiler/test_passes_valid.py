"""Every IR pass leaves a valid module (ir.validate) on every program the tests compile."""
from pathlib import Path

import pytest

from compiler import ir, pipeline

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = [ROOT / "filter" / "main.py", *sorted((ROOT / "tests" / "compiler").glob("programs*/*.py")),
            *sorted((ROOT / "tests" / "sdk" / "filters").glob("*.py"))]


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_pass_leaves_a_valid_module(path: Path) -> None:
    seen: list[str] = []

    def observe(name: str, module: ir.Module) -> None:
        assert ir.validate(module) == [], f"{path.name} after {name}"
        seen.append(name)
    pipeline.compile_to_ir(path, observe=observe)
    assert seen == pipeline.pass_names()


def test_the_list_covers_the_programs() -> None:
    assert len(PROGRAMS) > 30 and (ROOT / "filter" / "main.py") in PROGRAMS
