"""Generator functions inlined where they are consumed (checked in sema/generator_functions.py).

``for x in gen(a)`` (or a comprehension clause over it) becomes the generator's body, run in the
consumer's function with the generator's locals renamed apart (``name@genN``), each ``yield v``
storing ``v`` into the target and running the consumer's body right there: the generator's code
and the consumer's interleave as with CPython's lazy iterator. The consumer's ``continue``
resumes after the yield, its ``break`` leaves the whole inlined body (skipping the ``else``), and
the generator's ``return`` (or its end) finishes the iteration (running the ``else``).

While the generator's body is lowered, ``self.source`` is the generator function (its locals'
types), and ``emit`` renames its locals; at each yield both switch back to the consumer's.
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass, field

from ..diagnostics import CompileError, Diagnostic
from ..program import FuncSym
from ..sema.generator_functions import KEPT_HELP

LOCAL_OPS = ("local.get", "local.set", "local.tee")


@dataclass
class Inlined:
    """One generator body being lowered, and what its yields run."""
    fn: FuncSym
    renames: dict[str, str]
    end: str                 # the label its return leaves to
    depth: int               # index of its entry in ``loops`` (a return leaves frames above)
    consumer: object         # what the enclosing code ran with: (source, renames)
    at_yield: object = field(default=None)  # (target, body, brk) of the consumer


class GeneratorInliner:
    renames: dict[str, str] = {}
    inlined: list | None = None

    def renaming_emit(self, *instr) -> None:
        """``emit`` while a generator is inlined: its locals under their fresh names (installed on
        the instance only then, so other code pays no extra call per instruction)."""
        if self.renames and instr[0] in LOCAL_OPS and instr[1] in self.renames:
            instr = (instr[0], self.renames[instr[1]], *instr[2:])
        super().emit(*instr)

    def iterate_generator_function(self, target, body, orelse, call: py_ast.Call, fn: FuncSym) -> None:
        if "emit" in self.__dict__:  # inside another inlined generator (or its consumer's body)
            return self.inline_generator(target, body, orelse, call, fn)
        if self.inlined is None:
            self.inlined = []
        self.emit = self.renaming_emit
        try:
            self.inline_generator(target, body, orelse, call, fn)
        finally:
            del self.emit

    def inline_generator(self, target, body, orelse, call: py_ast.Call, fn: FuncSym) -> None:
        """block $break { block $end { arguments; the generator's body } else }"""
        brk, end = self.fresh("break"), self.fresh("genend")
        renames = {name: self.fresh(f"{name}@gen") for name in fn.locals}
        self.fn.locals += [(renames[name], ty.wasm) for name, ty in fn.locals.items()]
        self.emit("block", brk, None)
        self.emit("block", end, None)
        self.arguments(call, fn, False)  # in the consumer's scope, in CPython's order
        for param in reversed(fn.params):
            if param.wasm != param.ty.wasm:  # an int declared as abi.i32
                self.emit("i64.extend_i32_s")
            self.emit("local.set", renames[param.name])
        frame = Inlined(fn, renames, end, len(self.loops), (self.source, self.renames), (target, body, brk))
        self.loops.append((end, end))  # frames the body opens are above it; its return leaves them
        self.inlined.append(frame)
        self.source, self.renames = fn, renames
        self.block(fn.node.body)
        self.source, self.renames = frame.consumer
        self.inlined.pop()
        self.loops.pop()
        self.emit("end")
        orelse()
        self.emit("end")

    def stmt_YieldStatement(self, stmt: py_ast.Expr) -> None:
        """The consumer's work for one item: store it, run the body (``continue`` ends it)."""
        if not self.inlined:  # a generator reached some other way than a consumer: never run it wrong
            raise CompileError([Diagnostic(self.source.module.loc(stmt), "this generator function is used "
                                           "where it cannot be inlined", KEPT_HELP)])
        value = stmt.value.value
        frame = self.inlined.pop()
        self.value(value, frame.fn.generator_item)
        self.source, self.renames = frame.consumer
        target, body, brk = frame.at_yield
        self.store(target, frame.fn.generator_item)
        cont = self.fresh("continue")
        self.loops.append((brk, cont))
        self.emit("block", cont, None)
        body()
        self.emit("end")
        self.loops.pop()
        self.source, self.renames = frame.fn, frame.renames
        self.inlined.append(frame)

    def stmt_GeneratorReturn(self, stmt: py_ast.Return) -> None:
        frame = self.inlined[-1]
        self.leave(("br", frame.end, frame.depth))
