"""``with`` over objects of the program's classes, as CPython's documented expansion.

``with m as x: BODY`` is checked and lowered as

    mgr = m; x = mgr.__enter__(); hit = False
    try: BODY
    except BaseException as exc:
        hit = True
        if not mgr.__exit__(None, exc, None): raise
    finally:
        if not hit: mgr.__exit__(None, None, None)

(``with a, b:`` nests). CPython passes the exception's class and a traceback as the first and third
arguments of ``__exit__``; this subset has neither value, so they must be ``object`` parameters the
method never reads, and None stands for them unobservably. The hidden locals are named with an
``@``, which no program name can collide with.
"""
from __future__ import annotations

import ast as py_ast

from ..program import BOOL, NONE, ClassType, FuncSym, Type

EXIT_SIGNATURE = ("def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> bool "
                  "(or -> None), reading only exc")
CLEANUP_HELP = "call the setup and cleanup functions explicitly in try/finally"


def _find_method(ty: ClassType, name: str) -> FuncSym | None:
    info = ty.info
    while info is not None:
        if name in info.methods:
            return info.methods[name]
        info = info.base
    return None


def _name(ident: str, node: py_ast.AST, store: bool = False) -> py_ast.Name:
    return py_ast.copy_location(py_ast.Name(id=ident, ctx=py_ast.Store() if store else py_ast.Load()), node)


def _call(mgr: str, method: str, args: list[py_ast.expr], node: py_ast.AST) -> py_ast.Call:
    func = py_ast.Attribute(value=_name(mgr, node), attr=method, ctx=py_ast.Load())
    return py_ast.copy_location(py_ast.Call(func=py_ast.copy_location(func, node), args=args, keywords=[]), node)


def _none(node: py_ast.AST) -> py_ast.Constant:
    return py_ast.copy_location(py_ast.Constant(value=None), node)


def _reads(fn: FuncSym, param: str) -> bool:
    return any(isinstance(n, py_ast.Name) and n.id == param and not isinstance(n.ctx, py_ast.Store)
               for stmt in fn.node.body for n in py_ast.walk(stmt))


class WithChecks:
    """Mixed into the function checker."""

    with_counter = 0

    def stmt_With(self, stmt: py_ast.With) -> None:
        if len(stmt.items) > 1:  # with a, b: BODY  is  with a: with b: BODY
            inner = py_ast.copy_location(py_ast.With(items=stmt.items[1:], body=stmt.body), stmt.items[1].context_expr)
            stmt.items, stmt.body = stmt.items[:1], [inner]
        item = stmt.items[0]
        WithChecks.with_counter += 1
        mgr = f"with@mgr{WithChecks.with_counter}"
        self.local_names.add(mgr)
        bind = py_ast.copy_location(py_ast.Assign(targets=[_name(mgr, stmt, True)], value=item.context_expr), stmt)
        self.statement(bind)  # the manager evaluated once, first
        returns_bool = self.check_manager(item.context_expr, self.fn.locals[mgr])
        rest = self.with_expansion(stmt, item, mgr, returns_bool)
        stmt.expansion = [bind, *rest]
        self.block(rest)

    def check_manager(self, expr: py_ast.expr, ty: Type) -> bool:
        """The manager's class defines __enter__ and a supported __exit__; whether __exit__ returns a bool."""
        if not isinstance(ty, ClassType) or getattr(ty.info, "module", None) is None \
                or ty.info.module.name.startswith("compiler."):
            raise self.fail(expr, f"'with' is only supported on objects of the program's classes, not {ty}",
                            CLEANUP_HELP)
        enter, exit_ = _find_method(ty, "__enter__"), _find_method(ty, "__exit__")
        if enter is None or exit_ is None:
            raise self.fail(expr, f"'with' needs a context manager: {ty} does not define __enter__ and __exit__",
                            "define both methods in the class")
        return self.check_exit_signature(expr, exit_)

    def check_exit_signature(self, expr: py_ast.expr, exit_: FuncSym) -> bool:
        params = exit_.params[1:]
        args = exit_.node.args
        shapes_ok = (len(params) == 3 and not args.vararg and not args.kwarg and not args.kwonlyargs
                     and str(params[0].ty) == "Any" and str(params[2].ty) == "Any"
                     and str(params[1].ty) == "BaseException | None" and exit_.result in (BOOL, NONE))
        if not shapes_ok:
            raise self.fail(expr, f"this __exit__ signature is not supported in 'with' (line {exit_.node.lineno})",
                            f"write {EXIT_SIGNATURE}")
        for index in (0, 2):
            if _reads(exit_, params[index].name):
                raise self.fail(expr, f"__exit__ reads '{params[index].name}' (line {exit_.node.lineno}): CPython passes "
                                      "the exception's class and a traceback there, which this subset does not have",
                                "read only the exception argument, e.g. type(exc).__name__")
        return exit_.result == BOOL

    def with_expansion(self, stmt: py_ast.With, item: py_ast.withitem, mgr: str, returns_bool: bool) -> list[py_ast.stmt]:
        """What follows the manager's binding: __enter__, the try, its handler and finally."""
        n = WithChecks.with_counter
        hit, exc = f"with@hit{n}", f"with@exc{n}"
        self.local_names.add(hit)

        def at(node):
            return py_ast.copy_location(node, stmt)

        enter = _call(mgr, "__enter__", [], stmt)
        out: list[py_ast.stmt] = []
        body = list(stmt.body)
        target = item.optional_vars
        if target is None:
            out.append(at(py_ast.Expr(value=enter)))
        elif isinstance(target, py_ast.Name):  # cannot fail: bound before the try, as definitely assigned
            out.append(at(py_ast.Assign(targets=[target], value=enter)))
        else:  # an unpacking or a field store may raise: inside the try, as CPython has it
            value = f"with@value{n}"
            self.local_names.add(value)
            out.append(at(py_ast.Assign(targets=[_name(value, stmt, True)], value=enter)))
            body.insert(0, at(py_ast.Assign(targets=[target], value=_name(value, stmt))))
        out.append(at(py_ast.Assign(targets=[_name(hit, stmt, True)], value=at(py_ast.Constant(value=False)))))
        exit_with_exc = _call(mgr, "__exit__", [_none(stmt), _name(exc, stmt), _none(stmt)], stmt)
        reraise = at(py_ast.Raise(exc=None, cause=None))
        if returns_bool:
            on_exception = [at(py_ast.If(test=at(py_ast.UnaryOp(op=py_ast.Not(), operand=exit_with_exc)),
                                         body=[reraise], orelse=[]))]
        else:
            on_exception = [at(py_ast.Expr(value=exit_with_exc)), reraise]
        handler = at(py_ast.ExceptHandler(type=_name("BaseException", stmt), name=exc, body=[
            at(py_ast.Assign(targets=[_name(hit, stmt, True)], value=at(py_ast.Constant(value=True)))), *on_exception]))
        exit_normally = at(py_ast.Expr(value=_call(mgr, "__exit__", [_none(stmt), _none(stmt), _none(stmt)], stmt)))
        final = at(py_ast.If(test=at(py_ast.UnaryOp(op=py_ast.Not(), operand=_name(hit, stmt))),
                             body=[exit_normally], orelse=[]))
        out.append(at(py_ast.Try(body=body, handlers=[handler], orelse=[], finalbody=[final])))
        return out
