"""Exceptions in the checker: the built-in classes' names, raise, try/except/else/finally, str(e).

The built-in exception classes are ordinary classes of ``compiler.runtime.exceptions``; every
other module sees them under their built-in names unless it defines that name itself.
Flow: an exception may leave the ``try`` body anywhere, so a handler starts from what was
assigned before the ``try`` (and forgets what the body may have narrowed); after the whole
statement only what every way out assigned counts. ``except E as e`` binds a local of its own
(``e@exc<N>``) for the handler body, and ``e`` is unbound after it, as CPython deletes it.
"""
from __future__ import annotations

import ast as py_ast
import copy

from ..diagnostics import Diagnostic
from ..program import ClassInfo, ClassType, OptionalType, Program, Type
from .types import class_type, is_exception_class_info as is_exception_class, is_subclass

RUNTIME_EXCEPTIONS = "compiler.runtime.exceptions"
BASE = f"{RUNTIME_EXCEPTIONS}.BaseException"


def is_exception(ty: Type | None) -> bool:
    return isinstance(ty, ClassType) and is_exception_class(ty.info)


def bind_builtin_names(program: Program) -> None:
    """Every module sees the built-in exception classes unless it defines the name itself."""
    runtime = program.modules.get(RUNTIME_EXCEPTIONS)
    if runtime is None:
        return
    classes = {n: s for n, s in runtime.namespace.items() if isinstance(s, ClassInfo)}
    for module in program.modules.values():
        if module is not runtime:
            for name, info in classes.items():
                module.namespace.setdefault(name, info)


def check_exception_classes(program: Program) -> list[Diagnostic]:
    """An exception class cannot be a dataclass (its generated __init__ would not set e.args), nor
    have a field ``args`` (CPython's e.args, a tuple str(e) shows)."""
    from .exception_args import args_field_node
    errors = []
    for info in program.classes.values():
        if info.module.name == RUNTIME_EXCEPTIONS or not is_exception_class(info):
            continue
        if info.dataclass:
            errors.append(Diagnostic(info.module.loc(info.node), "an exception class cannot be a @dataclass",
                                     "write __init__ and call super().__init__(message) in it"))
        node = args_field_node(info)
        if node is not None:
            errors.append(Diagnostic(info.module.loc(node), "an exception class cannot have a field 'args'",
                                     "name it differently: CPython's e.args are the exception's arguments, "
                                     "which str(e) shows"))
    return errors


