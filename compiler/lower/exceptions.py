"""Lowering of raise and try/except/else/finally, and the runtime functions a raise goes through.

A raised exception is a pointer in the global ``rt.pending``; ``rt.handlers`` counts the ``try``
bodies being run. ``rt.throw`` (and ``rt.reraise``) trap at once, after logging the exception,
when no ``try`` body is running: nothing could catch it. Otherwise they set ``rt.pending`` and
return, and the code after the call leaves towards the handler: lowering emits ``unreachable``
there, and passes/exceptions.py puts in the branches (to the innermost ``catch`` block of the
function, or a return to the caller), after every call that may raise. A try body is
``block $catchN ... end`` with its handler code right after the block.

``return``/``break``/``continue`` out of a try body restore ``rt.handlers``; out of a body with
a ``finally`` they set ``action`` to a code and branch to the finally code, which ends by
taking the jump its code names (or re-raising the exception it holds).
"""
from __future__ import annotations

import ast as py_ast
from dataclasses import dataclass, field

from .. import cache, ir
from ..diagnostics import display_path
from ..program import ANY, OPTIONAL_RUNTIME_MODULES, RUNTIME_MODULES, list_of
from .containers import ITEMS_DATA, LIST_ITEMS, LIST_LEN, SLOT_SIZE

PENDING = "rt.pending"
HANDLERS = "rt.handlers"
HANDLING = "rt.handling"  # the exception being handled (CPython's sys.exc_info()), where __context__ is read
CATCH = "catch"  # label stem of a try body's block: passes/exceptions.py branches to it
EXCEPTIONS = "compiler.runtime.exceptions"
THROWERS = ("rt.throw", "rt.reraise")  # the calls that raise (lowering puts unreachable after them)


@dataclass
class TryFrame:
    loop_depth: int                 # len(loops) when the frame opened: break/continue leave inner frames
    saved: str                      # local holding rt.handlers from before the try
    final: str | None = None        # the finally code's entry label (a try/finally frame)
    action: str | None = None       # local: which jump the finally code takes afterwards
    jumps: list = field(default_factory=list)  # jump i+1 is taken when action == i+1
    restores: str = HANDLERS        # the global ``saved`` goes back to (rt.handling: an except/finally body)


