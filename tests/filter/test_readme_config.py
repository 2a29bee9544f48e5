"""The README's configuration section matches the filter: every key the filter knows (the
global block's too) has a row in the table, and every example configuration is accepted."""
import json
from pathlib import Path

from config import GLOBAL_KEYS, KNOWN_KEYS, read_config

SECTION = (Path(__file__).resolve().parents[2] / "README.md").read_text().split(
    "## The rate limiter: configuration", 1)[1].split("\n## ", 1)[0]


def test_every_key_has_a_row():
    rows = {line.split("|")[1].strip().strip("`") for line in SECTION.splitlines() if line.startswith("| `")}
    assert set(KNOWN_KEYS) | {f"global.{key}" for key in GLOBAL_KEYS} <= rows


def test_every_example_is_accepted():
    examples = SECTION.split("Examples:", 1)[1].split("```json", 1)[1].split("```", 1)[0].strip().splitlines()
    assert any('"global"' in line for line in examples)
    for line in examples:
        json.loads(line)
        assert read_config(line.encode()).error == "", line
