"""The wasm-level IR between lowering and emission.

Problem: the lowering pass must not care about wasm indices or byte layout, and
the emitter must not care about Python. The IR is the contract between them:
functions whose bodies are flat lists of instructions in WAT order, where every
reference is *symbolic* — locals by name, functions/globals by symbol, branch
targets by label name. Only the emitter turns symbols into indices.

Instruction form: a tuple ``(mnemonic, *immediates)``; the mnemonic and the kinds
of its immediates come from ``wasm/opcodes.py``, the one opcode table.
Structured instructions carry a label: ``("block", "L3", None)``, ``("loop",
"L4", None)``, ``("if", "L5", "i64")`` (the last item is the block result type
or ``None``), closed by ``("end",)``; ``("br", "L3")`` names the label to leave.
"""
from __future__ import annotations

from dataclasses import dataclass, field

Instr = tuple  # (mnemonic, *immediates)

VALTYPES = ("i32", "i64", "f32", "f64")
ZERO = {"i32": ("i32.const", 0), "i64": ("i64.const", 0), "f32": ("f32.const", 0.0), "f64": ("f64.const", 0.0)}


@dataclass
class Function:
    symbol: str
    params: list[tuple[str, str]]
    results: list[str]
    locals: list[tuple[str, str]] = field(default_factory=list)
    body: list[Instr] = field(default_factory=list)
    export: str | None = None


@dataclass
class Import:
    symbol: str
    module: str
    name: str
    params: list[str]
    results: list[str]


@dataclass
class Global:
    symbol: str
    valtype: str
    mutable: bool
    init: int | float


@dataclass
class Module:
    """A whole program. ``data`` is placed at ``data_base`` in memory 0."""

    functions: dict[str, Function] = field(default_factory=dict)
    imports: dict[str, Import] = field(default_factory=dict)
    globals: dict[str, Global] = field(default_factory=dict)
    data: bytearray = field(default_factory=bytearray)
    data_base: int = 1024
    memory_pages: int = 2
    memory_export: str = "memory"
    start: str | None = None  # function run when the module is instantiated


def validate(module: Module) -> list[str]:
    """Structural checks run between stages in tests: every symbol resolves,
    labels nest and never shadow an enclosing label, locals exist. Returns a list of problems (empty when valid)."""
    from .wasm.opcodes import OPCODES

    problems: list[str] = []
    callables = set(module.functions) | set(module.imports)
    for fn in module.functions.values():
        names = {n for n, _ in fn.params} | {n for n, _ in fn.locals}
        labels: list[str] = []
        for instr in fn.body:
            op = instr[0]
            if op not in OPCODES:
                problems.append(f"{fn.symbol}: unknown instruction {op}")
                continue
            kinds = OPCODES[op].immediates
            for kind, value in zip(kinds, instr[1:]):
                if kind == "local" and value not in names:
                    problems.append(f"{fn.symbol}: unknown local {value}")
                elif kind == "func" and value not in callables:
                    problems.append(f"{fn.symbol}: unknown function {value}")
                elif kind == "global" and value not in module.globals:
                    problems.append(f"{fn.symbol}: unknown global {value}")
                elif kind == "label" and value not in labels:
                    problems.append(f"{fn.symbol}: branch to {value} outside its block")
            if op in ("block", "loop", "if"):
                if instr[1] in labels:  # the emitter resolves a name to the outermost block
                    problems.append(f"{fn.symbol}: label {instr[1]} shadows an enclosing one")
                labels.append(instr[1])
            elif op == "end":
                if not labels:
                    problems.append(f"{fn.symbol}: unbalanced end")
                else:
                    labels.pop()
        if labels:
            problems.append(f"{fn.symbol}: unclosed blocks {labels}")
    return problems