class ExceptionLowerer:
    """Mixed into FunctionLowerer: needs emit/fresh/temp/value/block and ``loops``."""

    def stmt_Raise(self, stmt: py_ast.Raise) -> None:
        if getattr(stmt, "reraise", None) is not None:
            self.emit("local.get", stmt.reraise)
            self.emit("call", "rt.reraise")
        else:
            self.value(stmt.exc)
            if stmt.cause is not None or getattr(stmt, "cause_none", False):
                self.store_cause(stmt)
            self.emit("i32.const", self.layout.str_constant(self.site(stmt)))
            self.emit("call", "rt.throw")
        self.emit("unreachable")

    def keeping_arguments(self, node: py_ast.Call, init, obj: str) -> None:
        """Push ``obj`` and the arguments of ``E(a, b)`` for ``__init__``, having set e.args to them
        first, as CPython's BaseException.__new__ does (sema/exception_args.py)."""
        params = init.params[1:]
        kept = []
        for arg, param in zip(node.bound, params):
            self.value(arg, param.ty)
            kept.append(self.stash(param.ty.wasm))
        kept_args = kept[:len(node.args)]  # e.args: only what the call passed by position
        self.new_list(list_of(ANY), len(kept_args))
        arguments = self.stash("i32")
        if kept_args:
            self.emit("local.get", arguments)
            self.emit("i32.load", LIST_ITEMS)
            items = self.stash("i32")
            for index, (temp, param) in enumerate(zip(kept_args, params)):
                self.emit("local.get", items)
                self.emit("local.get", temp)
                self.coerce(param.ty, ANY)
                self.to_slot(ANY)
                self.emit("i64.store", ITEMS_DATA + SLOT_SIZE * index)
            self.emit("local.get", arguments)
            self.emit("i32.const", len(kept_args))
            self.emit("i32.store", LIST_LEN)
        self.emit("local.get", obj)
        self.emit("local.get", arguments)
        self.emit("call", f"{EXCEPTIONS}.BaseException._exc_init_args")
        self.emit("local.get", obj)
        for temp in kept:
            self.emit("local.get", temp)

    def store_cause(self, stmt: py_ast.Raise) -> None:
        """``raise error from cause``: error.__cause__ = cause (evaluated after error, as CPython)."""
        error = self.stash("i32")
        self.emit("local.get", error)
        if stmt.cause is None:
            self.emit("i64.const", 0)
        else:
            self.slot(stmt.cause)
        self.emit("i64.store", self.field_offset(stmt.exc.ty.info, "__cause__"))
        self.emit("local.get", error)
        self.emit("i64.const", 1)
        self.emit("i64.store", self.field_offset(stmt.exc.ty.info, "__suppress_context__"))
        self.emit("local.get", error)

    def site(self, stmt: py_ast.stmt) -> str:
        """Where the raise is, for the uncaught-exception log line; "" in the runtime: CPython's
        built-ins are C code, absent from its tracebacks (Envoy's backtrace names the callers)."""
        module = self.source.module
        if module.name in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES:
            return ""
        shown = getattr(self.source.node, "shown_name", self.source.name)  # frontend/function_caches.py
        return f'File "{display_path(module.path)}", line {stmt.lineno}, in {shown}'

    # -- try ------------------------------------------------------------------------------------
    def stmt_With(self, stmt: py_ast.With) -> None:
        self.block(stmt.expansion)  # try/except/finally built by sema/with_statement.py

    def stmt_Try(self, stmt: py_ast.Try) -> None:
        if stmt.finalbody:
            self.try_finally(stmt)
        else:
            self.try_except(stmt)

    def enter_try(self, frame: TryFrame) -> None:
        self.emit("global.get", HANDLERS)
        self.emit("local.tee", frame.saved)
        self.emit("i32.const", 1)
        self.emit("i32.add")
        self.emit("global.set", HANDLERS)
        self.try_frames.append(frame)

    def restore_handlers(self, frame: TryFrame) -> None:
        self.emit("local.get", frame.saved)
        self.emit("global.set", frame.restores)

    def take_pending(self, into: str) -> None:
        self.emit("global.get", PENDING)
        self.emit("local.set", into)
        self.emit("i32.const", 0)
        self.emit("global.set", PENDING)

    def try_except(self, stmt: py_ast.Try) -> None:
        done, orelse, catch = self.fresh("try"), self.fresh("else"), self.fresh(CATCH)
        frame = TryFrame(len(self.loops), self.temp("i32"))
        error = self.temp("i32")
        self.emit("block", done, None)
        self.emit("block", orelse, None)
        self.emit("block", catch, None)
        self.enter_try(frame)
        self.block(stmt.body)
        self.try_frames.pop()
        self.restore_handlers(frame)
        self.emit("br", orelse)
        self.emit("end")
        self.restore_handlers(frame)
        self.take_pending(error)
        for handler in stmt.handlers:
            self.matches(error, handler.classes)
            self.emit("if", self.fresh("L"), None)
            self.emit("local.get", error)
            self.emit("local.set", handler.local)
            self.handling(error, handler.body, always=True)
            self.emit("br", done)
            self.emit("end")
        self.emit("local.get", error)
        self.emit("call", "rt.reraise")
        self.emit("unreachable")
        self.emit("end")
        self.block(stmt.orelse)
        self.emit("end")

    def matches(self, error: str, classes) -> None:
        """Is ``error`` an instance of one of the classes?"""
        for index, info in enumerate(classes):
            self.instance_of(error, info)
            if index:
                self.emit("i32.or")

    def try_finally(self, stmt: py_ast.Try) -> None:
        entry, catch = self.fresh("finally"), self.fresh(CATCH)
        frame = TryFrame(len(self.loops), self.temp("i32"), entry, self.temp("i32"))
        error = self.temp("i32")
        for local in (frame.action, error):
            self.emit("i32.const", 0)
            self.emit("local.set", local)
        self.emit("block", entry, None)
        self.emit("block", catch, None)
        self.enter_try(frame)
        if stmt.handlers:
            self.try_except(py_ast.Try(body=stmt.body, handlers=stmt.handlers, orelse=stmt.orelse, finalbody=[]))
        else:
            self.block(stmt.body)
            self.block(stmt.orelse)
        self.try_frames.pop()
        self.restore_handlers(frame)
        self.emit("br", entry)
        self.emit("end")
        self.restore_handlers(frame)
        self.take_pending(error)
        self.emit("end")
        self.handling(error, stmt.finalbody, always=False)
        self.emit("local.get", error)
        self.emit("if", self.fresh("L"), None)
        self.emit("local.get", error)
        self.emit("call", "rt.reraise")
        self.emit("unreachable")
        self.emit("end")
        for code, jump in enumerate(frame.jumps, 1):
            self.emit("local.get", frame.action)
            self.emit("i32.const", code)
            self.emit("i32.eq")
            self.emit("if", self.fresh("L"), None)
            self.jump(jump, self.try_frames)
            self.emit("end")

    def handling(self, error: str, body: list, always: bool) -> None:
        """An except body (``always``), or a finally body, handling ``error`` if it is set: where the
        program reads __context__ or chains (tracks_context), rt.handling is ``error`` while the body runs and goes back to what
        it was however the body ends (a return/break/continue through the frame, or an exception
        through the catch block). Elsewhere only the body: a program that never raises pays nothing."""
        runtime = self.source.module.name in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES  # C code in CPython
        if runtime or not tracks_context(self.classes.program):
            self.block(body)
            return
        frame = TryFrame(len(self.loops), self.temp("i32"), restores=HANDLING)
        after, catch, thrown = self.fresh("handled"), self.fresh(CATCH), self.temp("i32")
        self.emit("global.get", HANDLING)
        self.emit("local.set", frame.saved)
        if not always:
            self.emit("local.get", error)
            self.emit("if", self.fresh("L"), None)
        self.emit("local.get", error)
        self.emit("global.set", HANDLING)
        if not always:
            self.emit("end")
        self.emit("block", after, None)
        self.emit("block", catch, None)
        self.try_frames.append(frame)
        self.block(body)
        self.try_frames.pop()
        self.restore_handlers(frame)
        self.emit("br", after)
        self.emit("end")
        self.restore_handlers(frame)
        self.take_pending(thrown)
        self.emit("local.get", thrown)
        self.emit("call", "rt.reraise")
        self.emit("unreachable")
        self.emit("end")

    # -- jumps out of try bodies ---------------------------------------------------------------
    def jump(self, jump: tuple, frames: list[TryFrame]) -> None:
        """``("return",)`` (the value, if any, in ``self.result_local``) or ``("br", label,
        loop_index)``: leave the frames it crosses, innermost first, then jump."""
        crossed = frames if jump[0] == "return" else [f for f in frames if f.loop_depth > jump[2]]
        for index in range(len(crossed) - 1, -1, -1):
            frame = crossed[index]
            self.restore_handlers(frame)
            if frame.final is not None:
                frame.jumps.append(jump)
                self.emit("i32.const", len(frame.jumps))
                self.emit("local.set", frame.action)
                self.emit("br", frame.final)
                return
        if jump[0] == "return":
            if self.result_local is not None:
                self.emit("local.get", self.result_local)
            self.emit("return")
        else:
            self.emit("br", jump[1])

    def leave(self, jump: tuple) -> None:
        """A return/break/continue; the return value, if any, is on the stack."""
        inside = self.try_frames if jump[0] == "return" else [
            f for f in self.try_frames if f.loop_depth > jump[2]]
        if not inside:
            self.emit("return" if jump[0] == "return" else "br", *jump[1:2])
            return
        if jump[0] == "return" and self.fn.results:
            if self.result_local is None:
                self.result_local = self.temp(self.fn.results[0])
            self.emit("local.set", self.result_local)
        self.jump(jump, self.try_frames)