class ExceptionChecks:
    """Mixed into the function checker."""

    handler_counter = 0

    def exception_class(self, node: py_ast.expr) -> ClassInfo:
        sym = self.module.namespace.get(node.id) if isinstance(node, py_ast.Name) else None
        if not isinstance(sym, ClassInfo) or node.id in self.local_names or not is_exception_class(sym):
            raise self.fail(node, "an 'except' clause names exception classes",
                            "write except ValueError: or except (KeyError, IndexError) as e:")
        return sym

    def handler_classes(self, handler: py_ast.ExceptHandler) -> list[ClassInfo]:
        if handler.type is None:
            return [self.module.namespace["BaseException"]]
        if isinstance(handler.type, py_ast.Tuple):
            return [self.exception_class(item) for item in handler.type.elts]
        return [self.exception_class(handler.type)]

    def stmt_Raise(self, stmt: py_ast.Raise) -> None:
        if stmt.exc is None:
            if not self.active_handlers:
                raise self.fail(stmt, "a bare 'raise' re-raises the exception being handled, so it must be "
                                      "inside an 'except' block", "raise an exception: raise ValueError(\"...\")")
            stmt.reraise = self.active_handlers[-1]
        else:
            stmt.exc = self.raised_value(stmt.exc)
        if isinstance(stmt.cause, py_ast.Constant) and stmt.cause.value is None:
            stmt.cause = None
            stmt.cause_none = True  # e.__cause__ = None (and the context hidden in CPython's traceback)
        elif stmt.cause is not None:
            stmt.cause = self.raised_value(stmt.cause)
        self.assigned = None

    def raised_value(self, node: py_ast.expr) -> py_ast.expr:
        """An exception instance; a class alone is called with no arguments, as CPython does."""
        sym = self.module.namespace.get(node.id) if isinstance(node, py_ast.Name) else None
        if isinstance(sym, ClassInfo) and node.id not in self.local_names:
            node = py_ast.copy_location(py_ast.Call(func=node, args=[], keywords=[]), node)
        ty = self.check(node)
        if not is_exception(ty):
            raise self.fail(node, f"only exceptions can be raised, not {ty}",
                            "raise ValueError(\"...\") or an instance of a subclass of Exception")
        return node

    def exception_message(self, node: py_ast.expr) -> py_ast.expr:
        """``str(e)`` / ``f"{e}"`` of an exception: its ``__str__`` (runtime/exceptions.py, or the
        program's override: dispatch on the runtime class)."""
        return self.exception_text(node, "__str__")

    def optional_exception_text(self, node: py_ast.expr, ty: Type, method_name: str) -> py_ast.expr | None:
        """str(e.__cause__), f"{e.__context__}": ``"None" if x is None else str(x)``, where reading
        ``x`` twice reads the same value (a variable or a field of one); else None."""
        if not (isinstance(ty, OptionalType) and is_exception(ty.inner)):
            return None
        plain = node.value if isinstance(node, py_ast.Attribute) else node
        if not isinstance(plain, py_ast.Name):
            return None
        test = py_ast.Compare(left=node, ops=[py_ast.Is()], comparators=[py_ast.Constant(value=None)])
        method = py_ast.Attribute(value=copy.deepcopy(node), attr=method_name, ctx=py_ast.Load())
        call = py_ast.Call(func=method, args=[], keywords=[])
        text = py_ast.IfExp(test=test, body=py_ast.Constant(value="None"), orelse=call)
        for part in py_ast.walk(text):
            if isinstance(part, py_ast.expr) and not hasattr(part, "lineno"):
                py_ast.copy_location(part, node)
        self.check(text)
        return text

    def exception_text(self, node: py_ast.expr, method_name: str) -> py_ast.expr:
        """str(e), repr(e) (``ValueError('bad')``) or ascii(e): a method of runtime/exceptions.py
        (``__str__``, ``__repr__``, ``_exc_ascii``), or the program's override."""
        method = py_ast.Attribute(value=node, attr=method_name, ctx=py_ast.Load())
        call = py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(method, node), args=[], keywords=[]), node)
        self.check(call)
        return call

    def stmt_Try(self, stmt: py_ast.Try) -> None:
        from .check import assigned_names
        before = self.snapshot()
        self.block(stmt.body)
        self.block(stmt.orelse)
        ends = [self.snapshot()]
        body_names = assigned_names(stmt.body) | assigned_names(stmt.orelse)
        entry = (before[0], {k: v for k, v in before[1].items() if k.split(".")[0] not in body_names and "." not in k})
        for handler in stmt.handlers:
            self.restore(entry)
            self.handler(handler)
            ends.append(self.snapshot())
        self.restore(ends[0])
        for end in ends[1:]:
            self.merge(self.snapshot(), end)
        if stmt.finalbody:
            self.final_block(stmt, entry)

    def handler(self, handler: py_ast.ExceptHandler) -> None:
        classes = self.handler_classes(handler)
        handler.classes = classes
        ExceptionChecks.handler_counter += 1
        local = f"{handler.name or ''}@exc{ExceptionChecks.handler_counter}"
        handler.local = local
        self.fn.locals[local] = class_type(_common_base(classes))
        self.local_names.add(local)
        if self.assigned is not None:
            self.assigned.add(local)
        saved = dict(self.comp_renames)
        if handler.name:
            self.comp_renames[handler.name] = local
        self.active_handlers.append(local)
        try:
            self.block(handler.body)
        finally:
            self.active_handlers.pop()
            self.comp_renames = saved
        if self.assigned is not None and handler.name:
            # CPython deletes the name after the handler: a local of that name, or an enclosing
            # handler's exception bound to it
            self.assigned.discard(saved.get(handler.name, handler.name))
            self.narrowed.pop(handler.name, None)

    def final_block(self, stmt: py_ast.Try, entry) -> None:
        """``finally`` runs after every way out: normal ends, and an exception from anywhere."""
        from .check import assigned_names
        normal = self.snapshot()
        touched = assigned_names(stmt.body) | assigned_names(stmt.orelse) | {
            n for h in stmt.handlers for n in assigned_names(h.body)}
        raised = (entry[0], {k: v for k, v in entry[1].items() if k not in touched})
        self.merge(normal, raised)
        self.block(stmt.finalbody)
        end = self.snapshot()
        if normal[0] is None or end[0] is None:
            self.assigned = None
        else:
            self.assigned = normal[0] | end[0]


def _common_base(classes: list[ClassInfo]) -> ClassInfo:
    base = classes[0]
    while not all(is_subclass(c, base) for c in classes):
        base = base.base
    return base
