"""Every runtime function type-checks and lowers, reached or not.

A compile checks and lowers only the runtime functions its program reaches (lower/to_ir.py,
sema/check.py ``check_later``), so a mistake in a function no test program reaches would stay
hidden until a user's program first calls it. This test checks and lowers all of them.
"""
from pathlib import Path

from compiler import ir
from compiler.frontend import load
from compiler.lower import to_ir
from compiler.lower.runtime import helpers
from compiler.program import OPTIONAL_RUNTIME_MODULES, RUNTIME_MODULES
from compiler.sema import check, declare

# the collections, bytearray and sort runtimes too
USES_SETS = "from collections import Counter\nseen: set[int] = {1}\nbuf = bytearray()\nranked = sorted([0.5])\n"


def test_every_runtime_function_checks_and_lowers(tmp_path: Path):
    path = tmp_path / "uses_sets.py"
    path.write_text(USES_SETS)
    program = check.run(declare.run(load.run(path, None)))
    runtime = [fn for fn in program.functions.values()
               if fn.module.name in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES and fn.host is None]
    assert len(runtime) > 400 and {fn.qualname for fn in runtime} == program.unchecked
    for fn in runtime:
        check.check_later(program, fn)
    assert not program.unchecked
    module = to_ir._lower(program, set(program.functions) | {h.symbol for h in helpers()})
    assert {fn.qualname for fn in runtime} <= set(module.functions)
    assert ir.validate(module) == []
