"""The worked examples of docs/emulator.md run as written."""
import re

from conftest import ROOT


def test_docs_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "emulator.md").read_text(), re.S)
    assert len(blocks) == 2
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "docs/emulator.md", "exec"), namespace)
    assert namespace["plugin"].http_request(source_address="10.0.0.1:1").status == 429
