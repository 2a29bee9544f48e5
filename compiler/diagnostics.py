"""Located compile errors: the only way the compiler reports a problem.

Every rejected program ends in ``CompileError`` carrying ``Diagnostic`` values.
A diagnostic knows the file, line and column of the construct at fault, says
what is wrong and, where we know it, what to write instead (``help``). It
renders as ``path:line:col: error: message`` followed by the source line, a
caret underline and the help line, so editors and humans can both jump to it.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Loc", "Diagnostic", "CompileError", "loc_of"]


@dataclass(frozen=True)
class Loc:
    """A position in a source file: ``line`` 1-based, ``col`` 0-based (as ``ast``)."""

    path: str
    line: int
    col: int
    end_col: int | None = None
    source_line: str = ""


def loc_of(path: str, source: str, py_node: py_ast.AST | None) -> Loc:
    """The location of a CPython AST node (or of the file start)."""
    line = getattr(py_node, "lineno", 1) or 1
    col = getattr(py_node, "col_offset", 0) or 0
    end_col = getattr(py_node, "end_col_offset", None)
    if getattr(py_node, "end_lineno", line) != line:
        end_col = None
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return Loc(path, line, col, end_col, text)


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where, what, and what to write instead."""

    loc: Loc
    message: str
    help: str = ""
    level: str = "error"

    def render(self) -> str:
        """``path:line:col: error: message`` + source line + carets + help (columns 1-based)."""
        loc = self.loc
        out = [f"{loc.path}:{loc.line}:{loc.col + 1}: {self.level}: {self.message}"]
        if loc.source_line:
            width = max(1, (loc.end_col or len(loc.source_line.rstrip())) - loc.col)
            out.append(f"    {loc.source_line.rstrip()}")
            out.append("    " + " " * loc.col + "^" * width)
        if self.help:
            out.append(f"help: {self.help}")
        return "\n".join(out)


class CompileError(Exception):
    """Raised with every diagnostic found; ``str()`` is the rendered report."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def display_path(path: Path) -> str:
    """A path relative to the working directory when possible (what editors expect)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
