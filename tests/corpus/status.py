"""Compile every filter of the corpus (tests/corpus/filters/) and print a table: the filter,
whether it compiles, and for a failure the first error on one line (file:line:col: message).
A compiler crash is an "internal error" row, never a crash of this script.

    python -m tests.corpus.status            # a Markdown table
    python tests/corpus/status.py
    python -m tests.corpus.status --readme   # ... also written into tests/corpus/README.md
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FILTERS = HERE / "filters"
BEGIN, END = "<!-- status: begin -->", "<!-- status: end -->"
if str(ROOT) not in sys.path:  # run as a script: the project root holds `compiler`
    sys.path.insert(0, str(ROOT))

from compiler import CompileError, compile_file  # noqa: E402


@dataclass
class Outcome:
    name: str
    wasm: bytes | None  # the module when it compiles
    error: str  # "" when it compiles; else the first error, one line

    @property
    def compiles(self) -> bool:
        return self.wasm is not None


def filter_names() -> list[str]:
    return sorted(p.stem for p in FILTERS.glob("*.py") if not p.name.startswith("_"))


def first_error(err: CompileError) -> str:
    """``file:line:col: message`` of the first diagnostic, relative to the project root."""
    if not err.diagnostics:
        return str(err).splitlines()[0] if str(err) else "compile error without a diagnostic"
    diag = err.diagnostics[0]
    path = Path(diag.loc.path)
    try:
        path = path.resolve().relative_to(ROOT)
    except ValueError:
        pass
    return f"{path}:{diag.loc.line}:{diag.loc.col + 1}: {diag.message}"


def compile_one(name: str, folder: Path = FILTERS) -> Outcome:
    try:
        return Outcome(name, compile_file(folder / f"{name}.py"), "")
    except CompileError as err:
        return Outcome(name, None, first_error(err))
    except BaseException as err:  # noqa: B036 - a compiler bug is a row, not a crash
        if isinstance(err, KeyboardInterrupt):
            raise
        return Outcome(name, None, f"internal error: {type(err).__name__}: {err}".splitlines()[0])


def compile_all() -> list[Outcome]:
    return [compile_one(name) for name in filter_names()]


def table(outcomes: list[Outcome]) -> str:
    rows = ["| filter | compiles | first error |", "|---|---|---|"]
    for o in outcomes:
        error = o.error.replace("|", "\\|")
        rows.append(f"| {o.name} | {'yes' if o.compiles else 'no'} | {f'`{error}`' if error else ''} |")
    done = sum(o.compiles for o in outcomes)
    rows.append("")
    rows.append(f"{done} of {len(outcomes)} filters compile.")
    return "\n".join(rows)


def update_readme(text: str) -> None:
    readme = HERE / "README.md"
    before, rest = readme.read_text().split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}")


def main(argv: list[str]) -> int:
    text = table(compile_all())
    print(text)
    if "--readme" in argv:
        update_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
