"""Check: type-check every function body and track definite assignment.

Problem: the lowering pass needs every expression's type and every name's
meaning, and CPython's runtime errors that a static check can rule out
(unbound locals, missing returns, wrong types) must become compile errors.
Accepts: a declared ``Program`` (see ``sema.declare``). Guarantees: each
checked node has ``ty`` (and ``sym``/``call`` where relevant); each function's
``locals`` maps every local to its one type; a local is read only where it is
assigned on every path; ``x is not None`` / ``isinstance`` narrow a local on
the paths they guard; a function with a result cannot fall off its end;
runtime-initialized globals get their types. All errors of a function are
collected before stopping.
"""
from __future__ import annotations

import ast as py_ast

from .. import cache
from ..diagnostics import CompileError, Diagnostic
from ..program import (ANY, NONE, OPTIONAL_RUNTIME_MODULES, RUNTIME_MODULES, DictType, FuncSym,
                       GlobalSym, ListType, Program, SetType, TupleType, Type, VarTupleType, ViewType)
from .assign_targets import AssignTargetChecks
from .check_calls import CallChecker
from .check_expr import Bail, ExprChecker, _conversion_help
from .star_unpack import assign_starred, starred_index
from .statement_walk import statements
from .comprehensions import ComprehensionChecks
from .named_tuples import named_items
from .deletion import DeleteChecks
from .exceptions import ExceptionChecks, check_exception_classes
from .flow import FlowMixin
from .generators import GeneratorChecks
from .generator_functions import GeneratorFunctionChecks
from .itertools_calls import ItertoolsChecks
from .held import note_methods
from .sets import SetChecks
from .infer import LiteralInference, UnknownLiteral, unknown
from .none_inference import NoneInference
from . import closures, lambdas, lazy_map_filter
from .closures import ClosureChecks
from .types import TypeError_, resolve
from .walrus import WalrusChecks
from .with_statement import WithChecks



def run(program: Program) -> Program:
    errors: list[Diagnostic] = check_exception_classes(program)
    note_methods(ExprChecker, program)  # sema/held.py
    ExprChecker.runtime_functions = program.functions  # sema/number_builtins.py calls the runtime's
    for name in program.module_order:
        errors += _module_globals(program, program.modules[name])
    for fn in list(program.functions.values()):
        if fn.host is not None:
            continue
        if fn.module.name in RUNTIME_MODULES + OPTIONAL_RUNTIME_MODULES:
            program.unchecked.add(fn.qualname)  # most of the runtime is never reached: check_later
        else:
            errors += FunctionChecker(fn).check_function()
    lambdas.register(program)
    if errors:
        raise CompileError(errors)
    return program


def check_later(program: Program, fn: FuncSym) -> None:
    """Check a runtime function (known to be clean) when lowering first reaches it."""
    if fn.qualname in program.unchecked:
        program.unchecked.discard(fn.qualname)
        errors = FunctionChecker(fn).check_function()
        if errors:
            raise CompileError(errors)


def _module_globals(program: Program, module) -> list[Diagnostic]:
    """Type the initializers that run at start-up, in source order."""
    errors = []
    init = FuncSym(f"{module.name}.<module>", module, py_ast.FunctionDef(name="<module>", body=[]))
    for g in program.globals.values():
        if g.module is module and g.runtime_init is not None:
            checker = FunctionChecker(init)
            try:
                ty = checker.use(g.runtime_init, g.ty) if g.ty is not None else checker.check(g.runtime_init)
                if ty == NONE and not g.statement:
                    raise checker.fail(g.runtime_init, "a global cannot be None without a type",
                                       "annotate it: name: T | None = None")
                g.ty = ty
                g.init_locals = dict(init.locals)  # comprehension variables of the initializer
            except Bail as bail:
                if bail.diagnostic is not None:
                    errors.append(bail.diagnostic)
    return errors


def assigned_names(body: list[py_ast.stmt]) -> set[str]:
    """Names bound anywhere in a function body (Python's rule for locals)."""
    names: set[str] = set()
    for node in body:
        for sub in py_ast.walk(node):
            if isinstance(sub, py_ast.Name) and isinstance(sub.ctx, py_ast.Store):
                names.add(sub.id)
            elif isinstance(sub, (py_ast.FunctionDef, py_ast.Lambda, py_ast.ClassDef)):
                break
    return names