def runtime_functions(module: ir.Module, program, layout, log_import: str | None) -> None:
    """rt.throw, rt.reraise and rt.uncaught (+ one trap function per exception class, so a
    trap's backtrace names the exception), when the program raises at all."""
    used = {instr[1] for fn in module.functions.values() for instr in fn.body
            if instr[0] in ("call", "global.get", "global.set")}
    for name in (PENDING, HANDLERS):
        if name in used:
            module.globals[name] = ir.Global(name, "i32", True, 0)
    if not used & {"rt.throw", "rt.reraise"}:
        return
    module.globals[PENDING] = ir.Global(PENDING, "i32", True, 0)
    module.globals[HANDLERS] = ir.Global(HANDLERS, "i32", True, 0)
    base = program.classes[f"{EXCEPTIONS}.BaseException"]
    site_offset = 8 + 8 * list(base.fields).index("_exc_site")
    chain = []
    if tracks_context(program):
        module.globals[HANDLING] = ir.Global(HANDLING, "i32", True, 0)
        chain = [("local.get", "error"), ("global.get", HANDLING),
                 ("call", f"{EXCEPTIONS}.BaseException._exc_set_context")]
    module.functions["rt.throw"] = ir.Function("rt.throw", [("error", "i32"), ("site", "i32")], [], [], [
        ("local.get", "error"), ("local.get", "site"), ("i64.extend_i32_u",), ("i64.store", site_offset),
        *chain, ("local.get", "error"), ("call", "rt.reraise")])
    module.functions["rt.reraise"] = ir.Function("rt.reraise", [("error", "i32")], [], [], [
        ("global.get", HANDLERS), ("i32.eqz",), ("if", "uncaught", None),
        ("local.get", "error"), ("call", "rt.uncaught"), ("end",),
        ("local.get", "error"), ("global.set", PENDING)])
    body = [("local.get", "error"), ("i32.load", 4), ("i32.const", 8), ("i32.shr_u",), ("local.set", "record")]
    text = "uncaught_chain_text" if tracks_context(program) else "uncaught_text"
    for info in raised_classes(module, program, base):
            trap = f"{info.qualname}.uncaught"
            module.functions[trap] = ir.Function(trap, [], [], [], [("unreachable",)])
            body += [("local.get", "record"), ("i32.const", info.class_id), ("i32.eq",), ("if", "is", None),
                     ("local.get", "error"), ("i32.const", layout.str_constant(info.name)),
                     ("call", f"{EXCEPTIONS}.{text}"), ("call", "rt.log_text"), ("call", trap), ("end",)]
    module.functions["rt.uncaught"] = ir.Function("rt.uncaught", [("error", "i32")], [], [("record", "i32")],
                                                  [*body, ("unreachable",)])
    log = [("i32.const", 4), ("local.get", "text"), ("i32.const", 16), ("i32.add",),
           ("local.get", "text"), ("i32.load", 8), ("call", log_import), ("drop",)] if log_import else []
    module.functions["rt.log_text"] = ir.Function("rt.log_text", [("text", "i32")], [], [], log)


