"""The README's "Writing your own filter" example, run as written: the filter block is saved as
my_filter.py and the test block runs against it (both runners)."""
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_filter_example_works_as_written(tmp_path):
    section = ROOT.joinpath("README.md").read_text().split("## Writing your own filter", 1)[1]
    filter_code, test_code = re.findall(r"```python\n(.*?)```", section, re.S)[:2]
    (tmp_path / "my_filter.py").write_text(filter_code)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(test_code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