class FunctionChecker(GeneratorFunctionChecks, ItertoolsChecks, GeneratorChecks, ClosureChecks, ComprehensionChecks, WalrusChecks,
                      AssignTargetChecks, DeleteChecks, ExceptionChecks, WithChecks,
                      NoneInference, LiteralInference,
                      FlowMixin, SetChecks, CallChecker):
    def __init__(self, fn: FuncSym):
        super().__init__(fn)
        self.errors: list[Diagnostic] = []
        self.loop_breaks: list[list[tuple[set[str] | None, dict[str, Type]]]] = []
        self.active_handlers: list[str] = []  # locals of the enclosing except clauses (for bare raise)

    def check_function(self) -> list[Diagnostic]:
        fn = self.fn
        body = fn.node.body
        global_names, assigned = cache.function_fact(fn, "names", lambda: (frozenset(
            n for s in statements(fn.node.body) if isinstance(s, py_ast.Global) for n in s.names), frozenset(assigned_names(body))))
        self.global_names = set(global_names)
        self.local_names = (set(assigned) | {p.name for p in fn.params}) - self.global_names
        closures.enter(self)  # nested defs, captured variables
        lazy_map_filter.rewrite_body(self, body)  # map()/filter() as generator expressions
        for p in fn.params:
            fn.locals[p.name] = p.ty
            self.assigned.add(p.name)
        self.init_fields = self.pending_fields()
        self.start_inference()
        self.block(body)
        self.finish_inference()
        if self.assigned is not None and not self.errors:
            self.check_end_of_function()
        return self.errors

    def pending_fields(self) -> set[str]:
        """In __init__, fields without a default that must be assigned before the end."""
        fn = self.fn
        if fn.owner is None or fn.name != "__init__" or getattr(fn.node, "generated", False):
            return set()
        own = {f for f in fn.owner.fields if f not in fn.owner.defaults}
        base = fn.owner.base
        return own - (set(base.fields) if base is not None else set())

    def check_end_of_function(self) -> None:
        fn = self.fn
        if fn.result != NONE:
            self.errors.append(Diagnostic(self.module.loc(fn.node),
                                          f"function '{fn.name}' can reach its end without returning a {fn.result}",
                                          "add a return statement at the end"))
        missing = sorted(f for f in self.init_fields if f"self.{f}" not in self.assigned)
        if missing:
            self.errors.append(Diagnostic(self.module.loc(fn.node),
                                          f"__init__ can finish without assigning field(s) {', '.join(missing)}",
                                          "assign every field on every path, or give it a default in the class body"))

    def block(self, body: list[py_ast.stmt]) -> None:
        for index, stmt in enumerate(body):
            if index == 0 and _is_docstring(stmt):
                continue
            try:
                self.statement(stmt)
            except Bail as bail:
                if bail.diagnostic is not None:
                    self.errors.append(bail.diagnostic)
                self.after_failed(stmt)

    def after_failed(self, stmt: py_ast.stmt) -> None:
        """Treat what a refused statement assigns as assigned (with the type it was declared with,
        if any), so one mistake is reported once and not again at every later use."""
        if self.assigned is None or isinstance(stmt, (py_ast.If, py_ast.While, py_ast.For)):
            return
        for name in assigned_names([stmt]):
            if name in self.fn.locals:
                self.assigned.add(name)
            else:
                self.untyped.add(name)

    def statement(self, stmt: py_ast.stmt) -> None:
        handler = getattr(self, f"stmt_{type(stmt).__name__}", None)
        if handler is None:
            raise self.unsupported(stmt)
        handler(stmt)

    # -- assignment --------------------------------------------------------
    def assign_to(self, target: py_ast.expr, value: py_ast.expr | None, ty: Type, annotation: Type | None = None) -> None:
        """Store a value of type ``ty`` into ``target`` (a name, tuple, subscript or field)."""
        if isinstance(target, py_ast.Name):
            return self.assign_name(target, value, ty, annotation)
        if isinstance(target, py_ast.List):
            raise self.fail(target, "unpacking into [...] is not supported", "unpack into a tuple: a, b = pair")
        if isinstance(target, py_ast.Tuple):
            star = starred_index(target)
            if star is not None:
                return assign_starred(self, target, ty, star)  # first, *rest = parts: sema/star_unpack.py
            if isinstance(ty, (ListType, VarTupleType)):  # a, b, c = s.split("."): its length checked when it runs
                for element in target.elts:
                    self.assign_to(element, None, ty.item)
                return
            items = named_items(ty) or (ty.items if isinstance(ty, TupleType) else None)  # a NamedTuple's fields
            if items is None or len(items) != len(target.elts):
                raise self.fail(target, f"cannot unpack {ty} into {len(target.elts)} names",
                                "unpack a tuple with exactly that many items")
            for element, item in zip(target.elts, items):
                self.assign_to(element, None, item)
            return
        if isinstance(target, py_ast.Subscript):
            return self.assign_item(target, value, ty)
        if isinstance(target, py_ast.Attribute):
            return self.assign_field(target, value, ty)
        raise self.unsupported(target)

    def assign_name(self, target: py_ast.Name, value, ty: Type, annotation: Type | None) -> None:
        name = self.comp_renames.get(target.id, target.id)
        target.local_name = name
        if isinstance(ty, ViewType):
            raise self.fail(target, f"a {ty} view cannot be stored: CPython's views follow later changes",
                            "store a snapshot: list(d.keys()), or iterate the view directly")
        if name in self.global_names:
            g = self.module.namespace.get(name)
            if not isinstance(g, GlobalSym) or g.module is not self.module:
                raise self.fail(target, f"'global {name}' must name a global assigned at this module's top level")
            self.require(target, value, ty, g.ty, f"global '{name}'")
            g.assigned_in_functions = True
            target.sym = g
            return
        declared = self.fn.locals.get(name)
        if declared == unknown("none") and ty == NONE and annotation is None and self.bind_partial_none(name, value):
            return  # still None only
        if isinstance(declared, UnknownLiteral) and not isinstance(ty, UnknownLiteral) and name in self.unknown_literals:
            declared = self.settle(name, ty)
        if annotation is not None:
            if declared is not None and declared != annotation:
                raise self.fail(target, f"'{name}' was declared as {declared}")
            declared = self.fn.locals[name] = annotation
        if declared is None:
            if ty == NONE and name in self.untyped:
                raise Bail(None)  # its first assignment was refused: reported there, once
            if ty == NONE and self.bind_partial_none(name, value):
                return  # typed by its next assignment (sema/none_inference.py)
            if ty == NONE:
                raise self.fail(target, "the type of this variable is not known",
                                f"annotate it: {name}: T | None = None")
            declared = self.fn.locals[name] = ty
        self.require(target, value, ty, declared, f"'{name}'")
        if self.assigned is not None:
            self.assigned.add(name)
        self.narrow_on_assignment(name, declared, ty)

    def require(self, py_node, value: py_ast.expr | None, ty: Type, declared: Type, what: str) -> None:
        if ty == declared:
            return
        from .types import assignable, from_any
        if ty == ANY and value is not None and from_any(declared):  # checked at run time
            value.target_ty = declared
            return
        if not assignable(ty, declared):
            help = _conversion_help(ty, declared) or "use a new variable for a value of another type"
            raise self.fail(py_node, f"{what} has type {declared}, cannot assign a {ty}", help)
        if value is not None:
            value.target_ty = declared

    def stmt_Assign(self, stmt: py_ast.Assign) -> None:
        if self.bind_unknown_literal(stmt) or self.property_assignment(stmt):
            return
        hint = self.target_hint(stmt.targets[0])
        if isinstance(stmt.targets[0], py_ast.Subscript) and isinstance(stmt.targets[0].slice, py_ast.Slice) \
                and not (isinstance(stmt.value, py_ast.List) and not stmt.value.elts):
            hint = None  # only an empty list takes the slice's type; other values are checked as they are
        ty = self.check(stmt.value, hint)
        for target in stmt.targets:
            self.assign_to(target, stmt.value, ty)

    def stmt_AnnAssign(self, stmt: py_ast.AnnAssign) -> None:
        try:
            declared = resolve(self.module, stmt.annotation)
        except TypeError_ as err:
            raise Bail(err.diagnostic) from None
        if stmt.value is None:
            if isinstance(stmt.target, py_ast.Name):
                self.fn.locals.setdefault(stmt.target.id, declared)
            return
        ty = self.use(stmt.value, declared)
        if isinstance(stmt.target, py_ast.Name):
            self.assign_name(stmt.target, stmt.value, ty, declared)
        else:
            self.assign_to(stmt.target, stmt.value, ty)

    def stmt_AugAssign(self, stmt: py_ast.AugAssign) -> None:
        target = stmt.target
        if not isinstance(target, (py_ast.Name, py_ast.Subscript, py_ast.Attribute)):
            raise self.unsupported(target)
        self.settle_by_augmented(stmt)  # items += xs tells an unknown list's type
        read = _as_load(target)
        operation = py_ast.BinOp(read, stmt.op, stmt.value, lineno=stmt.lineno, col_offset=stmt.col_offset,
                                 end_lineno=stmt.end_lineno, end_col_offset=stmt.end_col_offset)
        stmt.operation = operation  # lowered as 'target = target op value' (the target evaluated once)
        operation.augmented = True  # a bytearray's += and *= change it in place (sema/bytearrays.py)
        self.assign_to(target, operation, self.check(operation))
        if operation.ty == ANY:
            operation.held_in_place = True  # a list held changes in place; CPython's "+=" in messages
        elif (isinstance(operation.left.ty, SetType) and not operation.left.ty.frozen) or (
                isinstance(operation.left.ty, ListType) and isinstance(stmt.op, (py_ast.Add, py_ast.Mult))) \
                or isinstance(operation.left.ty, DictType) and isinstance(stmt.op, py_ast.BitOr):
            operation.in_place = True  # list.__iadd__/__imul__, set and dict.__ior__ mutate it: aliases see it

    # -- simple statements -------------------------------------------------
    def stmt_Expr(self, stmt: py_ast.Expr) -> None:
        self.check(stmt.value)

    def stmt_Pass(self, stmt: py_ast.Pass) -> None:
        pass

    def stmt_Global(self, stmt: py_ast.Global) -> None:
        for name in stmt.names:
            g = self.module.namespace.get(name)
            if not isinstance(g, GlobalSym) or g.module is not self.module:
                raise self.fail(stmt, f"'global {name}' must name a global assigned at this module's top level",
                                f"add '{name} = 0' at module level")

    def stmt_Assert(self, stmt: py_ast.Assert) -> None:
        self.truthy(stmt.test)
        if stmt.msg is not None:
            # AssertionError(msg): any message CPython's would take (sema/exception_args.py)
            error = py_ast.Call(func=py_ast.Name(id="AssertionError", ctx=py_ast.Load()), args=[stmt.msg], keywords=[])
            stmt.raised = py_ast.Raise(exc=self.raised_value(py_ast.copy_location(error, stmt)), cause=None)
            stmt.raised.lineno = stmt.lineno
        self.narrow_after(stmt.test, True)

    def stmt_Return(self, stmt: py_ast.Return) -> None:
        result = self.fn.result
        if stmt.value is None:
            if result != NONE:
                raise self.fail(stmt, f"function '{self.fn.name}' returns {result}, not None")
        else:
            ty = self.check(stmt.value, result)
            from .types import assignable, from_any
            if ty == ANY and from_any(result):
                ty = ANY if result == ANY else result
                stmt.value.target_ty = result
            if not assignable(ty, result):
                raise self.fail(stmt, f"function '{self.fn.name}' returns {result}, not {ty}",
                                _conversion_help(ty, result))
            if ty != result:
                stmt.value.target_ty = result
        self.assigned = None

    def stmt_Break(self, stmt: py_ast.Break) -> None:
        self.loop_breaks[-1].append((self.assigned, dict(self.narrowed)))
        self.assigned = None

    def stmt_Continue(self, stmt: py_ast.Continue) -> None:
        self.assigned = None


def _as_load(target: py_ast.expr) -> py_ast.expr:
    """A read of the same target (for augmented assignment)."""
    import copy
    read = copy.copy(target)
    read.ctx = py_ast.Load()
    return read


def _is_docstring(stmt: py_ast.stmt) -> bool:
    return isinstance(stmt, py_ast.Expr) and isinstance(stmt.value, py_ast.Constant) and isinstance(stmt.value.value, str)