def reads_context(program) -> bool:
    """Does the program read an exception's __context__? Only then is the exception being handled
    tracked (lower/exceptions.py ``handling``), so that other programs pay nothing for it."""
    found = getattr(program, "_reads_context", None)
    if found is None:
        found = any(_module_has(module, "reads __context__", lambda node: isinstance(node, py_ast.Attribute)
                                and node.attr == "__context__")
                    for name, module in program.modules.items()
                    if name not in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES and "__context__" in module.text)
        program._reads_context = found
    return found


def tracks_context(program) -> bool:
    """Is the exception being handled tracked, for __context__ and the chain in the log line?"""
    return reads_context(program) or chains_causes(program)


def chains_causes(program) -> bool:
    """Does the program raise ``... from cause``? Only then does the uncaught-exception log line
    show the chain (CPython's "direct cause" lines), so that other programs pay nothing for it."""
    found = getattr(program, "_chains_causes", None)
    if found is None:
        found = any(_module_has(module, "raise from", lambda node: isinstance(node, py_ast.Raise)
                                and node.cause is not None)
                    for name, module in program.modules.items()
                    if name not in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES and " from " in module.text)
        program._chains_causes = found
    return found


def _module_has(module, kind: str, test) -> bool:
    """Does a node of ``module``'s tree pass ``test``? Memoised per module text (compiler/cache.py):
    the SDK's and the stdlib's trees are walked once, not at every build."""
    return bool(cache.module_fact(module, kind, lambda: frozenset({True}) if any(
        test(node) for node in py_ast.walk(module.tree)) else frozenset()))


RECORD_KIND = 9  # a record's header kind word is RECORD_KIND | class_id << 8 (lower/calls.py)


def raised_classes(module: ir.Module, program, base) -> list:
    """The exception classes some function creates an instance of: an instance is allocated with
    its class's header word as a constant, so a class whose word no function holds never reaches
    rt.uncaught, and needs neither a branch there, nor a trap function, nor its name in the data."""
    constants = {instr[1] for fn in module.functions.values() for instr in fn.body
                 if instr[0] in ("i64.const", "i32.const")}
    return [info for info in program.classes.values()
            if info.class_id and base.class_id <= info.class_id <= base.last_descendant_id
            and RECORD_KIND | info.class_id << 8 in constants]
