"""Each program's differential tests and its pass validation run on one xdist worker: the
program is then compiled once in the suite (differential.compiled), not once per worker."""
from __future__ import annotations

from pathlib import Path

import pytest

GROUPED = ("test_differential.py", "test_passes_valid.py")


def program_of(item: pytest.Item) -> str | None:
    params = getattr(getattr(item, "callspec", None), "params", {})
    for key in ("export", "path", "file"):
        value = params.get(key)
        if value is not None:
            return Path(getattr(value, "path", value)).name
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in GROUPED and program_of(item) is not None:
            item.add_marker(pytest.mark.xdist_group(f"program:{program_of(item)}"))
